/** 5005 from another comune — the review step's sentence (kept apart from the fields: no React here). */
import { chiDi, dalGiorno } from './comuni';
import { indirizzoInParole } from './indirizzo';
import type { Valori5005AltroComune } from './m5005altroComune';

/** Who arrives, from which comune, into which family or address, from when. */
export function riepilogo5005AltroComune(v: Valori5005AltroComune): string {
  const chi = v.persone.map((p) => chiDi(p.soggetto)).join(', ') || 'Le persone indicate';
  const verbo = v.persone.length > 1 ? 'trasferiscono' : 'trasferisce';
  const da = v.provenienza.nomeComune.trim() ? ` dal comune di ${v.provenienza.nomeComune.trim().toUpperCase()}` : " da un altro comune";
  const dove = v.movimentazione === '3' ? `nella famiglia già residente ID ANPR ${v.idFamiglia.trim()}` : `in una nuova famiglia in ${indirizzoInParole(v.indirizzo)}`;
  return `${chi} ${verbo} la residenza${da} ${dove}${dalGiorno(v.dataDecorrenza)}.`;
}
