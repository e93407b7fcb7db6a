/**
 * The pratica state machine. Every state change in the repository goes
 * through {@link assertTransition}; the property tests check the same table.
 *
 *   bozza ─valida─▶ pronta ─(tx: id allocato)─▶ in_invio ─▶ accolta | accolta_con_avvisi | respinta
 *   in_invio ─esito ambiguo─▶ esito_incerto ─riconciliazione─▶ esito finale
 *   in_invio | esito_incerto ─id inferiore─▶ pronta (mai eseguita: nuovo id al prossimo invio)
 *   * ─problema che richiede una persona─▶ richiede_intervento ─riprova─▶ esito_incerto | pronta
 *   respinta ─modifica─▶ bozza (nuova revisione, nuovo invio con nuovo id)
 */
import { StatoPraticaSchema } from '../../../shared/ipc/domains/schemas';
import type { StatoPratica } from './types';

/** The states, in lifecycle order: one list, shared with the IPC contract. */
export const STATI: readonly StatoPratica[] = StatoPraticaSchema.options;

export const STATI_FINALI: ReadonlySet<StatoPratica> = new Set(['accolta', 'accolta_con_avvisi', 'respinta']);
export const STATI_ACCOLTI: ReadonlySet<StatoPratica> = new Set(['accolta', 'accolta_con_avvisi']);
/** States that carry ANPR's answer (what the listeners of `pratiche.cambiata` act on). */
export const STATI_CON_ESITO: ReadonlySet<string> = new Set(['accolta', 'accolta_con_avvisi', 'respinta', 'richiede_intervento']);

const T: Record<StatoPratica, readonly StatoPratica[]> = {
  bozza: ['bozza', 'pronta'],
  pronta: ['bozza', 'in_invio', 'richiede_intervento'],
  in_invio: ['in_invio', 'accolta', 'accolta_con_avvisi', 'respinta', 'esito_incerto', 'pronta', 'richiede_intervento'],
  esito_incerto: ['esito_incerto', 'in_invio', 'accolta', 'accolta_con_avvisi', 'respinta', 'pronta', 'richiede_intervento'],
  richiede_intervento: ['esito_incerto', 'in_invio', 'pronta', 'bozza', 'accolta', 'accolta_con_avvisi', 'respinta'],
  respinta: ['bozza'],
  accolta: [],
  accolta_con_avvisi: [],
};

export function canTransition(from: StatoPratica, to: StatoPratica): boolean {
  return T[from].includes(to);
}

export class TransizioneNonAmmessa extends Error {
  constructor(
    readonly da: StatoPratica,
    readonly a: StatoPratica,
  ) {
    super(`Transizione non ammessa: ${da} → ${a}`);
    this.name = 'TransizioneNonAmmessa';
  }
}

export function assertTransition(from: StatoPratica, to: StatoPratica): void {
  if (!canTransition(from, to)) throw new TransizioneNonAmmessa(from, to);
}

export function isFinale(s: StatoPratica): boolean {
  return STATI_FINALI.has(s);
}

/** Italian label for the clerk. */
export const ETICHETTE_STATO: Record<StatoPratica, string> = {
  bozza: 'Bozza',
  pronta: 'Pronta per l\'invio',
  in_invio: 'In invio',
  accolta: 'Accolta',
  accolta_con_avvisi: 'Accolta con avvisi',
  respinta: 'Respinta',
  esito_incerto: 'Esito incerto',
  richiede_intervento: 'Richiede intervento',
};
