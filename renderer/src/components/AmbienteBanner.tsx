import type { TipoAmbiente } from '../../../shared/ipc/contract';

const TESTI: Record<TipoAmbiente, string> = {
  SIMULATORE: 'Ambiente di prova – simulatore ANPR locale: nessun dato reale, nessun effetto su ANPR',
  TEST: 'Ambiente di TEST ANPR – le operazioni non hanno valore legale',
  PRODUZIONE: 'PRODUZIONE – le operazioni modificano l\'anagrafe nazionale',
};

/** The environment, on every screen, impossible to overlook. */
export function AmbienteBanner({ tipo }: { tipo: TipoAmbiente }) {
  return (
    <div className={`ambiente-banner ambiente-banner--${tipo}`} role="status" data-testid="ambiente-banner">
      {TESTI[tipo]}
    </div>
  );
}
