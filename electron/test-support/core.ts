import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../core/create-core';
import { FileKeySecretStore } from '../secrets/file-key-store';
import { createMemoryLogger } from '../log/logger';
import type { Clock } from '../core/clock';

/** A fixed, settable clock for tests. */
export function testClock(start = new Date('2026-11-26T09:00:00Z')): Clock & { set(date: Date): void; advance(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now.getTime()),
    set: (date) => void (now = date),
    advance: (ms) => void (now = new Date(now.getTime() + ms)),
  };
}

/** A core on a fresh temp data folder; `dispose()` closes it and deletes the folder. */
export function createTestCore(overrides: Partial<CoreOptions> = {}): Core & { dispose(): Promise<void> } {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'sportello-core-'));
  const core = createCore({
    dataDir,
    secretStore: new FileKeySecretStore(join(dataDir, 'secret.key')),
    clock: testClock(),
    host: 'test',
    version: '0.0.0-test',
    logger: createMemoryLogger(),
    ...overrides,
  });
  return Object.assign(core, {
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
