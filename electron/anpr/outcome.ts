/**
 * One result type for every ANPR call. The queue (issue 5) decides what to
 * do from `kind` alone; the clerk sees `messaggio` (Italian); the log gets
 * `dettaglio` (English, precise, never personal data).
 */

/** One entry of ANPR's `listaErrori` / `listaAnomalie` / `erroriAnomalie`. */
export interface ErroreAnpr {
  codice: string;
  /** `E` blocking, `W` warning (ANPR may send other letters; kept as-is). */
  tipo: string;
  testo: string;
  oggetto?: string;
  campo?: string;
  valore?: string;
}

export interface TestataEsito {
  idOperazioneComune: string;
  /** Always text: it passed 2^31 in 2025. */
  idOperazioneANPR?: string;
  /** `2` OK, `3` KO, `4` annullata, `6` OK with warnings, `XXXX` on KO. */
  esitoOperazione?: string;
}

export type AnprOutcome<T = unknown> =
  | ({ kind: 'accolta'; value: T; anomalie: ErroreAnpr[] } & TestataEsito)
  | ({ kind: 'accolta_con_avvisi'; value: T; anomalie: ErroreAnpr[] } & TestataEsito)
  | ({ kind: 'respinta'; errori: ErroreAnpr[] } & TestataEsito)
  | {
      kind: 'soap_fault';
      faultcode: string;
      faultstring: string;
      /** Italian explanation for the clerk (IP whitelist, clock, certificate…). */
      messaggio: string;
      dettaglio: string;
    }
  | {
      /** Certainly not delivered: safe to retry, nothing happened at ANPR. */
      kind: 'non_consegnata';
      causa: 'dns' | 'connessione_rifiutata' | 'tls' | 'certificato_server_non_attendibile' | 'configurazione';
      messaggio: string;
      dettaglio: string;
    }
  | {
      /** The request may have been processed: reconcile with the same id. */
      kind: 'esito_sconosciuto';
      causa:
        | 'timeout'
        | 'connessione_interrotta'
        | 'http_5xx'
        | 'errore_generico_999'
        | 'in_elaborazione_en148'
        | 'risposta_malformata'
        | 'risposta_troppo_grande';
      messaggio: string;
      dettaglio: string;
      httpStatus?: number;
      errori?: ErroreAnpr[];
      idOperazioneComune?: string;
    };

export type AnprOutcomeKind = AnprOutcome['kind'];

/** Transport and ambiguous outcomes are retried with the same idOperazioneComune. */
export function isRetryable(outcome: AnprOutcome): boolean {
  return outcome.kind === 'non_consegnata' || outcome.kind === 'esito_sconosciuto';
}
