import type { Migration } from './index';

/**
 * Anomaly lists (issue 7).
 *
 * - `anomalie_catalogo`: the official lists (operations errors, Agenzia
 *   Entrate codes with subentro and services severities, subentro
 *   anomalies), one row per code and list; `anomalie_catalogo_file` records
 *   which file each list came from (resources at first start, or a newer
 *   official file imported later).
 * - `anomalie`: one row per anomaly ANPR reported, whatever the source
 *   (answers' listaErrori/listaAnomalie, 3002 erroriAnomalie, files from the
 *   web application), deduplicated by `chiave` (64 bits of a SHA-1 of the
 *   anomaly's identity; a bulk import drops and rebuilds the indexes). Texts and subjects are
 *   normalised (`anomalie_testi`, `anomalie_soggetti`): 100,000 anomalies
 *   carry a few hundred distinct texts and ~15,000 people, so the FTS5
 *   indexes stay small and imports fast. `persona` is a copy of the
 *   subject's sort key so sorting/grouping by person uses an index.
 * - `anomalie_storico`: the local workflow (aperta → in lavorazione →
 *   sanata), append-only like audit_log.
 */
const migration: Migration = {
  version: 6,
  name: '0006-anomalie',
  up(db) {
    db.exec(`
      CREATE TABLE anomalie_catalogo (
        codice              TEXT NOT NULL,
        fonte               TEXT NOT NULL,
        descrizione         TEXT NOT NULL,
        severita            TEXT,
        severita_subentro   TEXT,
        suggerimento        TEXT,
        procedura           TEXT,
        note_servizi        TEXT,
        tabella_riferimento TEXT,
        categoria           TEXT,
        blocco_subentro     TEXT,
        data_variazione     TEXT,
        PRIMARY KEY (codice, fonte)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE anomalie_catalogo_file (
        fonte      TEXT PRIMARY KEY,
        nome_file  TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        voci       INTEGER NOT NULL,
        origine    TEXT NOT NULL CHECK (origine IN ('risorse', 'aggiornamento')),
        importato  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE anomalie_testi (
        id     INTEGER PRIMARY KEY,
        testo  TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE VIRTUAL TABLE anomalie_testi_fts USING fts5(
        testo, content='anomalie_testi', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
      );
      CREATE TRIGGER anomalie_testi_ai AFTER INSERT ON anomalie_testi BEGIN
        INSERT INTO anomalie_testi_fts (rowid, testo) VALUES (new.id, new.testo);
      END;

      CREATE TABLE anomalie_soggetti (
        id              INTEGER PRIMARY KEY,
        soggetto_key    TEXT NOT NULL UNIQUE,
        codice_fiscale  TEXT,
        id_anpr         TEXT,
        cognome         TEXT,
        nome            TEXT,
        data_nascita    TEXT,
        persona         TEXT NOT NULL
      ) STRICT;
      CREATE VIRTUAL TABLE anomalie_soggetti_fts USING fts5(
        persona, codice_fiscale, id_anpr, content='anomalie_soggetti', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
      );
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

      CREATE TABLE anomalie_importazioni (
        id           INTEGER PRIMARY KEY,
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

      CREATE TABLE anomalie (
        id                    INTEGER PRIMARY KEY,
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
      CREATE UNIQUE INDEX anomalie_chiave ON anomalie (chiave);
      -- One index per sort order (col ASC, rilevata DESC: walked either way),
      -- plus the lookups of the type-ahead (testo_id, soggetto_id).
      CREATE INDEX anomalie_rilevata ON anomalie (rilevata);
      CREATE INDEX anomalie_codice ON anomalie (codice, rilevata DESC);
      CREATE INDEX anomalie_persona ON anomalie (persona, soggetto_id, rilevata DESC);
      CREATE INDEX anomalie_soggetto ON anomalie (soggetto_id);
      CREATE INDEX anomalie_testo ON anomalie (testo_id);
      CREATE INDEX anomalie_severita ON anomalie (severita, rilevata DESC);
      CREATE INDEX anomalie_stato ON anomalie (stato, rilevata DESC);
      CREATE INDEX anomalie_fonte ON anomalie (fonte, rilevata DESC);
      CREATE INDEX anomalie_operazione ON anomalie (id_operazione_comune) WHERE id_operazione_comune IS NOT NULL;

      CREATE TABLE anomalie_storico (
        id           INTEGER PRIMARY KEY,
        anomalia_id  INTEGER NOT NULL REFERENCES anomalie (id),
        da           TEXT NOT NULL,
        a            TEXT NOT NULL,
        operatore    TEXT NOT NULL,
        quando       TEXT NOT NULL,
        nota         TEXT
      ) STRICT;
      CREATE INDEX anomalie_storico_anomalia ON anomalie_storico (anomalia_id, id);
      CREATE TRIGGER anomalie_storico_no_update BEFORE UPDATE ON anomalie_storico
        BEGIN SELECT RAISE(ABORT, 'anomalie_storico è in sola aggiunta'); END;
      CREATE TRIGGER anomalie_storico_no_delete BEFORE DELETE ON anomalie_storico
        BEGIN SELECT RAISE(ABORT, 'anomalie_storico è in sola aggiunta'); END;
    `);
  },
};
export default migration;
