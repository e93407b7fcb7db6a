import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * Anomaly lists per environment: what is recorded in training (SIMULATORE)
 * never shows in TEST or PRODUZIONE, and the other way round.
 *
 * - `anomalie_ambienti`: one row per environment key, `${tipo}:${codiceIstat}`
 *   as the app computes it (`ambienteLocale` in electron/platform/impostazioni.ts,
 *   the key of `letture_anpr` too); the tables below point to it by a small
 *   integer (one byte a row).
 * - The list's indexes (one per sort order, the type-ahead lookups, the
 *   unique dedupe key) are partial, one set per environment
 *   (`… WHERE ambiente_id = N`), created by the store when it first opens an
 *   environment (`INDICI_AMBIENTE` in electron/features/anomalie/store.ts): each
 *   environment's queries are the range scans they were on a table of its
 *   own, a bulk import sorts only its environment's rows into its own
 *   indexes, and the same file imported in two environments gives rows in
 *   both. (Indexes leading with `ambiente_id` were measured too: a bulk
 *   import then re-sorts every environment's rows, with a constant first
 *   column on every comparison: ~45% slower index builds.) Migrated rows get
 *   their environment's indexes at the first read, like any environment.
 * - `anomalie_soggetti` and `anomalie_importazioni` are per environment too:
 *   a person's names and ID ANPR read from the training simulator never label
 *   a real person's anomalies, and the last import shown is the environment's.
 * - The texts (`anomalie_testi`) and the official catalogue stay shared: they
 *   are reference data, and only reached through an environment's rows.
 *
 * The tables gain a NOT NULL column with no default, so they are rebuilt:
 * the old ones are renamed aside (their indexes and triggers dropped first,
 * since names must be free), the new ones created with their final text and
 * filled (ids kept, so the external-content FTS5 tables stay valid), then the
 * old ones dropped, children first (foreign keys stay enforced throughout).
 *
 * Existing rows get the key of the environment the app was in when it was
 * upgraded: the stored settings (`impostazioni` rows `ambiente` and
 * `comune`) when present, each missing or unreadable part taking the
 * default the settings take (training, the default comune — see
 * DEFAULT_SETTINGS). The rows were recorded before environments were told
 * apart, so this is the best guess; it is also what the clerk saw them in.
 */
const TIPI = new Set(['SIMULATORE', 'TEST', 'PRODUZIONE']);
/** DEFAULT_SETTINGS.ambiente.tipo and .comune.codiceIstat at the time of this migration. */
const TIPO_PREDEFINITO = 'SIMULATORE';
const COMUNE_PREDEFINITO = '056003';

