import type { Migration } from './index';

/** Key/value settings (comune, environment, endpoint…), values as JSON text. */
const migration: Migration = {
  version: 1,
  name: '0001-impostazioni',
  up(db) {
    db.exec(`
      CREATE TABLE impostazioni (
        chiave      TEXT PRIMARY KEY,
        valore_json TEXT NOT NULL,
        aggiornata  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
export default migration;
