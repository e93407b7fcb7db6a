/**
 * The offline queue of pratiche and its dispatcher (issue 5).
 *
 * Exactly-once on top of ANPR's idempotency:
 *  1. one transaction allocates idOperazioneComune, freezes the request body
 *     and moves the pratica to *in invio*; it commits before the first byte;
 *  2. every retry sends the same body with the same id (ANPR replays);
 *  3. at most one submission is open per environment (partial unique index),
 *     so ids reach ANPR in increasing order and an uncertain one blocks the
 *     queue until it is reconciled (resend the same id, then 3003);
 *  4. only a "lower than last" refusal (proof it was never applied) closes a
 *     submission without an outcome and lets the pratica get a new id.
 */
import type { AnprOutcome } from '../../anpr/outcome';
import type { ServiceCode } from '../../anpr/services/registry';
import { validateRequestBody } from '../../anpr/xsd/validate';
import type { Logger } from '../../platform/logger';
import { backoffMs, createCircuitBreaker } from './backoff';
import { decidi, type Decisione } from './classify';
import { avanzamentoDopoRifiuto, suffissoPostazione } from './id-operazione';
import { BozzaPayloadSchema, costruisciCorpo, PAYLOAD_SCHEMA_VERSION, validaPayload, type EsitoValidazione } from './payload';
import { ETICHETTE_STATO, STATI_ACCOLTI } from './states';
import { createStore, metadatiRow, sha256, toPratica, uuidv7, type InvioRow, type PraticaRow } from './store';
import type { DrainSummary, NuovaPratica, Pratica, QueueEvent, QueueOptions, SendResult, StatoCoda, StatoPratica } from './types';

export class QueueError extends Error {
  constructor(
    message: string,
    readonly codice: 'NON_TROVATA' | 'STATO_NON_VALIDO' | 'NON_VALIDA',
  ) {
    super(message);
    this.name = 'QueueError';
  }
}

type Step =
  | { kind: 'lavoro'; stato?: StatoPratica }
  | { kind: 'vuota' }
  | { kind: 'pausa' }
  | { kind: 'bloccata'; messaggio: string }
  | { kind: 'attesa'; ms: number; stato: StatoCoda; messaggio: string };

export interface Queue {
  /** Saves a draft (always possible, even incomplete). Returns the pratica id. */
  salvaBozza(p: NuovaPratica): string;
  /** Replaces a draft's payload/metadata; a *respinta* or *pronta* pratica goes back to *bozza* (a new submission later gets a new id). */
  modifica(id: string, p: Partial<Omit<NuovaPratica, 'servizio'>>, operatore?: string): Pratica;
  /** bozza → pronta after zod + XSD validation. */
  rendiPronta(id: string, operatore?: string): Promise<EsitoValidazione>;
  /** The same checks as rendiPronta, without marking it pronta (the clerk has not confirmed yet). */
  verifica(id: string): Promise<EsitoValidazione>;
  /** salvaBozza + rendiPronta; throws QueueError NON_VALIDA with every problem. */
  aggiungi(p: NuovaPratica): Promise<string>;
  /** Discards a pratica that was never applied (bozza, pronta, respinta, or richiede intervento with no open submission). */
  scarta(id: string, operatore?: string): Pratica;
  /** A person says: try again (same id if a submission is open, new one otherwise). */
  riprova(id: string, operatore?: string): Pratica;
  get(id: string): Pratica | undefined;
  /** Oldest first; `richiesta`: only the pratiche of that citizen's online request (migration 0014). */
  list(filtro?: { stati?: StatoPratica[]; richiesta?: string }): Pratica[];
  /** Every submission of a pratica (id history), oldest first. */
  invii(id: string): InvioRow[];
  conteggi(): Record<StatoPratica, number>;
  /** Sends until nothing is sendable; waits for retries at most `maxAttesaMs` (default: forever). */
  drain(opts?: { maxAttesaMs?: number }): Promise<DrainSummary>;
  /** Background dispatcher for the app (drain forever, woken by new work). */
  start(): void;
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
  /** False while a request is on the wire (the app must not quit then). */
  canQuit(): { ok: boolean; messaggio: string | null };
  /** Resolves when no request is on the wire. */
  waitIdle(): Promise<void>;
  subscribe(listener: (e: QueueEvent) => void): () => void;
  /** Records a 3002 answer in the local copy of a subject's data. */
  registraInterrogazione(soggettoKey: string, dati: unknown, ids: { idOperazioneComune?: string; idOperazioneANPR?: string; idANPR?: string }): void;
  /** Deletes archived exchanges older than the retention; returns how many. */
  pulisciArchivio(): number;
  /** Submission in flight or uncertain blocking the queue, if any. */
  invioAperto(): InvioRow | undefined;
  /** True while the queue is paused by an operator. */
  inPausa(): boolean;
  /**
   * "Verifica ora in ANPR": asks 3003 now about the submission blocking the
   * queue. A finding with an outcome is applied; otherwise the same id is due
   * again at once. Null when nothing blocks the queue.
   */
  verificaOra(operatore?: string): Promise<{ praticaId: string; stato: StatoPratica; trovata: boolean; messaggio: string } | null>;
  /**
   * The ufficiale closes the blocking submission by hand, with what they saw
   * in ANPR's web application (accolta or respinta), audited with their note.
   */
  risolviAMano(id: string, esito: 'accolta' | 'respinta', dati: { nota: string; idOperazioneANPR?: string }, operatore?: string): Pratica;
}

const FINE_VUOTA = 'Nessuna pratica da inviare.';

/** The queue's message while ANPR cannot be reached (shown after the state's label). */
const ATTESA_ANPR = 'Nuovo tentativo automatico tra poco, con lo stesso identificativo: le pratiche restano in coda.';

