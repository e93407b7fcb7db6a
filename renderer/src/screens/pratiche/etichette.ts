/** Italian labels of the pratiche screen: services, states, queue states. */
import type { StatoPratica } from '../../../../shared/ipc/contract';
import { TITOLI_SERVIZIO } from '../../../../shared/anpr/servizi';

/** One label per service, the same words as the form's title (TITOLI_SERVIZIO). */
export const SERVIZI: Readonly<Record<string, string>> = TITOLI_SERVIZIO;

export const STATI: Record<StatoPratica, { testo: string; classe: string }> = {
  bozza: { testo: 'Bozza', classe: 'stato--bozza' },
  pronta: { testo: "Pronta per l'invio", classe: 'stato--pronta' },
  in_invio: { testo: 'In invio', classe: 'stato--invio' },
  accolta: { testo: 'Accolta', classe: 'stato--accolta' },
  accolta_con_avvisi: { testo: 'Accolta con avvisi', classe: 'stato--avvisi' },
  respinta: { testo: 'Respinta', classe: 'stato--respinta' },
  esito_incerto: { testo: 'Esito da verificare', classe: 'stato--incerto' },
  richiede_intervento: { testo: 'Richiede intervento', classe: 'stato--intervento' },
};

export const FILTRI: { id: string; etichetta: string; stati: StatoPratica[] | null }[] = [
  { id: 'tutte', etichetta: 'Tutte', stati: null },
  { id: 'lavorare', etichetta: 'Da lavorare', stati: ['bozza', 'respinta', 'richiede_intervento'] },
  { id: 'coda', etichetta: 'In coda', stati: ['pronta', 'in_invio', 'esito_incerto'] },
  { id: 'accolte', etichetta: 'Accolte', stati: ['accolta', 'accolta_con_avvisi'] },
  { id: 'respinte', etichetta: 'Respinte', stati: ['respinta'] },
];

export const STATI_MODIFICABILI: readonly StatoPratica[] = ['bozza', 'pronta', 'respinta', 'richiede_intervento'];
export const STATI_ACCOLTI: readonly StatoPratica[] = ['accolta', 'accolta_con_avvisi'];
