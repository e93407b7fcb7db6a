/**
 * Certificate expiry on the home screen: the comune's (and postazione's)
 * certificate expiring within 30 days, expired, or missing outside training.
 */
import { useEffect, useState } from 'react';
import { Alert } from 'design-react-kit';
import type { InfoCertificato, TipoAmbiente } from '../../../shared/ipc/contract';
import { bridge, unwrap } from '../bridge';
import { formatData } from '../format';

const NOMI = { comune: 'del comune', postazione: 'della postazione' } as const;

export function AvvisoCertificati({ ambiente }: { ambiente: TipoAmbiente }) {
  const [certificati, setCertificati] = useState<{ comune: InfoCertificato | null; postazione: InfoCertificato | null } | null>(null);
  useEffect(() => {
    if (!bridge) return;
    unwrap(bridge.certificati.elenco()).then(setCertificati, () => setCertificati(null));
  }, []);
  if (!certificati) return null;
  const avvisi: { colore: 'danger' | 'warning'; testo: string }[] = [];
  for (const tipo of ['comune', 'postazione'] as const) {
    const c = certificati[tipo];
    if (!c) continue;
    if (c.daysToExpiry < 0) avvisi.push({ colore: 'danger', testo: `Il certificato ${NOMI[tipo]} (${c.commonName}) è scaduto il ${formatData(c.notAfter)}: ANPR rifiuterà le richieste. Importare quello nuovo in Impostazioni.` });
    else if (c.expiryWarning) avvisi.push({ colore: 'warning', testo: `Il certificato ${NOMI[tipo]} (${c.commonName}) scade il ${formatData(c.notAfter)}, tra ${c.daysToExpiry} giorni: richiedere il rinnovo.` });
  }
  if (ambiente !== 'SIMULATORE' && !certificati.comune) {
    avvisi.push({ colore: 'danger', testo: 'Nessun certificato del comune importato: le richieste ad ANPR non possono essere firmate. Importarlo in Impostazioni.' });
  }
  if (avvisi.length === 0) return null;
  return (
    <div data-testid="avviso-certificati">
      {avvisi.map((a) => (
        <Alert key={a.testo} color={a.colore}>
          {a.testo}
        </Alert>
      ))}
    </div>
  );
}
