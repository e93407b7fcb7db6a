/**
 * Database side of the queue: pratiche rows, submissions (`invii`), the id
 * sequence, the archive, the audit log and the local subject copy. All
 * synchronous (better-sqlite3); callers wrap multi-step changes in one
 * `db.transaction`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { ErroreAnpr } from '../../anpr/outcome';
import type { ServiceCode } from '../../anpr/services/registry';
import type { Db } from '../../platform/db/database';
import { composeId, nextLogicalMs } from './id-operazione';
import { assertTransition } from './states';
import type { DaAnnullare, Exchange, LegameRichiesta, MetadatiPratica, Pratica, SeguitoDi, StatoPratica } from './types';

export interface PraticaRow {
  id: string;
  servizio: string;
  stato: StatoPratica;
  payload_json: string;
  schema_version: number;
  id_operazione_comune: string | null;
  id_operazione_anpr: string | null;
  creata: string;
  aggiornata: string;
  ambiente: string | null;
  formato: 'dati' | 'xml';
  soggetto_key: string | null;
  data_decorrenza: string | null;
  protocollo: string | null;
  data_protocollo: string | null;
  scadenza: string | null;
  operatore: string | null;
  revisione: number;
  errori_json: string | null;
  messaggio: string | null;
  scartata: string | null;
  valori_modulo_json: string | null;
  variante: string | null;
  annulla_pratica_id: string | null;
  annulla_json: string | null;
  avviata_per: string | null;
  seguito_di_json: string | null;
  richiesta_json: string | null;
}

/** The metadata columns of a pratica (migrations 0011, 0012, 0014). */
export type MetadatiRow = Pick<PraticaRow, 'valori_modulo_json' | 'variante' | 'annulla_pratica_id' | 'annulla_json' | 'avviata_per' | 'seguito_di_json' | 'richiesta_json'>;

function jsonOggetto<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as T) : null;
  } catch {
    return null;
  }
}

export function toMetadati(r: MetadatiRow): MetadatiPratica {
  const a = jsonOggetto<Partial<DaAnnullare>>(r.annulla_json);
  const daAnnullare =
    a && r.annulla_pratica_id && a.servizio && a.idOperazioneComune && a.idOperazioneANPR
      ? { praticaId: r.annulla_pratica_id, servizio: a.servizio, idOperazioneComune: a.idOperazioneComune, idOperazioneANPR: a.idOperazioneANPR, dataDecorrenza: a.dataDecorrenza ?? null }
      : null;
  const sd = jsonOggetto<Partial<SeguitoDi>>(r.seguito_di_json);
  const seguitoDi = sd?.praticaId && sd.servizio && sd.codice ? { praticaId: sd.praticaId, servizio: sd.servizio, codice: sd.codice } : null;
  const lr = jsonOggetto<Partial<LegameRichiesta>>(r.richiesta_json);
  const richiesta =
    lr?.codiceRichiesta && lr.tipologia && (lr.ruolo === 'cambio_stato' || lr.ruolo === 'registrazione')
      ? { codiceRichiesta: lr.codiceRichiesta, tipologia: lr.tipologia, ruolo: lr.ruolo, verso: lr.verso ?? null }
      : null;
  return { valoriModulo: jsonOggetto<Record<string, unknown>>(r.valori_modulo_json), variante: r.variante, daAnnullare, avviataPer: r.avviata_per, seguitoDi, richiesta };
}

/** The columns for `metadati` over `cur` (each field given replaces the stored one). */
export function metadatiRow(m: Partial<MetadatiPratica> | undefined, cur?: MetadatiRow): MetadatiRow {
  const base: MetadatiRow = cur
    ? { valori_modulo_json: cur.valori_modulo_json, variante: cur.variante, annulla_pratica_id: cur.annulla_pratica_id, annulla_json: cur.annulla_json, avviata_per: cur.avviata_per, seguito_di_json: cur.seguito_di_json, richiesta_json: cur.richiesta_json }
    : { valori_modulo_json: null, variante: null, annulla_pratica_id: null, annulla_json: null, avviata_per: null, seguito_di_json: null, richiesta_json: null };
  if (!m) return base;
  if (m.valoriModulo !== undefined) base.valori_modulo_json = m.valoriModulo ? JSON.stringify(m.valoriModulo) : null;
  if (m.variante !== undefined) base.variante = m.variante || null;
  if (m.daAnnullare !== undefined) {
    base.annulla_pratica_id = m.daAnnullare?.praticaId ?? null;
    base.annulla_json = m.daAnnullare ? JSON.stringify(m.daAnnullare) : null;
  }
  if (m.avviataPer !== undefined) base.avviata_per = m.avviataPer?.trim() || null;
  if (m.seguitoDi !== undefined) base.seguito_di_json = m.seguitoDi ? JSON.stringify(m.seguitoDi) : null;
  if (m.richiesta !== undefined) base.richiesta_json = m.richiesta ? JSON.stringify(m.richiesta) : null;
  return base;
}

