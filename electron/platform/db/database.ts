/**
 * The app's one SQLite database (better-sqlite3): WAL, foreign keys on,
 * numbered migrations tracked in `PRAGMA user_version`.
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { cartellaPrivata, filePrivato, restringi } from '../file-privati';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

export function openDatabase(file: string, options: { migrations?: readonly Migration[] } = {}): Db {
  // SQLite creates the -wal and -shm files with the database file's mode: 0600 before opening covers all three.
  cartellaPrivata(dirname(file));
  filePrivato(file);
  restringi(`${file}-wal`, `${file}-shm`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // FULL: a committed id allocation must survive a power cut, or a pratica could be sent under two ids.
  db.pragma('synchronous = FULL');
  migrate(db, options.migrations ?? migrations);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the current `user_version`, each in its own
 * transaction together with the version bump. Refuses a database newer than
 * this build (opening it could destroy data an upgrade wrote).
 */
export function migrate(db: Db, list: readonly Migration[] = migrations, target = list.length): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
  const current = schemaVersion(db);
  if (current > list.length) {
    throw new Error(
      `Database schema version ${current} is newer than this build supports (${list.length}); refusing to open it`,
    );
  }
  for (const migration of list.slice(current, target)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
