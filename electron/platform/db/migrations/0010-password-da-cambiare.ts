import type { Migration } from './index';

/**
 * An initial password set by the amministratore (a new operator, or a reset)
 * is "da cambiare": until the operator chooses their own, the core refuses
 * every guarded channel but the change itself (electron/core/permissions.ts).
 * Existing accounts keep working as they are: not flagged.
 */
const migration: Migration = {
  version: 10,
  name: '0010-password-da-cambiare',
  up(db) {
    db.exec(`ALTER TABLE operatori ADD COLUMN password_da_cambiare INTEGER NOT NULL DEFAULT 0 CHECK (password_da_cambiare IN (0, 1));`);
  },
};
export default migration;
