import type { Migration } from './index';

/**
 * Certificates issued through ANPR 6001 (issue 8).
 *
 * - `certificati_emessi`: one row per issuance, written BEFORE the request is
 *   sent (`in_emissione`, with the idOperazioneComune and the request as
 *   sent), completed from ANPR's answer (`emesso` with the PDF bytes exactly
 *   as received and their SHA-256, or `respinto` / `non_emesso`). A row left
 *   `in_emissione` is reconciled by replaying the same id: ANPR returns the
 *   certificate it already issued, so there is never a second one.
 *   Triggers keep the archive honest: an archived PDF, its hash and its
 *   protocol number can never change, and an issued certificate can never be
 *   deleted.
 * - `certificati_stampe`: every print and reprint (append-only).
 */
const migration: Migration = {
  version: 7,
  name: '0007-certificazione',
  up(db) {
    db.exec(`
      CREATE TABLE certificati_emessi (
        id                      INTEGER PRIMARY KEY,
        id_operazione_comune    TEXT NOT NULL,
        ambiente                TEXT NOT NULL,
        comune                  TEXT NOT NULL,
        stato                   TEXT NOT NULL CHECK (stato IN ('in_emissione', 'emesso', 'respinto', 'non_emesso')),
        tipi                    TEXT NOT NULL,
        intestatario_id_anpr    TEXT NOT NULL,
        intestatario_cf         TEXT,
        intestatario_nominativo TEXT NOT NULL,
        richiedente             TEXT NOT NULL,
        pa_estera               TEXT NOT NULL,
        bollo_centesimi         INTEGER NOT NULL,
        bollo_modalita          TEXT NOT NULL,
        esenzione_bollo         TEXT NOT NULL,
        descrizione_esenzione   TEXT NOT NULL,
        diritti_esenti          INTEGER NOT NULL CHECK (diritti_esenti IN (0, 1)),
        diritti_centesimi       INTEGER NOT NULL,
        operatore_cf            TEXT NOT NULL,
        operatore_nominativo    TEXT NOT NULL,
        richiesta_json          TEXT NOT NULL,
        creato                  TEXT NOT NULL,
        tentativi               INTEGER NOT NULL DEFAULT 0,
        ultimo_tentativo        TEXT,
        ultimo_esito            TEXT,
        emesso                  TEXT,
        giorno                  TEXT,
        id_operazione_anpr      TEXT,
        protocollo_anpr         TEXT,
        pdf                     BLOB,
        pdf_sha256              TEXT,
        pdf_byte                INTEGER,
        errori_json             TEXT NOT NULL DEFAULT '[]',
        messaggio               TEXT,
        UNIQUE (ambiente, comune, id_operazione_comune),
        CHECK (stato <> 'emesso' OR (pdf IS NOT NULL AND pdf_sha256 IS NOT NULL AND giorno IS NOT NULL))
      ) STRICT;
      CREATE INDEX certificati_emessi_giorno ON certificati_emessi (giorno, operatore_cf);
      CREATE INDEX certificati_emessi_stato ON certificati_emessi (stato);
      CREATE INDEX certificati_emessi_cf ON certificati_emessi (intestatario_cf);
      CREATE INDEX certificati_emessi_protocollo ON certificati_emessi (protocollo_anpr);

      CREATE TRIGGER certificati_emessi_pdf_immutabile BEFORE UPDATE OF pdf, pdf_sha256, pdf_byte, protocollo_anpr, id_operazione_comune ON certificati_emessi
        WHEN old.pdf IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'un certificato archiviato non si modifica'); END;
      CREATE TRIGGER certificati_emessi_stato_finale BEFORE UPDATE OF stato ON certificati_emessi
        WHEN old.stato = 'emesso' AND new.stato <> 'emesso'
        BEGIN SELECT RAISE(ABORT, 'un certificato emesso resta emesso'); END;
      CREATE TRIGGER certificati_emessi_no_delete BEFORE DELETE ON certificati_emessi
        WHEN old.stato IN ('emesso', 'in_emissione')
        BEGIN SELECT RAISE(ABORT, 'un certificato emesso o in emissione non si cancella'); END;

      CREATE TABLE certificati_stampe (
        id              INTEGER PRIMARY KEY,
        certificato_id  INTEGER NOT NULL REFERENCES certificati_emessi (id),
        quando          TEXT NOT NULL,
        operatore_cf    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX certificati_stampe_certificato ON certificati_stampe (certificato_id);
      CREATE TRIGGER certificati_stampe_no_update BEFORE UPDATE ON certificati_stampe
        BEGIN SELECT RAISE(ABORT, 'certificati_stampe è in sola aggiunta'); END;
      CREATE TRIGGER certificati_stampe_no_delete BEFORE DELETE ON certificati_stampe
        BEGIN SELECT RAISE(ABORT, 'certificati_stampe è in sola aggiunta'); END;
    `);
  },
};

export default migration;
