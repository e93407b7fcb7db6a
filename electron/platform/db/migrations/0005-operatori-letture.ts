import type { Migration } from './index';

/**
 * Local operator accounts (scrypt hash with a per-user salt, never the
 * password) and the local copy of what ANPR answered to a 3002 read, per
 * environment, shown offline as "dati locali al <data>, non certificabili".
 */
const migration: Migration = {
  version: 5,
  name: '0005-operatori-letture',
  up(db) {
    db.exec(`
      CREATE TABLE operatori (
        codice_fiscale  TEXT PRIMARY KEY,
        nome            TEXT NOT NULL,
        cognome         TEXT NOT NULL,
        ruolo           TEXT NOT NULL CHECK (ruolo IN ('operatore', 'ufficiale_anagrafe', 'amministratore', 'sola_lettura')),
        password_hash   TEXT NOT NULL,
        attivo          INTEGER NOT NULL DEFAULT 1 CHECK (attivo IN (0, 1)),
        creato          TEXT NOT NULL,
        aggiornato      TEXT NOT NULL,
        ultimo_accesso  TEXT
      ) STRICT;

      CREATE TABLE letture_anpr (
        ambiente          TEXT NOT NULL,
        id_scheda_anpr    TEXT NOT NULL,
        id_anpr           TEXT,
        codice_fiscale    TEXT,
        cognome           TEXT NOT NULL,
        nome              TEXT NOT NULL,
        data_nascita      TEXT,
        id_famiglia_anpr  TEXT,
        soggetto_json     TEXT NOT NULL,
        famiglia_json     TEXT,
        letto_il          TEXT NOT NULL,
        PRIMARY KEY (ambiente, id_scheda_anpr)
      ) STRICT;
      CREATE INDEX letture_anpr_cf ON letture_anpr (ambiente, codice_fiscale);
      CREATE INDEX letture_anpr_nome ON letture_anpr (ambiente, cognome, nome, data_nascita);
      CREATE INDEX letture_anpr_id ON letture_anpr (ambiente, id_anpr);
    `);
  },
};
export default migration;
