/**
 * The simulator's own SQLite state (`<dataDir>/simulatore-anpr.sqlite`): the
 * living population, the operations ANPR has answered (idempotency) and the
 * certificates issued. Records are JSON documents with a few indexed
 * columns. Every change made while a journal is open is recorded with its
 * before-image, so 1013/2011/5012 can annul an operation exactly.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IsoDate } from '../../../shared/domain/date-it';
import type { Convivenza, Famiglia, Indirizzo, Persona } from '../population/types';

export const DB_FILE = 'simulatore-anpr.sqlite';

export type StatoPersona = 'residente' | 'deceduto' | 'cancellato';

export interface PersonaSim extends Persona {
  comuneIstat: string;
  stato: StatoPersona;
  /** Date of the last operation that changed the subject (EN240). */
  ultimaDecorrenza: IsoDate;
  datiCancellazione?: { motivo: string; data: IsoDate; note?: string };
  datiDecesso?: { data: IsoDate; luogo?: string };
  /** Open administrative procedure (blocks certificates without forzaCertificazione, EN181). */
  procedimentoAperto?: boolean;
}

export type SchedaSim = (Famiglia | Convivenza) & { comuneIstat: string; attiva: boolean };
export type FamigliaSim = Famiglia & { comuneIstat: string; attiva: boolean };

export interface IndirizzoSim extends Indirizzo {
  dataDecorrenza?: IsoDate;
}

type Kind = 'persona' | 'scheda' | 'indirizzo';
export interface JournalEntry {
  kind: Kind;
  id: string;
  before: string | null;
}

