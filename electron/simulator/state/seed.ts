/**
 * First start: fills the store with the deterministic synthetic population of
 * each served comune (population/generatePopulation). Later starts keep the
 * living state; a comune added to the config is seeded when first seen.
 * Each served comune also gets its stream of citizens' online requests.
 */
import type { IsoDate } from '../../../shared/domain/date-it';
import { generatePopulation } from '../population';
import { seedRichieste } from '../richieste/genera';
import type { SimStore } from './store';

/** Known CAPs for comuni the training mode uses (ANPR tables carry none). */
const CAP_NOTI: Record<string, string> = { '056003': '01022', '056059': '01100', '058091': '00100' };

export interface SeedOptions {
  comuni: readonly string[];
  size: number;
  seed: number | string;
  referenceDate: IsoDate;
  cap?: Record<string, string>;
  quotaAnomalie?: number;
  /** Also the stream of citizens' online requests (P000) of each comune (default true; false for comuni not served). */
  richieste?: boolean;
}

/** Seeds every comune not yet seeded; returns the comuni seeded now. */
export function seedPopulation(store: SimStore, opts: SeedOptions): string[] {
  const done: string[] = [];
  for (const istat of opts.comuni) {
    if (store.isSeeded(istat)) continue;
    const pop = generatePopulation({
      comuneIstat: istat,
      size: opts.size,
      seed: opts.comuni.length === 1 ? opts.seed : `${opts.seed}:${istat}`,
      referenceDate: opts.referenceDate,
      cap: opts.cap?.[istat] ?? CAP_NOTI[istat] ?? '00000',
      ...(opts.quotaAnomalie !== undefined ? { quotaAnomalie: opts.quotaAnomalie } : {}),
    });
    const ind = (id: string): string => `${istat}-${id}`;
    store.transaction(() => {
      for (const i of pop.indirizzi) store.putIndirizzo({ ...i, id: ind(i.id), cap: i.cap ?? opts.cap?.[istat] ?? CAP_NOTI[istat] ?? '00000' });
      for (const f of pop.famiglie) store.putScheda({ ...f, indirizzoId: ind(f.indirizzoId), comuneIstat: istat, attiva: true });
      for (const c of pop.convivenze) store.putScheda({ ...c, indirizzoId: ind(c.indirizzoId), comuneIstat: istat, attiva: true });
      for (const p of pop.persone) {
        store.putPersona({ ...p, indirizzoId: ind(p.indirizzoId), comuneIstat: istat, stato: 'residente', ultimaDecorrenza: p.dataDecorrenzaResidenza });
      }
      store.setMeta(`seeded:${istat}`, JSON.stringify({ size: opts.size, seed: opts.seed, referenceDate: opts.referenceDate, persone: pop.persone.length }));
    });
    done.push(istat);
  }
  // Requests are seeded on their own marker, so a state seeded before they existed gets them too.
  if (opts.richieste !== false) {
    for (const istat of opts.comuni) store.transaction(() => seedRichieste(store, istat, opts.comuni.length === 1 ? opts.seed : `${opts.seed}:${istat}`, opts.referenceDate));
  }
  return done;
}
