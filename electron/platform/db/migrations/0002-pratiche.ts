import type { Migration } from './index';

/**
 * The pratiche a clerk drafts and the queue sends. ANPR identifiers are TEXT
 * (idOperazioneANPR passed 2^31 in 2025). The queue issue extends this table.
 */
const migration: Migration = {
  version: 2,
  name: '0002-pratiche',
  up(db) {
    db.exec(`
      CREATE TABLE pratiche (
        id                  TEXT PRIMARY KEY,
        servizio            TEXT NOT NULL,
        stato               TEXT NOT NULL CHECK (stato IN (
                              'bozza','pronta','in_invio','accolta','accolta_con_avvisi',
                              'respinta','esito_incerto','richiede_intervento')),
        payload_json        TEXT NOT NULL,
        schema_version      INTEGER NOT NULL,
        id_operazione_comune TEXT,
        id_operazione_anpr  TEXT,
        creata              TEXT NOT NULL,
        aggiornata          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pratiche_stato ON pratiche (stato);
    `);
  },
};
export default migration;
