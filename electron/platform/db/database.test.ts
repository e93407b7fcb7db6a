import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from './database';
import { migrations } from './migrations';
import { ambienteAllaMigrazione } from './migrations/0009-anomalie-per-ambiente';
import { anomalieService } from '../../features/anomalie/service';
import { ambienteLocale, createSettingsRepository, DEFAULT_SETTINGS } from '../impostazioni';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'db-')), 'sportello.sqlite');

function schemaOf(db: Database.Database): string[] {
  return db
    .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all()
    .map((row) => row.sql.replace(/\s+/g, ' '));
}

describe('database', () => {
  it('opens in WAL with foreign keys on and the latest schema version', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it.each(migrations.map((_, index) => index))('migrates up from version %i to the same schema as a fresh database', (from) => {
    const fresh = openDatabase(tempFile());
    const file = tempFile();
    const old = new Database(file);
    migrate(old, migrations, from);
    expect(schemaVersion(old)).toBe(from);
    old.close();
    const upgraded = openDatabase(file);
    expect(schemaVersion(upgraded)).toBe(migrations.length);
    expect(schemaOf(upgraded)).toEqual(schemaOf(fresh));
    upgraded.close();
    fresh.close();
  });

  it('keeps existing rows across an upgrade', () => {
    const file = tempFile();
    const old = new Database(file);
    migrate(old, migrations, 1);
    old.prepare("INSERT INTO impostazioni VALUES ('comune', '{\"codiceIstat\":\"056009\",\"denominazione\":\"Bomarzo\"}', '2026-01-01')").run();
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT valore_json FROM impostazioni').pluck().get()).toContain('Bomarzo');
    db.close();
  });

  it('refuses a database written by a newer version', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this build/);
  });

  it('rolls back a failing migration and leaves the version unchanged', () => {
    const file = tempFile();
    const broken = [...migrations, { version: migrations.length + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE t (x); SELECT * FROM missing_table;') }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const db = new Database(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 't'").pluck().get()).toBe(0);
    db.close();
  });

  it('rejects an unknown pratica state', () => {
    const db = openDatabase(tempFile());
    expect(() =>
      db.prepare("INSERT INTO pratiche (id, servizio, stato, payload_json, schema_version, creata, aggiornata) VALUES ('p1', '3002', 'inventato', '{}', 1, 'x', 'x')").run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 0009: anomalies per environment', () => {
  /** A version-8 database with anomalies (two people, one workflow step, one import; the FTS tables filled by their triggers) and settings. */
  function versione8(impostazioni: Record<string, unknown>): string {
    const file = tempFile();
    const old = new Database(file);
    migrate(old, migrations, 8);
    for (const [chiave, valore] of Object.entries(impostazioni)) {
      old.prepare('INSERT INTO impostazioni VALUES (?, ?, ?)').run(chiave, JSON.stringify(valore), '2026-01-01');
    }
    old.exec(`
      INSERT INTO anomalie_testi (id, testo) VALUES (1, 'Presenza del coniuge e assenza del matrimonio'), (2, 'Codice fiscale non presente in AT');
      INSERT INTO anomalie_soggetti (id, soggetto_key, codice_fiscale, cognome, nome, persona)
        VALUES (1, 'BNCMRA70A01H501Y', 'BNCMRA70A01H501Y', 'BIANCHI', 'MARIA', 'BIANCHI MARIA'), (2, 'VRDLCU85M01H501Z', 'VRDLCU85M01H501Z', 'VERDI', 'LUCA', 'VERDI LUCA');
      INSERT INTO anomalie_importazioni (id, nome_file, formato, sha256, righe, inserite, gia_presenti, scartate, errori_json, quando)
        VALUES (1, 'monitoraggio.csv', 'csv', 'x', 3, 3, 0, 0, '[]', '2026-01-02T10:00:00');
      INSERT INTO anomalie (id, chiave, fonte, codice, severita, testo_id, soggetto_id, persona, importazione_id, riga, rilevata, ultima_rilevazione, stato)
        VALUES (1, 101, 'file', 'EN306', 'W', 1, 1, 'BIANCHI MARIA', 1, 2, '2026-01-01', '2026-01-01', 'in_lavorazione'),
               (2, 102, 'file', 'EA029', 'E', 2, 1, 'BIANCHI MARIA', 1, 3, '2026-01-01', '2026-01-01', 'aperta'),
               (3, -103, 'file', 'EA029', 'E', 2, 2, 'VERDI LUCA', 1, 4, '2026-01-01', '2026-01-01', 'aperta');
      INSERT INTO anomalie_storico (anomalia_id, da, a, operatore, quando, nota) VALUES (1, 'aperta', 'in_lavorazione', 'Anna Bianchi', '2026-01-03T09:00:00', 'Convocata');
    `);
    old.close();
    return file;
  }

  const elenco = (db: Database.Database, ambiente: string, q?: string) =>
    anomalieService(db, ambiente).store.elenco({ filtri: q ? { q } : {}, ordinamento: { campo: 'rilevata', direzione: 'desc' }, raggruppamento: 'nessuno', offset: 0, limite: 10, conTotale: true });

  it('gives the rows, people and imports the environment of the stored settings; the others see none of them', () => {
    const db = openDatabase(versione8({ comune: { codiceIstat: '056009', denominazione: 'Bomarzo' }, ambiente: { tipo: 'TEST', endpoint: 'https://wstest.anpr.interno.it' } }));
    const chiave = ambienteLocale(createSettingsRepository(db, { now: () => new Date() }).get());
    expect(chiave).toBe('TEST:056009');
    expect(db.prepare('SELECT chiave FROM anomalie_ambienti').pluck().all()).toEqual([chiave]);
    for (const t of ['anomalie', 'anomalie_soggetti', 'anomalie_importazioni']) {
      expect(db.prepare(`SELECT DISTINCT e.chiave FROM ${t} x JOIN anomalie_ambienti e ON e.id = x.ambiente_id`).pluck().all(), t).toEqual([chiave]);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The full-text indexes still match their (rebuilt) content tables.
    for (const fts of ['anomalie_testi_fts', 'anomalie_soggetti_fts']) db.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', 1)`).run();
    const s = anomalieService(db, chiave);
    expect(elenco(db, chiave)).toMatchObject({ totale: 3 });
    expect(elenco(db, chiave, 'bianchi').righe.map((r) => r.id).sort()).toEqual([1, 2]);
    expect(elenco(db, chiave, 'coniuge').righe.map((r) => r.id)).toEqual([1]);
    expect(s.store.dettaglio(1)).toMatchObject({ anomalia: { stato: 'in_lavorazione', nomeFile: 'monitoraggio.csv' }, storico: [{ operatore: 'Anna Bianchi', nota: 'Convocata' }], altreDelSoggetto: 1 });
    expect(s.store.riepilogo()).toMatchObject({ totale: 3, ultimaImportazione: { nomeFile: 'monitoraggio.csv' } });
    // The dedupe keys came along: the same anomalies are not written twice.
    expect(s.store.scrivi([{ chiave: -103n, fonte: 'file', codice: 'EA029', severita: 'E', testo: 'Codice fiscale non presente in AT', rilevata: '2026-02-01' }])).toEqual({ inserite: 0, giaPresenti: 1 });
    // Training (and PRODUZIONE) of the same comune: nothing.
    for (const altro of ['SIMULATORE:056009', 'PRODUZIONE:056009']) {
      expect(elenco(db, altro), altro).toMatchObject({ totale: 0, righe: [] });
      expect(elenco(db, altro, 'bianchi').totale, altro).toBe(0);
      expect(anomalieService(db, altro).store.dettaglio(1), altro).toBeNull();
      expect(anomalieService(db, altro).store.riepilogo().ultimaImportazione, altro).toBeNull();
    }
    db.close();
  });

  it('without stored settings, gives them the training environment of the default comune, as the app will compute it', () => {
    const db = openDatabase(versione8({ sicurezza: { minutiInattivita: 10 } }));
    const chiave = ambienteLocale(createSettingsRepository(db, { now: () => new Date() }).get());
    expect(chiave).toBe(ambienteLocale(DEFAULT_SETTINGS));
    expect(db.prepare('SELECT chiave FROM anomalie_ambienti').pluck().all()).toEqual([chiave]);
    expect(elenco(db, chiave)).toMatchObject({ totale: 3 });
    db.close();
  });

  it('reads a stored part that is missing or unreadable as its default', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 1);
    const salva = (chiave: string, json: string) => db.prepare('INSERT OR REPLACE INTO impostazioni VALUES (?, ?, ?)').run(chiave, json, '2026-01-01');
    expect(ambienteAllaMigrazione(db)).toBe('SIMULATORE:056003');
    salva('ambiente', JSON.stringify({ tipo: 'PRODUZIONE', endpoint: 'https://ws.anpr.interno.it' }));
    expect(ambienteAllaMigrazione(db)).toBe('PRODUZIONE:056003');
    salva('comune', '{non json');
    expect(ambienteAllaMigrazione(db)).toBe('PRODUZIONE:056003');
    salva('comune', JSON.stringify({ codiceIstat: '058091', denominazione: 'Roma' }));
    salva('ambiente', JSON.stringify({ tipo: 'ALTRO' }));
    expect(ambienteAllaMigrazione(db)).toBe('SIMULATORE:058091');
    db.close();
  });
});

describe('migration 0011: the hidden keys of a pratica become columns', () => {
  const righe: Array<[string, Record<string, unknown> | string]> = [
    ['modulo', { generalita: { cognome: 'ROSSI', nome: 'MARIO' }, _modulo: { cognome: 'Rossi', nome: 'Mario', variante: 'x' } }],
    ['variante', { datiControllo: { tipoMutazione: '2' }, _variante: 'altro-comune', _modulo: { via: 'Gar' } }],
    ['annulla', { _annulla: { praticaId: 'p-accolta', servizio: '2001', idOperazioneComune: '202612010900000000001', idOperazioneANPR: '123456789', dataDecorrenza: '2026-12-01' } }],
    ['soggetto', { generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: '900' }, _soggetto: 'Aiello Vincenzo', _famiglia: { idFamigliaConvivenzaANPR: '900' } }],
    ['niente', { generalita: { cognome: 'BIANCHI', nome: 'ANNA' } }],
    ['xml', { xml: '<Richiesta5005/>' }],
    ['illeggibile', 'non json'],
  ];

  // The pratiche table exists from version 2: every earlier version with rows upgrades the same way.
  it.each(migrations.slice(1, 10).map((m) => m.version))('moves them out of every stored payload, upgrading from version %i', (from) => {
    const file = tempFile();
    const old = new Database(file);
    migrate(old, migrations, from);
    const insert = old.prepare("INSERT INTO pratiche (id, servizio, stato, payload_json, schema_version, creata, aggiornata) VALUES (?, '5005', 'bozza', ?, 1, 'x', 'x')");
    for (const [id, payload] of righe) insert.run(id, typeof payload === 'string' ? payload : JSON.stringify(payload));
    old.close();

    // Up to 0011 only: 0012 then moves the keys it leaves (below).
    const db = new Database(file);
    migrate(db, migrations, 11);
    type Riga = { payload_json: string; valori_modulo_json: string | null; variante: string | null; annulla_pratica_id: string | null; annulla_json: string | null; avviata_per: string | null };
    const riga = (id: string) => db.prepare<[string], Riga>('SELECT payload_json, valori_modulo_json, variante, annulla_pratica_id, annulla_json, avviata_per FROM pratiche WHERE id = ?').get(id)!;
    const payload = (id: string) => JSON.parse(riga(id).payload_json) as Record<string, unknown>;

    expect(payload('modulo')).toEqual({ generalita: { cognome: 'ROSSI', nome: 'MARIO' } });
    expect(JSON.parse(riga('modulo').valori_modulo_json!)).toEqual({ cognome: 'Rossi', nome: 'Mario', variante: 'x' });
    expect(riga('modulo')).toMatchObject({ variante: null, annulla_pratica_id: null, annulla_json: null, avviata_per: null });

    expect(payload('variante')).toEqual({ datiControllo: { tipoMutazione: '2' } });
    expect(riga('variante')).toMatchObject({ variante: 'altro-comune', valori_modulo_json: '{"via":"Gar"}' });

    expect(payload('annulla')).toEqual({});
    expect(riga('annulla').annulla_pratica_id).toBe('p-accolta');
    expect(JSON.parse(riga('annulla').annulla_json!)).toEqual({ praticaId: 'p-accolta', servizio: '2001', idOperazioneComune: '202612010900000000001', idOperazioneANPR: '123456789', dataDecorrenza: '2026-12-01' });

    // Keys this migration does not own stay where they are.
    expect(payload('soggetto')).toEqual({ generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: '900' }, _famiglia: { idFamigliaConvivenzaANPR: '900' } });
    expect(riga('soggetto').avviata_per).toBe('Aiello Vincenzo');

    expect(payload('niente')).toEqual({ generalita: { cognome: 'BIANCHI', nome: 'ANNA' } });
    expect(riga('niente')).toMatchObject({ valori_modulo_json: null, variante: null, annulla_pratica_id: null, annulla_json: null, avviata_per: null });
    expect(payload('xml')).toEqual({ xml: '<Richiesta5005/>' });
    expect(riga('illeggibile').payload_json).toBe('non json');

    // No stored payload keeps a key that now has a column.
    const rimasti = db.prepare<[], { payload_json: string }>('SELECT payload_json FROM pratiche').all().filter((r) => /"_(modulo|variante|annulla|soggetto)"/.test(r.payload_json));
    expect(rimasti).toEqual([]);
    db.close();
  });
});

describe('migration 0012: follow-up links and form notes leave the payload', () => {
  const righe: Array<[string, Record<string, unknown>, Record<string, unknown> | null]> = [
    ['seguito', { famigliaConvivenza: { idFamigliaConvivenzaANPR: '900', tipoScheda: '1' }, _seguitoDi: { praticaId: 'p-2001', servizio: '2001', codice: 'EN225' } }, null],
    ['famiglia', { generalitaPerRicerca: { cognome: 'ROSSI', nome: 'MARIO' }, _famiglia: { idFamigliaConvivenzaANPR: '900', componenti: [{ cognome: 'ROSSI', nome: 'ANNA' }] } }, { motivo: '1' }],
    ['provenienza', { datiControllo: { tipoMutazione: '2' }, _provenienza: { nomeComune: 'Viterbo', codiceIstat: '056059', siglaProvincia: 'VT' } }, { provenienza: { nomeComune: 'VITERBO (già nei valori)' } }],
    ['pulito', { generalita: { cognome: 'BIANCHI', nome: 'ANNA' } }, { cognome: 'Bianchi' }],
  ];

  it.each(migrations.slice(1, 11).map((m) => m.version))('upgrading from version %i, no payload keeps a key starting with _', (from) => {
    const file = tempFile();
    const old = new Database(file);
    migrate(old, migrations, from);
    const conValori = from >= 11;
    const insert = old.prepare(
      conValori
        ? "INSERT INTO pratiche (id, servizio, stato, payload_json, schema_version, creata, aggiornata, valori_modulo_json) VALUES (?, '5001', 'bozza', ?, 1, 'x', 'x', ?)"
        : "INSERT INTO pratiche (id, servizio, stato, payload_json, schema_version, creata, aggiornata) VALUES (?, '5001', 'bozza', ?, 1, 'x', 'x')",
    );
    for (const [id, payload, valori] of righe) {
      // Before 0011 the form values rode under _modulo.
      if (conValori) insert.run(id, JSON.stringify(payload), valori ? JSON.stringify(valori) : null);
      else insert.run(id, JSON.stringify(valori ? { ...payload, _modulo: valori } : payload));
    }
    old.close();

    const db = openDatabase(file);
    const riga = (id: string) => db.prepare<[string], { payload_json: string; valori_modulo_json: string | null; seguito_di_json: string | null }>('SELECT payload_json, valori_modulo_json, seguito_di_json FROM pratiche WHERE id = ?').get(id)!;
    const json = (t: string | null) => (t ? (JSON.parse(t) as Record<string, unknown>) : null);

    expect(json(riga('seguito').payload_json)).toEqual({ famigliaConvivenza: { idFamigliaConvivenzaANPR: '900', tipoScheda: '1' } });
    expect(json(riga('seguito').seguito_di_json)).toEqual({ praticaId: 'p-2001', servizio: '2001', codice: 'EN225' });
    expect(json(riga('famiglia').payload_json)).toEqual({ generalitaPerRicerca: { cognome: 'ROSSI', nome: 'MARIO' } });
    expect(json(riga('famiglia').valori_modulo_json)).toEqual({ motivo: '1', famiglia: { idFamigliaConvivenzaANPR: '900', componenti: [{ cognome: 'ROSSI', nome: 'ANNA' }] } });
    // What the clerk typed wins over the old note.
    expect(json(riga('provenienza').valori_modulo_json)).toEqual({ provenienza: { nomeComune: 'VITERBO (già nei valori)' } });
    expect(json(riga('pulito').payload_json)).toEqual({ generalita: { cognome: 'BIANCHI', nome: 'ANNA' } });
    expect(riga('pulito').seguito_di_json).toBeNull();
    expect(db.prepare<[], { payload_json: string }>('SELECT payload_json FROM pratiche').all().filter((r) => /"_[A-Za-z]/.test(r.payload_json))).toEqual([]);
    db.close();
  });
});
