import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileChiave } from './file-key-path';

/** Issue #18, item 5: the `file-key` key is never kept inside the data folder. */

describe('file-key key file location', () => {
  const cartelle: string[] = [];
  afterEach(() => {
    for (const c of cartelle.splice(0)) rmSync(c, { recursive: true, force: true });
  });
  function radice(): string {
    const r = mkdtempSync(join(tmpdir(), 'chiave-'));
    cartelle.push(r);
    return r;
  }

  it('refuses SPORTELLO_SECRET_KEY_FILE inside the data folder, in Italian', () => {
    const r = radice();
    const dataDir = join(r, 'dati');
    expect(() => fileChiave(dataDir, { SPORTELLO_SECRET_KEY_FILE: join(dataDir, 'secret.key') })).toThrow(/dentro la cartella dati/);
    expect(() => fileChiave(dataDir, { SPORTELLO_SECRET_KEY_FILE: join(dataDir, 'sub', '..', 'k.key') })).toThrow(/dentro la cartella dati/);
  });

  it('refuses a key reached through a symlink into the data folder', () => {
    const r = radice();
    const dataDir = join(r, 'dati');
    mkdirSync(dataDir);
    symlinkSync(dataDir, join(r, 'collegamento'));
    expect(() => fileChiave(dataDir, { SPORTELLO_SECRET_KEY_FILE: join(r, 'collegamento', 'k.key') })).toThrow(/dentro la cartella dati/);
  });

  it('defaults to a file outside the data folder, one per data folder', () => {
    const r = radice();
    const env = { XDG_CONFIG_HOME: join(r, 'config'), APPDATA: join(r, 'config') };
    const a = fileChiave(join(r, 'config', 'Sportello ANPR'), env);
    const b = fileChiave(join(r, 'altri-dati'), env);
    expect(relative(join(r, 'config', 'Sportello ANPR'), a).startsWith('..')).toBe(true);
    expect(a).not.toBe(b);
  });

  it('moves a key an older version left in the data folder out of it', () => {
    const r = radice();
    const dataDir = join(r, 'dati');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'secret.key'), 'CHIAVE\n');
    const k = fileChiave(dataDir, { SPORTELLO_SECRET_KEY_FILE: join(r, 'fuori', 'k.key') });
    expect(readFileSync(k, 'utf8')).toBe('CHIAVE\n');
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
  });
});
