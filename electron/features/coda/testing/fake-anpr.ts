/**
 * In-memory fake of ANPR's idempotency semantics, for the queue's tests:
 * - a known idOperazioneComune replays the stored answer (OK or KO);
 * - a new id lower than the last received is refused (SX002, as the simulator);
 * - per subject, a dataDecorrenza earlier than the last applied one is refused (EN240);
 * - faults: drop before/after commit, 500, 999 (+EN527), EN148, malformed, policy, down,
 *   and "crash" (the caller's process dies before or after ANPR commits).
 * Bodies carry `<pratica>`, `<soggetto>` and `<esito>KO</esito>` markers.
 */
import type { AnprOutcome, ErroreAnpr } from '../../../anpr/outcome';
import type { ServiceCode } from '../../../anpr/services/registry';
import { compareIdOperazione, composeId } from '../id-operazione';
import type { Lookup3003Fn, SendFn, SendResult } from '../types';

export type FaultKind =
  | 'ok'
  | 'caduta_prima'
  | 'caduta_dopo'
  | 'http500'
  | 'errore999'
  | 'en148'
  | 'xml_malformato'
  | 'rifiuto_policy'
  | 'anpr_fermo'
  | 'crash_prima'
  | 'crash_dopo'
  | 'altra_postazione'
  /** The workstation clock steps back 10 minutes (then the call goes through). */
  | 'orologio_indietro';

export interface Registrazione {
  id: string;
  servizio: string;
  pratica: string;
  outcome: AnprOutcome;
  /** An effect in the population (OK answers only). */
  effetto: boolean;
  soggetto: string | null;
  dataDecorrenza: string | null;
}

const tag = (xml: string, name: string): string | null => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? null;

