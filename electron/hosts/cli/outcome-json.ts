import type { AnprCallResult } from '../../anpr/client';

/** The one JSON object `anpr send` and `anpr test-connection` print. */
export function outcomeToJson(result: AnprCallResult, idOperazioneComune: string): Record<string, unknown> {
  const { outcome } = result;
  const errori =
    'errori' in outcome && outcome.errori
      ? outcome.errori
      : 'anomalie' in outcome
        ? outcome.anomalie
        : [];
  return {
    esito: outcome.kind,
    esitoOperazione: 'esitoOperazione' in outcome ? (outcome.esitoOperazione ?? null) : null,
    idOperazioneComune,
    idOperazioneANPR: 'idOperazioneANPR' in outcome ? (outcome.idOperazioneANPR ?? null) : null,
    errori: errori.map((errore) => ({
      codice: errore.codice,
      tipo: errore.tipo,
      testo: errore.testo,
      ...(errore.campo ? { campo: errore.campo } : {}),
      ...(errore.valore ? { valore: errore.valore } : {}),
    })),
    ...('messaggio' in outcome ? { messaggio: outcome.messaggio } : {}),
    ...('value' in outcome ? { risposta: outcome.value } : {}),
    httpStatus: result.exchange.httpStatus ?? null,
    durataMs: result.exchange.elapsedMs,
    ...(result.avvisoOrologio ? { avvisoOrologio: result.avvisoOrologio } : {}),
  };
}

/** Outcomes where nothing useful came back: the command fails with one line. */
export function isFailure(result: AnprCallResult): boolean {
  const kind = result.outcome.kind;
  return kind === 'non_consegnata' || kind === 'esito_sconosciuto' || kind === 'soap_fault';
}

export function failureLine(result: AnprCallResult): string {
  const outcome = result.outcome;
  const message =
    'messaggio' in outcome
      ? outcome.messaggio
      : 'errori' in outcome
        ? `ANPR ha respinto la richiesta: ${outcome.errori.map((errore) => `${errore.codice} ${errore.testo}`).join('; ')}`
        : outcome.kind;
  return `${message} [${outcome.kind}${'causa' in outcome ? `/${outcome.causa}` : ''}, idOperazioneComune ${result.exchange.idOperazioneComune}]`;
}
