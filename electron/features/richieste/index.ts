/** Citizens' online requests (issue 15, read side): P001/P002 polling, local copy, archived files. */
export { createRichieste, finestre, sha256, GIORNI_FINESTRA, GIORNI_PRIMA_LETTURA, MAX_DETTAGLI_PER_LETTURA, type Richieste, type Timers, type EsitoLettura } from './richieste';
