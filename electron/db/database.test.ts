import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from './database';
import { migrations } from './migrations';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'db-')), 'sportello.sqlite');

function schemaOf(db: Database.Database): string[] {
  return db
    .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all()
    .map((row) => row.sql.replace(/\s+/g, ' '));
}

describe('database', () => {
  it('opens in WAL with foreign keys on and the latest schema version', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it.each(migrations.map((_, index) => index))('migrates up from version %i to the same schema as a fresh database', (from) => {
    const fresh = openDatabase(tempFile());
    const file = tempFile();
    const old = new Database(file);
    migrate(old, migrations, from);
    expect(schemaVersion(old)).toBe(from);
    old.close();
    const upgraded = openDatabase(file);
    expect(schemaVersion(upgraded)).toBe(migrations.length);
    expect(schemaOf(upgraded)).toEqual(schemaOf(fresh));
    upgraded.close();
    fresh.close();
  });

  it('keeps existing rows across an upgrade', () => {
    const file = tempFile();
    const old = new Database(file);
    migrate(old, migrations, 1);
    old.prepare("INSERT INTO impostazioni VALUES ('comune', '{\"codiceIstat\":\"056009\",\"denominazione\":\"Bomarzo\"}', '2026-01-01')").run();
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT valore_json FROM impostazioni').pluck().get()).toContain('Bomarzo');
    db.close();
  });

  it('refuses a database written by a newer version', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this build/);
  });

  it('rolls back a failing migration and leaves the version unchanged', () => {
    const file = tempFile();
    const broken = [...migrations, { version: migrations.length + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE t (x); SELECT * FROM missing_table;') }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const db = new Database(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 't'").pluck().get()).toBe(0);
    db.close();
  });

  it('rejects an unknown pratica state', () => {
    const db = openDatabase(tempFile());
    expect(() =>
      db.prepare("INSERT INTO pratiche (id, servizio, stato, payload_json, schema_version, creata, aggiornata) VALUES ('p1', '3002', 'inventato', '{}', 1, 'x', 'x')").run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
