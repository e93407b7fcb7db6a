import type { Migration } from './index';

/**
 * `richiesta_json`: the citizen's online request a pratica belongs to (issue 15):
 * `{codiceRichiesta, tipologia, ruolo, verso?}` — a P003 state change of that
 * request (`cambio_stato`, with the state it sets or `proroga`) or the
 * registration started from it (`registrazione`).
 */
const migration: Migration = {
  version: 14,
  name: '0014-pratica-richiesta',
  up(db) {
    db.exec('ALTER TABLE pratiche ADD COLUMN richiesta_json TEXT;');
  },
};
export default migration;
