import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../test-support/core';

/** Issue #18, item 6: the data folder is 0700 and the database, WAL and logs 0600, whatever the umask. */

const modo = (p: string) => (statSync(p).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('data folder permissions (POSIX)', () => {
  const umask = process.umask();
  const cartelle: string[] = [];
  afterEach(() => {
    process.umask(umask);
    for (const c of cartelle.splice(0)) rmSync(c, { recursive: true, force: true });
  });

  function apriEScrivi(dataDir: string) {
    const core = createTestCore({ dataDir, logger: undefined });
    // A write, so the WAL and shared-memory files exist.
    core.db.prepare('CREATE TABLE IF NOT EXISTS prova_permessi (x)').run();
    return core;
  }

  it('creates the data folder 0700 and the database, WAL, shm and log 0600 under umask 022', async () => {
    process.umask(0o022);
    const radice = mkdtempSync(join(tmpdir(), 'permessi-'));
    cartelle.push(radice);
    const dataDir = join(radice, 'dati');
    const core = apriEScrivi(dataDir);
    try {
      expect(modo(dataDir)).toBe('700');
      for (const f of ['sportello.sqlite', 'sportello.sqlite-wal', 'sportello.sqlite-shm', join('logs', 'sportello.log'), 'sportello.lock']) {
        expect(existsSync(join(dataDir, f)), f).toBe(true);
        expect(`${f} ${modo(join(dataDir, f))}`).toBe(`${f} 600`);
      }
      expect(modo(join(dataDir, 'logs'))).toBe('700');
    } finally {
      await core.dispose();
    }
  });

  it('tightens a data folder an earlier version left world-readable', async () => {
    process.umask(0o022);
    const dataDir = mkdtempSync(join(tmpdir(), 'permessi-vecchia-'));
    cartelle.push(dataDir);
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'logs'), { mode: 0o755 });
    writeFileSync(join(dataDir, 'logs', 'sportello.log'), '', { mode: 0o644 });
    const core = apriEScrivi(dataDir);
    try {
      expect(modo(dataDir)).toBe('700');
      expect(modo(join(dataDir, 'sportello.sqlite'))).toBe('600');
      expect(modo(join(dataDir, 'logs', 'sportello.log'))).toBe('600');
    } finally {
      await core.dispose();
    }
  });
});
