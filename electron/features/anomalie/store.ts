/**
 * The anomaly store of one environment: writes (bulk, deduplicated by a
 * stable key), the windowed list with filters/search/sorting/grouping, the
 * detail and the local workflow. SQLite only; every list query goes through
 * an index or the FTS5 tables, never a `LIKE '%…%'` scan.
 *
 * Environments (migration 0009): every row belongs to one
 * (`anomalie.ambiente_id`, and so do people and imports), and every query
 * of a store sees only its environment's: `ambiente_id = N` (a literal) is
 * in every WHERE. The list's indexes are partial, one set per environment
 * (`INDICI_AMBIENTE`, `… WHERE ambiente_id = N`): each environment is
 * planned and read as a table of its own, a bulk import sorts only its own
 * rows into its own indexes, and the dedupe key is unique per environment.
 * Texts and the catalogue are shared (reference data, reached through the
 * rows).
 */
import { hash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Db } from '../../platform/db/database';
import type {
  AnomaliaRiga,
  DettaglioAnomalia,
  ElencoAnomalie,
  FiltriAnomalie,
  FonteAnomalia,
  OrdinamentoAnomalie,
  Raggruppamento,
  RiepilogoAnomalie,
  SeveritaAnomalia,
  StatoAnomalia,
  VoceCatalogo,
} from '../../../shared/ipc/domains/anomalie';
import { ETICHETTA_FONTE_CATALOGO } from './catalogo';
import { correzionePer, percorsoScheda } from './correzione';

export interface SoggettoAnomalia {
  /** Stable key: see `chiaveSoggetto`. */
  soggettoKey: string;
  codiceFiscale?: string | null;
  idAnpr?: string | null;
  cognome?: string | null;
  nome?: string | null;
  dataNascita?: string | null;
}

/**
 * 64 bits of the SHA-1 of an anomaly's identity: the dedupe key (the first
 * 8 bytes, big-endian, signed — the keys stored since migration 0006; the
 * one-shot `crypto.hash` gives the same digest ~3× faster than createHash).
 */
export function chiaveDi(identita: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${hash('sha1', identita, 'hex').slice(0, 16)}`));
}

export interface NuovaAnomalia {
  chiave: bigint;
  fonte: FonteAnomalia;
  codice: string;
  severita: SeveritaAnomalia;
  testo: string;
  soggetto?: SoggettoAnomalia | null;
  oggetto?: string | null;
  campo?: string | null;
  valore?: string | null;
  servizio?: string | null;
  idOperazioneComune?: string | null;
  idOperazioneANPR?: string | null;
  importazioneId?: number | null;
  riga?: number | null;
  rilevata: string;
}

/**
 * The subject's key, the same for every source: the ID ANPR when known
 * (`AB12345CD` or the numeric idSchedaSoggettoANPR), else the codice fiscale,
 * else `N:COGNOME|NOME|aaaa-mm-gg`. Upper case, trimmed.
 */
export function chiaveSoggetto(s: { idAnpr?: string | null; codiceFiscale?: string | null; cognome?: string | null; nome?: string | null; dataNascita?: string | null }): string | null {
  const id = s.idAnpr?.trim().toUpperCase();
  if (id) return id;
  const cf = s.codiceFiscale?.trim().toUpperCase();
  if (cf) return cf;
  const cognome = s.cognome?.trim().toUpperCase();
  const nome = s.nome?.trim().toUpperCase();
  if (cognome || nome) return `N:${cognome ?? ''}|${nome ?? ''}|${s.dataNascita?.trim() ?? ''}`;
  return null;
}

function etichettaPersona(s: SoggettoAnomalia): string {
  const nome = [s.cognome?.trim(), s.nome?.trim()].filter(Boolean).join(' ').toUpperCase();
  return nome || s.codiceFiscale?.trim().toUpperCase() || s.idAnpr?.trim().toUpperCase() || s.soggettoKey;
}

export interface EsitoScrittura {
  inserite: number;
  giaPresenti: number;
  /** Ids of the rows inserted (only when asked: for the callers that link them). */
}

const COLONNE_RIGA = `a.id, a.codice, a.severita, t.testo, a.fonte, a.stato, a.rilevata, s.soggetto_key, a.persona,
  s.codice_fiscale, s.id_anpr, s.data_nascita, a.campo, a.valore, a.servizio, a.id_operazione_comune,
  a.stato_operatore, a.stato_quando`;

interface RigaDb {
  id: number;
  codice: string;
  severita: SeveritaAnomalia;
  testo: string;
  fonte: FonteAnomalia;
  stato: StatoAnomalia;
  rilevata: string;
  soggetto_key: string | null;
  persona: string;
  codice_fiscale: string | null;
  id_anpr: string | null;
  data_nascita: string | null;
  campo: string | null;
  valore: string | null;
  servizio: string | null;
  id_operazione_comune: string | null;
  stato_operatore: string | null;
  stato_quando: string | null;
  gruppo?: string | number | null;
}

function riga(r: RigaDb): AnomaliaRiga {
  return {
    id: r.id,
    codice: r.codice,
    severita: r.severita,
    testo: r.testo,
    fonte: r.fonte,
    stato: r.stato,
    rilevata: r.rilevata,
    soggettoKey: r.soggetto_key,
    persona: r.persona || '—',
    codiceFiscale: r.codice_fiscale,
    idAnpr: r.id_anpr,
    dataNascita: r.data_nascita,
    campo: r.campo,
    valore: r.valore,
    servizio: r.servizio,
    idOperazioneComune: r.id_operazione_comune,
    statoOperatore: r.stato_operatore,
    statoQuando: r.stato_quando,
    gruppo: r.gruppo === null || r.gruppo === undefined ? '' : String(r.gruppo),
  };
}

/** FTS5 query for one word typed by the clerk: a quoted prefix (no operators can be injected). */
function ftsPrefisso(parola: string): string {
  return `"${parola.replace(/"/g, '""')}"*`;
}

/** The next string after every string with this prefix (for an indexed prefix range). */
function dopoPrefisso(p: string): string {
  return p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);
}

/** Words of the type-ahead: letters/digits only, at most 6. */
export function paroleRicerca(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 6);
}

interface Where {
  sql: string;
  params: (string | number)[];
  /** Whether the environment's test is at the top level (see `condizioni`). */
  ambienteInAlto: boolean;
}

/**
 * WHERE clause for the filters (table alias `a`) in one environment. With
 * `senzaIndici` the column tests are written `+a.col` so SQLite cannot use
 * their indexes and walks the ORDER BY index instead (see `elenco`).
 *
 * The environment's test `a.ambiente_id = N` is a literal: SQLite uses a
 * partial index only when the WHERE it plans holds its condition (a bound
 * value would also do, but then the statement is re-planned at every run).
 * It stands at the top level, where the filters' indexes need it, and, when
 * SQLite may answer the type-ahead through its indexes (not with
 * `senzaIndici === true`), in each of its alternatives too: SQLite plans each
 * alternative of an OR on its own, without the terms around it. When the
 * type-ahead is the only filter the top-level test is left out: it would be
 * checked on each match's table row (a seek per match, the count ~8×
 * slower), and every match satisfies some alternative of each word, so the
 * rows are the environment's all the same.
 */
