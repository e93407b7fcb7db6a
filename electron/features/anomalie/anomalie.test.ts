import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../platform/db/database';
import { FONTI_ERRORE, leggiRisorsaCatalogo, loadCatalogue, lookupErrore, righeCatalogo, installaCatalogo } from '../../anpr/catalogue';
import { parseCsv } from '../../../shared/domain/csv';
import { anomalieService } from './service';
import { registraAnomalie3002, registraAnomalieDaRisposta } from './registra';
import { scriviCsvGenerato, scriviXlsxGenerato } from './genera';
import { leggiXlsx } from './xlsx';
import { leggiTabella, righeCsv } from './tabella';
import { dataIso, interpretaRighe } from './importa';
import { severitaDaCatalogo, testoDaCatalogo } from './catalogo';
import { ChiaviViste, chiaveDi, SOGLIA_BLOCCO, type NuovaAnomalia } from './store';
import type { FiltriAnomalie } from '../../../shared/ipc/domains/anomalie';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
/** The official lists beside the repository (xlsx originals are not shipped in resources). */
const UFFICIALI = [join(ROOT, '..', 'shared', 'anpr', 'errori'), join(ROOT, '..', '..', 'shared', 'anpr', 'errori')].find((d) => existsSync(d));

const clock = { now: () => new Date('2026-03-02T10:00:00Z') };
/** The environment key the tests record in (training, the default comune). */
const AMBIENTE = 'SIMULATORE:056003';
const ORD = { campo: 'rilevata', direzione: 'desc' } as const;

function apri(): { db: Db; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'anomalie-test-'));
  return { db: openDatabase(join(dir, 'sportello.sqlite')), dir };
}

