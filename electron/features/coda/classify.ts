/**
 * What the queue does with an ANPR answer: a pure function of the outcome, so
 * it can be tested exhaustively and read in one place.
 */
import type { AnprOutcome, ErroreAnpr } from '../../anpr/outcome';

/**
 * ANPR refuses a NEW idOperazioneComune lower than the last it received
 * ("se non esiste ed è inferiore all'ultimo inviato, l'elaborazione termina
 * con errore", tipoDato.xsd). The official error lists publish no code for it
 * (EN240/EN389 also say "inferiore" but are about dataDecorrenza: NOT this);
 * the training simulator uses SX002. We match the code and, for the real
 * service, the wording of the XSD documentation.
 */
export const CODICI_ID_INFERIORE: ReadonlySet<string> = new Set(['SX002']);
const TESTO_ID_INFERIORE = /(idOperazioneComune|id\s*operazione|identificativo).*(inferiore|minore).*ultim/i;

export function isIdInferiore(e: ErroreAnpr): boolean {
  const codice = e.codice.trim().toUpperCase();
  if (codice === 'EN240' || codice === 'EN389') return false;
  return CODICI_ID_INFERIORE.has(codice) || TESTO_ID_INFERIORE.test(e.testo);
}

/** EN079: the id exists at ANPR for a different service: our id scheme collided. */
const ID_GIA_USATO = 'EN079';

export type Decisione =
  | { tipo: 'esito'; stato: 'accolta' | 'accolta_con_avvisi' | 'respinta'; idOperazioneANPR: string | null; errori: ErroreAnpr[]; messaggio: string }
  /** Proven never applied: the only case in which the pratica gets a new id. */
  | { tipo: 'id_inferiore'; errori: ErroreAnpr[]; messaggio: string }
  /** Retry later with the same id and payload. `incerto`: ANPR may have done it. */
  | { tipo: 'ritenta'; incerto: boolean; trasporto: boolean; errori: ErroreAnpr[]; messaggio: string }
  /** A person must act. `chiudi`: the submission is certainly not applied and may be closed. */
  | { tipo: 'intervento'; chiudi: boolean; errori: ErroreAnpr[]; messaggio: string };

function elenco(errori: ErroreAnpr[]): string {
  return errori.map((e) => `${e.codice} (${e.tipo}) ${e.testo}`.trim()).join('; ');
}

export function decidi(outcome: AnprOutcome, idOperazioneComune: string): Decisione {
  switch (outcome.kind) {
    case 'accolta':
    case 'accolta_con_avvisi': {
      if (outcome.idOperazioneComune && outcome.idOperazioneComune !== idOperazioneComune) {
        return {
          tipo: 'ritenta',
          incerto: true,
          trasporto: false,
          errori: [],
          messaggio: `La risposta di ANPR riguarda un altro identificativo (${outcome.idOperazioneComune}): l'esito verrà verificato.`,
        };
      }
      const idAnpr = outcome.idOperazioneANPR ?? null;
      const avvisi = outcome.kind === 'accolta_con_avvisi';
      return {
        tipo: 'esito',
        stato: outcome.kind,
        idOperazioneANPR: idAnpr,
        errori: outcome.anomalie,
        messaggio: avvisi
          ? `Pratica accolta da ANPR con avvisi${idAnpr ? ` (idOperazioneANPR ${idAnpr})` : ''}: ${elenco(outcome.anomalie)}`
          : `Pratica accolta da ANPR${idAnpr ? ` (idOperazioneANPR ${idAnpr})` : ''}.`,
      };
    }
    case 'respinta': {
      const errori = outcome.errori;
      if (errori.some(isIdInferiore)) {
        return {
          tipo: 'id_inferiore',
          errori,
          messaggio:
            "ANPR ha rifiutato l'identificativo perché inferiore all'ultimo ricevuto (un'altra postazione del comune ha inviato nel frattempo): " +
            "la pratica non è stata eseguita e verrà inviata di nuovo con un nuovo identificativo.",
        };
      }
      if (errori.some((e) => e.codice.trim().toUpperCase() === ID_GIA_USATO)) {
        return {
          tipo: 'intervento',
          chiudi: true,
          errori,
          messaggio:
            "ANPR segnala che l'identificativo dell'operazione è già stato usato per un altro servizio (EN079). " +
            "La pratica non è stata eseguita; verificare la configurazione della postazione prima di riprovare.",
        };
      }
      return {
        tipo: 'esito',
        stato: 'respinta',
        idOperazioneANPR: outcome.idOperazioneANPR ?? null,
        errori,
        messaggio: `ANPR ha respinto la pratica. Correggere i dati e inviarla di nuovo. Errori: ${elenco(errori)}`,
      };
    }
    case 'soap_fault': {
      const policy = /policy/i.test(outcome.faultstring) || /client/i.test(outcome.faultcode) || /from client/i.test(outcome.faultstring);
      if (policy) {
        // Refused before the application layer; nothing applied. The same id stays
        // reserved (the submission is kept open) so the retry after the fix is safe.
        return { tipo: 'intervento', chiudi: false, errori: [], messaggio: outcome.messaggio };
      }
      // "Internal error (from server)" has hidden a success before (anpr#1058): uncertain.
      return { tipo: 'ritenta', incerto: true, trasporto: true, errori: [], messaggio: outcome.messaggio };
    }
    case 'non_consegnata':
      if (outcome.causa === 'configurazione' || outcome.causa === 'certificato_server_non_attendibile') {
        return { tipo: 'intervento', chiudi: false, errori: [], messaggio: outcome.messaggio };
      }
      return { tipo: 'ritenta', incerto: false, trasporto: true, errori: [], messaggio: outcome.messaggio };
    case 'esito_sconosciuto':
      return {
        tipo: 'ritenta',
        incerto: true,
        trasporto: outcome.causa === 'timeout' || outcome.causa === 'connessione_interrotta' || outcome.causa === 'http_5xx',
        errori: outcome.errori ?? [],
        messaggio: outcome.messaggio,
      };
  }
}
