import type { Db } from '../../platform/db/database';
import { StatoPraticaSchema, type ConteggiCoda } from '../../../shared/ipc/contract';

/** Number of pratiche in each state, zero-filled. */
export function contaPratichePerStato(db: Db): ConteggiCoda {
  const counts = Object.fromEntries(StatoPraticaSchema.options.map((stato) => [stato, 0])) as ConteggiCoda;
  const rows = db.prepare<[], { stato: keyof ConteggiCoda; n: number }>(
    'SELECT stato, COUNT(*) AS n FROM pratiche GROUP BY stato',
  ).all();
  for (const row of rows) counts[row.stato] = row.n;
  return counts;
}