export interface OperazioneRow {
  comune: string;
  idOperazioneComune: string;
  servizio: string;
  idOperazioneANPR: string;
  stato: 'in_elaborazione' | 'completata';
  esito: string | null;
  contentType: string | null;
  risposta: Buffer | null;
  /** The Risposta<CODE> element (PDF inline for 6001), for 3003. */
  rispostaXml: string | null;
  effetti: number;
  annullata: boolean;
  journal: JournalEntry[];
  soggetti: string[];
  ricevutaIl: string;
  protocolloComune: string | null;
  /** The SAML NameID (operator's codice fiscale) of the request that made the operation. */
  operatore: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS persone (
  id TEXT PRIMARY KEY, cf TEXT NOT NULL, comune TEXT NOT NULL, stato TEXT NOT NULL,
  cognome TEXT NOT NULL, nome TEXT NOT NULL, data_nascita TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS persone_cf ON persone(cf);
CREATE INDEX IF NOT EXISTS persone_nome ON persone(cognome, nome);
CREATE TABLE IF NOT EXISTS schede (id TEXT PRIMARY KEY, comune TEXT NOT NULL, tipo TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS indirizzi (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS operazioni (
  comune TEXT NOT NULL, id_op_comune TEXT NOT NULL, servizio TEXT NOT NULL, id_op_anpr TEXT NOT NULL,
  stato TEXT NOT NULL, esito TEXT, content_type TEXT, risposta BLOB, risposta_xml TEXT, effetti INTEGER NOT NULL DEFAULT 0,
  annullata INTEGER NOT NULL DEFAULT 0, journal TEXT NOT NULL DEFAULT '[]', soggetti TEXT NOT NULL DEFAULT '[]',
  ricevuta_il TEXT NOT NULL, protocollo_comune TEXT, seq INTEGER NOT NULL,
  PRIMARY KEY (comune, id_op_comune));
CREATE UNIQUE INDEX IF NOT EXISTS operazioni_anpr ON operazioni(id_op_anpr);
CREATE TABLE IF NOT EXISTS ultimo_id (comune TEXT PRIMARY KEY, id_op_comune TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS certificati (
  numero_protocollo TEXT PRIMARY KEY, comune TEXT NOT NULL, id_op_comune TEXT NOT NULL, persona TEXT NOT NULL,
  tipi TEXT NOT NULL, emesso_il TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS richieste_cittadino (
  codice TEXT PRIMARY KEY, comune TEXT NOT NULL, tipologia TEXT NOT NULL, arrivo TEXT NOT NULL, stato TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS richieste_cittadino_arrivo ON richieste_cittadino(comune, tipologia, arrivo);
`;

/** A state a citizen request entered (tipoStatoRichiesta). */
export interface StatoRichiestaSim {
  idStato: string;
  operatore: string;
  /** ISO instant. */
  dataStato: string;
  note?: string;
}

/** One correction asked by the citizen (tipoInfoRettifica). */
export interface RettificaSim {
  idSchedaSoggettoANPR?: string;
  idSezioneDati: string;
  sezioneDati: string;
  idDatoAnagrafico: string;
  datoAnagrafico: string;
  valoreAttuale: string;
  valoreRichiesto: string;
}

/** A member involved in a residence declaration (tipoComponente). */
export interface ComponenteSim {
  idSchedaSoggettoANPR: string;
  idGradoParentela: string;
  flagPatente: 'SI' | 'NO';
  flagVeicoli: 'SI' | 'NO';
  /** 1 still to confirm, 3 confirmed. */
  statoAccettazione: '1' | '3';
  dataAccettazione?: string;
}

/**
 * A citizen's online request (P000). Visible to P001/P002/P003 only once its
 * `arrivo` instant has passed on the simulator's clock.
 */
export interface RichiestaSim {
  codice: string;
  comune: string;
  /** 1 rettifica dati, 2 dichiarazione di residenza, 4 trasferimento UE, 5 iscrizione elettorale UE, 6 rettifica dati elettorali. */
  tipologia: '1' | '2' | '4' | '5' | '6';
  /** ISO instant the citizen filed it (dataApertura). */
  arrivo: string;
  richiedente: string;
  interessato?: string;
  famiglia?: string;
  recapiti: { tipo: string; valore: string }[];
  /** Every state entered, the current one last. */
  storico: StatoRichiestaSim[];
  numeroProroghe: number;
  /** ISO instant of the deadline (see richieste/stati.ts GIORNI). */
  scadenza: string;
  chiusura?: string;
  note?: string;
  rettifiche?: RettificaSim[];
  /** Declared address (datiDichiarazioneResidenza/indirizzo). */
  indirizzo?: { cap: string; codSpecie: string; specie: string; denominazioneToponimo: string; civico: string; piano?: string; interno?: string };
  /** 1 existing family, 2 new family. */
  tipoFamiglia?: '1' | '2';
  componenti?: ComponenteSim[];
  /** datiRichiestaIscrizioneElettorale. */
  elettorale?: { recapito?: string; idStatoResidenzaOrigine: string; statoResidenzaOrigine: string; localitaStatoResidenzaOrigine: string; indirizzoStatoResidenzaOrigine: string };
}

interface DocRow {
  doc: string;
}

export class SimStore {
  readonly db: Database.Database;
  private journal: JournalEntry[] | null = null;
  /** Statements by SQL text, prepared once (the simulator answers many requests with the same few). */
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, DB_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    // States made before the NameID was recorded.
    const colonne = this.stmt('PRAGMA table_info(operazioni)').all() as { name: string }[];
    if (!colonne.some((c) => c.name === 'operatore')) this.db.exec('ALTER TABLE operazioni ADD COLUMN operatore TEXT');
  }

  private stmt(sql: string): Database.Statement {
    let st = this.stmts.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.stmts.set(sql, st);
    }
    return st;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ------------------------------------------------------------------ meta / counters

  getMeta(key: string): string | undefined {
    return (this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.stmt('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Next value of a named counter (decimal string, BigInt-safe). */
  next(counter: string, start: bigint): string {
    const cur = this.getMeta(`seq:${counter}`);
    const value = cur === undefined ? start : BigInt(cur) + 1n;
    this.setMeta(`seq:${counter}`, value.toString());
    return value.toString();
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ------------------------------------------------------------------ journal (undo log)

  beginJournal(): void {
    this.journal = [];
  }

  endJournal(): JournalEntry[] {
    const j = this.journal ?? [];
    this.journal = null;
    return j;
  }

  private record(kind: Kind, id: string, table: string): void {
    if (!this.journal) return;
    if (this.journal.some((e) => e.kind === kind && e.id === id)) return;
    const row = this.stmt(`SELECT doc FROM ${table} WHERE id = ?`).get(id) as DocRow | undefined;
    this.journal.push({ kind, id, before: row ? row.doc : null });
  }

  /** Restores the before-images of a journal (newest first). */
  undo(entries: readonly JournalEntry[]): void {
    for (const e of [...entries].reverse()) {
      const table = e.kind === 'persona' ? 'persone' : e.kind === 'scheda' ? 'schede' : 'indirizzi';
      if (e.before === null) {
        this.record(e.kind, e.id, table);
        this.stmt(`DELETE FROM ${table} WHERE id = ?`).run(e.id);
        continue;
      }
      if (e.kind === 'persona') this.putPersona(JSON.parse(e.before) as PersonaSim);
      else if (e.kind === 'scheda') this.putScheda(JSON.parse(e.before) as SchedaSim);
      else this.putIndirizzo(JSON.parse(e.before) as IndirizzoSim);
    }
  }

  // ------------------------------------------------------------------ population

  isSeeded(comune: string): boolean {
    return this.getMeta(`seeded:${comune}`) !== undefined;
  }

  getPersona(id: string): PersonaSim | undefined {
    const row = this.stmt('SELECT doc FROM persone WHERE id = ?').get(id) as DocRow | undefined;
    return row ? (JSON.parse(row.doc) as PersonaSim) : undefined;
  }

  personePerCf(cf: string): PersonaSim[] {
    return (this.stmt('SELECT doc FROM persone WHERE cf = ?').all(cf.toUpperCase()) as DocRow[]).map((r) => JSON.parse(r.doc) as PersonaSim);
  }

  /** Every person (training populations are small; used for the ID ANPR look-up). */
  tuttePersone(): PersonaSim[] {
    return (this.stmt('SELECT doc FROM persone').all() as DocRow[]).map((r) => JSON.parse(r.doc) as PersonaSim);
  }

  personePerNome(cognome: string, nome?: string): PersonaSim[] {
    const rows = nome
      ? (this.stmt('SELECT doc FROM persone WHERE cognome = ? AND nome = ?').all(cognome.toUpperCase(), nome.toUpperCase()) as DocRow[])
      : (this.stmt('SELECT doc FROM persone WHERE cognome = ?').all(cognome.toUpperCase()) as DocRow[]);
    return rows.map((r) => JSON.parse(r.doc) as PersonaSim);
  }

  putPersona(p: PersonaSim): void {
    this.record('persona', p.idSchedaSoggettoANPR, 'persone');
    this.db
      .prepare(
        `INSERT INTO persone(id, cf, comune, stato, cognome, nome, data_nascita, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET cf = excluded.cf, comune = excluded.comune, stato = excluded.stato,
           cognome = excluded.cognome, nome = excluded.nome, data_nascita = excluded.data_nascita, doc = excluded.doc`,
      )
      .run(p.idSchedaSoggettoANPR, p.codiceFiscale.toUpperCase(), p.comuneIstat, p.stato, p.cognome.toUpperCase(), p.nome.toUpperCase(), p.dataNascita, JSON.stringify(p));
  }

  getScheda(id: string): SchedaSim | undefined {
    const row = this.stmt('SELECT doc FROM schede WHERE id = ?').get(id) as DocRow | undefined;
    return row ? (JSON.parse(row.doc) as SchedaSim) : undefined;
  }

  schedaPerIdComune(comune: string, idComune: string): SchedaSim[] {
    return (this.stmt('SELECT doc FROM schede WHERE comune = ?').all(comune) as DocRow[])
      .map((r) => JSON.parse(r.doc) as SchedaSim)
      .filter((s) => s.idFamigliaConvivenzaComune === idComune);
  }

  putScheda(s: SchedaSim): void {
    this.record('scheda', s.idFamigliaConvivenzaANPR, 'schede');
    this.db
      .prepare('INSERT INTO schede(id, comune, tipo, doc) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET comune = excluded.comune, tipo = excluded.tipo, doc = excluded.doc')
      .run(s.idFamigliaConvivenzaANPR, s.comuneIstat, s.tipo, JSON.stringify(s));
  }

  getIndirizzo(id: string): IndirizzoSim | undefined {
    const row = this.stmt('SELECT doc FROM indirizzi WHERE id = ?').get(id) as DocRow | undefined;
    return row ? (JSON.parse(row.doc) as IndirizzoSim) : undefined;
  }

  putIndirizzo(i: IndirizzoSim): void {
    this.record('indirizzo', i.id, 'indirizzi');
    this.stmt('INSERT INTO indirizzi(id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc').run(i.id, JSON.stringify(i));
  }

  contaPersone(comune?: string): number {
    const row = (comune
      ? this.stmt("SELECT count(*) AS n FROM persone WHERE comune = ? AND stato = 'residente'").get(comune)
      : this.stmt("SELECT count(*) AS n FROM persone WHERE stato = 'residente'").get()) as { n: number };
    return row.n;
  }

  /** A few residents, for tests and the training UI ("chi posso cercare?"). */
  campione(comune: string, limit = 20): PersonaSim[] {
    return (this.stmt("SELECT doc FROM persone WHERE comune = ? AND stato = 'residente' ORDER BY rowid LIMIT ?").all(comune, limit) as DocRow[]).map(
      (r) => JSON.parse(r.doc) as PersonaSim,
    );
  }

  /** The residents of a comune with open anomalies (what 3002 lists in `erroriAnomalie`), in population order. */
  residentiConAnomalie(comune: string): PersonaSim[] {
    return (
      this.db
        .prepare("SELECT doc FROM persone WHERE comune = ? AND stato = 'residente' AND json_array_length(json_extract(doc, '$.anomalie')) > 0 ORDER BY rowid")
        .all(comune) as DocRow[]
    ).map((r) => JSON.parse(r.doc) as PersonaSim);
  }

  // ------------------------------------------------------------------ operations (idempotency)

  getOperazione(comune: string, idOperazioneComune: string): OperazioneRow | undefined {
    const r = this.stmt('SELECT * FROM operazioni WHERE comune = ? AND id_op_comune = ?').get(comune, idOperazioneComune) as RawOp | undefined;
    return r ? fromRaw(r) : undefined;
  }

  getOperazionePerAnpr(idOperazioneANPR: string): OperazioneRow | undefined {
    const r = this.stmt('SELECT * FROM operazioni WHERE id_op_anpr = ?').get(idOperazioneANPR) as RawOp | undefined;
    return r ? fromRaw(r) : undefined;
  }

  operazioni(): OperazioneRow[] {
    return (this.stmt("SELECT * FROM operazioni WHERE stato = 'completata' ORDER BY seq").all() as RawOp[]).map(fromRaw);
  }

  insertInElaborazione(comune: string, idOperazioneComune: string, servizio: string, idOperazioneANPR: string, ricevutaIl: string, protocollo: string | undefined, operatore?: string): void {
    const seq = Number(this.next('operazioni-seq', 1n));
    this.db
      .prepare(
        `INSERT INTO operazioni(comune, id_op_comune, servizio, id_op_anpr, stato, ricevuta_il, protocollo_comune, seq, operatore)
         VALUES (?, ?, ?, ?, 'in_elaborazione', ?, ?, ?, ?)`,
      )
      .run(comune, idOperazioneComune, servizio, idOperazioneANPR, ricevutaIl, protocollo ?? null, seq, operatore ?? null);
  }

  deleteOperazione(comune: string, idOperazioneComune: string): void {
    this.stmt("DELETE FROM operazioni WHERE comune = ? AND id_op_comune = ? AND stato = 'in_elaborazione'").run(comune, idOperazioneComune);
  }

  completeOperazione(
    comune: string,
    idOperazioneComune: string,
    r: { esito: string; contentType: string; risposta: Buffer; rispostaXml: string; effetti: number; journal: JournalEntry[]; soggetti: string[] },
  ): void {
    this.db
      .prepare(
        `UPDATE operazioni SET stato = 'completata', esito = ?, content_type = ?, risposta = ?, risposta_xml = ?, effetti = effetti + ?, journal = ?, soggetti = ?
         WHERE comune = ? AND id_op_comune = ?`,
      )
      .run(r.esito, r.contentType, r.risposta, r.rispostaXml, r.effetti, JSON.stringify(r.journal), JSON.stringify(r.soggetti), comune, idOperazioneComune);
  }

  markAnnullata(comune: string, idOperazioneComune: string): void {
    this.stmt('UPDATE operazioni SET annullata = 1 WHERE comune = ? AND id_op_comune = ?').run(comune, idOperazioneComune);
  }

  /** Completed, non-annulled operations that touched a subject after `seqOf` (EN077). */
  operazioniSuccessive(comune: string, idOperazioneComune: string): OperazioneRow[] {
    const base = this.stmt('SELECT seq FROM operazioni WHERE comune = ? AND id_op_comune = ?').get(comune, idOperazioneComune) as { seq: number } | undefined;
    if (!base) return [];
    return (this.stmt("SELECT * FROM operazioni WHERE seq > ? AND stato = 'completata' AND annullata = 0 AND effetti > 0").all(base.seq) as RawOp[]).map(fromRaw);
  }

  ultimoId(comune: string): string | undefined {
    return (this.stmt('SELECT id_op_comune AS id FROM ultimo_id WHERE comune = ?').get(comune) as { id: string } | undefined)?.id;
  }

  setUltimoId(comune: string, id: string): void {
    this.stmt('INSERT INTO ultimo_id(comune, id_op_comune) VALUES (?, ?) ON CONFLICT(comune) DO UPDATE SET id_op_comune = excluded.id_op_comune').run(comune, id);
  }

  // ------------------------------------------------------------------ citizens' requests (P000)

  putRichiesta(r: RichiestaSim): void {
    this.db
      .prepare('INSERT INTO richieste_cittadino(codice, comune, tipologia, arrivo, stato, doc) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(codice) DO UPDATE SET stato = excluded.stato, arrivo = excluded.arrivo, doc = excluded.doc')
      .run(r.codice, r.comune, r.tipologia, r.arrivo, r.storico[r.storico.length - 1]?.idStato ?? '2', JSON.stringify(r));
  }

  getRichiesta(codice: string): RichiestaSim | undefined {
    const row = this.stmt('SELECT doc FROM richieste_cittadino WHERE codice = ?').get(codice) as DocRow | undefined;
    return row ? (JSON.parse(row.doc) as RichiestaSim) : undefined;
  }

  /** The requests of a comune and type filed between two ISO instants (inclusive), oldest first. */
  richieste(comune: string, tipologia: string, da: string, a: string): RichiestaSim[] {
    return (this.stmt('SELECT doc FROM richieste_cittadino WHERE comune = ? AND tipologia = ? AND arrivo >= ? AND arrivo <= ? ORDER BY arrivo, codice').all(comune, tipologia, da, a) as DocRow[]).map(
      (r) => JSON.parse(r.doc) as RichiestaSim,
    );
  }

  tutteLeRichieste(comune?: string): RichiestaSim[] {
    const rows = (comune ? this.stmt('SELECT doc FROM richieste_cittadino WHERE comune = ? ORDER BY arrivo, codice').all(comune) : this.stmt('SELECT doc FROM richieste_cittadino ORDER BY arrivo, codice').all()) as DocRow[];
    return rows.map((r) => JSON.parse(r.doc) as RichiestaSim);
  }

  registraCertificato(c: { numeroProtocollo: string; comune: string; idOperazioneComune: string; persona: string; tipi: string[]; emessoIl: string; sha256: string }): void {
    this.db
      .prepare('INSERT INTO certificati(numero_protocollo, comune, id_op_comune, persona, tipi, emesso_il, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(c.numeroProtocollo, c.comune, c.idOperazioneComune, c.persona, JSON.stringify(c.tipi), c.emessoIl, c.sha256);
  }
}

interface RawOp {
  comune: string;
  id_op_comune: string;
  servizio: string;
  id_op_anpr: string;
  stato: 'in_elaborazione' | 'completata';
  esito: string | null;
  content_type: string | null;
  risposta: Buffer | null;
  risposta_xml: string | null;
  effetti: number;
  annullata: number;
  journal: string;
  soggetti: string;
  ricevuta_il: string;
  protocollo_comune: string | null;
  operatore: string | null;
}

function fromRaw(r: RawOp): OperazioneRow {
  return {
    comune: r.comune,
    idOperazioneComune: r.id_op_comune,
    servizio: r.servizio,
    idOperazioneANPR: r.id_op_anpr,
    stato: r.stato,
    esito: r.esito,
    contentType: r.content_type,
    risposta: r.risposta,
    rispostaXml: r.risposta_xml,
    effetti: r.effetti,
    annullata: r.annullata === 1,
    journal: JSON.parse(r.journal) as JournalEntry[],
    soggetti: JSON.parse(r.soggetti) as string[],
    ricevutaIl: r.ricevuta_il,
    protocolloComune: r.protocollo_comune,
    operatore: r.operatore ?? null,
  };
}