export function condizioni(ambienteId: number, filtri: FiltriAnomalie, senzaIndici: boolean | 'selettivi' = false): Where {
  if (!Number.isSafeInteger(ambienteId)) throw new Error(`ambiente_id ${ambienteId} non valido`);
  const ambiente = `a.ambiente_id = ${ambienteId}`;
  const parole = paroleRicerca(filtri.q);
  const nelleAlternative = parole.length > 0 && senzaIndici !== true;
  const parti: string[] = [];
  const params: (string | number)[] = [];
  // 'selettivi': state and source never narrow much (most anomalies are open and come from files), nor does W.
  const poco = (col: string) =>
    senzaIndici === 'selettivi' && (col === 'stato' || col === 'fonte' || (col === 'severita' && !(filtri.severita?.length === 1 && filtri.severita[0] === 'E')));
  const c = (col: string) => (senzaIndici === true || poco(col) ? `+a.${col}` : `a.${col}`);
  const inList = (col: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    parti.push(values.length === 1 ? `${c(col)} = ?` : `${c(col)} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  inList('severita', filtri.severita);
  inList('fonte', filtri.fonte);
  inList('stato', filtri.stato);
  if (filtri.codice) {
    parti.push(`${c('codice')} = ?`);
    params.push(filtri.codice.toUpperCase());
  }
  if (filtri.dal) {
    parti.push(`${c('rilevata')} >= ?`);
    params.push(filtri.dal);
  }
  if (filtri.al) {
    // Date-times of that day sort after 'yyyy-mm-dd' and before 'yyyy-mm-dd~'.
    parti.push(`${c('rilevata')} < ?`);
    params.push(`${filtri.al}~`);
  }
  if (filtri.soggettoKey) {
    parti.push(`${c('soggetto_id')} = (SELECT id FROM anomalie_soggetti WHERE ambiente_id = ${ambienteId} AND soggetto_key = ?)`);
    params.push(filtri.soggettoKey);
  }
  const ambienteInAlto = !nelleAlternative || parti.length > 0;
  if (ambienteInAlto) parti.unshift(ambiente);
  const nell = nelleAlternative ? `${ambiente} AND ` : '';
  for (const parola of parole) {
    const alternative: string[] = [];
    const codice = parola.toUpperCase();
    if (/^[A-Z0-9]{1,8}$/.test(codice)) {
      alternative.push(`(${nell}${c('codice')} >= ? AND ${c('codice')} < ?)`);
      params.push(codice, dopoPrefisso(codice));
    }
    alternative.push(`(${nell}${c('testo_id')} IN (SELECT rowid FROM anomalie_testi_fts WHERE anomalie_testi_fts MATCH ?))`);
    params.push(ftsPrefisso(parola));
    alternative.push(`(${nell}${c('soggetto_id')} IN (SELECT rowid FROM anomalie_soggetti_fts WHERE anomalie_soggetti_fts MATCH ?))`);
    params.push(ftsPrefisso(parola));
    parti.push(`(${alternative.join(' OR ')})`);
  }
  return { sql: `WHERE ${parti.join(' AND ')}`, params, ambienteInAlto };
}

/** Per sort order, its columns and the name of its index in INDICI_AMBIENTE (see `nomeIndice`). */
const ORDINE_COLONNA: Record<OrdinamentoAnomalie['campo'], { colonne: string[]; indice: string }> = {
  rilevata: { colonne: [], indice: 'anomalie_rilevata' },
  codice: { colonne: ['a.codice'], indice: 'anomalie_codice' },
  persona: { colonne: ['a.persona', 'a.soggetto_id'], indice: 'anomalie_persona' },
  severita: { colonne: ['a.severita'], indice: 'anomalie_severita' },
  stato: { colonne: ['a.stato'], indice: 'anomalie_stato' },
};

/**
 * The view's order, always one an index gives without sorting: grouped views
 * list groups A→Z with the newest first inside; otherwise the chosen column,
 * ties broken by date (newest first when ascending, as the index is
 * `(col, rilevata DESC)` walked forwards or backwards).
 */
export function ordinamentoEffettivo(ordinamento: OrdinamentoAnomalie, raggruppamento: Raggruppamento): OrdinamentoAnomalie {
  if (raggruppamento === 'persona') return { campo: 'persona', direzione: 'asc' };
  if (raggruppamento === 'codice') return { campo: 'codice', direzione: 'asc' };
  return ordinamento;
}

export function ordine(ordinamento: OrdinamentoAnomalie, raggruppamento: Raggruppamento): { sql: string; indice: string } {
  const eff = ordinamentoEffettivo(ordinamento, raggruppamento);
  const asc = eff.direzione === 'asc';
  const { colonne, indice } = ORDINE_COLONNA[eff.campo];
  const chiavi =
    colonne.length === 0
      ? [`a.rilevata ${asc ? 'ASC' : 'DESC'}`, `a.id ${asc ? 'ASC' : 'DESC'}`]
      : [...colonne.map((c) => `${c} ${asc ? 'ASC' : 'DESC'}`), `a.rilevata ${asc ? 'DESC' : 'ASC'}`, `a.id ${asc ? 'ASC' : 'DESC'}`];
  return { sql: `ORDER BY ${chiavi.join(', ')}`, indice };
}

/**
 * Walk the ORDER BY index or sort the matches? Walking reads about
 * (offset + limit) × rows / matches index entries (~0.45 µs each here);
 * sorting costs ~0.9 µs per match (the filter scan reads table rows). Walk
 * when that is cheaper — except when the order is by code and a filter
 * correlates with the code (severity, text, code itself), where the matches
 * bunch up at one end of the index and the estimate would be wrong.
 */
export function conviencePercorrereIndice(
  filtri: FiltriAnomalie,
  ordinamento: OrdinamentoAnomalie,
  raggruppamento: Raggruppamento,
  finestra: { offset: number; limite: number },
  corrispondenze: number,
  righeTotali: number,
): boolean {
  if (corrispondenze === 0) return false;
  if (corrispondenze === righeTotali) return true;
  const eff = ordinamentoEffettivo(ordinamento, raggruppamento);
  if (eff.campo === 'codice' && (filtri.severita?.length || filtri.q || filtri.codice || filtri.fonte?.length)) return false;
  const lette = ((finestra.offset + finestra.limite) * righeTotali) / corrispondenze;
  return lette < 2 * corrispondenze;
}

/** From this many rows on, a write drops and rebuilds the environment's indexes (when it at least doubles its rows). */
export const SOGLIA_BLOCCO = 20_000;

/** The values the table's CHECKs allow (verified in code during a bulk write; `stato` takes its default). */
const FONTI: ReadonlySet<string> = new Set<FonteAnomalia>(['risposta', 'interrogazione', 'file']);
const SEVERITA: ReadonlySet<string> = new Set<SeveritaAnomalia>(['E', 'W', '?']);

/** Placeholders for the 17 anomalie columns an INSERT binds (the environment's id is a literal). */
const SEGNAPOSTI_RIGA = Array<string>(17).fill('?').join(', ');
/** Rows per INSERT statement during a bulk write. */
const RIGHE_PER_INSERT = 32;
/** The columns an anomaly may leave NULL, in this order (a bulk INSERT names only those some row of its group fills). */
const OPZIONALI = ['oggetto', 'campo', 'valore', 'servizio', 'id_operazione_comune', 'id_operazione_anpr'] as const;

/** Bit k set when the row fills OPZIONALI[k]. */
function opzionaliPresenti(r: NuovaAnomalia): number {
  return (
    (r.oggetto != null ? 1 : 0) |
    (r.campo != null ? 2 : 0) |
    (r.valore != null ? 4 : 0) |
    (r.servizio != null ? 8 : 0) |
    (r.idOperazioneComune != null ? 16 : 0) |
    (r.idOperazioneANPR != null ? 32 : 0)
  );
}

/** For ChiaviViste: a key's two 32-bit halves without allocating. */
const chiave64 = new BigInt64Array(1);
const chiave32 = new Int32Array(chiave64.buffer);

/**
 * The keys seen by a bulk write (existing + written): a set of 64-bit keys
 * kept in two Int32Arrays with open addressing. A Set<bigint> of 100,000
 * keys scattered across the heap costs a cache miss or two per lookup and
 * keeps 100,000 BigInts alive for the garbage collector to copy.
 */
export class ChiaviViste {
  #lo = new Int32Array(1 << 17);
  #hi = new Int32Array(1 << 17);
  #usato = new Uint8Array(1 << 17);
  #n = 0;

  /** Adds the key; false when it was already there. */
  aggiungi(chiave: bigint): boolean {
    chiave64[0] = chiave;
    const lo = chiave32[0]!;
    const hi = chiave32[1]!;
    const mask = this.#usato.length - 1;
    // The keys are SHA-1 bits: their low bits are already uniform.
    let i = (lo ^ hi) & mask;
    while (this.#usato[i] === 1) {
      if (this.#lo[i] === lo && this.#hi[i] === hi) return false;
      i = (i + 1) & mask;
    }
    this.#usato[i] = 1;
    this.#lo[i] = lo;
    this.#hi[i] = hi;
    if (++this.#n * 2 > this.#usato.length) this.#raddoppia();
    return true;
  }

  #raddoppia(): void {
    const [lo, hi, usato] = [this.#lo, this.#hi, this.#usato];
    const n = usato.length * 2;
    this.#lo = new Int32Array(n);
    this.#hi = new Int32Array(n);
    this.#usato = new Uint8Array(n);
    const mask = n - 1;
    for (let k = 0; k < usato.length; k++) {
      if (usato[k] !== 1) continue;
      let i = (lo[k]! ^ hi[k]!) & mask;
      while (this.#usato[i] === 1) i = (i + 1) & mask;
      this.#usato[i] = 1;
      this.#lo[i] = lo[k]!;
      this.#hi[i] = hi[k]!;
    }
  }
}

/** Page cache during a bulk write (KiB): 100,000 rows with their indexes fit. */
const CACHE_BLOCCO_KIB = 128 * 1024;

const ELENCO_LABEL: Record<string, string> = ETICHETTA_FONTE_CATALOGO;

export interface AnomalieStore {
  /** The environment key (see `ambienteLocale`) and its row in `anomalie_ambienti`. */
  readonly ambiente: string;
  readonly ambienteId: number;
  scrivi(righe: readonly NuovaAnomalia[]): EsitoScrittura;
  /**
   * The same as `scrivi` of the blocks' concatenation, reading one block at a
   * time; `forseAlmeno(n)`: false when fewer than n rows will certainly come
   * (see createAnomalieStore).
   */
  scriviFlusso(blocchi: Iterable<readonly NuovaAnomalia[]>, forseAlmeno?: (n: number) => boolean): EsitoScrittura;
  elenco(richiesta: {
    filtri: FiltriAnomalie;
    ordinamento: OrdinamentoAnomalie;
    raggruppamento: Raggruppamento;
    offset: number;
    limite: number;
    conTotale: boolean;
  }): ElencoAnomalie;
  /** Every matching row, in view order (export). */
  tutte(filtri: FiltriAnomalie, ordinamento: OrdinamentoAnomalie, raggruppamento: Raggruppamento): Iterable<AnomaliaRiga>;
  dettaglio(id: number): DettaglioAnomalia | null;
  cambiaStato(id: number, stato: StatoAnomalia, operatore: string, nota: string | null, quando: string): DettaglioAnomalia | null;
  riepilogo(): Omit<RiepilogoAnomalie, 'catalogo'>;
  /** The environment's rows. */
  conta(): number;
  /**
   * Runs `scrittura` — a transaction whose writes to the anomaly tables go
   * through this store, an import — with SQLite's foreign-key checks off
   * (when no transaction is open yet; restored afterwards). The text and
   * person ids the store binds come from its caches, checked against their
   * tables at the start of each write (`caricaCache`); the import id is the
   * row the caller has just inserted; the environment's row exists from the
   * store's creation on (never deleted). The per-row lookups of the parents
   * cannot fail, and cost about a quarter of each insert.
   */
  senzaControlloChiaviEsterne<T>(scrittura: () => T): T;
}

/**
 * The list's indexes of an environment: one per sort order (`(col, rilevata
 * DESC)`, walked either way), the type-ahead's lookups (text, person) and the
 * dedupe key. Partial indexes, `<nome>_a<N> … WHERE ambiente_id = N`, created
 * when a store first opens the environment: as small as on a table of the
 * environment's own, and a bulk import drops and rebuilds only its own.
 */
export const INDICI_AMBIENTE: readonly { nome: string; colonne: string; unico?: true }[] = [
  { nome: 'anomalie_chiave', colonne: 'chiave', unico: true },
  { nome: 'anomalie_rilevata', colonne: 'rilevata' },
  { nome: 'anomalie_codice', colonne: 'codice, rilevata DESC' },
  { nome: 'anomalie_persona', colonne: 'persona, soggetto_id, rilevata DESC' },
  { nome: 'anomalie_soggetto', colonne: 'soggetto_id' },
  { nome: 'anomalie_testo', colonne: 'testo_id' },
  { nome: 'anomalie_severita', colonne: 'severita, rilevata DESC' },
  { nome: 'anomalie_stato', colonne: 'stato, rilevata DESC' },
];

/** The name of an environment's index (`nome`: as in INDICI_AMBIENTE). */
export function nomeIndice(nome: string, ambienteId: number): string {
  return `${nome}_a${ambienteId}`;
}

/** Refreshes the planner's statistics (after large writes): a sample of ~1000 entries per index, a few milliseconds. */
function analizza(db: Db): void {
  db.exec('PRAGMA analysis_limit = 1000; ANALYZE anomalie;');
}

/** The environment's row in `anomalie_ambienti`, created at its first use. */
function idAmbiente(db: Db, ambiente: string): number {
  db.prepare('INSERT INTO anomalie_ambienti (chiave) VALUES (?) ON CONFLICT (chiave) DO NOTHING').run(ambiente);
  return db.prepare('SELECT id FROM anomalie_ambienti WHERE chiave = ?').pluck().get(ambiente) as number;
}

/**
 * The store of one environment (`ambiente`: the key of `ambienteLocale`).
 * Several stores may share a database (one per environment): each keeps its
 * own caches, checked against the tables at every write (`caricaCache`).
 */
export function createAnomalieStore(db: Db, ambiente: string): AnomalieStore {
  // Its row and indexes must outlive the store's creation: a rolled-back transaction would take them away.
  if (db.inTransaction) throw new Error('Lo store delle anomalie si crea fuori da una transazione.');
  const ambienteId = idAmbiente(db, ambiente);
  if (!Number.isSafeInteger(ambienteId)) throw new Error(`ambiente «${ambiente}» senza id`);
  const nomiIndici = INDICI_AMBIENTE.map((i) => nomeIndice(i.nome, ambienteId));
  // The environment's indexes, when missing: a new environment (instant), or rows migrated by 0009 (then the
  // planner's statistics follow).
  const esistente = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").pluck();
  const mancanti = INDICI_AMBIENTE.filter((i) => esistente.get(nomeIndice(i.nome, ambienteId)) === undefined);
  if (mancanti.length > 0) {
    db.transaction(() => {
      for (const i of mancanti) {
        db.exec(`CREATE ${i.unico ? 'UNIQUE ' : ''}INDEX ${nomeIndice(i.nome, ambienteId)} ON anomalie (${i.colonne}) WHERE ambiente_id = ${ambienteId}`);
      }
      if (db.prepare(`SELECT 1 FROM anomalie WHERE ambiente_id = ${ambienteId} LIMIT 1`).get() !== undefined) analizza(db);
    })();
  }
  const testoId = new Map<string, number>();
  /** Per subject: id, current label, and the names that produced it (a row with the same names cannot change it). */
  interface VoceSoggetto {
    id: number;
    persona: string;
    cognome: string | null | undefined;
    nome: string | null | undefined;
  }
  const soggettoId = new Map<string, VoceSoggetto>();
  /** The largest ids the caches know (-1: not loaded). */
  let testoMax = -1;
  let soggettoMax = -1;
  const maxTesto = db.prepare('SELECT coalesce(max(id), 0) FROM anomalie_testi').pluck();
  const maxSoggetto = db.prepare('SELECT coalesce(max(id), 0) FROM anomalie_soggetti').pluck();
  /**
   * Loads the caches, or reloads them when the tables' largest ids differ
   * from theirs: texts and people are never deleted and only a store writes
   * them, so a difference means a rolled-back write (whose ids the caches
   * would otherwise keep, and hand out again for other texts) or another
   * store on the same database. Every id a write binds comes from here.
   */
  const caricaCache = () => {
    if (maxTesto.get() === testoMax && maxSoggetto.get() === soggettoMax) return;
    testoId.clear();
    soggettoId.clear();
    for (const r of db.prepare('SELECT id, testo FROM anomalie_testi').iterate() as Iterable<{ id: number; testo: string }>) testoId.set(r.testo, r.id);
    for (const r of db.prepare(`SELECT id, soggetto_key, persona FROM anomalie_soggetti WHERE ambiente_id = ${ambienteId}`).iterate() as Iterable<{ id: number; soggetto_key: string; persona: string }>) {
      soggettoId.set(r.soggetto_key, { id: r.id, persona: r.persona, cognome: undefined, nome: undefined });
    }
    testoMax = maxTesto.get() as number;
    soggettoMax = maxSoggetto.get() as number;
  };

  const insTesto = db.prepare('INSERT INTO anomalie_testi (testo) VALUES (?)');
  // The environment's id is a literal in every statement (an integer read above): one value less to bind
  // per row of a write, and no re-planning of the reads (see `condizioni`).
  const insSoggetto = db.prepare(
    `INSERT INTO anomalie_soggetti (ambiente_id, soggetto_key, codice_fiscale, id_anpr, cognome, nome, data_nascita, persona) VALUES (${ambienteId}, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updSoggetto = db.prepare(
    `UPDATE anomalie_soggetti SET codice_fiscale = coalesce(?, codice_fiscale), id_anpr = coalesce(?, id_anpr), cognome = coalesce(?, cognome),
       nome = coalesce(?, nome), data_nascita = coalesce(?, data_nascita), persona = ? WHERE id = ?`,
  );
  const updPersona = db.prepare(`UPDATE anomalie SET persona = ? WHERE ambiente_id = ${ambienteId} AND soggetto_id = ?`);
  const COLONNE_INSERT = `(ambiente_id, chiave, fonte, codice, severita, testo_id, soggetto_id, persona, oggetto, campo, valore, servizio,
       id_operazione_comune, id_operazione_anpr, importazione_id, riga, rilevata, ultima_rilevazione)
     VALUES (${ambienteId}, ${SEGNAPOSTI_RIGA})`;
  const insAnomalia = db.prepare(`INSERT OR IGNORE INTO anomalie ${COLONNE_INSERT}`);
  const updVista = db.prepare(`UPDATE anomalie SET ultima_rilevazione = max(ultima_rilevazione, ?) WHERE ambiente_id = ${ambienteId} AND chiave = ?`);

  const idTesto = (testo: string): number => {
    const known = testoId.get(testo);
    if (known !== undefined) return known;
    const id = Number(insTesto.run(testo).lastInsertRowid);
    testoId.set(testo, id);
    testoMax = id;
    return id;
  };
  /** Set during a bulk write, while the per-person FTS trigger is suspended. */
  let ftsSospeso: { finoA: number } | null = null;
  /** Set during a bulk write: writes the rows it has queued. */
  let svuotaCoda: (() => void) | null = null;
  const idSoggetto = (s: SoggettoAnomalia): VoceSoggetto => {
    const known = soggettoId.get(s.soggettoKey);
    if (known) {
      // Same names as the row that set the label: nothing can change (the common case of a file, one row per anomaly).
      if (!(s.cognome || s.nome) || (s.cognome === known.cognome && s.nome === known.nome)) return known;
      const persona = etichettaPersona(s);
      // A better name (e.g. a 3002 answer after a file that had only the CF): keep the data current.
      if (known.persona !== persona) {
        // Rows still queued by a bulk write: written first, so the UPDATE below relabels them too.
        svuotaCoda?.();
        // Not in the FTS table yet (bulk write): put it there first, so the update trigger replaces the right entry.
        if (ftsSospeso !== null && known.id > ftsSospeso.finoA) scaricaFts();
        updSoggetto.run(s.codiceFiscale ?? null, s.idAnpr ?? null, s.cognome ?? null, s.nome ?? null, s.dataNascita ?? null, persona, known.id);
        updPersona.run(persona, known.id);
        known.persona = persona;
      }
      known.cognome = s.cognome;
      known.nome = s.nome;
      return known;
    }
    const persona = etichettaPersona(s);
    const id = Number(
      insSoggetto.run(s.soggettoKey, s.codiceFiscale ?? null, s.idAnpr ?? null, s.cognome ?? null, s.nome ?? null, s.dataNascita ?? null, persona).lastInsertRowid,
    );
    const entry: VoceSoggetto = { id, persona, cognome: s.cognome, nome: s.nome };
    soggettoId.set(s.soggettoKey, entry);
    soggettoMax = id;
    return entry;
  };

  /** One row through a prepared INSERT, arguments passed directly (no per-row array). */
  const inserisci = (stmt: Database.Statement<unknown[]>, r: NuovaAnomalia): number => {
    const sog = r.soggetto ? idSoggetto(r.soggetto) : null;
    return stmt.run(
      r.chiave,
      r.fonte,
      r.codice,
      r.severita,
      idTesto(r.testo),
      sog === null ? null : sog.id,
      sog === null ? '' : sog.persona,
      r.oggetto ?? null,
      r.campo ?? null,
      r.valore ?? null,
      r.servizio ?? null,
      r.idOperazioneComune ?? null,
      r.idOperazioneANPR ?? null,
      r.importazioneId ?? null,
      r.riga ?? null,
      r.rilevata,
      r.rilevata,
    ).changes;
  };

  const scriviIncrementale = (righe: readonly NuovaAnomalia[]): EsitoScrittura => {
    let inserite = 0;
    let giaPresenti = 0;
    for (const r of righe) {
      if (inserisci(insAnomalia, r) > 0) inserite++;
      else {
        giaPresenti++;
        updVista.run(r.rilevata, r.chiave);
      }
    }
    return { inserite, giaPresenti };
  };

  /**
   * Many rows at once (a first import after subentro): dedupe in memory,
   * drop the table's indexes, append, rebuild them (a sort is ~3× faster
   * than 100,000 random index inserts), refresh the planner's statistics.
   * The rows go in RIGHE_PER_INSERT at a time (see `insGruppo`), and the
   * import that calls this runs without the per-row foreign-key lookups
   * (`senzaControlloChiaviEsterne`).
   * The rows may come in blocks (a streamed file: never all of them in
   * memory at once). For the length of the write the page cache is enlarged
   * so the appended table and the index sorts stay in memory (a connection
   * setting, restored afterwards; durability settings are untouched), and
   * the per-person FTS trigger is suspended: the new people go into the FTS
   * table in one INSERT … SELECT at the end (see `ftsSospeso`).
   */
  const chiaviEsistenti = db.prepare(`SELECT chiave FROM anomalie WHERE ambiente_id = ${ambienteId}`).pluck().safeIntegers(true);
  const insAnomaliaDiretta = db.prepare(`INSERT INTO anomalie ${COLONNE_INSERT}`);
  /**
   * RIGHE_PER_INSERT rows in one statement: a bulk write crosses into SQLite
   * once per group, not once per row. The optional columns no row of the
   * group fills are left out (their default is NULL): fewer values to pass.
   * One statement per set of columns (`presenti`: a bit per OPZIONALI entry).
   */
  const insGruppi = new Map<number, Database.Statement<unknown[]>>();
  const insGruppo = (presenti: number): Database.Statement<unknown[]> => {
    let stmt = insGruppi.get(presenti);
    if (stmt === undefined) {
      const opzionali = OPZIONALI.filter((_, k) => presenti & (1 << k));
      const colonne = ['chiave', 'fonte', 'codice', 'severita', 'testo_id', 'soggetto_id', 'persona', ...opzionali, 'importazione_id', 'riga', 'rilevata', 'ultima_rilevazione'];
      const riga = `(${ambienteId}, ${colonne.map(() => '?').join(', ')})`;
      stmt = db.prepare<unknown[]>(`INSERT INTO anomalie (ambiente_id, ${colonne.join(', ')}) VALUES ${riga}${`, ${riga}`.repeat(RIGHE_PER_INSERT - 1)}`);
      insGruppi.set(presenti, stmt);
    }
    return stmt;
  };
  const triggerFtsSoggetti = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'anomalie_soggetti_ai'").pluck();
  const insFtsSoggettiDa = db.prepare(
    'INSERT INTO anomalie_soggetti_fts (rowid, persona, codice_fiscale, id_anpr) SELECT id, persona, codice_fiscale, id_anpr FROM anomalie_soggetti WHERE id > ? ORDER BY id',
  );
  /** People with an id above this one are not in the FTS table yet. */
  const scaricaFts = () => {
    if (ftsSospeso === null) return;
    insFtsSoggettiDa.run(ftsSospeso.finoA);
    ftsSospeso.finoA = maxSoggetto.get() as number;
  };
  const scriviInBlocco = (blocchi: Iterable<readonly NuovaAnomalia[]>): EsitoScrittura => {
    const viste = new ChiaviViste();
    for (const k of chiaviEsistenti.iterate() as Iterable<bigint>) viste.aggiungi(k);
    /** The rows not written yet (RIGHE_PER_INSERT at most), with their text, person and label as `inserisci` binds them. */
    const coda: NuovaAnomalia[] = [];
    const testiCoda: number[] = [];
    const soggettiCoda: (number | null)[] = [];
    const personeCoda: string[] = [];
    /** Per set of optional columns, the values of a full group. */
    const valori = new Map<number, unknown[]>();
    const svuota = () => {
      const n = coda.length;
      if (n === RIGHE_PER_INSERT) {
        let presenti = 0;
        for (const r of coda) presenti |= opzionaliPresenti(r);
        let v = valori.get(presenti);
        if (v === undefined) valori.set(presenti, (v = []));
        let j = 0;
        for (let i = 0; i < n; i++) {
          const r = coda[i]!;
          v[j++] = r.chiave;
          v[j++] = r.fonte;
          v[j++] = r.codice;
          v[j++] = r.severita;
          v[j++] = testiCoda[i];
          v[j++] = soggettiCoda[i];
          v[j++] = personeCoda[i];
          if (presenti !== 0) {
            if (presenti & 1) v[j++] = r.oggetto ?? null;
            if (presenti & 2) v[j++] = r.campo ?? null;
            if (presenti & 4) v[j++] = r.valore ?? null;
            if (presenti & 8) v[j++] = r.servizio ?? null;
            if (presenti & 16) v[j++] = r.idOperazioneComune ?? null;
            if (presenti & 32) v[j++] = r.idOperazioneANPR ?? null;
          }
          v[j++] = r.importazioneId ?? null;
          v[j++] = r.riga ?? null;
          v[j++] = r.rilevata;
          v[j++] = r.rilevata;
        }
        insGruppo(presenti).run(v);
      } else {
        for (let i = 0; i < n; i++) {
          const r = coda[i]!;
          insAnomaliaDiretta.run(
            r.chiave,
            r.fonte,
            r.codice,
            r.severita,
            testiCoda[i],
            soggettiCoda[i],
            personeCoda[i],
            r.oggetto ?? null,
            r.campo ?? null,
            r.valore ?? null,
            r.servizio ?? null,
            r.idOperazioneComune ?? null,
            r.idOperazioneANPR ?? null,
            r.importazioneId ?? null,
            r.riga ?? null,
            r.rilevata,
            r.rilevata,
          );
        }
      }
      coda.length = 0;
      testiCoda.length = 0;
      soggettiCoda.length = 0;
      personeCoda.length = 0;
    };
    /** Repeated rows: only what the final UPDATE needs (after the index on chiave is back). */
    const ripetute: { chiave: bigint; rilevata: string }[] = [];
    // Only the environment's own indexes: the others' rows do not change, and the few rows
    // `anomalie_operazione` describes are rarely an import's.
    const indici = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'anomalie' AND name IN (${nomiIndici.map(() => '?').join(', ')})`)
      .all(...nomiIndici) as {
      name: string;
      sql: string;
    }[];
    const trigger = triggerFtsSoggetti.get() as string | undefined;
    const cache = db.pragma('cache_size', { simple: true }) as number;
    const cacheKiB = cache < 0 ? -cache : cache * 4;
    if (cacheKiB < CACHE_BLOCCO_KIB) db.pragma(`cache_size = -${CACHE_BLOCCO_KIB}`);
    // The table's CHECKs (`fonte IN (…)`, `severita IN (…)`, `stato IN (…)`) build an ephemeral
    // table per executed INSERT (~3 µs a row, more than the insert itself): checked here instead.
    const controlli = (db.pragma('ignore_check_constraints', { simple: true }) as number) === 0;
    if (controlli) db.pragma('ignore_check_constraints = ON');
    try {
      if (trigger) {
        ftsSospeso = { finoA: maxSoggetto.get() as number };
        db.exec('DROP TRIGGER anomalie_soggetti_ai');
      }
      for (const i of indici) db.exec(`DROP INDEX ${i.name}`);
      svuotaCoda = svuota;
      let inserite = 0;
      for (const righe of blocchi) {
        for (const r of righe) {
          if (!viste.aggiungi(r.chiave)) {
            ripetute.push({ chiave: r.chiave, rilevata: r.rilevata });
            continue;
          }
          if (!FONTI.has(r.fonte) || !SEVERITA.has(r.severita)) throw new Error(`anomalia non valida: fonte «${r.fonte}», severità «${r.severita}»`);
          // The same values, looked up in the same order, as `inserisci`.
          const sog = r.soggetto ? idSoggetto(r.soggetto) : null;
          testiCoda.push(idTesto(r.testo));
          soggettiCoda.push(sog === null ? null : sog.id);
          personeCoda.push(sog === null ? '' : sog.persona);
          if (coda.push(r) === RIGHE_PER_INSERT) svuota();
          inserite++;
        }
      }
      svuota();
      svuotaCoda = null;
      if (trigger) {
        scaricaFts();
        ftsSospeso = null;
        db.exec(trigger);
      }
      for (const i of indici) db.exec(i.sql);
      for (const r of ripetute) updVista.run(r.rilevata, r.chiave);
      analizza(db);
      return { inserite, giaPresenti: ripetute.length };
    } finally {
      ftsSospeso = null;
      svuotaCoda = null;
      if (controlli) db.pragma('ignore_check_constraints = OFF');
      if (cacheKiB < CACHE_BLOCCO_KIB) db.pragma(`cache_size = ${cache}`);
    }
  };

  let analizzate = 0;
  const scriviIncrementaleAnalizza = (righe: readonly NuovaAnomalia[]): EsitoScrittura => {
    const esito = scriviIncrementale(righe);
    analizzate += esito.inserite;
    if (analizzate >= SOGLIA_BLOCCO) {
      analizzate = 0;
      analizza(db);
    }
    return esito;
  };
  // On the environment's rows: a bulk write drops and rebuilds the environment's indexes only.
  const bloccoConviene = (righe: number) => righe >= SOGLIA_BLOCCO && righe * 2 > (contaStmt.get() as number);
  const scrivi = db.transaction((righe: readonly NuovaAnomalia[]): EsitoScrittura => {
    caricaCache();
    conteggi.clear();
    if (bloccoConviene(righe.length)) return scriviInBlocco([righe]);
    return scriviIncrementaleAnalizza(righe);
  });
  /**
   * Rows in blocks, pulled one block at a time (a streamed import): the same
   * rows stored as `scrivi` of their concatenation. Which path writes them
   * follows `scrivi`'s threshold on the number of rows; with `forseAlmeno`
   * (an upper bound on the rows, e.g. the file's lines) the choice is made
   * on that bound up front and every block is written as it comes (no rows
   * held: a large live heap slows the whole import). Without it the blocks
   * are held until the threshold is reached (then the bulk write streams the
   * rest); a shorter stream is written incrementally.
   */
  const scriviFlusso = db.transaction((blocchi: Iterable<readonly NuovaAnomalia[]>, forseAlmeno?: (n: number) => boolean): EsitoScrittura => {
    caricaCache();
    conteggi.clear();
    // bloccoConviene(n) ⇔ n ≥ soglia.
    const soglia = Math.max(SOGLIA_BLOCCO, Math.floor((contaStmt.get() as number) / 2) + 1);
    if (forseAlmeno?.(soglia)) return scriviInBlocco(blocchi);
    const it = blocchi[Symbol.iterator]();
    const letti: (readonly NuovaAnomalia[])[] = [];
    let n = 0;
    let inserite = 0;
    let giaPresenti = 0;
    while (forseAlmeno !== undefined || n < soglia) {
      const r = it.next();
      if (r.done) {
        for (const righe of letti) {
          const e = scriviIncrementale(righe);
          inserite += e.inserite;
          giaPresenti += e.giaPresenti;
        }
        analizzate += inserite;
        if (analizzate >= SOGLIA_BLOCCO) {
          analizzate = 0;
          analizza(db);
        }
        return { inserite, giaPresenti };
      }
      if (forseAlmeno !== undefined) {
        // Below the threshold whatever comes: written now.
        const e = scriviIncrementale(r.value);
        inserite += e.inserite;
        giaPresenti += e.giaPresenti;
      } else letti.push(r.value);
      n += r.value.length;
    }
    function* tutti(): Generator<readonly NuovaAnomalia[], void, undefined> {
      yield* letti.splice(0);
      for (let r = it.next(); !r.done; r = it.next()) yield r.value;
    }
    return scriviInBlocco(tutti());
  });
  const contaStmt = db.prepare(`SELECT count(*) FROM anomalie WHERE ambiente_id = ${ambienteId}`).pluck();

  const statements = new Map<string, Database.Statement<unknown[]>>();
  const prep = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare<unknown[]>(sql);
      statements.set(sql, s);
      if (statements.size > 200) statements.delete(statements.keys().next().value!);
    }
    return s;
  };

  const gruppoCol = (raggruppamento: Raggruppamento) =>
    raggruppamento === 'persona' ? 'a.soggetto_id' : raggruppamento === 'codice' ? 'a.codice' : "''";

  /**
   * The rows of a window. Two plans, chosen from the number of matches:
   * few matches → find them through the filters' indexes / FTS5 and sort
   * them (materialised); many → walk the index of the ORDER BY and test the
   * filters row by row (`+a.col`), stopping after the window — about
   * (offset + limit) × total / matches rows read. Never a full sort of
   * 100,000 rows, never a LIKE scan.
   */
  const selectRighe = (filtri: FiltriAnomalie, ordinamento: OrdinamentoAnomalie, raggruppamento: Raggruppamento, pochi: boolean | null) => {
    const ord = ordine(ordinamento, raggruppamento);
    const colonne = `${COLONNE_RIGA}, ${gruppoCol(raggruppamento)} AS gruppo`;
    const join = 'JOIN anomalie_testi t ON t.id = a.testo_id LEFT JOIN anomalie_soggetti s ON s.id = a.soggetto_id';
    if (pochi === null) {
      const where = condizioni(ambienteId, filtri);
      return { sql: `SELECT ${colonne} FROM anomalie a ${join} ${where.sql} ${ord.sql}`, params: where.params };
    }
    if (pochi) {
      // The matching rows with their sort columns, straight from the filter scan; then sort those alone.
      const where = condizioni(ambienteId, filtri, 'selettivi');
      return {
        sql: `WITH c AS MATERIALIZED (SELECT a.id, a.rilevata, a.codice, a.persona, a.soggetto_id, a.severita, a.stato FROM anomalie a ${where.sql}),
              p AS MATERIALIZED (SELECT a.id FROM c AS a ${ord.sql} LIMIT ? OFFSET ?)
              SELECT ${colonne} FROM p CROSS JOIN anomalie a ON a.id = p.id ${join} ${ord.sql}`,
        params: where.params,
      };
    }
    const where = condizioni(ambienteId, filtri, true);
    return {
      sql: `WITH p AS MATERIALIZED (SELECT a.id FROM anomalie a INDEXED BY ${nomeIndice(ord.indice, ambienteId)} ${where.sql} ${ord.sql} LIMIT ? OFFSET ?)
            SELECT ${colonne} FROM p CROSS JOIN anomalie a ON a.id = p.id ${join} ${ord.sql}`,
      params: where.params,
    };
  };

  /** Counts per filter set, forgotten at every write. */
  const conteggi = new Map<string, number>();
  const conta = (filtri: FiltriAnomalie): number => {
    const where = condizioni(ambienteId, filtri);
    const key = where.sql + '\u0001' + JSON.stringify(where.params);
    let n = conteggi.get(key);
    if (n === undefined) {
      n = prep(`SELECT count(*) FROM anomalie a ${where.sql}`).pluck().get(...where.params) as number;
      if (conteggi.size > 500) conteggi.clear();
      conteggi.set(key, n);
    }
    return n;
  };

  const catalogoPer = db.prepare(
    `SELECT codice, fonte, descrizione, severita, severita_subentro, suggerimento, procedura, note_servizi, tabella_riferimento, categoria, blocco_subentro
       FROM anomalie_catalogo WHERE codice = ?`,
  );
  const vociCatalogo = (codice: string): VoceCatalogo[] => {
    const ordineFonte = ['elenco_errori_anpr', 'errori_agenzia_entrate', 'anomalie_subentro', 'anomalie_subentro_2019'];
    return (catalogoPer.all(codice) as Record<string, string | null>[])
      .map((r) => ({
        codice: r.codice!,
        fonte: r.fonte!,
        elenco: ELENCO_LABEL[r.fonte!] ?? r.fonte!,
        descrizione: r.descrizione!,
        severita: r.severita ?? null,
        severitaSubentro: r.severita_subentro ?? null,
        suggerimento: r.suggerimento ?? null,
        procedura: r.procedura ?? null,
        noteServizi: r.note_servizi ?? null,
        tabellaRiferimento: r.tabella_riferimento ?? null,
        categoria: r.categoria ?? null,
        bloccoSubentro: r.blocco_subentro ?? null,
      }))
      .sort((a, b) => ordineFonte.indexOf(a.fonte) - ordineFonte.indexOf(b.fonte));
  };

  const dettaglioStmt = db.prepare(
    `SELECT ${COLONNE_RIGA}, a.oggetto, a.id_operazione_anpr, a.ultima_rilevazione, a.stato_nota, a.riga, a.soggetto_id, i.nome_file
       FROM anomalie a JOIN anomalie_testi t ON t.id = a.testo_id LEFT JOIN anomalie_soggetti s ON s.id = a.soggetto_id
       LEFT JOIN anomalie_importazioni i ON i.id = a.importazione_id WHERE a.id = ? AND a.ambiente_id = ${ambienteId}`,
  );
  const storicoStmt = db.prepare('SELECT da, a, operatore, quando, nota FROM anomalie_storico WHERE anomalia_id = ? ORDER BY id');
  // The pratiche sent in the same environment (the queue keeps its type, e.g. SIMULATORE): ids and people of training stay there.
  const tipoAmbiente = ambiente.split(':')[0]!;
  const praticheStmt = db.prepare(
    `SELECT id, servizio, stato, creata, id_operazione_comune FROM pratiche
      WHERE ambiente = ? AND ((? IS NOT NULL AND soggetto_key = ?) OR (? IS NOT NULL AND id_operazione_comune = ?)) ORDER BY creata DESC LIMIT 20`,
  );
  const altreStmt = db.prepare(`SELECT count(*) FROM anomalie WHERE ambiente_id = ${ambienteId} AND soggetto_id = ? AND id <> ?`).pluck();

  const dettaglio = (id: number): DettaglioAnomalia | null => {
    const r = dettaglioStmt.get(id) as
      | (RigaDb & { oggetto: string | null; id_operazione_anpr: string | null; ultima_rilevazione: string; stato_nota: string | null; riga: number | null; soggetto_id: number | null; nome_file: string | null })
      | undefined;
    if (!r) return null;
    const base = riga(r);
    const catalogo = vociCatalogo(r.codice);
    let pratiche: DettaglioAnomalia['pratiche'];
    try {
      pratiche = (praticheStmt.all(tipoAmbiente, r.soggetto_key, r.soggetto_key, r.id_operazione_comune, r.id_operazione_comune) as {
        id: string;
        servizio: string;
        stato: string;
        creata: string;
        id_operazione_comune: string | null;
      }[]).map((p) => ({ id: p.id, servizio: p.servizio, stato: p.stato, creata: p.creata, idOperazioneComune: p.id_operazione_comune }));
    } catch {
      pratiche = [];
    }
    return {
      anomalia: {
        ...base,
        oggetto: r.oggetto,
        idOperazioneANPR: r.id_operazione_anpr,
        ultimaRilevazione: r.ultima_rilevazione,
        statoNota: r.stato_nota,
        nomeFile: r.nome_file,
        riga: r.riga,
      },
      catalogo,
      storico: (storicoStmt.all(id) as { da: StatoAnomalia; a: StatoAnomalia; operatore: string; quando: string; nota: string | null }[]).map((s) => ({ ...s })),
      pratiche,
      altreDelSoggetto: r.soggetto_id === null ? 0 : (altreStmt.get(r.soggetto_id, id) as number),
      percorsoScheda: percorsoScheda(base),
      correzione: correzionePer(base, catalogo),
    };
  };

  const updStato = db.prepare('UPDATE anomalie SET stato = ?, stato_operatore = ?, stato_quando = ?, stato_nota = ? WHERE id = ?');
  const insStorico = db.prepare('INSERT INTO anomalie_storico (anomalia_id, da, a, operatore, quando, nota) VALUES (?, ?, ?, ?, ?, ?)');
  // Another environment's id is not found (the handlers answer "Anomalia non trovata.").
  const statoDi = db.prepare(`SELECT stato FROM anomalie WHERE id = ? AND ambiente_id = ${ambienteId}`).pluck();
  const perStatoStmt = db.prepare(`SELECT stato, count(*) AS n FROM anomalie WHERE ambiente_id = ${ambienteId} GROUP BY stato`);
  const perSeveritaStmt = db.prepare(`SELECT severita, count(*) AS n FROM anomalie WHERE ambiente_id = ${ambienteId} GROUP BY severita`);
  const perCodiceStmt = db.prepare(`SELECT codice, count(*) AS n FROM anomalie WHERE ambiente_id = ${ambienteId} GROUP BY codice ORDER BY n DESC, codice LIMIT 300`);
  const ultimaStmt = db.prepare(`SELECT nome_file, quando, inserite FROM anomalie_importazioni WHERE ambiente_id = ${ambienteId} ORDER BY id DESC LIMIT 1`);

  return {
    ambiente,
    ambienteId,
    scrivi: (righe) => scrivi(righe),
    scriviFlusso: (blocchi, forseAlmeno) => scriviFlusso(blocchi, forseAlmeno),
    elenco({ filtri, ordinamento, raggruppamento, offset, limite, conTotale }) {
      const t0 = performance.now();
      const totale = conta(filtri);
      const percorri = conviencePercorrereIndice(filtri, ordinamento, raggruppamento, { offset, limite }, totale, conta({}));
      const { sql, params } = selectRighe(filtri, ordinamento, raggruppamento, !percorri);
      const righe = (prep(sql).all(...params, limite, offset) as RigaDb[]).map(riga);
      let gruppi: ElencoAnomalie['gruppi'] = [];
      if (raggruppamento !== 'nessuno' && righe.length > 0) {
        const chiavi = [...new Set(righe.map((r) => r.gruppo))];
        const where = condizioni(ambienteId, filtri);
        const col = gruppoCol(raggruppamento);
        // The environment's test at the top level too (see `condizioni`): the group's index may be used.
        const whereSql = `${where.sql}${where.ambienteInAlto ? '' : ` AND a.ambiente_id = ${ambienteId}`} AND ${col} IN (${chiavi.map(() => '?').join(',')})`;
        const chiaviSql = chiavi.map((k) => (raggruppamento === 'persona' ? Number(k) : k));
        // Few matches: count them once materialised (the filters' indexes); many: the group's index.
        const conteggi = (
          totale <= 20_000
            ? prep(
                `WITH c AS MATERIALIZED (SELECT ${col} AS gruppo FROM anomalie a ${condizioni(ambienteId, filtri, 'selettivi').sql})
                 SELECT gruppo, count(*) AS n FROM c WHERE gruppo IN (${chiavi.map(() => '?').join(',')}) GROUP BY gruppo`,
              ).all(...condizioni(ambienteId, filtri, 'selettivi').params, ...chiaviSql)
            : prep(`SELECT ${col} AS gruppo, count(*) AS n FROM anomalie a ${whereSql} GROUP BY ${col}`).all(...where.params, ...chiaviSql)
        ) as { gruppo: string | number; n: number }[];
        const perChiave = new Map(conteggi.map((c) => [String(c.gruppo), c.n]));
        gruppi = chiavi.map((k) => {
          const prima = righe.find((r) => r.gruppo === k)!;
          const etichetta =
            raggruppamento === 'persona'
              ? [prima.persona, prima.codiceFiscale].filter((x) => x && x !== prima.persona).length
                ? `${prima.persona} · ${prima.codiceFiscale}`
                : prima.persona
              : `${prima.codice} – ${vociCatalogo(prima.codice)[0]?.descrizione ?? prima.testo}`;
          return { gruppo: k, etichetta, righe: perChiave.get(k) ?? 0 };
        });
      }
      return { offset, righe, totale: conTotale ? totale : null, gruppi, ms: performance.now() - t0 };
    },
    *tutte(filtri, ordinamento, raggruppamento) {
      const { sql, params } = selectRighe(filtri, ordinamento, raggruppamento, null);
      for (const r of db.prepare(sql).iterate(...params) as Iterable<RigaDb>) yield riga(r);
    },
    dettaglio,
    cambiaStato(id, stato, operatore, nota, quando) {
      const da = statoDi.get(id) as StatoAnomalia | undefined;
      if (da === undefined) return null;
      conteggi.clear();
      db.transaction(() => {
        updStato.run(stato, operatore, quando, nota, id);
        insStorico.run(id, da, stato, operatore, quando, nota);
      })();
      return dettaglio(id);
    },
    riepilogo() {
      const perStato = { aperta: 0, in_lavorazione: 0, sanata: 0 };
      for (const r of perStatoStmt.all() as { stato: StatoAnomalia; n: number }[]) perStato[r.stato] = r.n;
      const perSeverita = { E: 0, W: 0, '?': 0 };
      for (const r of perSeveritaStmt.all() as { severita: SeveritaAnomalia; n: number }[]) {
        perSeverita[r.severita] = r.n;
      }
      const codici = (perCodiceStmt.all() as { codice: string; n: number }[]).map((c) => ({
        codice: c.codice,
        righe: c.n,
        descrizione: vociCatalogo(c.codice)[0]?.descrizione ?? '',
      }));
      const ultima = ultimaStmt.get() as
        | { nome_file: string; quando: string; inserite: number }
        | undefined;
      return {
        totale: perStato.aperta + perStato.in_lavorazione + perStato.sanata,
        perStato,
        perSeverita,
        codici,
        ultimaImportazione: ultima ? { nomeFile: ultima.nome_file, quando: ultima.quando, inserite: ultima.inserite } : null,
      };
    },
    conta: () => contaStmt.get() as number,
    senzaControlloChiaviEsterne<T>(scrittura: () => T): T {
      const fk = !db.inTransaction && db.pragma('foreign_keys', { simple: true }) === 1;
      if (fk) db.pragma('foreign_keys = OFF');
      try {
        return scrittura();
      } finally {
        if (fk) db.pragma('foreign_keys = ON');
      }
    },
  };
}
