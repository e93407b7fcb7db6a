import type { FonteDati as Fonte } from '../../../../shared/ipc/contract';
import { formatDataOraEstesa } from '../../format';

/** Where the data shown come from: ANPR now, or the local copy (never certifiable). */
export function FonteDati({ fonte }: { fonte: Fonte }) {
  if (fonte.fonte === 'locale') {
    return (
      <div className="fonte-dati fonte-dati--locale" role="status" data-testid="fonte-dati">
        <strong>Dati locali al {formatDataOraEstesa(fonte.lettoIl)}, non certificabili.</strong>
        {fonte.avviso && <span className="d-block">{fonte.avviso}</span>}
      </div>
    );
  }
  return (
    <p className="fonte-dati fonte-dati--anpr" data-testid="fonte-dati">
      Dati letti da ANPR il {formatDataOraEstesa(fonte.lettoIl)}.
    </p>
  );
}
