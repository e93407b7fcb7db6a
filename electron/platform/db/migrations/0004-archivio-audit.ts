import type { Migration } from './index';

/**
 * Archive of every ANPR exchange (for ANPR support, who ask for date,
 * idOperazioneComune and idOperazioneANPR; deleted after the retention
 * period), the append-only audit log (triggers reject UPDATE and DELETE) and
 * the local copy of subjects' data, written only from ANPR's answers.
 */
const migration: Migration = {
  version: 4,
  name: '0004-archivio-audit',
  up(db) {
    db.exec(`
      CREATE TABLE messaggi_anpr (
        id                    INTEGER PRIMARY KEY,
        pratica_id            TEXT,
        invio_id              INTEGER,
        servizio              TEXT NOT NULL,
        id_operazione_comune  TEXT NOT NULL,
        id_operazione_anpr    TEXT,
        inviato               TEXT NOT NULL,
        durata_ms             INTEGER,
        http_status           INTEGER,
        esito                 TEXT NOT NULL,
        richiesta_gz          BLOB NOT NULL,
        risposta_gz           BLOB
      ) STRICT;
      CREATE INDEX messaggi_anpr_inviato ON messaggi_anpr (inviato);
      CREATE INDEX messaggi_anpr_id ON messaggi_anpr (id_operazione_comune);
      CREATE INDEX messaggi_anpr_pratica ON messaggi_anpr (pratica_id);

      CREATE TABLE audit_log (
        id                    INTEGER PRIMARY KEY AUTOINCREMENT,
        quando                TEXT NOT NULL,
        operatore             TEXT NOT NULL,
        azione                TEXT NOT NULL,
        pratica_id            TEXT,
        id_operazione_comune  TEXT,
        id_operazione_anpr    TEXT,
        dettaglio             TEXT
      ) STRICT;
      CREATE INDEX audit_log_pratica ON audit_log (pratica_id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log è in sola aggiunta'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log è in sola aggiunta'); END;

      CREATE TABLE soggetti_locali (
        soggetto_key          TEXT PRIMARY KEY,
        id_anpr               TEXT,
        dati_json             TEXT NOT NULL,
        fonte                 TEXT NOT NULL CHECK (fonte IN ('risposta_registrazione', 'interrogazione_3002')),
        servizio              TEXT NOT NULL,
        id_operazione_comune  TEXT,
        id_operazione_anpr    TEXT,
        pratica_id            TEXT,
        aggiornato            TEXT NOT NULL
      ) STRICT;
    `);
  },
};
export default migration;