export function createQueue(opts: QueueOptions): Queue {
  const { db, clock, ambiente, comune } = opts;
  const store = createStore(db);
  const ultimaPronta = db.prepare(
    "SELECT operatore FROM audit_log WHERE pratica_id = ? AND azione IN ('pronta', 'riprova_nuovo_invio') ORDER BY id DESC LIMIT 1",
  );
  /**
   * The operator who last made the pratica ready (or asked for a new send): the one who acted, whoever is
   * signed in when the dispatcher sends it. Null for pratiche made ready before the audit knew.
   */
  function chiLhaResaPronta(praticaId: string): string | null {
    return (ultimaPronta.get(praticaId) as { operatore: string } | undefined)?.operatore ?? null;
  }
  /** The operator for the dispatcher's own audit rows about a pratica. */
  const autoreDi = (praticaId: string): string => chiLhaResaPronta(praticaId) ?? opts.operatore;

  const log: Logger | undefined = opts.logger?.child('coda');
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const isOnline = opts.isOnline ?? (() => true);
  const validateXml = opts.validateXml === undefined ? validateRequestBody : opts.validateXml;
  const maxRetryMs = opts.maxRetryMs ?? 24 * 3_600_000;
  const maxIdInferiori = opts.maxIdInferiori ?? 5;
  const suffisso = suffissoPostazione(opts.postazione, opts.suffissoPostazione);
  const circuito = createCircuitBreaker(opts.circuito);
  const listeners = new Set<(e: QueueEvent) => void>();

  // The allocation transaction must survive a power cut, or a pratica whose
  // id was already sent could get a second one: full fsync on commit.
  db.pragma('synchronous = FULL');

  let paused = false;
  let inFlight = false;
  let idleWaiters: (() => void)[] = [];
  let running = false;
  let loopDone: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let statoCoda: StatoCoda = 'inattiva';

  const nowIso = (): string => clock.now().toISOString();
  const nowMs = (): number => clock.now().getTime();

  const emit = (e: QueueEvent): void => {
    for (const l of listeners) {
      try {
        l(e);
      } catch (error) {
        log?.warn('queue listener failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  const emitPratica = (row: PraticaRow): void =>
    emit({
      tipo: 'pratica',
      praticaId: row.id,
      stato: row.stato,
      idOperazioneComune: row.id_operazione_comune,
      idOperazioneANPR: row.id_operazione_anpr,
      messaggio: row.messaggio,
    });
  const setStatoCoda = (stato: StatoCoda, messaggio: string | null): void => {
    statoCoda = stato;
    emit({ tipo: 'coda', stato, messaggio, conteggi: store.conteggi() });
  };
  // A wake-up that comes while the dispatcher is in a step (not waiting yet) is kept, not lost.
  let svegliaInSospeso = false;
  const svegliati = (): void => {
    const w = wake;
    wake = undefined;
    if (w) w();
    else svegliaInSospeso = true;
  };

  const mustGet = (id: string): PraticaRow => {
    const row = store.getPratica(id);
    if (!row) throw new QueueError('Pratica non trovata.', 'NON_TROVATA');
    return row;
  };

  // ------------------------------------------------------------ start-up recovery
  // A submission left "on the wire" by a crash is uncertain: it will be
  // reconciled (same id, then 3003) before anything else is sent.
  db.transaction(() => {
    const open = store.openInvio(ambiente);
    if (!open) return;
    const p = store.getPratica(open.pratica_id);
    if (!p) return;
    const crashed = open.ultimo_errore === 'invio_in_corso' || open.tentativi === 0;
    if (crashed && (p.stato === 'in_invio' || p.stato === 'esito_incerto')) {
      const row = store.transizione(p.id, 'esito_incerto', nowIso(), {
        messaggio: "L'invio è stato interrotto (chiusura imprevista del programma): l'esito verrà verificato con lo stesso identificativo prima di qualsiasi altro invio.",
      });
      store.aggiornaInvio(open.id, { prossimo_tentativo: nowIso(), ultimo_errore: 'interrotto' });
      store.audit({ quando: nowIso(), operatore: autoreDi(p.id), azione: 'riconciliazione_avvio', pratica_id: p.id, id_operazione_comune: open.id_operazione_comune });
      log?.warn('interrupted submission found at start-up', { pratica: p.id, idOperazioneComune: open.id_operazione_comune });
      emitPratica(row);
    }
  })();

  // ------------------------------------------------------------ drafting

  /** The row of a new draft (not written yet) and who drafts it. */
  function nuovaBozza(p: NuovaPratica): { row: Parameters<typeof store.inserisci>[0]; operatore: string } {
    const formato = p.formato ?? 'dati';
    const payload = formato === 'xml' && typeof p.payload === 'string' ? { xml: p.payload } : (p.payload ?? {});
    const parsed = BozzaPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new QueueError('Il contenuto della bozza deve essere un oggetto.', 'NON_VALIDA');
    const now = nowIso();
    const operatore = p.operatore ?? opts.operatore;
    return {
      operatore,
      row: {
        id: uuidv7(nowMs()),
        servizio: p.servizio,
        stato: 'bozza',
        payload_json: JSON.stringify(payload),
        schema_version: PAYLOAD_SCHEMA_VERSION,
        creata: now,
        aggiornata: now,
        ambiente,
        formato,
        soggetto_key: p.soggettoKey ?? null,
        data_decorrenza: p.dataDecorrenza ?? null,
        protocollo: p.protocollo ?? null,
        data_protocollo: p.dataProtocollo ?? null,
        scadenza: p.scadenza ?? null,
        operatore,
        ...metadatiRow(p.metadati),
      },
    };
  }

  function inserisciBozza(b: ReturnType<typeof nuovaBozza>): void {
    store.inserisci(b.row);
    store.audit({ quando: b.row.creata, operatore: b.operatore, azione: 'bozza_creata', pratica_id: b.row.id, dettaglio: `servizio ${b.row.servizio}` });
  }

  function salvaBozza(p: NuovaPratica): string {
    const b = nuovaBozza(p);
    db.transaction(() => inserisciBozza(b))();
    emitPratica(mustGet(b.row.id));
    return b.row.id;
  }

  function modifica(id: string, p: Partial<Omit<NuovaPratica, 'servizio'>>, operatore = opts.operatore): Pratica {
    const row = db.transaction(() => {
      const cur = mustGet(id);
      const open = store.invii(id).some((i) => i.aperto === 1);
      const modificabile = cur.stato === 'bozza' || cur.stato === 'pronta' || cur.stato === 'respinta' || (cur.stato === 'richiede_intervento' && !open);
      if (!modificabile || cur.scartata) {
        throw new QueueError('La pratica non è modificabile: è in invio o già accolta da ANPR.', 'STATO_NON_VALIDO');
      }
      const formato = p.formato ?? cur.formato;
      const payload = p.payload === undefined ? undefined : formato === 'xml' && typeof p.payload === 'string' ? { xml: p.payload } : p.payload;
      const fields: Record<string, unknown> = {
        formato,
        payload_json: payload === undefined ? cur.payload_json : JSON.stringify(payload),
        soggetto_key: p.soggettoKey ?? cur.soggetto_key,
        data_decorrenza: p.dataDecorrenza ?? cur.data_decorrenza,
        protocollo: p.protocollo ?? cur.protocollo,
        data_protocollo: p.dataProtocollo ?? cur.data_protocollo,
        scadenza: p.scadenza ?? cur.scadenza,
        // Editing a refused pratica makes a new submission (new revision, new id).
        revisione: cur.stato === 'bozza' ? cur.revisione : cur.revisione + 1,
        ...metadatiRow(p.metadati, cur),
        id: cur.id,
      };
      db.prepare(
        `UPDATE pratiche SET formato = @formato, payload_json = @payload_json, soggetto_key = @soggetto_key, data_decorrenza = @data_decorrenza,
           protocollo = @protocollo, data_protocollo = @data_protocollo, scadenza = @scadenza, revisione = @revisione,
           valori_modulo_json = @valori_modulo_json, variante = @variante, annulla_pratica_id = @annulla_pratica_id, annulla_json = @annulla_json,
           avviata_per = @avviata_per, seguito_di_json = @seguito_di_json, richiesta_json = @richiesta_json WHERE id = @id`,
      ).run(fields);
      const next = store.transizione(id, 'bozza', nowIso(), { messaggio: null, id_operazione_comune: null, id_operazione_anpr: null });
      store.audit({ quando: nowIso(), operatore, azione: 'bozza_modificata', pratica_id: id, dettaglio: `revisione ${String(fields.revisione)}` });
      return next;
    })();
    emitPratica(row);
    return toPratica(row);
  }

  /** The official checks on a draft (zod, the body that would be sent, XSD): nothing changes, it stays bozza. */
  async function verifica(id: string): Promise<EsitoValidazione> {
    return controlla(mustGet(id));
  }

  async function controlla(cur: ReturnType<typeof mustGet>): Promise<EsitoValidazione> {
    const payload = JSON.parse(cur.payload_json) as unknown;
    const servizio = cur.servizio as ServiceCode;
    const esito = validaPayload(servizio, cur.formato, payload);
    if (!esito.ok) return esito;
    let corpo: string;
    try {
      // Same body as the real submission, with a placeholder id.
      corpo = costruisciCorpo(servizio, cur.formato, payload, testata('1', clock.now(), cur));
    } catch (error) {
      return { ok: false, problemi: [`Impossibile costruire la richiesta: ${error instanceof Error ? error.message : String(error)}`] };
    }
    if (validateXml) {
      const xsd = await validateXml(corpo, servizio);
      if (!xsd.valid) return { ok: false, problemi: xsd.errors.map((e) => (e.line ? `riga ${e.line}: ${e.message}` : e.message)) };
    }
    return { ok: true };
  }

  async function rendiPronta(id: string, operatore = opts.operatore): Promise<EsitoValidazione> {
    const cur = mustGet(id);
    if (cur.stato !== 'bozza') throw new QueueError('Solo una bozza può diventare pronta per l\'invio.', 'STATO_NON_VALIDO');
    const esito = await controlla(cur);
    if (!esito.ok) return esito;
    const row = db.transaction(() => {
      const again = mustGet(id);
      if (again.stato !== 'bozza' || again.payload_json !== cur.payload_json) {
        throw new QueueError('La bozza è stata modificata durante la verifica: riprovare.', 'STATO_NON_VALIDO');
      }
      const r = store.transizione(id, 'pronta', nowIso(), { messaggio: 'Pronta per l\'invio ad ANPR.', errori_json: null });
      store.audit({ quando: nowIso(), operatore, azione: 'pronta', pratica_id: id });
      return r;
    })();
    emitPratica(row);
    svegliati();
    return { ok: true };
  }

  /**
   * Draft and ready in one transaction (one fsync): the checks run on the row
   * before it is written; a pratica that fails them is still saved as a draft.
   */
  async function aggiungi(p: NuovaPratica): Promise<string> {
    const b = nuovaBozza(p);
    const esito = await controlla({ ...b.row, id_operazione_comune: null, id_operazione_anpr: null, revisione: 1, errori_json: null, messaggio: null, scartata: null });
    if (!esito.ok) {
      db.transaction(() => inserisciBozza(b))();
      emitPratica(mustGet(b.row.id));
      throw new QueueError(`Pratica salvata come bozza ma non valida:\n${esito.problemi.map((x) => `- ${x}`).join('\n')}`, 'NON_VALIDA');
    }
    const id = b.row.id;
    const row = db.transaction(() => {
      inserisciBozza(b);
      const bozza = mustGet(id);
      const r = store.transizione(id, 'pronta', nowIso(), { messaggio: 'Pronta per l\'invio ad ANPR.', errori_json: null });
      store.audit({ quando: nowIso(), operatore: b.operatore, azione: 'pronta', pratica_id: id });
      return { bozza, r };
    })();
    emitPratica(row.bozza);
    emitPratica(row.r);
    svegliati();
    return id;
  }

  function scarta(id: string, operatore = opts.operatore): Pratica {
    const row = db.transaction(() => {
      const cur = mustGet(id);
      const open = store.invii(id).some((i) => i.aperto === 1);
      const ok = cur.stato === 'bozza' || cur.stato === 'pronta' || cur.stato === 'respinta' || (cur.stato === 'richiede_intervento' && !open);
      if (!ok) throw new QueueError('Si può scartare solo una pratica mai eseguita da ANPR e non in invio.', 'STATO_NON_VALIDO');
      db.prepare('UPDATE pratiche SET scartata = ?, aggiornata = ? WHERE id = ?').run(nowIso(), nowIso(), id);
      store.audit({ quando: nowIso(), operatore, azione: 'scartata', pratica_id: id });
      return mustGet(id);
    })();
    emitPratica(row);
    svegliati();
    return toPratica(row);
  }

  function riprova(id: string, operatore = opts.operatore): Pratica {
    const row = db.transaction(() => {
      const cur = mustGet(id);
      if (cur.stato !== 'richiede_intervento') throw new QueueError('Solo una pratica che richiede intervento può essere ritentata.', 'STATO_NON_VALIDO');
      const open = store.invii(id).find((i) => i.aperto === 1);
      if (open) {
        // Same id, same body: a fresh retry window.
        store.aggiornaInvio(open.id, { prossimo_tentativo: nowIso(), primo_invio: nowIso(), tentativi_incerti: 0 });
        store.audit({ quando: nowIso(), operatore, azione: 'riprova_stesso_id', pratica_id: id, id_operazione_comune: open.id_operazione_comune });
        return store.transizione(id, 'esito_incerto', nowIso(), { messaggio: 'Nuovo tentativo richiesto dall\'operatore, con lo stesso identificativo.' });
      }
      store.audit({ quando: nowIso(), operatore, azione: 'riprova_nuovo_invio', pratica_id: id });
      return store.transizione(id, 'pronta', nowIso(), { messaggio: 'Nuovo invio richiesto dall\'operatore.', id_operazione_comune: null });
    })();
    emitPratica(row);
    svegliati();
    return toPratica(row);
  }

  // ------------------------------------------------------------ sending

  function testata(idOperazioneComune: string, at: Date, p: PraticaRow) {
    return {
      idOperazioneComune,
      codMittente: comune,
      codDestinatario: opts.codDestinatario,
      tipoInvio: ambiente,
      dataOraRichiesta: at,
      protocolloComune: p.protocollo ?? undefined,
      dataProtocolloComune: p.data_protocollo ?? undefined,
      dataDecorrenza: p.data_decorrenza ?? undefined,
      nomeApplicativo: opts.applicativo?.nome,
      versioneApplicativo: opts.applicativo?.versione,
      fornitoreApplicativo: opts.applicativo?.fornitore,
    };
  }

  /** One transaction: id allocated, body frozen, pratica in invio, first attempt marked. Committed before the first byte. */
  function alloca(p: PraticaRow): InvioRow | { errore: string } {
    let corpo: string;
    const at = clock.now();
    return db.transaction((): InvioRow | { errore: string } => {
      const id = store.allocaId(ambiente, comune, suffisso, at.getTime());
      try {
        corpo = costruisciCorpo(p.servizio as ServiceCode, p.formato, JSON.parse(p.payload_json), testata(id, at, p));
      } catch (error) {
        // Nothing was sent: the id is simply skipped (ids need to increase, not be contiguous).
        const messaggio = `Impossibile costruire la richiesta: ${error instanceof Error ? error.message : String(error)}`;
        const row = store.transizione(p.id, 'richiede_intervento', at.toISOString(), { messaggio });
        store.audit({ quando: at.toISOString(), operatore: autoreDi(p.id), azione: 'costruzione_fallita', pratica_id: p.id });
        emitPratica(row);
        return { errore: messaggio };
      }
      const invioId = store.inserisciInvio({
        pratica_id: p.id,
        revisione: p.revisione,
        ambiente,
        id_operazione_comune: id,
        servizio: p.servizio,
        corpo_xml: corpo,
        corpo_sha256: sha256(corpo),
        allocato: at.toISOString(),
      });
      // The first attempt is marked in the same transaction (one fsync instead of two): a crash
      // from here on finds 'invio_in_corso' and reconciles the id before anything else is sent.
      store.aggiornaInvio(invioId, { tentativi: 1, primo_invio: at.toISOString(), ultimo_errore: 'invio_in_corso' });
      const row = store.transizione(p.id, 'in_invio', at.toISOString(), {
        id_operazione_comune: id,
        messaggio: 'Invio ad ANPR in corso.',
        errori_json: null,
      });
      store.audit({ quando: at.toISOString(), operatore: autoreDi(p.id), azione: 'id_allocato', pratica_id: p.id, id_operazione_comune: id });
      emitPratica(row);
      return store.invio(invioId)!;
    })();
  }

  async function sendSafe(invio: InvioRow): Promise<SendResult> {
    const started = nowIso();
    try {
      return await opts.send(invio.servizio as ServiceCode, invio.corpo_xml, invio.id_operazione_comune, { operatore: chiLhaResaPronta(invio.pratica_id) });
    } catch (error) {
      const dettaglio = error instanceof Error ? error.message : String(error);
      const outcome: AnprOutcome = {
        kind: 'esito_sconosciuto',
        causa: 'connessione_interrotta',
        messaggio: "Errore imprevisto durante l'invio: l'esito verrà verificato con lo stesso identificativo.",
        dettaglio,
      };
      return { outcome, exchange: { request: invio.corpo_xml, sentAt: started, elapsedMs: 0 } };
    }
  }

  function esitoLabel(o: AnprOutcome): string {
    return o.kind === 'non_consegnata' || o.kind === 'esito_sconosciuto' ? `${o.kind}:${o.causa}` : o.kind;
  }

  /** Applies ANPR's answer to the local copy of the subjects (never the draft). */
  function applicaSoggetti(p: PraticaRow, invio: InvioRow, outcome: AnprOutcome, at: string): void {
    if (outcome.kind !== 'accolta' && outcome.kind !== 'accolta_con_avvisi') return;
    const value = outcome.value as { soggettiVariati?: { idANPR?: string; generalitaAttuali?: { codiceFiscale?: string; idSchedaSoggettoANPR?: string } }[] } | undefined;
    const variati = Array.isArray(value?.soggettiVariati) ? value.soggettiVariati : [];
    for (const s of variati) {
      const idAnpr = s.idANPR ?? s.generalitaAttuali?.idSchedaSoggettoANPR;
      const key = idAnpr ? `ANPR:${idAnpr}` : s.generalitaAttuali?.codiceFiscale ? `CF:${s.generalitaAttuali.codiceFiscale}` : p.soggetto_key;
      if (!key) continue;
      store.salvaSoggetto({
        soggetto_key: key,
        id_anpr: idAnpr ?? null,
        dati_json: JSON.stringify(s),
        fonte: 'risposta_registrazione',
        servizio: p.servizio,
        id_operazione_comune: invio.id_operazione_comune,
        id_operazione_anpr: outcome.idOperazioneANPR ?? null,
        pratica_id: p.id,
        aggiornato: at,
      });
    }
  }

  /** The submission allocated in the previous result's transaction, not sent yet. */
  let preallocato: number | undefined;
  /** drain() calls in progress (the background loop counts through `running`). */
  let drenaggi = 0;

  /**
   * Drain fast path (issue 14): once an outcome has closed the open submission, the next
   * pratica's allocation (id, frozen body, first attempt marked) commits in the same
   * transaction as that outcome: one fsync instead of two, still committed before its first
   * byte. Only while the dispatcher goes on at once (a drain or the loop running, not paused,
   * online, circuit closed); the next step sends it without another commit. A failure here
   * rolls back only its own savepoint, never the outcome.
   */
  function preallocaProssima(): void {
    if (paused || !(running || drenaggi > 0) || gate()) return;
    const next = store.prossima(ambiente);
    if (!next) return;
    try {
      const invio = alloca(next);
      if (!('errore' in invio)) preallocato = invio.id;
    } catch (error) {
      log?.warn('next allocation with the outcome failed: it will get its own transaction', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Records the answer (or a 3003 finding) in one transaction. Returns the decision taken. */
  function registra(invio: InvioRow, res: SendResult | undefined, outcome: AnprOutcome, fonte: 'invio' | '3003'): Decisione {
    const d = decidi(outcome, invio.id_operazione_comune);
    const at = nowIso();
    const row = db.transaction(() => {
      const r = ((): PraticaRow => {
        const cur = store.invio(invio.id)!;
        const p = mustGet(invio.pratica_id);
        const idAnpr = d.tipo === 'esito' ? d.idOperazioneANPR : null;
        if (res) {
          store.archivia({
            pratica_id: p.id,
            invio_id: invio.id,
            servizio: invio.servizio,
            id_operazione_comune: invio.id_operazione_comune,
            id_operazione_anpr: idAnpr,
            esito: esitoLabel(outcome),
            exchange: res.exchange,
          });
        }
        const errori_json = d.errori.length ? JSON.stringify(d.errori) : null;
        const base = { tentativi_incerti: cur.tentativi_incerti + (d.tipo === 'ritenta' && d.incerto ? 1 : 0), ultimo_errore: esitoLabel(outcome) };
        switch (d.tipo) {
          case 'esito': {
            store.aggiornaInvio(invio.id, { ...base, aperto: 0, chiusura: 'esito', esito: d.stato, id_operazione_anpr: idAnpr, chiuso: at, prossimo_tentativo: null });
            const r = store.transizione(p.id, d.stato, at, { messaggio: d.messaggio, errori_json, id_operazione_anpr: idAnpr });
            if (STATI_ACCOLTI.has(d.stato)) applicaSoggetti(p, invio, outcome, at);
            store.audit({ quando: at, operatore: autoreDi(p.id), azione: `esito_${d.stato}${fonte === '3003' ? '_da_3003' : ''}`, pratica_id: p.id, id_operazione_comune: invio.id_operazione_comune, id_operazione_anpr: idAnpr, dettaglio: d.errori.map((e) => e.codice).join(',') || null });
            return r;
          }
          case 'id_inferiore': {
            store.aggiornaInvio(invio.id, { ...base, aperto: 0, chiusura: 'id_inferiore', esito: 'id_inferiore', chiuso: at, prossimo_tentativo: null });
            const rifiuti = store.invii(p.id).filter((i) => i.chiusura === 'id_inferiore').length;
            const testi = d.errori.flatMap((e) => [e.testo, e.valore ?? '']);
            const ultimo = store.ultimoMs(ambiente, comune) ?? 0;
            store.avanzaSequenza(ambiente, comune, avanzamentoDopoRifiuto(testi, ultimo, rifiuti));
            store.audit({ quando: at, operatore: autoreDi(p.id), azione: 'id_inferiore', pratica_id: p.id, id_operazione_comune: invio.id_operazione_comune });
            if (rifiuti >= maxIdInferiori) {
              return store.transizione(p.id, 'richiede_intervento', at, {
                errori_json,
                messaggio: `ANPR ha rifiutato ${rifiuti} identificativi come inferiori all'ultimo ricevuto: verificare che l'orologio di questa postazione sia sincronizzato con quello delle altre postazioni del comune.`,
              });
            }
            return store.transizione(p.id, 'pronta', at, { errori_json, messaggio: d.messaggio, id_operazione_comune: null });
          }
          case 'intervento': {
            if (d.chiudi) store.aggiornaInvio(invio.id, { ...base, aperto: 0, chiusura: 'intervento', esito: 'intervento', chiuso: at, prossimo_tentativo: null });
            else store.aggiornaInvio(invio.id, { ...base, prossimo_tentativo: null });
            store.audit({ quando: at, operatore: autoreDi(p.id), azione: 'richiede_intervento', pratica_id: p.id, id_operazione_comune: invio.id_operazione_comune, dettaglio: esitoLabel(outcome) });
            return store.transizione(p.id, 'richiede_intervento', at, { messaggio: d.messaggio, errori_json });
          }
          case 'ritenta': {
            const primo = cur.primo_invio ?? at;
            if (nowMs() - Date.parse(primo) >= maxRetryMs) {
              store.aggiornaInvio(invio.id, { ...base, prossimo_tentativo: null });
              store.audit({ quando: at, operatore: autoreDi(p.id), azione: 'tentativi_esauriti', pratica_id: p.id, id_operazione_comune: invio.id_operazione_comune });
              return store.transizione(p.id, 'richiede_intervento', at, {
                errori_json,
                messaggio:
                  `Nessun esito certo da ANPR dopo ${Math.round(maxRetryMs / 3_600_000)} ore di tentativi (ultimo: ${d.messaggio}). ` +
                  "L'identificativo resta riservato a questa pratica e la coda è ferma: usare «Riprova» quando ANPR è di nuovo disponibile.",
              });
            }
            const attesa = backoffMs(cur.tentativi, opts.backoff);
            const quando = new Date(nowMs() + attesa).toISOString();
            store.aggiornaInvio(invio.id, { ...base, prossimo_tentativo: quando });
            const incerto = d.incerto || p.stato === 'esito_incerto';
            const stato: StatoPratica = incerto ? 'esito_incerto' : 'in_invio';
            const suffix = incerto
              ? ' La coda resta in attesa finché l\'esito non è chiarito (stesso identificativo, poi interrogazione 3003).'
              : ' Nuovo tentativo automatico con lo stesso identificativo.';
            // Not delivered: said once, in plain Italian; the transport detail (host, port, cause) goes to the log.
            const nonConsegnata = outcome.kind === 'non_consegnata';
            if (nonConsegnata) log?.warn('submission not delivered', { pratica: p.id, idOperazioneComune: invio.id_operazione_comune, dettaglio: d.messaggio });
            const messaggio = nonConsegnata ? 'ANPR non raggiungibile: la pratica non è stata consegnata.' : d.messaggio;
            return store.transizione(p.id, stato, at, { messaggio: messaggio + suffix, errori_json });
          }
        }
      })();
      // The next pratica's allocation rides on this commit (see preallocaProssima).
      if (fonte === 'invio' && d.tipo === 'esito') preallocaProssima();
      return r;
    })();
    if (d.tipo === 'ritenta' && d.trasporto) circuito.fallimento(nowMs());
    else circuito.successo();
    log?.info('submission result', { pratica: row.id, idOperazioneComune: invio.id_operazione_comune, esito: esitoLabel(outcome), stato: row.stato, fonte });
    emitPratica(row);
    return d;
  }

  /** Sends (or resends) the open submission once; then, if still uncertain, asks 3003. */
  async function tenta(invio: InvioRow, giaSegnato = false): Promise<StatoPratica> {
    // A fresh allocation has already marked its first attempt (same transaction); a resend marks its own.
    if (!giaSegnato) {
      db.transaction(() => {
        const cur = store.invio(invio.id)!;
        store.aggiornaInvio(invio.id, { tentativi: cur.tentativi + 1, primo_invio: cur.primo_invio ?? nowIso(), ultimo_errore: 'invio_in_corso' });
      })();
    }
    inFlight = true;
    try {
      const res = await sendSafe(invio);
      const d = registra(invio, res, res.outcome, 'invio');
      const cur = store.invio(invio.id)!;
      if (
        d.tipo === 'ritenta' &&
        d.incerto &&
        res.outcome.kind === 'esito_sconosciuto' &&
        opts.lookup3003 &&
        cur.aperto === 1 &&
        cur.tentativi >= 2 &&
        mustGet(invio.pratica_id).stato !== 'richiede_intervento'
      ) {
        await verifica3003(cur);
      }
      return mustGet(invio.pratica_id).stato;
    } finally {
      inFlight = false;
      const w = idleWaiters;
      idleWaiters = [];
      for (const f of w) f();
    }
  }

  /** Reconciliation step 2: ask ANPR (3003) what happened to this id. */
  async function verifica3003(invio: InvioRow): Promise<void> {
    const idRichiesta = db.transaction(() => {
      const id = store.allocaId(ambiente, comune, suffisso, nowMs());
      store.audit({ quando: nowIso(), operatore: autoreDi(invio.pratica_id), azione: 'verifica_3003', pratica_id: invio.pratica_id, id_operazione_comune: invio.id_operazione_comune, dettaglio: `richiesta 3003 ${id}` });
      return id;
    })();
    let r;
    try {
      r = await opts.lookup3003!({ service: invio.servizio as ServiceCode, idOperazioneComune: invio.id_operazione_comune, idRichiesta });
    } catch (error) {
      r = { kind: 'non_disponibile' as const, messaggio: error instanceof Error ? error.message : String(error) };
    }
    if (r.exchange) {
      store.archivia({ pratica_id: invio.pratica_id, invio_id: invio.id, servizio: '3003', id_operazione_comune: idRichiesta, id_operazione_anpr: null, esito: `3003:${r.kind}`, exchange: r.exchange });
    }
    log?.info('3003 lookup', { pratica: invio.pratica_id, idOperazioneComune: invio.id_operazione_comune, risultato: r.kind });
    if (r.kind === 'trovata') {
      const d = decidi(r.outcome, invio.id_operazione_comune);
      if (d.tipo === 'esito') registra(invio, undefined, r.outcome, '3003');
    }
  }

  function gate(): Step | undefined {
    if (!isOnline()) return { kind: 'attesa', ms: 5_000, stato: 'offline', messaggio: 'Nessuna connessione di rete: le pratiche restano in coda e verranno inviate appena possibile.' };
    const wait = circuito.attesaMs(nowMs());
    if (wait > 0) {
      // The state's own label already says "ANPR non raggiungibile": the message does not repeat it.
      return { kind: 'attesa', ms: wait, stato: 'anpr_non_raggiungibile', messaggio: ATTESA_ANPR };
    }
    return undefined;
  }

  async function step(): Promise<Step> {
    if (paused) return { kind: 'pausa' };
    const open = store.openInvio(ambiente);
    if (open && preallocato === open.id) {
      // Allocated (and marked) with the previous outcome: send it, no other commit first.
      const g = gate();
      if (g) return g;
      preallocato = undefined;
      setStatoCoda('in_invio', null);
      return { kind: 'lavoro', stato: await tenta(open, true) };
    }
    preallocato = undefined;
    if (open) {
      const p = mustGet(open.pratica_id);
      if (p.stato === 'richiede_intervento') {
        return { kind: 'bloccata', messaggio: `Coda ferma: la pratica ${p.id} richiede intervento. ${p.messaggio ?? ''}`.trim() };
      }
      const due = open.prossimo_tentativo ? Date.parse(open.prossimo_tentativo) - nowMs() : 0;
      if (due > 0) {
        return {
          kind: 'attesa',
          ms: due,
          stato: p.stato === 'esito_incerto' ? 'in_attesa' : 'anpr_non_raggiungibile',
          messaggio: p.stato === 'esito_incerto' ? (p.messaggio ?? 'In attesa del prossimo tentativo.') : ATTESA_ANPR,
        };
      }
      const g = gate();
      if (g) return g;
      setStatoCoda('in_invio', null);
      return { kind: 'lavoro', stato: await tenta(open) };
    }
    const next = store.prossima(ambiente);
    if (!next) return { kind: 'vuota' };
    const g = gate();
    if (g) return g;
    const invio = alloca(next);
    if ('errore' in invio) return { kind: 'lavoro', stato: 'richiede_intervento' };
    setStatoCoda('in_invio', null);
    return { kind: 'lavoro', stato: await tenta(invio, true) };
  }

  /** Serialises steps (drain and the background loop never overlap). */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  }

  async function drain(o: { maxAttesaMs?: number } = {}): Promise<DrainSummary> {
    const deadline = o.maxAttesaMs === undefined ? Infinity : nowMs() + o.maxAttesaMs;
    const summary: DrainSummary = { inviate: 0, esiti: {}, fine: 'vuota', messaggio: null };
    drenaggi++;
    try {
      return await drainLoop(deadline, summary);
    } finally {
      drenaggi--;
    }
  }

  async function drainLoop(deadline: number, summary: DrainSummary): Promise<DrainSummary> {
    for (;;) {
      const s = await exclusive(step);
      if (s.kind === 'lavoro') {
        summary.inviate++;
        if (s.stato) summary.esiti[s.stato] = (summary.esiti[s.stato] ?? 0) + 1;
        continue;
      }
      if (s.kind === 'vuota') {
        setStatoCoda('inattiva', FINE_VUOTA);
        return { ...summary, fine: 'vuota', messaggio: FINE_VUOTA };
      }
      if (s.kind === 'pausa') {
        setStatoCoda('in_pausa', 'Invio sospeso dall\'operatore.');
        return { ...summary, fine: 'in_pausa', messaggio: 'Invio sospeso dall\'operatore.' };
      }
      if (s.kind === 'bloccata') {
        setStatoCoda('bloccata', s.messaggio);
        return { ...summary, fine: 'bloccata', messaggio: s.messaggio };
      }
      setStatoCoda(s.stato, s.messaggio);
      if (nowMs() + s.ms > deadline) return { ...summary, fine: 'in_attesa', messaggio: s.messaggio };
      await sleep(s.ms);
    }
  }

  function start(): void {
    if (running) return;
    running = true;
    loopDone = (async () => {
      while (running) {
        let s: Step;
        try {
          s = await exclusive(step);
        } catch (error) {
          log?.error('dispatcher step failed', { error: error instanceof Error ? error.message : String(error) });
          s = { kind: 'attesa', ms: 5_000, stato: 'in_attesa', messaggio: 'Errore interno della coda: nuovo tentativo tra poco.' };
        }
        if (!running) break;
        if (s.kind === 'lavoro') continue;
        if (svegliaInSospeso) {
          svegliaInSospeso = false;
          continue;
        }
        const woken = new Promise<void>((r) => (wake = r));
        if (s.kind === 'attesa') {
          setStatoCoda(s.stato, s.messaggio);
          await Promise.race([sleep(s.ms), woken]);
        } else {
          setStatoCoda(s.kind === 'vuota' ? 'inattiva' : s.kind === 'pausa' ? 'in_pausa' : 'bloccata', s.kind === 'bloccata' ? s.messaggio : null);
          await woken;
        }
      }
    })();
  }

  const perRichiesta = db.prepare<[string], PraticaRow>("SELECT * FROM pratiche WHERE json_extract(richiesta_json, '$.codiceRichiesta') = ? ORDER BY creata, rowid");

  return {
    salvaBozza,
    modifica,
    rendiPronta,
    verifica,
    aggiungi,
    scarta,
    riprova,
    get: (id) => {
      const r = store.getPratica(id);
      return r ? toPratica(r) : undefined;
    },
    list(filtro = {}) {
      const rows = filtro.richiesta !== undefined ? perRichiesta.all(filtro.richiesta) : db.prepare<[], PraticaRow>('SELECT * FROM pratiche ORDER BY creata, rowid').all();
      return rows.filter((r) => !filtro.stati || filtro.stati.includes(r.stato)).map(toPratica);
    },
    invii: (id) => store.invii(id),
    conteggi: () => store.conteggi(),
    drain,
    start,
    async stop() {
      running = false;
      svegliati();
      await loopDone;
      await this.waitIdle();
    },
    pause() {
      paused = true;
      setStatoCoda('in_pausa', 'Invio sospeso dall\'operatore.');
    },
    resume() {
      paused = false;
      setStatoCoda(statoCoda === 'in_pausa' ? 'inattiva' : statoCoda, null);
      svegliati();
    },
    canQuit: () =>
      inFlight
        ? { ok: false, messaggio: "È in corso l'invio di una pratica ad ANPR. Attendere la risposta prima di chiudere il programma." }
        : { ok: true, messaggio: null },
    waitIdle: () => (inFlight ? new Promise<void>((r) => idleWaiters.push(r)) : Promise.resolve()),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    registraInterrogazione(soggettoKey, dati, ids) {
      store.salvaSoggetto({
        soggetto_key: soggettoKey,
        id_anpr: ids.idANPR ?? null,
        dati_json: JSON.stringify(dati),
        fonte: 'interrogazione_3002',
        servizio: '3002',
        id_operazione_comune: ids.idOperazioneComune ?? null,
        id_operazione_anpr: ids.idOperazioneANPR ?? null,
        pratica_id: null,
        aggiornato: nowIso(),
      });
    },
    pulisciArchivio() {
      const giorni = opts.conservazioneArchivioGiorni ?? 1826;
      const n = store.pulisciArchivio(new Date(nowMs() - giorni * 86_400_000).toISOString());
      if (n) log?.info('archive retention applied', { deleted: n, days: giorni });
      return n;
    },
    invioAperto: () => store.openInvio(ambiente),
    inPausa: () => paused,
    verificaOra: (operatore = opts.operatore) =>
      exclusive(async () => {
        const open = store.openInvio(ambiente);
        if (!open) return null;
        store.audit({ quando: nowIso(), operatore, azione: 'verifica_richiesta', pratica_id: open.pratica_id, id_operazione_comune: open.id_operazione_comune });
        if (opts.lookup3003) await verifica3003(open);
        const ancora = store.invio(open.id)!;
        const p = mustGet(open.pratica_id);
        if (ancora.aperto === 0) {
          return { praticaId: p.id, stato: p.stato, trovata: true, messaggio: `ANPR ha confermato l'esito: ${ETICHETTE_STATO[p.stato]}.` };
        }
        // Not found, in progress or no answer: the same id is due again at once.
        store.aggiornaInvio(open.id, { prossimo_tentativo: nowIso() });
        svegliati();
        return {
          praticaId: p.id,
          stato: p.stato,
          trovata: false,
          messaggio: paused
            ? "ANPR non ha registrato la pratica (o non ha risposto alla verifica): verrà reinviata con lo stesso identificativo quando l'invio riprende."
            : "ANPR non ha registrato la pratica (o non ha risposto alla verifica): viene reinviata ora con lo stesso identificativo.",
        };
      }),
    risolviAMano(id, esito, dati, operatore = opts.operatore) {
      const row = db.transaction(() => {
        const p = mustGet(id);
        const open = store.invii(id).find((i) => i.aperto === 1);
        if (!open || !['in_invio', 'esito_incerto', 'richiede_intervento'].includes(p.stato)) {
          throw new QueueError("Si risolve a mano solo una pratica con l'esito da verificare.", 'STATO_NON_VALIDO');
        }
        const at = nowIso();
        const idAnpr = dati.idOperazioneANPR?.trim() || null;
        store.aggiornaInvio(open.id, { aperto: 0, chiusura: 'esito', esito, id_operazione_anpr: idAnpr, chiuso: at, prossimo_tentativo: null, ultimo_errore: 'risolta_a_mano' });
        const messaggio =
          esito === 'accolta'
            ? `Esito registrato a mano dall'ufficiale d'anagrafe (verificato nell'applicazione web di ANPR): accolta. ${dati.nota}`.trim()
            : `Esito registrato a mano dall'ufficiale d'anagrafe (verificato nell'applicazione web di ANPR): respinta. ${dati.nota}`.trim();
        store.audit({ quando: at, operatore, azione: `risolta_a_mano_${esito}`, pratica_id: id, id_operazione_comune: open.id_operazione_comune, id_operazione_anpr: idAnpr, dettaglio: dati.nota.slice(0, 500) });
        return store.transizione(id, esito, at, { messaggio, id_operazione_anpr: idAnpr });
      })();
      log?.warn('submission resolved by hand', { pratica: id, esito });
      emitPratica(row);
      svegliati();
      return toPratica(row);
    },
  };
}
