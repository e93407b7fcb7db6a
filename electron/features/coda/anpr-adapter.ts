/**
 * Binds the queue to the real ANPR client (electron/anpr/client.ts):
 * - {@link sendFnFromClient}: one call per attempt; the frozen body's
 *   dataOraRichiesta is passed back so every retry is byte-identical in its
 *   Body (only the WS-Security header is fresh, as it must be);
 * - {@link lookup3003FromClient}: 3003 `ricercaSingolaRichiesta` by
 *   idOperazioneComune; the original answer (xmlRisposta) is parsed back into
 *   an AnprOutcome of the original service.
 */
import type { AnprClient } from '../../anpr/client';
import type { AnprOutcome } from '../../anpr/outcome';
import { buildRichiesta3003 } from '../../anpr/services/builders';
import { parseResponse } from '../../anpr/services/parse-response';
import type { ServiceCode } from '../../anpr/services/registry';
import type { Exchange, Lookup3003Fn, Lookup3003Result, SendFn } from './types';

type ClientLike = Pick<AnprClient, 'call'>;

function exchangeOf(x: { request: string; response?: Buffer; httpStatus?: number; sentAt: string; elapsedMs: number }): Exchange {
  return {
    request: x.request,
    sentAt: x.sentAt,
    elapsedMs: x.elapsedMs,
    ...(x.response ? { response: x.response } : {}),
    ...(x.httpStatus !== undefined ? { httpStatus: x.httpStatus } : {}),
  };
}

export function sendFnFromClient(client: ClientLike): SendFn {
  return async (service, bodyXml, idOperazioneComune) => {
    const dataOra = /<dataOraRichiesta>([^<]+)<\/dataOraRichiesta>/.exec(bodyXml)?.[1];
    const r = await client.call(service, bodyXml, { idOperazioneComune, ...(dataOra ? { testata: { dataOraRichiesta: dataOra } } : {}) });
    return { outcome: r.outcome as AnprOutcome, exchange: exchangeOf(r.exchange) };
  };
}

/** Tabella 44 statoLavorazione: 1 in elaborazione, 2 OK, 3 KO, 4 annullata, 6 OK con avvisi. */
export function lookup3003FromClient(client: ClientLike, cfg: { comune: string; codDestinatario: string; ambiente: string }): Lookup3003Fn {
  return async ({ service, idOperazioneComune, idRichiesta }): Promise<Lookup3003Result> => {
    const body = buildRichiesta3003({
      testata: { idOperazioneComune: idRichiesta, codMittente: cfg.comune, codDestinatario: cfg.codDestinatario, dataOraRichiesta: new Date(), tipoOperazione: 'C', tipoInvio: cfg.ambiente },
      ricercaSingolaRichiesta: { idOperazioneComune, tipoOperazione: '1' },
    });
    const r = await client.call('3003', body, { idOperazioneComune: idRichiesta });
    const exchange = exchangeOf(r.exchange);
    const o = r.outcome;
    if (o.kind === 'respinta') {
      // EN122: "La richiesta effettuata non produce alcun risultato".
      if (o.errori.some((e) => e.codice === 'EN122')) return { kind: 'non_trovata', exchange };
      return { kind: 'non_disponibile', messaggio: o.errori.map((e) => `${e.codice} ${e.testo}`).join('; '), exchange };
    }
    if (o.kind !== 'accolta' && o.kind !== 'accolta_con_avvisi') return { kind: 'non_disponibile', messaggio: o.messaggio, exchange };
    const item = o.value.elencoRisposte[0];
    if (!item) return { kind: 'non_trovata', exchange };
    if (item.statoLavorazione === '1') return { kind: 'in_elaborazione', exchange };
    if (!item.xmlRisposta) return { kind: 'non_disponibile', messaggio: '3003 senza xmlRisposta', exchange };
    const xml = item.xmlRisposta.includes('Envelope') ? item.xmlRisposta : `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${item.xmlRisposta.replace(/^<\?xml[^>]*\?>/, '')}</soap:Body></soap:Envelope>`;
    const outcome = parseResponse(service as ServiceCode, xml) as AnprOutcome;
    if (outcome.kind === 'esito_sconosciuto') return { kind: 'non_disponibile', messaggio: outcome.messaggio, exchange };
    return { kind: 'trovata', outcome, exchange };
  };
}
