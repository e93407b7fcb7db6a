import type { Migration } from './index';

/**
 * Citizens' online requests (issue 15), per environment and comune
 * (`ambiente` = ambienteLocale: training never shows in PRODUZIONE):
 *
 * - `richieste_cittadino`: each request read with P001 (its summary as ANPR
 *   gave it) and, once read, its P002 detail (JSON, files excluded);
 * - `richieste_file`: the attachments and the summary PDF, with their bytes,
 *   size and SHA-256 (verified again whenever one is served);
 * - `richieste_letture`: the last successful read (and up to which day) and
 *   the last failed one, in Italian.
 */
const migration: Migration = {
  version: 13,
  name: '0013-richieste-cittadino',
  up(db) {
    db.exec(`
      CREATE TABLE richieste_cittadino (
        ambiente TEXT NOT NULL,
        codice_richiesta TEXT NOT NULL,
        tipologia TEXT NOT NULL,
        stato TEXT NOT NULL,
        data_apertura TEXT NOT NULL,
        data_chiusura TEXT,
        sintesi_json TEXT NOT NULL,
        dettaglio_json TEXT,
        dettaglio_letto_il TEXT,
        letta_il TEXT NOT NULL,
        PRIMARY KEY (ambiente, codice_richiesta)
      );
      CREATE INDEX richieste_cittadino_apertura ON richieste_cittadino (ambiente, data_apertura);
      CREATE TABLE richieste_file (
        id INTEGER PRIMARY KEY,
        ambiente TEXT NOT NULL,
        codice_richiesta TEXT NOT NULL,
        ruolo TEXT NOT NULL CHECK (ruolo IN ('allegato', 'riepilogo')),
        posizione INTEGER NOT NULL,
        nome TEXT NOT NULL,
        formato TEXT NOT NULL,
        mime TEXT NOT NULL,
        byte INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        dati BLOB NOT NULL,
        archiviato_il TEXT NOT NULL,
        UNIQUE (ambiente, codice_richiesta, ruolo, posizione, sha256),
        FOREIGN KEY (ambiente, codice_richiesta) REFERENCES richieste_cittadino (ambiente, codice_richiesta)
      );
      CREATE INDEX richieste_file_richiesta ON richieste_file (ambiente, codice_richiesta);
      CREATE TABLE richieste_letture (
        ambiente TEXT PRIMARY KEY,
        riuscita_il TEXT,
        fino_al TEXT,
        fallita_il TEXT,
        errore TEXT
      );
    `);
  },
};
export default migration;