export interface InvioRow {
  id: number;
  pratica_id: string;
  revisione: number;
  ambiente: string;
  id_operazione_comune: string;
  servizio: string;
  corpo_xml: string;
  corpo_sha256: string;
  aperto: 0 | 1;
  esito: string | null;
  chiusura: 'esito' | 'id_inferiore' | 'intervento' | null;
  id_operazione_anpr: string | null;
  tentativi: number;
  tentativi_incerti: number;
  prossimo_tentativo: string | null;
  ultimo_errore: string | null;
  allocato: string;
  primo_invio: string | null;
  chiuso: string | null;
}

/** UUID v7: time-ordered, so pratiche created later sort later. */
export function uuidv7(nowMs: number): string {
  const b = randomBytes(16);
  const ts = BigInt(nowMs);
  for (let i = 0; i < 6; i++) b[i] = Number((ts >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function toPratica(r: PraticaRow): Pratica {
  return {
    id: r.id,
    servizio: r.servizio as ServiceCode,
    stato: r.stato,
    formato: r.formato,
    schemaVersion: r.schema_version,
    payload: JSON.parse(r.payload_json) as unknown,
    metadati: toMetadati(r),
    ambiente: r.ambiente ?? '',
    soggettoKey: r.soggetto_key,
    dataDecorrenza: r.data_decorrenza,
    protocollo: r.protocollo,
    dataProtocollo: r.data_protocollo,
    scadenza: r.scadenza,
    operatore: r.operatore,
    revisione: r.revisione,
    idOperazioneComune: r.id_operazione_comune,
    idOperazioneANPR: r.id_operazione_anpr,
    errori: r.errori_json ? (JSON.parse(r.errori_json) as ErroreAnpr[]) : [],
    messaggio: r.messaggio,
    scartata: r.scartata,
    creata: r.creata,
    aggiornata: r.aggiornata,
  };
}

export function createStore(db: Db) {
  const q = {
    pratica: db.prepare<[string], PraticaRow>('SELECT * FROM pratiche WHERE id = ?'),
    insert: db.prepare(`INSERT INTO pratiche (id, servizio, stato, payload_json, schema_version, creata, aggiornata, ambiente, formato,
        soggetto_key, data_decorrenza, protocollo, data_protocollo, scadenza, operatore,
        valori_modulo_json, variante, annulla_pratica_id, annulla_json, avviata_per, seguito_di_json, richiesta_json)
      VALUES (@id, @servizio, @stato, @payload_json, @schema_version, @creata, @aggiornata, @ambiente, @formato,
        @soggetto_key, @data_decorrenza, @protocollo, @data_protocollo, @scadenza, @operatore,
        @valori_modulo_json, @variante, @annulla_pratica_id, @annulla_json, @avviata_per, @seguito_di_json, @richiesta_json)`),
    setStato: db.prepare(`UPDATE pratiche SET stato = @stato, messaggio = @messaggio, errori_json = @errori_json,
        id_operazione_comune = @id_operazione_comune, id_operazione_anpr = @id_operazione_anpr, aggiornata = @aggiornata WHERE id = @id`),
    openInvio: db.prepare<[string], InvioRow>('SELECT * FROM invii WHERE ambiente = ? AND aperto = 1'),
    invio: db.prepare<[number], InvioRow>('SELECT * FROM invii WHERE id = ?'),
    invii: db.prepare<[string], InvioRow>('SELECT * FROM invii WHERE pratica_id = ? ORDER BY id'),
    // Next pratica to send: FIFO by creation, except that per subject the
    // earlier dataDecorrenza goes first and nothing overtakes an unfinished one.
    prossima: db.prepare<[string], PraticaRow>(`
      SELECT p.* FROM pratiche p
      WHERE p.ambiente = ? AND p.stato = 'pronta' AND p.scartata IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM pratiche q
          WHERE p.soggetto_key IS NOT NULL AND q.soggetto_key = p.soggetto_key AND q.ambiente = p.ambiente
            AND q.id <> p.id AND q.scartata IS NULL
            AND q.stato NOT IN ('accolta', 'accolta_con_avvisi')
            AND (coalesce(q.data_decorrenza, ''), q.creata, q.rowid) < (coalesce(p.data_decorrenza, ''), p.creata, p.rowid))
      ORDER BY p.creata, p.rowid LIMIT 1`),
    seq: db.prepare<[string, string], { suffisso: string; ultimo_ms: number; ultimo_id: string }>(
      'SELECT suffisso, ultimo_ms, ultimo_id FROM sequenze_id_operazione WHERE ambiente = ? AND comune = ?',
    ),
    seqUpsert: db.prepare(`INSERT INTO sequenze_id_operazione (ambiente, comune, suffisso, ultimo_ms, ultimo_id) VALUES (@ambiente, @comune, @suffisso, @ms, @id)
      ON CONFLICT (ambiente, comune) DO UPDATE SET ultimo_ms = excluded.ultimo_ms, ultimo_id = excluded.ultimo_id`),
    insertInvio: db.prepare(`INSERT INTO invii (pratica_id, revisione, ambiente, id_operazione_comune, servizio, corpo_xml, corpo_sha256, aperto, allocato, prossimo_tentativo)
      VALUES (@pratica_id, @revisione, @ambiente, @id_operazione_comune, @servizio, @corpo_xml, @corpo_sha256, 1, @allocato, @allocato)`),
    audit: db.prepare(`INSERT INTO audit_log (quando, operatore, azione, pratica_id, id_operazione_comune, id_operazione_anpr, dettaglio)
      VALUES (@quando, @operatore, @azione, @pratica_id, @id_operazione_comune, @id_operazione_anpr, @dettaglio)`),
    archivio: db.prepare(`INSERT INTO messaggi_anpr (pratica_id, invio_id, servizio, id_operazione_comune, id_operazione_anpr, inviato, durata_ms, http_status, esito, richiesta_gz, risposta_gz)
      VALUES (@pratica_id, @invio_id, @servizio, @id_operazione_comune, @id_operazione_anpr, @inviato, @durata_ms, @http_status, @esito, @richiesta_gz, @risposta_gz)`),
    soggetto: db.prepare(`INSERT INTO soggetti_locali (soggetto_key, id_anpr, dati_json, fonte, servizio, id_operazione_comune, id_operazione_anpr, pratica_id, aggiornato)
      VALUES (@soggetto_key, @id_anpr, @dati_json, @fonte, @servizio, @id_operazione_comune, @id_operazione_anpr, @pratica_id, @aggiornato)
      ON CONFLICT (soggetto_key) DO UPDATE SET id_anpr = coalesce(excluded.id_anpr, id_anpr), dati_json = excluded.dati_json, fonte = excluded.fonte,
        servizio = excluded.servizio, id_operazione_comune = excluded.id_operazione_comune, id_operazione_anpr = excluded.id_operazione_anpr,
        pratica_id = excluded.pratica_id, aggiornato = excluded.aggiornato`),
  };

  // Statements built from the changed columns, prepared once per column set.
  const aggiornaInvioStmts = new Map<string, ReturnType<Db['prepare']>>();
  const conteggiStmt = db.prepare<[], { stato: StatoPratica; n: number }>('SELECT stato, COUNT(*) AS n FROM pratiche GROUP BY stato');

  return {
    getPratica(id: string): PraticaRow | undefined {
      return q.pratica.get(id);
    },
    inserisci(row: Omit<PraticaRow, 'id_operazione_comune' | 'id_operazione_anpr' | 'revisione' | 'errori_json' | 'messaggio' | 'scartata'>): void {
      q.insert.run(row);
    },
    /** State change with the transition check; `fields` default to the row's current values. */
    transizione(
      id: string,
      to: StatoPratica,
      now: string,
      fields: Partial<Pick<PraticaRow, 'messaggio' | 'errori_json' | 'id_operazione_comune' | 'id_operazione_anpr'>> = {},
    ): PraticaRow {
      const cur = q.pratica.get(id);
      if (!cur) throw new Error(`pratica ${id} not found`);
      assertTransition(cur.stato, to);
      const next = { ...cur, ...fields, stato: to, aggiornata: now };
      q.setStato.run(next);
      return next;
    },
    openInvio(ambiente: string): InvioRow | undefined {
      return q.openInvio.get(ambiente);
    },
    invio(id: number): InvioRow | undefined {
      return q.invio.get(id);
    },
    invii(praticaId: string): InvioRow[] {
      return q.invii.all(praticaId);
    },
    prossima(ambiente: string): PraticaRow | undefined {
      return q.prossima.get(ambiente);
    },
    /** Allocates the next idOperazioneComune (call inside the transaction that uses it). */
    allocaId(ambiente: string, comune: string, suffisso: string, nowMs: number): string {
      const cur = q.seq.get(ambiente, comune);
      const ms = nextLogicalMs(cur?.ultimo_ms, nowMs);
      // The suffix is fixed per database once chosen: ids stay increasing for this workstation.
      const suf = cur?.suffisso ?? suffisso;
      const id = composeId(ms, suf);
      q.seqUpsert.run({ ambiente, comune, suffisso: suf, ms, id });
      return id;
    },
    /** Moves the logical clock forward to at least `ms` (never back). */
    avanzaSequenza(ambiente: string, comune: string, ms: number): void {
      db.prepare('UPDATE sequenze_id_operazione SET ultimo_ms = max(ultimo_ms, ?) WHERE ambiente = ? AND comune = ?').run(ms, ambiente, comune);
    },
    ultimoMs(ambiente: string, comune: string): number | undefined {
      return q.seq.get(ambiente, comune)?.ultimo_ms;
    },
    ultimoId(ambiente: string, comune: string): string | undefined {
      return q.seq.get(ambiente, comune)?.ultimo_id;
    },
    inserisciInvio(r: Pick<InvioRow, 'pratica_id' | 'revisione' | 'ambiente' | 'id_operazione_comune' | 'servizio' | 'corpo_xml' | 'corpo_sha256' | 'allocato'>): number {
      return Number(q.insertInvio.run(r).lastInsertRowid);
    },
    aggiornaInvio(id: number, fields: Partial<Omit<InvioRow, 'id'>>): void {
      const keys = Object.keys(fields);
      if (!keys.length) return;
      const key = keys.join(',');
      let stmt = aggiornaInvioStmts.get(key);
      if (!stmt) {
        stmt = db.prepare(`UPDATE invii SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`);
        aggiornaInvioStmts.set(key, stmt);
      }
      stmt.run({ ...fields, id });
    },
    audit(e: { quando: string; operatore: string; azione: string; pratica_id?: string | null; id_operazione_comune?: string | null; id_operazione_anpr?: string | null; dettaglio?: string | null }): void {
      q.audit.run({ pratica_id: null, id_operazione_comune: null, id_operazione_anpr: null, dettaglio: null, ...e });
    },
    archivia(e: {
      pratica_id: string | null;
      invio_id: number | null;
      servizio: string;
      id_operazione_comune: string;
      id_operazione_anpr: string | null;
      esito: string;
      exchange: Exchange;
    }): void {
      q.archivio.run({
        pratica_id: e.pratica_id,
        invio_id: e.invio_id,
        servizio: e.servizio,
        id_operazione_comune: e.id_operazione_comune,
        id_operazione_anpr: e.id_operazione_anpr,
        inviato: e.exchange.sentAt,
        durata_ms: Math.round(e.exchange.elapsedMs),
        http_status: e.exchange.httpStatus ?? null,
        esito: e.esito,
        richiesta_gz: gzipSync(Buffer.from(e.exchange.request, 'utf8')),
        risposta_gz: e.exchange.response ? gzipSync(e.exchange.response) : null,
      });
    },
    /** Deletes archived exchanges sent before `prima` (ISO); returns how many. */
    pulisciArchivio(prima: string): number {
      return db.prepare('DELETE FROM messaggi_anpr WHERE inviato < ?').run(prima).changes;
    },
    salvaSoggetto(r: {
      soggetto_key: string;
      id_anpr: string | null;
      dati_json: string;
      fonte: 'risposta_registrazione' | 'interrogazione_3002';
      servizio: string;
      id_operazione_comune: string | null;
      id_operazione_anpr: string | null;
      pratica_id: string | null;
      aggiornato: string;
    }): void {
      q.soggetto.run(r);
    },
    conteggi(): Record<StatoPratica, number> {
      const out: Record<StatoPratica, number> = {
        bozza: 0,
        pronta: 0,
        in_invio: 0,
        accolta: 0,
        accolta_con_avvisi: 0,
        respinta: 0,
        esito_incerto: 0,
        richiede_intervento: 0,
      };
      for (const r of conteggiStmt.all()) out[r.stato] = r.n;
      return out;
    },
  };
}

export type Store = ReturnType<typeof createStore>;