export function createFakeAnpr(opts: { now: () => Date; nextFault?: () => FaultKind; stepClock?: (ms: number) => void }) {
  let lastId: string | undefined;
  const registro = new Map<string, Registrazione>();
  /** Every id our workstation sent, at its first send (incl. lost and refused ones, and 3003 ids). */
  const nuoviId: string[] = [];
  const visti = new Set<string>();
  const primoInvio = (id: string): void => {
    if (!visti.has(id)) {
      visti.add(id);
      nuoviId.push(id);
    }
  };
  /** New ids ANPR accepted for processing (not refused as lower), in order. */
  const accettati: string[] = [];
  /** Every call (id, pratica, fault) in order. */
  const chiamate: { id: string; pratica: string | null; fault: FaultKind; corpo: string }[] = [];
  const effetti: Registrazione[] = [];
  const ultimaDecorrenza = new Map<string, string>();
  let idAnpr = 2_147_483_700n; // past 2^31, as in 2025
  let crashed: (() => void) | undefined;
  let counter = 0;

  const ex = (request: string, sentAt: string, response?: string, httpStatus?: number) => ({
    request,
    sentAt,
    elapsedMs: 1,
    ...(response !== undefined ? { response: Buffer.from(response) } : {}),
    ...(httpStatus !== undefined ? { httpStatus } : {}),
  });

  function processa(servizio: string, body: string, id: string): AnprOutcome {
    const known = registro.get(id);
    if (known) {
      if (known.servizio !== servizio) {
        return { kind: 'respinta', errori: [{ codice: 'EN079', tipo: 'E', testo: "id operazione comune gia' presente per un servizio diverso" }], idOperazioneComune: id };
      }
      return known.outcome; // replay
    }
    if (lastId !== undefined && compareIdOperazione(id, lastId) < 0) {
      const e: ErroreAnpr = { codice: 'SX002', tipo: 'E', testo: `idOperazioneComune ${id} inferiore all'ultimo inviato dal comune (${lastId})` };
      return { kind: 'respinta', errori: [e], idOperazioneComune: id, esitoOperazione: 'XXXX' };
    }
    lastId = id;
    accettati.push(id);
    const pratica = tag(body, 'pratica') ?? '?';
    const soggetto = tag(body, 'soggetto');
    const dd = tag(body, 'dataDecorrenza');
    const bodyId = tag(body, 'idOperazioneComune');
    let outcome: AnprOutcome;
    if (bodyId !== id) throw new Error(`body id ${bodyId} differs from header id ${id}`);
    const prev = soggetto ? ultimaDecorrenza.get(soggetto) : undefined;
    if (tag(body, 'esito') === 'KO') {
      outcome = { kind: 'respinta', errori: [{ codice: 'EN122', tipo: 'E', testo: 'La richiesta effettuata non produce alcun risultato' }], idOperazioneComune: id, esitoOperazione: '3' };
    } else if (soggetto && dd && prev && dd < prev) {
      outcome = { kind: 'respinta', errori: [{ codice: 'EN240', tipo: 'E', testo: `La data decorrenza dell'operazione non puo' essere inferiore alla data decorrenza dell'ultima operazione effettuata sul soggetto ${prev}` }], idOperazioneComune: id };
    } else {
      idAnpr++;
      outcome = {
        kind: 'accolta',
        value: { soggettiVariati: soggetto ? [{ idANPR: soggetto, residenza: [] }] : [] },
        anomalie: [],
        idOperazioneComune: id,
        idOperazioneANPR: String(idAnpr),
        esitoOperazione: '2',
      };
      if (soggetto && dd) ultimaDecorrenza.set(soggetto, dd);
    }
    const r: Registrazione = { id, servizio, pratica, outcome, effetto: outcome.kind === 'accolta', soggetto, dataDecorrenza: dd };
    registro.set(id, r);
    if (r.effetto) effetti.push(r);
    return outcome;
  }

  const send: SendFn = async (service: ServiceCode, bodyXml: string, id: string): Promise<SendResult> => {
    await Promise.resolve();
    const fault = opts.nextFault?.() ?? 'ok';
    const sentAt = opts.now().toISOString();
    chiamate.push({ id, pratica: tag(bodyXml, 'pratica'), fault, corpo: bodyXml });
    primoInvio(id);
    const sconosciuto = (causa: 'timeout' | 'http_5xx' | 'errore_generico_999' | 'in_elaborazione_en148' | 'risposta_malformata', errori?: ErroreAnpr[]): AnprOutcome => ({
      kind: 'esito_sconosciuto',
      causa,
      messaggio: `esito sconosciuto (${causa})`,
      dettaglio: causa,
      ...(errori ? { errori } : {}),
    });
    switch (fault) {
      case 'altra_postazione': {
        // Another workstation of the comune sent a higher id just before us.
        const ms = opts.now().getTime() + 1 + (counter++ % 7) * 1_500;
        const other = composeId(ms, '9998');
        if (lastId === undefined || compareIdOperazione(other, lastId) > 0) lastId = other;
        break;
      }
      case 'caduta_prima':
      case 'anpr_fermo':
        return { outcome: { kind: 'non_consegnata', causa: 'connessione_rifiutata', messaggio: 'ANPR non raggiungibile', dettaglio: 'ECONNREFUSED' }, exchange: ex(bodyXml, sentAt) };
      case 'rifiuto_policy':
        return {
          outcome: { kind: 'soap_fault', faultcode: 'soap:Client', faultstring: 'Rejected by policy. (from client)', messaggio: 'ANPR ha rifiutato la richiesta per motivi di sicurezza ("Rejected by policy").', dettaglio: 'policy' },
          exchange: ex(bodyXml, sentAt, '<Fault/>', 500),
        };
      case 'crash_prima':
        return new Promise<SendResult>(() => crashed?.());
      case 'crash_dopo':
        processa(service, bodyXml, id);
        return new Promise<SendResult>(() => crashed?.());
      case 'orologio_indietro':
        opts.stepClock?.(-600_000);
        break;
      default:
        break;
    }
    const before999 = fault === 'errore999' && registro.has(id) === false && (counter++ % 2 === 0);
    if (before999) {
      return { outcome: sconosciuto('errore_generico_999', [{ codice: '999', tipo: 'E', testo: 'Operazione non effettuabile' }, { codice: 'EN527', tipo: 'E', testo: 'Informazioni sull\'operazione' }]), exchange: ex(bodyXml, sentAt, '<KO/>', 200) };
    }
    const outcome = processa(service, bodyXml, id);
    switch (fault) {
      case 'caduta_dopo':
        return { outcome: sconosciuto('timeout'), exchange: ex(bodyXml, sentAt) };
      case 'http500':
        return { outcome: sconosciuto('http_5xx'), exchange: ex(bodyXml, sentAt, 'Internal Server Error', 500) };
      case 'errore999':
        return { outcome: sconosciuto('errore_generico_999', [{ codice: '999', tipo: 'E', testo: 'Operazione non effettuabile' }, { codice: 'EN527', tipo: 'E', testo: 'Informazioni' }]), exchange: ex(bodyXml, sentAt, '<KO/>', 200) };
      case 'en148':
        return { outcome: sconosciuto('in_elaborazione_en148', [{ codice: 'EN148', tipo: 'E', testo: 'in elaborazione' }]), exchange: ex(bodyXml, sentAt, '<KO/>', 200) };
      case 'xml_malformato':
        return { outcome: sconosciuto('risposta_malformata'), exchange: ex(bodyXml, sentAt, '<broken', 200) };
      default:
        return { outcome, exchange: ex(bodyXml, sentAt, '<OK/>', 200) };
    }
  };

  const lookup3003: Lookup3003Fn = async ({ idOperazioneComune, idRichiesta }) => {
    await Promise.resolve();
    const fault = opts.nextFault?.() ?? 'ok';
    primoInvio(idRichiesta);
    if (fault === 'crash_prima' || fault === 'crash_dopo') return new Promise(() => crashed?.());
    if (fault === 'anpr_fermo' || fault === 'caduta_prima') return { kind: 'non_disponibile', messaggio: 'ANPR non raggiungibile' };
    // The 3003 request is itself a new id for ANPR.
    if (lastId === undefined || compareIdOperazione(idRichiesta, lastId) > 0) {
      lastId = idRichiesta;
      accettati.push(idRichiesta);
    }
    const r = registro.get(idOperazioneComune);
    return r ? { kind: 'trovata', outcome: r.outcome } : { kind: 'non_trovata' };
  };

  return {
    send,
    lookup3003,
    registro,
    nuoviId,
    accettati,
    chiamate,
    effetti,
    /** Called when a crash fault fires (the test then "kills" the process). */
    onCrash(f: () => void) {
      crashed = f;
    },
    get lastId() {
      return lastId;
    },
  };
}

export type FakeAnpr = ReturnType<typeof createFakeAnpr>;

/** A `Richiesta<CODE>` body for the fake, carrying the markers it reads. */
export function corpoFinto(servizio: string, pratica: string, opts: { soggetto?: string; ko?: boolean } = {}): string {
  const ns = servizio.startsWith('1') ? '1000iscrizione' : servizio.startsWith('2') ? '2000cancellazione' : '5000mutazione';
  return (
    `<ns2:Richiesta${servizio} xmlns:ns2="http://sogei.it/ANPR/${ns}"><testataRichiesta/>` +
    `<pratica>${pratica}</pratica>${opts.soggetto ? `<soggetto>${opts.soggetto}</soggetto>` : ''}${opts.ko ? '<esito>KO</esito>' : ''}</ns2:Richiesta${servizio}>`
  );
}
