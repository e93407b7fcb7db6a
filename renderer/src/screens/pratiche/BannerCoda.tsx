/**
 * The state of the queue in one line: paused, offline, ANPR unreachable,
 * blocked by an uncertain submission… with pause / resume. Live from the
 * `coda.stato` event.
 */
import { useEffect, useState } from 'react';
import { Button } from 'design-react-kit';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { bridge, unwrap } from '../../bridge';
import { messaggioErrore } from '../../format';
import { MessaggioErrore } from '../../components/ErroreConfigurazione';

type StatoCoda = ResponseOf<'coda.stato'>;

const TESTI: Record<StatoCoda['stato'], { titolo: string; classe: string }> = {
  inattiva: { titolo: 'Coda attiva: nessuna pratica in attesa di invio', classe: 'banner-coda--ok' },
  in_invio: { titolo: 'Invio ad ANPR in corso', classe: 'banner-coda--info' },
  in_attesa: { titolo: "In attesa di verificare l'esito di un invio", classe: 'banner-coda--attenzione' },
  in_pausa: { titolo: 'Invio sospeso', classe: 'banner-coda--attenzione' },
  offline: { titolo: 'Nessuna connessione di rete', classe: 'banner-coda--errore' },
  anpr_non_raggiungibile: { titolo: 'ANPR non raggiungibile', classe: 'banner-coda--errore' },
  bloccata: { titolo: 'Coda ferma: un invio richiede intervento', classe: 'banner-coda--errore' },
};

export function BannerCoda({ puoModificare }: { puoModificare: boolean }) {
  const [stato, setStato] = useState<StatoCoda | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [erroreCoda, setErroreCoda] = useState<unknown>(null);

  useEffect(() => {
    if (!bridge) return;
    void unwrap(bridge.coda.stato()).then(setStato).catch((e: unknown) => setErroreCoda(e));
    return bridge.eventi.coda.stato(setStato);
  }, []);

  if (!stato) {
    // Without the queue (e.g. no certificate in TEST) say why nothing can be sent.
    return erroreCoda === null ? null : (
      <div className="banner-coda banner-coda--errore" role="status" data-testid="banner-coda" data-stato="non_disponibile">
        <div className="banner-coda__testo">
          <strong>Invio ad ANPR non possibile</strong>
          <span className="banner-coda__messaggio">
            {' '}
            — <MessaggioErrore errore={erroreCoda} />
          </span>
        </div>
      </div>
    );
  }
  const t = TESTI[stato.stato];
  const cambia = async (azione: 'pausa' | 'riprendi') => {
    if (!bridge) return;
    try {
      setStato(await unwrap(azione === 'pausa' ? bridge.coda.pausa() : bridge.coda.riprendi()));
      setErrore(null);
    } catch (e) {
      setErrore(messaggioErrore(e));
    }
  };
  return (
    <div className={`banner-coda ${t.classe}`} role="status" aria-live="polite" data-testid="banner-coda" data-stato={stato.stato}>
      <div className="banner-coda__testo">
        <strong>{t.titolo}</strong>
        {stato.messaggio && <span className="banner-coda__messaggio"> — {stato.messaggio}</span>}
        {errore && <span className="banner-coda__messaggio"> — {errore}</span>}
      </div>
      {puoModificare &&
        (stato.stato === 'in_pausa' ? (
          <Button color="primary" size="xs" onClick={() => void cambia('riprendi')}>
            Riprendi l&apos;invio
          </Button>
        ) : (
          <Button color="primary" size="xs" outline onClick={() => void cambia('pausa')}>
            Sospendi l&apos;invio
          </Button>
        ))}
    </div>
  );
}