describe('catalogue in the database', () => {
  let h: { db: Db; dir: string };
  beforeAll(() => (h = apri()));
  afterAll(() => {
    installaCatalogo([...loadCatalogue().values()].flat());
    h.db.close();
    rmSync(h.dir, { recursive: true, force: true });
  });

  it('imports every official list at first start, with both AE severities', () => {
    anomalieService(h.db, AMBIENTE, clock);
    for (const fonte of FONTI_ERRORE) {
      const attese = righeCatalogo(fonte, leggiRisorsaCatalogo(fonte).rows).length;
      expect(h.db.prepare('SELECT count(*) FROM anomalie_catalogo WHERE fonte = ?').pluck().get(fonte), fonte).toBe(
        new Set(righeCatalogo(fonte, leggiRisorsaCatalogo(fonte).rows).map((v) => v.codice)).size,
      );
      expect(attese).toBeGreaterThan(100);
    }
    // 791 codes in the operations list (anpr-protocol.md §6).
    expect(h.db.prepare("SELECT count(*) FROM anomalie_catalogo WHERE fonte = 'elenco_errori_anpr'").pluck().get()).toBe(791);
    const ea = h.db.prepare("SELECT severita_subentro, suggerimento FROM anomalie_catalogo WHERE fonte = 'errori_agenzia_entrate' AND codice = 'EA001'").get() as Record<string, string>;
    expect(ea).toEqual({ severita_subentro: 'W', suggerimento: 'Da rimuovere prima del subentro' });
    const es092 = h.db.prepare("SELECT severita, procedura FROM anomalie_catalogo WHERE fonte = 'anomalie_subentro' AND codice = 'ES092'").get() as Record<string, string>;
    expect(es092.severita).toBe('E');
    expect(es092.procedura).toMatch(/Procedura 004/);
  });

  it.skipIf(!UFFICIALI)('updates a list from the official xlsx, idempotently, and lookups follow', async () => {
    const s = anomalieService(h.db, AMBIENTE, clock);
    const xlsx = readFileSync(join(UFFICIALI!, 'xlsx', 'tab_errori_agenzia_entrate.xlsx'));
    const primo = await s.importaFile(xlsx, 'tab_errori_agenzia_entrate.xlsx', 'catalogo', null);
    expect(primo.elenco).toMatch(/Agenzia delle Entrate/);
    const csv = righeCatalogo('errori_agenzia_entrate', leggiRisorsaCatalogo('errori_agenzia_entrate').rows);
    expect(primo.inserite).toBe(csv.length);
    const secondo = await s.importaFile(xlsx, 'tab_errori_agenzia_entrate.xlsx', 'catalogo', null);
    expect(secondo.inserite).toBe(0);
    expect(secondo.giaPresenti).toBe(csv.length);
    // A newer list (here: one text changed) replaces the old one; lookupErrore uses it.
    const righe = parseCsv(readFileSync(join(UFFICIALI!, 'csv', 'tab_elenco_errori_anpr.csv'), 'utf8'));
    const en122 = righe.find((r) => r[0] === 'EN122')!;
    en122[1] = 'La richiesta effettuata non produce alcun risultato (testo aggiornato)';
    const nuovo = Buffer.from(righe.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n'));
    const esito = await s.importaFile(nuovo, 'tab_elenco_errori_anpr.csv', 'catalogo', null);
    expect(esito.elenco).toMatch(/operazioni anagrafiche/);
    expect(lookupErrore('EN122')!.descrizione).toMatch(/testo aggiornato/);
    // …and survives a restart: the database is the source.
    expect(h.db.prepare("SELECT origine FROM anomalie_catalogo_file WHERE fonte = 'elenco_errori_anpr'").pluck().get()).toBe('aggiornamento');
  });

  it.skipIf(!UFFICIALI)('reads the official xlsx like the derived csv', () => {
    const fogli = leggiXlsx(readFileSync(join(UFFICIALI!, 'xlsx', 'tab_elenco_errori_anpr.xlsx')));
    expect(fogli[0]!.nome).toBe('Operazioni anagrafiche');
    const daXlsx = righeCatalogo('elenco_errori_anpr', fogli[0]!.righe.map((r) => r.celle));
    const daCsv = righeCatalogo('elenco_errori_anpr', parseCsv(readFileSync(join(UFFICIALI!, 'csv', 'tab_elenco_errori_anpr.csv'), 'utf8')));
    expect(daXlsx.map((v) => [v.codice, v.descrizione, v.severita])).toEqual(daCsv.map((v) => [v.codice, v.descrizione, v.severita]));
  });
});

describe('anomaly files', () => {
  let h: { db: Db; dir: string };
  beforeAll(() => (h = apri()));
  afterAll(() => {
    h.db.close();
    rmSync(h.dir, { recursive: true, force: true });
  });

  it('imports a generated 100,000-row file (csv), then the same rows as xlsx add nothing', { timeout: 180_000 }, async () => {
    const s = anomalieService(h.db, AMBIENTE, clock);
    const csv = join(h.dir, 'anomalie.csv');
    const xlsx = join(h.dir, 'anomalie.xlsx');
    expect((await scriviCsvGenerato(csv, { righe: 100_000 })).righe).toBe(100_000);
    await scriviXlsxGenerato(xlsx, { righe: 100_000 });
    const primo = await s.importaFile(readFileSync(csv), 'anomalie.csv', 'anomalie', null);
    expect(primo).toMatchObject({ righe: 100_000, inserite: 100_000, giaPresenti: 0, scartate: 0 });
    expect(s.store.conta()).toBe(100_000);
    const people = h.db.prepare('SELECT count(*) FROM anomalie_soggetti').pluck().get() as number;
    expect(people).toBeGreaterThan(14_000);
    expect(people).toBeLessThan(16_000);
    const secondo = await s.importaFile(readFileSync(xlsx), 'anomalie.xlsx', 'anomalie', null);
    expect(secondo).toMatchObject({ formato: 'xlsx', righe: 100_000, inserite: 0, giaPresenti: 100_000, scartate: 0 });
    expect(s.store.conta()).toBe(100_000);

    // Search and filters over the 100,000 rows.
    const elenco = (filtri: FiltriAnomalie, raggruppamento: 'nessuno' | 'persona' | 'codice' = 'nessuno') =>
      s.store.elenco({ filtri, ordinamento: ORD, raggruppamento, offset: 0, limite: 100, conTotale: true });
    const tutti = elenco({});
    expect(tutti.totale).toBe(100_000);
    expect(tutti.righe.map((r) => r.rilevata)).toEqual([...tutti.righe.map((r) => r.rilevata)].sort().reverse());
    const ea029 = elenco({ codice: 'EA029' });
    expect(ea029.totale).toBe(h.db.prepare("SELECT count(*) FROM anomalie WHERE codice = 'EA029'").pluck().get());
    expect(ea029.righe.every((r) => r.codice === 'EA029')).toBe(true);
    expect(elenco({ q: 'EA02' }).righe.every((r) => r.codice.startsWith('EA02'))).toBe(true);
    const rossi = elenco({ q: 'rossi mario' });
    expect(rossi.totale).toBeGreaterThan(0);
    expect(rossi.righe.every((r) => r.persona === 'ROSSI MARIO')).toBe(true);
    const cf = rossi.righe[0]!.codiceFiscale!;
    expect(elenco({ q: cf.toLowerCase() }).righe.every((r) => r.codiceFiscale === cf)).toBe(true);
    expect(elenco({ q: 'coniuge' }).righe.every((r) => /coniuge/i.test(r.testo))).toBe(true);
    const e = elenco({ severita: ['E'], dal: '2024-01-01', al: '2024-01-31' });
    expect(e.righe.every((r) => r.severita === 'E' && r.rilevata >= '2024-01-01' && r.rilevata <= '2024-01-31')).toBe(true);
    // Deep windows agree with a plain SQL ordering.
    const w = s.store.elenco({ filtri: { severita: ['E'] }, ordinamento: ORD, raggruppamento: 'nessuno', offset: 3000, limite: 50, conTotale: false });
    const atteso = h.db.prepare("SELECT id FROM anomalie WHERE severita = 'E' ORDER BY rilevata DESC, id DESC LIMIT 50 OFFSET 3000").pluck().all();
    expect(w.righe.map((r) => r.id)).toEqual(atteso);
    const perPersona = elenco({ q: 'rossi' }, 'persona');
    expect(perPersona.gruppi.length).toBeGreaterThan(0);
    const primo3 = perPersona.righe.filter((r) => r.gruppo === perPersona.gruppi[0]!.gruppo).length;
    expect(perPersona.gruppi[0]!.righe).toBeGreaterThanOrEqual(primo3);
    const perCodice = elenco({}, 'codice');
    expect(perCodice.righe.map((r) => r.codice)).toEqual([...perCodice.righe.map((r) => r.codice)].sort());
  });

  it('keeps the good rows of a malformed file and reports the others by line', async () => {
    const s = anomalieService(h.db, AMBIENTE, clock);
    const file = join(h.dir, 'errate.csv');
    const esito = await scriviCsvGenerato(file, { righe: 1_000, righeErrate: 30, seed: 7 });
    expect(esito.errate).toBe(30);
    const r = await s.importaFile(readFileSync(file), 'errate.csv', 'anomalie', null);
    expect(r.scartate).toBe(30);
    expect(r.inserite + r.giaPresenti).toBe(970);
    const testo = readFileSync(file, 'utf8').split('\r\n');
    for (const e of r.errori) {
      const cells = testo[e.riga - 1]!.split(';');
      expect(cells[0] === '' || cells[2] === 'GRAVE' || cells[8] === '31/02/2024', `line ${e.riga}: ${e.motivo}`).toBe(true);
    }
    expect(r.errori.map((e) => e.motivo).join('\n')).toMatch(/codice anomalia mancante/);
    expect(r.errori.map((e) => e.motivo).join('\n')).toMatch(/data «31\/02\/2024» non valida/);
  });

  it('reads Excel-style csv: `;`, quotes across lines, title rows, Windows-1252; refuses a catalogue as anomalies', async () => {
    const s = anomalieService(h.db, AMBIENTE, clock);
    const testo =
      'Monitoraggio anomalie - Comune di Prova\r\n\r\n' +
      'Codice anomalia;Messaggio di errore;Severità;Codice fiscale;Cognome;Nome;Data segnalazione\r\n' +
      'EN306;"Presenza del coniuge\r\ne assenza del matrimonio";WARNING;NCCNCL80A01H501X;NICCOLÒ;NICOLA;02/03/2026\r\n' +
      ';senza codice;W;XXXYYY80A01H501Z;A;B;\r\n' +
      'EA029;;;BNCMRA70A01H501Y;BIANCHI;MARIA;2026-03-01\r\n';
    const latin1 = Buffer.from(testo, 'latin1');
    const righe = righeCsv(testo);
    expect(righe.map((r) => r.numero)).toEqual([1, 3, 4, 6, 7]);
    const r = await s.importaFile(latin1, 'monitoraggio.csv', 'anomalie', null);
    expect(r).toMatchObject({ righe: 3, scartate: 1 });
    expect(r.errori).toEqual([{ riga: 6, motivo: 'codice anomalia mancante' }]);
    const en306 = s.store.elenco({ filtri: { q: 'niccolò' }, ordinamento: ORD, raggruppamento: 'nessuno', offset: 0, limite: 10, conTotale: true });
    expect(en306.righe[0]).toMatchObject({ codice: 'EN306', persona: 'NICCOLÒ NICOLA', rilevata: '2026-03-02', severita: 'W' });
    // Missing text and severity come from the catalogue.
    const ea029 = s.store.elenco({ filtri: { q: 'bianchi maria', codice: 'EA029' }, ordinamento: ORD, raggruppamento: 'nessuno', offset: 0, limite: 10, conTotale: true });
    expect(ea029.righe.find((x) => x.codiceFiscale === 'BNCMRA70A01H501Y')).toMatchObject({ severita: 'W', testo: 'Codice fiscale calcolato dai dati anagrafici del comune non presente in AT' });
    await expect(s.importaFile(readFileSync(join(ROOT, 'resources', 'anpr', 'errori', 'subentro', 'anomalie_subentro_anpr.csv')), 'x.csv', 'anomalie', null)).rejects.toThrow(/Aggiorna catalogo/);
    expect(dataIso('45352')).toBe('2024-03-01');
    expect(dataIso('2024-02-30')).toBeNull();
  });
});

describe('streamed import', () => {
  /**
   * A file with a title row, CRLF, quoted fields (separator, doubled quotes,
   * line breaks inside), bad lines, duplicates (some with a later date), and
   * people whose name only appears in a later row (their label changes during
   * the import). `righe` data lines plus the extras.
   */
  function fileDiProva(righe: number, seme: number, persone = 3000): Buffer {
    const q = (c: string) => (/[;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const out = ['Monitoraggio anomalie - Comune di Prova;;', '', 'Codice anomalia;Messaggio di errore;Severità;Codice fiscale;Id ANPR;Cognome;Nome;Data nascita;Data segnalazione;Campo;Valore'];
    const codici = ['EA029', 'EN306', 'ES092', 'EA001', 'EN122'];
    const testi = ['Presenza del coniuge\r\ne assenza del matrimonio', 'Valore "non" ammesso; verificare', 'Codice fiscale non presente in AT', '', 'Testo semplice'];
    const severita = ['E', 'W', 'ERRORE', 'warning', ''];
    const fatte: string[][] = [];
    for (let i = 0; i < righe; i++) {
      const p = (i * 7 + seme) % persone;
      const conId = p % 3 === 0;
      const soloNome = p % 11 === 5;
      // The first rows of some people carry only the CF; later ones add the names.
      const nomi = p % 5 !== 1 || i > righe / 2;
      const c = [
        codici[(i + seme) % codici.length]!,
        testi[i % testi.length]!,
        severita[(i >> 2) % severita.length]!,
        soloNome ? '' : `CF${String(p).padStart(6, '0')}X`,
        conId ? `AB${String(p).padStart(5, '0')}CD` : '',
        nomi ? ['ROSSI', 'BIANCHI', "D'ANGELO", 'NICCOLÒ'][p % 4]! : '',
        nomi ? `NOME${p}` : '',
        `19${String(30 + (p % 60))}-0${1 + (p % 9)}-1${p % 10}`,
        `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
        i % 13 === 0 ? 'campo;x' : '',
        // Distinct values: only the copies below repeat an anomaly (a repeat is not written, so it cannot rename).
        i % 17 === 0 ? '' : `v${i}`,
      ];
      if (i % 97 === 3) c[8] = '31/02/2024';
      else if (i % 97 === 40) c[0] = '';
      else if (i % 97 === 60) c[2] = 'GRAVE';
      else if (i % 97 === 80) c.push('in più');
      out.push(c.map(q).join(';'));
      if (i % 50 === 7) fatte.push(c);
      if (i % 61 === 0 && fatte.length > 0) {
        const d = [...fatte[(i * 13) % fatte.length]!];
        d[8] = `2025-0${1 + (i % 9)}-01`; // the same anomaly seen again, later
        out.push(d.map(q).join(';'));
      }
      if (i % 500 === 250) out.push('');
    }
    return Buffer.from(out.join('\r\n') + '\r\n', 'utf8');
  }

  const dump = (db: Db) => ({
    anomalie: db
      .prepare(
        `SELECT id, chiave, fonte, codice, severita, testo_id, soggetto_id, persona, oggetto, campo, valore, servizio, id_operazione_comune,
                id_operazione_anpr, riga, rilevata, ultima_rilevazione, stato FROM anomalie ORDER BY id`,
      )
      .safeIntegers(true)
      .all(),
    soggetti: db.prepare('SELECT * FROM anomalie_soggetti ORDER BY id').all(),
    testi: db.prepare('SELECT * FROM anomalie_testi ORDER BY id').all(),
    fts: ['rossi', 'nome1', 'niccolo', 'ab00', 'cf0001', 'd', 'angelo'].map((w) =>
      db.prepare('SELECT rowid FROM anomalie_soggetti_fts WHERE anomalie_soggetti_fts MATCH ? ORDER BY rowid').pluck().all(`"${w}"*`),
    ),
    indici: db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name IN ('anomalie', 'anomalie_soggetti') AND type IN ('index', 'trigger') ORDER BY name").all(),
  });
  const integro = (db: Db) => {
    db.prepare("INSERT INTO anomalie_soggetti_fts (anomalie_soggetti_fts, rank) VALUES ('integrity-check', 1)").run();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Imports run without the per-row foreign-key lookups: every reference holds all the same, and the checks are back on.
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  };

  /** The non-streamed path: the whole table parsed, interpreted, then written (`blocco`: rows per `scrivi`). */
  async function nonInFlusso(db: Db, files: Buffer[], blocco: number) {
    const s = anomalieService(db, AMBIENTE, clock);
    const catalogo = { severita: severitaDaCatalogo(db), testo: testoDaCatalogo(db) };
    const esiti = [];
    for (const buf of files) {
      const { anomalie, errori, lette } = interpretaRighe((await leggiTabella(buf)).righe, catalogo, '2026-03-02');
      for (let k = 0; k < anomalie.length; k += blocco) s.store.scrivi(anomalie.slice(k, k + blocco));
      esiti.push({ errori, lette });
    }
    return esiti;
  }

  it('stores exactly the rows of the non-streamed path (bulk and incremental), FTS included', { timeout: 120_000 }, async () => {
    // A small file first (incremental path), then a large one over the same people and more (bulk path):
    // it completes the names of people already stored and of people first seen in it.
    const piccolo = fileDiProva(3_000, 2, 3000);
    const grande = fileDiProva(SOGLIA_BLOCCO + 8_000, 1, 4000);
    const dirs: string[] = [];
    const db = () => {
      const h = apri();
      dirs.push(h.dir);
      return h.db;
    };
    try {
      const a = db();
      const s = anomalieService(a, AMBIENTE, clock);
      const e1 = await s.importaFile(piccolo, 'piccolo.csv', 'anomalie', null);
      const e2 = await s.importaFile(grande, 'grande.csv', 'anomalie', null);
      expect(e2.scartate).toBeGreaterThan(0);
      expect(e2.giaPresenti).toBeGreaterThan(0);
      // People labelled by their CF until a later row (in the same import, or the next) gave their names.
      expect(a.prepare("SELECT count(*) FROM anomalie_soggetti WHERE id_anpr IS NOT NULL AND persona LIKE 'CF%'").pluck().get()).toBeLessThan(20);
      // Same stored rows as the whole file through `scrivi` at once (bulk) and in small batches (incremental, triggers live).
      const b = db();
      const eb = await nonInFlusso(b, [piccolo, grande], Number.MAX_SAFE_INTEGER);
      const c = db();
      await nonInFlusso(c, [piccolo, grande], 1_000);
      const da = dump(a);
      expect(da.anomalie.length).toBe(e1.inserite + e2.inserite);
      expect(da).toEqual(dump(b));
      expect(da).toEqual(dump(c));
      for (const x of [a, b, c]) integro(x);
      // The same reports, by line.
      expect([e1, e2].map((e) => ({ errori: e.errori, lette: e.righe, scartate: e.scartate }))).toEqual(
        eb.map((e) => ({ errori: e.errori.slice(0, 500), lette: e.lette, scartate: e.errori.length })),
      );
      const reg = a.prepare('SELECT righe, inserite, gia_presenti, scartate, errori_json FROM anomalie_importazioni ORDER BY id').all() as Record<string, unknown>[];
      expect(reg.map((r) => ({ ...r, errori_json: JSON.parse(r.errori_json as string) }))).toEqual(
        [e1, e2].map((e, i) => ({ righe: e.righe, inserite: e.inserite, gia_presenti: e.giaPresenti, scartate: e.scartate, errori_json: eb[i]!.errori.slice(0, 1000) })),
      );
      expect(a.prepare('SELECT DISTINCT importazione_id FROM anomalie WHERE riga IS NOT NULL ORDER BY 1').pluck().all()).toEqual([1, 2].slice(0, e2.inserite > 0 ? 2 : 1));
      // Idempotent: importing both again changes nothing.
      const r1 = await s.importaFile(piccolo, 'piccolo.csv', 'anomalie', null);
      const r2 = await s.importaFile(grande, 'grande.csv', 'anomalie', null);
      expect([r1.inserite, r2.inserite]).toEqual([0, 0]);
      expect(dump(a)).toEqual(da);
      integro(a);
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });

  it('decides the bulk path on the lines of the file and still stores the rows of the non-streamed path', { timeout: 120_000 }, async () => {
    // More lines than the bulk threshold, fewer readable rows: the import writes in bulk (decided on the lines),
    // the non-streamed path incrementally (on the rows). Unreadable: an invalid code.
    const buoni = fileDiProva(SOGLIA_BLOCCO / 2, 5, 2000);
    const cattivi = Array.from({ length: SOGLIA_BLOCCO }, (_, i) => `X;riga ${i} illeggibile;E;CF${i};;;;;2024-01-01`).join('\r\n');
    const file = Buffer.concat([buoni, Buffer.from(cattivi + '\r\n')]);
    const dirs: string[] = [];
    try {
      const [a, b] = [apri(), apri()];
      dirs.push(a.dir, b.dir);
      const e = await anomalieService(a.db, AMBIENTE, clock).importaFile(file, 'misto.csv', 'anomalie', null);
      expect(e.scartate).toBeGreaterThanOrEqual(SOGLIA_BLOCCO);
      expect(e.inserite).toBeLessThan(SOGLIA_BLOCCO);
      await nonInFlusso(b.db, [file], Number.MAX_SAFE_INTEGER);
      expect(dump(a.db)).toEqual(dump(b.db));
      integro(a.db);
      a.db.close();
      b.db.close();
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('anomalies from ANPR answers, workflow, export', () => {
  let h: { db: Db; dir: string };
  beforeAll(() => (h = apri()));
  afterAll(() => {
    h.db.close();
    rmSync(h.dir, { recursive: true, force: true });
  });

  it('stores every listaErrori entry once, even when the same answer is registered again', () => {
    const input = {
      soggettoKey: 'RSSMRA80A01H501U',
      idOperazioneComune: '1000042',
      idOperazioneANPR: '2200000001',
      servizio: '5008',
      errori: [
        { codice: 'EN151', tipo: 'E', testo: 'Soggetto non trovato' },
        { codice: 'EN527', tipo: 'E', testo: "Informazioni sull'operazione da fornire in caso di assistenza : data 2026-03-02, idOperazioneANPR 2200000001" },
        { codice: 'EN111', tipo: 'W', testo: '' },
      ],
    };
    expect(registraAnomalieDaRisposta(h.db, AMBIENTE, input)).toEqual({ inserite: 3, giaPresenti: 0 });
    expect(registraAnomalieDaRisposta(h.db, AMBIENTE, input)).toEqual({ inserite: 0, giaPresenti: 3 });
    const s = anomalieService(h.db, AMBIENTE, clock);
    const righe = s.store.elenco({ filtri: { fonte: ['risposta'] }, ordinamento: ORD, raggruppamento: 'nessuno', offset: 0, limite: 10, conTotale: true });
    expect(righe.totale).toBe(3);
    expect(righe.righe.find((r) => r.codice === 'EN111')!.testo).toBe('Indicare il procedimento collegato al servizio');
    const d = s.store.dettaglio(righe.righe.find((r) => r.codice === 'EN151')!.id)!;
    // The rejected 5008 is corrected with the same form, prefilled for the person.
    expect(d.correzione?.percorso).toBe(`/pratiche/nuova?servizio=5008&soggetto=RSSMRA80A01H501U&anomalia=${d.anomalia.id}&codice=EN151`);
  });

  it('takes 3002 erroriAnomalie per subject and marks as sanata what ANPR no longer reports', () => {
    const soggetto = (codici: string[]) => ({
      soggetti: [
        {
          idANPR: 'AB12345CD',
          generalita: { codiceFiscale: 'VRDLCU85M01H501Z', cognome: 'VERDI', nome: 'LUCA', dataNascita: '1985-08-01' },
          cittadinanza: [],
          residenza: [],
          erroriAnomalie: codici.map((codice) => ({ codice, tipo: 'W', testo: '' })),
        },
      ],
    });
    expect(registraAnomalie3002(h.db, AMBIENTE, soggetto(['EA029', 'EN306']))).toMatchObject({ inserite: 2, sanate: 0 });
    expect(registraAnomalie3002(h.db, AMBIENTE, soggetto(['EA029']))).toMatchObject({ inserite: 0, giaPresenti: 1, sanate: 1 });
    const s = anomalieService(h.db, AMBIENTE, clock);
    const r = s.store.elenco({ filtri: { soggettoKey: 'AB12345CD' }, ordinamento: ORD, raggruppamento: 'nessuno', offset: 0, limite: 10, conTotale: true });
    expect(r.righe.map((x) => [x.codice, x.stato]).sort()).toEqual([
      ['EA029', 'aperta'],
      ['EN306', 'sanata'],
    ]);
    const d = s.store.dettaglio(r.righe.find((x) => x.codice === 'EN306')!.id)!;
    expect(d.storico[0]).toMatchObject({ da: 'aperta', a: 'sanata', operatore: 'ANPR' });
    expect(d.catalogo.some((v) => v.procedura?.startsWith('Procedura 004'))).toBe(true);
    expect(d.percorsoScheda).toBe('/soggetti/anpr/AB12345CD');
  });

  it('moves an anomaly aperta → in lavorazione → sanata with operator, date and note (append-only history)', () => {
    const s = anomalieService(h.db, AMBIENTE, clock);
    const id = s.store.elenco({ filtri: { codice: 'EA029' }, ordinamento: ORD, raggruppamento: 'nessuno', offset: 0, limite: 1, conTotale: false }).righe[0]!.id;
    s.store.cambiaStato(id, 'in_lavorazione', 'Anna Bianchi', 'Convocato il cittadino', '2026-03-02T10:00:00');
    const d = s.store.cambiaStato(id, 'sanata', 'Anna Bianchi', null, '2026-03-03T09:00:00')!;
    expect(d.anomalia).toMatchObject({ stato: 'sanata', statoOperatore: 'Anna Bianchi', statoQuando: '2026-03-03T09:00:00' });
    expect(d.storico.map((x) => `${x.da}>${x.a}`)).toEqual(['aperta>in_lavorazione', 'in_lavorazione>sanata']);
    expect(() => h.db.prepare('DELETE FROM anomalie_storico').run()).toThrow(/sola aggiunta/);
  });

  it('exports the current view to csv and xlsx', () => {
    const s = anomalieService(h.db, AMBIENTE, clock);
    const csv = s.esporta({ stato: ['aperta', 'in_lavorazione'] }, ORD, 'nessuno', 'csv');
    const righe = parseCsv(csv.dati.toString('utf8').replace(/^\ufeff/, ''), { separator: ';' });
    expect(righe[0]![0]).toBe('Codice anomalia');
    expect(righe.length - 1).toBe(csv.righe);
    const xlsx = s.esporta({ stato: ['aperta', 'in_lavorazione'] }, ORD, 'nessuno', 'xlsx');
    const foglio = leggiXlsx(xlsx.dati)[0]!;
    const senzaVuoteInFondo = (r: string[]) => {
      const c = [...r];
      while (c.length && c[c.length - 1] === '') c.pop();
      return c;
    };
    expect(foglio.righe.map((r) => senzaVuoteInFondo(r.celle))).toEqual(righe.map(senzaVuoteInFondo));
  });
});

describe('store writes', () => {
  const anomalia = (codice: string, testo: string, soggettoKey: string): NuovaAnomalia => ({
    chiave: chiaveDi(`${codice}|${testo}|${soggettoKey}`),
    fonte: 'file',
    codice,
    severita: 'E',
    testo,
    soggetto: { soggettoKey, codiceFiscale: soggettoKey },
    rilevata: '2026-03-01',
  });

  it('hands out no text or person id of a rolled-back write', () => {
    const h = apri();
    try {
      const s = anomalieService(h.db, AMBIENTE, clock);
      expect(() =>
        h.db.transaction(() => {
          s.store.scrivi([anomalia('EA001', 'Testo annullato', 'AAAAAA00A00A000A')]);
          throw new Error('annullata');
        })(),
      ).toThrow('annullata');
      // The ids the rolled-back write took are free again: another text and person get them…
      s.store.scrivi([anomalia('EA002', 'Altro testo', 'BBBBBB00B00B000B')]);
      // …and the first text and person, written again, get their own.
      s.store.scrivi([anomalia('EA001', 'Testo annullato', 'AAAAAA00A00A000A')]);
      expect(
        h.db
          .prepare('SELECT a.codice, t.testo, s.soggetto_key FROM anomalie a JOIN anomalie_testi t ON t.id = a.testo_id JOIN anomalie_soggetti s ON s.id = a.soggetto_id ORDER BY a.id')
          .raw()
          .all(),
      ).toEqual([
        ['EA002', 'Altro testo', 'BBBBBB00B00B000B'],
        ['EA001', 'Testo annullato', 'AAAAAA00A00A000A'],
      ]);
      expect(h.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      h.db.close();
      rmSync(h.dir, { recursive: true, force: true });
    }
  });

  it('keeps the keys of a bulk write in a set that agrees with Set<bigint>', () => {
    const viste = new ChiaviViste();
    const atteso = new Set<bigint>();
    let x = 0x9e3779b97f4a7c15n;
    const chiavi: bigint[] = [0n, -1n, 1n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 32n, -(2n ** 32n), 1n + 2n ** 32n];
    for (let i = 0; i < 150_000; i++) {
      x = BigInt.asIntN(64, x * 6364136223846793005n + 1442695040888963407n);
      // Some repeats, some keys differing only in their high half.
      chiavi.push(i % 7 === 0 ? chiavi[i >> 1]! : i % 11 === 0 ? BigInt.asIntN(64, x ^ (1n << 40n)) : x);
    }
    for (const k of chiavi) {
      expect(viste.aggiungi(k)).toBe(!atteso.has(k));
      atteso.add(k);
    }
    for (const k of atteso) expect(viste.aggiungi(k)).toBe(false);
  });
});
