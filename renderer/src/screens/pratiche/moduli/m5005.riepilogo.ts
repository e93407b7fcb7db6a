/** 5005 — the review step's sentence (kept apart from the fields: no React here). */
import { chiDi, dalGiorno } from './comuni';
import { indirizzoInParole } from './indirizzo';
import type { ContestoModulo } from './tipi';
import type { Valori5005 } from './m5005';

/** Who moves, with how many, where, from when. */
export function riepilogo5005(v: Valori5005, c: ContestoModulo): string {
  const n = c.soggetto?.componentiFamiglia;
  const famiglia = n && n > 1 ? `con la sua famiglia di ${n} persone` : n === 1 ? 'da solo (famiglia di una persona)' : `con la sua famiglia (ID ANPR ${v.idFamigliaConvivenzaANPR.trim()})`;
  const chi = c.soggetto?.cognome ? chiDi(c.soggetto) : `La famiglia ID ANPR ${v.idFamigliaConvivenzaANPR.trim()}`;
  const verbo = v.tipoMutazione === '3' ? 'trasferisce la dimora abituale' : v.tipoMutazione === '4' ? 'elegge domicilio' : v.tipoMutazione === '1' ? 'è registrato senza fissa dimora' : 'trasferisce la residenza';
  const dove = indirizzoInParole(v.indirizzo);
  return c.soggetto?.cognome ? `${chi} ${verbo}, ${famiglia}, in ${dove}${dalGiorno(v.dataDecorrenza)}.` : `${chi} ${verbo} in ${dove}${dalGiorno(v.dataDecorrenza)}.`;
}
