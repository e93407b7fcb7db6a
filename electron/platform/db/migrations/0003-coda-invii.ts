import type { Migration } from './index';

/**
 * The offline queue (issue 5): the pratiche columns the dispatcher needs, one
 * row per submission (`invii`, holding the allocated idOperazioneComune and
 * the frozen request body) and the per-environment id sequence.
 *
 * - At most one OPEN submission per environment (partial unique index): one
 *   pratica in flight, and an uncertain one blocks the queue.
 * - An idOperazioneComune is unique per environment and never reused.
 * - ANPR identifiers are TEXT; `ultimo_ms` is our own logical clock (ms).
 */
const migration: Migration = {
  version: 3,
  name: '0003-coda-invii',
  up(db) {
    db.exec(`
      ALTER TABLE pratiche ADD COLUMN ambiente TEXT;
      ALTER TABLE pratiche ADD COLUMN formato TEXT NOT NULL DEFAULT 'dati';
      ALTER TABLE pratiche ADD COLUMN soggetto_key TEXT;
      ALTER TABLE pratiche ADD COLUMN data_decorrenza TEXT;
      ALTER TABLE pratiche ADD COLUMN protocollo TEXT;
      ALTER TABLE pratiche ADD COLUMN data_protocollo TEXT;
      ALTER TABLE pratiche ADD COLUMN scadenza TEXT;
      ALTER TABLE pratiche ADD COLUMN operatore TEXT;
      ALTER TABLE pratiche ADD COLUMN revisione INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE pratiche ADD COLUMN errori_json TEXT;
      ALTER TABLE pratiche ADD COLUMN messaggio TEXT;
      ALTER TABLE pratiche ADD COLUMN scartata TEXT;
      CREATE INDEX pratiche_coda ON pratiche (ambiente, stato, creata);
      CREATE INDEX pratiche_soggetto ON pratiche (soggetto_key, data_decorrenza);

      CREATE TABLE invii (
        id                    INTEGER PRIMARY KEY,
        pratica_id            TEXT NOT NULL REFERENCES pratiche (id),
        revisione             INTEGER NOT NULL,
        ambiente              TEXT NOT NULL,
        id_operazione_comune  TEXT NOT NULL CHECK (id_operazione_comune GLOB '[0-9A-Za-z]*'
                                                   AND length(id_operazione_comune) BETWEEN 1 AND 30),
        servizio              TEXT NOT NULL,
        corpo_xml             TEXT NOT NULL,
        corpo_sha256          TEXT NOT NULL,
        aperto                INTEGER NOT NULL CHECK (aperto IN (0, 1)),
        esito                 TEXT,
        chiusura              TEXT CHECK (chiusura IN ('esito', 'id_inferiore', 'intervento')),
        id_operazione_anpr    TEXT,
        tentativi             INTEGER NOT NULL DEFAULT 0,
        tentativi_incerti     INTEGER NOT NULL DEFAULT 0,
        prossimo_tentativo    TEXT,
        ultimo_errore         TEXT,
        allocato              TEXT NOT NULL,
        primo_invio           TEXT,
        chiuso                TEXT
      ) STRICT;
      CREATE UNIQUE INDEX invii_id_operazione ON invii (ambiente, id_operazione_comune);
      CREATE UNIQUE INDEX invii_uno_aperto ON invii (ambiente) WHERE aperto = 1;
      CREATE INDEX invii_pratica ON invii (pratica_id);

      CREATE TABLE sequenze_id_operazione (
        ambiente    TEXT NOT NULL,
        comune      TEXT NOT NULL,
        suffisso    TEXT NOT NULL,
        ultimo_ms   INTEGER NOT NULL,
        ultimo_id   TEXT NOT NULL,
        PRIMARY KEY (ambiente, comune)
      ) STRICT;
    `);
  },
};
export default migration;
