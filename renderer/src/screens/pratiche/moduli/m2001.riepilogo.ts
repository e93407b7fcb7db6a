/** 2001 — the review step's sentence (kept apart from the fields: no React here). */
import { chiDi, dalGiorno, luogoDi } from './comuni';
import type { Valori2001 } from './m2001';

/** The review step's sentence: who died, when and where, and the new head when the head of the family died. */
export function riepilogo2001(v: Valori2001): string {
  const presunta = v.motivo === '2';
  const luogo = luogoDi(v.luogo);
  const evento = presunta
    ? `per morte presunta dichiarata con sentenza del ${v.sentenza.data.trim()}`
    : `per morte${v.dataMorte.trim() ? ` avvenuta il ${v.dataMorte.trim()}` : ''}${luogo ? ` a ${luogo}` : ''}`;
  const intestatario = v.ruoloSoggetto === '1' && (v.nuovoIntestatario.cognome.trim() || v.nuovoIntestatario.codiceFiscale.trim()) ? `; nuovo intestatario della famiglia: ${chiDi(v.nuovoIntestatario)}` : '';
  return `Si cancella dall'anagrafe ${chiDi(v.soggetto)} ${evento}${intestatario}${dalGiorno(v.dataDecorrenza)}.`;
}