function impostazione(db: Database.Database, chiave: string): Record<string, unknown> {
  const json = db.prepare('SELECT valore_json FROM impostazioni WHERE chiave = ?').pluck().get(chiave) as string | undefined;
  if (json === undefined) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The environment key of the stored settings (see the comment above). */
export function ambienteAllaMigrazione(db: Database.Database): string {
  const tipo = impostazione(db, 'ambiente')['tipo'];
  const comune = impostazione(db, 'comune')['codiceIstat'];
  return `${typeof tipo === 'string' && TIPI.has(tipo) ? tipo : TIPO_PREDEFINITO}:${typeof comune === 'string' && /^\d{6}$/.test(comune) ? comune : COMUNE_PREDEFINITO}`;
}

const migration: Migration = {
  version: 9,
  name: '0009-anomalie-per-ambiente',
  up(db) {
    const righe = db.prepare('SELECT (SELECT count(*) FROM anomalie_importazioni) + (SELECT count(*) FROM anomalie_soggetti) + (SELECT count(*) FROM anomalie)').pluck().get() as number;
    db.exec(`
      DROP INDEX anomalie_chiave;
      DROP INDEX anomalie_rilevata;
      DROP INDEX anomalie_codice;
      DROP INDEX anomalie_persona;
      DROP INDEX anomalie_soggetto;
      DROP INDEX anomalie_testo;
      DROP INDEX anomalie_severita;
      DROP INDEX anomalie_stato;
      DROP INDEX anomalie_operazione;
      DROP INDEX anomalie_storico_anomalia;
      DROP TRIGGER anomalie_storico_no_update;
      DROP TRIGGER anomalie_storico_no_delete;
      DROP TRIGGER anomalie_soggetti_ai;
      DROP TRIGGER anomalie_soggetti_au;
      ALTER TABLE anomalie_storico RENAME TO anomalie_storico_0008;
      ALTER TABLE anomalie RENAME TO anomalie_0008;
      ALTER TABLE anomalie_soggetti RENAME TO anomalie_soggetti_0008;
      ALTER TABLE anomalie_importazioni RENAME TO anomalie_importazioni_0008;

      CREATE TABLE anomalie_ambienti (
        id      INTEGER PRIMARY KEY,
        chiave  TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE anomalie_importazioni (
        id           INTEGER PRIMARY KEY,
        ambiente_id  INTEGER NOT NULL REFERENCES anomalie_ambienti (id),
        nome_file    TEXT NOT NULL,
        formato      TEXT NOT NULL CHECK (formato IN ('csv', 'xlsx')),
        sha256       TEXT NOT NULL,
        righe        INTEGER NOT NULL,
        inserite     INTEGER NOT NULL,
        gia_presenti INTEGER NOT NULL,
        scartate     INTEGER NOT NULL,
        errori_json  TEXT NOT NULL,
        operatore    TEXT,
        quando       TEXT NOT NULL
      ) STRICT;

      CREATE TABLE anomalie_soggetti (
        id              INTEGER PRIMARY KEY,
        ambiente_id     INTEGER NOT NULL REFERENCES anomalie_ambienti (id),
        soggetto_key    TEXT NOT NULL,
        codice_fiscale  TEXT,
        id_anpr         TEXT,
        cognome         TEXT,
        nome            TEXT,
        data_nascita    TEXT,
        persona         TEXT NOT NULL,
        UNIQUE (ambiente_id, soggetto_key)
      ) STRICT;

      CREATE TABLE anomalie (
        id                    INTEGER PRIMARY KEY,
        ambiente_id           INTEGER NOT NULL REFERENCES anomalie_ambienti (id),
        chiave                INTEGER NOT NULL,
        fonte                 TEXT NOT NULL CHECK (fonte IN ('risposta', 'interrogazione', 'file')),
        codice                TEXT NOT NULL,
        severita              TEXT NOT NULL CHECK (severita IN ('E', 'W', '?')),
        testo_id              INTEGER NOT NULL REFERENCES anomalie_testi (id),
        soggetto_id           INTEGER REFERENCES anomalie_soggetti (id),
        persona               TEXT NOT NULL DEFAULT '',
        oggetto               TEXT,
        campo                 TEXT,
        valore                TEXT,
        servizio              TEXT,
        id_operazione_comune  TEXT,
        id_operazione_anpr    TEXT,
        importazione_id       INTEGER REFERENCES anomalie_importazioni (id),
        riga                  INTEGER,
        rilevata              TEXT NOT NULL,
        ultima_rilevazione    TEXT NOT NULL,
        stato                 TEXT NOT NULL DEFAULT 'aperta' CHECK (stato IN ('aperta', 'in_lavorazione', 'sanata')),
        stato_operatore       TEXT,
        stato_quando          TEXT,
        stato_nota            TEXT
      ) STRICT;

      CREATE TABLE anomalie_storico (
        id           INTEGER PRIMARY KEY,
        anomalia_id  INTEGER NOT NULL REFERENCES anomalie (id),
        da           TEXT NOT NULL,
        a            TEXT NOT NULL,
        operatore    TEXT NOT NULL,
        quando       TEXT NOT NULL,
        nota         TEXT
      ) STRICT;
    `);
    if (righe > 0) {
      const ambienteId = Number(db.prepare('INSERT INTO anomalie_ambienti (chiave) VALUES (?)').run(ambienteAllaMigrazione(db)).lastInsertRowid);
      db.prepare(
        `INSERT INTO anomalie_importazioni (id, ambiente_id, nome_file, formato, sha256, righe, inserite, gia_presenti, scartate, errori_json, operatore, quando)
         SELECT id, ?, nome_file, formato, sha256, righe, inserite, gia_presenti, scartate, errori_json, operatore, quando FROM anomalie_importazioni_0008 ORDER BY id`,
      ).run(ambienteId);
      db.prepare(
        `INSERT INTO anomalie_soggetti (id, ambiente_id, soggetto_key, codice_fiscale, id_anpr, cognome, nome, data_nascita, persona)
         SELECT id, ?, soggetto_key, codice_fiscale, id_anpr, cognome, nome, data_nascita, persona FROM anomalie_soggetti_0008 ORDER BY id`,
      ).run(ambienteId);
      db.prepare(
        `INSERT INTO anomalie (id, ambiente_id, chiave, fonte, codice, severita, testo_id, soggetto_id, persona, oggetto, campo, valore, servizio,
           id_operazione_comune, id_operazione_anpr, importazione_id, riga, rilevata, ultima_rilevazione, stato, stato_operatore, stato_quando, stato_nota)
         SELECT id, ?, chiave, fonte, codice, severita, testo_id, soggetto_id, persona, oggetto, campo, valore, servizio,
           id_operazione_comune, id_operazione_anpr, importazione_id, riga, rilevata, ultima_rilevazione, stato, stato_operatore, stato_quando, stato_nota
         FROM anomalie_0008 ORDER BY id`,
      ).run(ambienteId);
      db.exec('INSERT INTO anomalie_storico (id, anomalia_id, da, a, operatore, quando, nota) SELECT id, anomalia_id, da, a, operatore, quando, nota FROM anomalie_storico_0008 ORDER BY id');
    }
    db.exec(`
      DROP TABLE anomalie_storico_0008;
      DROP TABLE anomalie_0008;
      DROP TABLE anomalie_soggetti_0008;
      DROP TABLE anomalie_importazioni_0008;

      -- The list's indexes are per environment (partial, see the comment above): created by the store.
      CREATE INDEX anomalie_operazione ON anomalie (id_operazione_comune) WHERE id_operazione_comune IS NOT NULL;

      CREATE INDEX anomalie_storico_anomalia ON anomalie_storico (anomalia_id, id);
      CREATE TRIGGER anomalie_storico_no_update BEFORE UPDATE ON anomalie_storico
        BEGIN SELECT RAISE(ABORT, 'anomalie_storico è in sola aggiunta'); END;
      CREATE TRIGGER anomalie_storico_no_delete BEFORE DELETE ON anomalie_storico
        BEGIN SELECT RAISE(ABORT, 'anomalie_storico è in sola aggiunta'); END;

      CREATE TRIGGER anomalie_soggetti_ai AFTER INSERT ON anomalie_soggetti BEGIN
        INSERT INTO anomalie_soggetti_fts (rowid, persona, codice_fiscale, id_anpr)
          VALUES (new.id, new.persona, new.codice_fiscale, new.id_anpr);
      END;
      CREATE TRIGGER anomalie_soggetti_au AFTER UPDATE ON anomalie_soggetti BEGIN
        INSERT INTO anomalie_soggetti_fts (anomalie_soggetti_fts, rowid, persona, codice_fiscale, id_anpr)
          VALUES ('delete', old.id, old.persona, old.codice_fiscale, old.id_anpr);
        INSERT INTO anomalie_soggetti_fts (rowid, persona, codice_fiscale, id_anpr)
          VALUES (new.id, new.persona, new.codice_fiscale, new.id_anpr);
      END;
    `);
    // The planner's statistics went with the old indexes: the store gathers them again when it creates the
    // environment's indexes.
  },
};
export default migration;
