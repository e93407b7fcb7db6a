/** Test harness: a temp database, a fake clock whose sleep advances time, the fake ANPR and a queue factory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../platform/db/database';
import { createQueue, type Queue } from '../queue';
import type { QueueOptions } from '../types';
import { createFakeAnpr, type FakeAnpr, type FaultKind } from './fake-anpr';

export interface Harness {
  dir: string;
  file: string;
  db: Db;
  anpr: FakeAnpr;
  clock: { now(): Date; set(d: Date): void; advance(ms: number): void };
  queue: Queue;
  faults: FaultKind[];
  /** Simulates a crash and a restart: a new connection and a new queue on the same file. */
  restart(): Queue;
  dispose(): void;
}

export function createHarness(over: Partial<QueueOptions> = {}, start = new Date('2026-11-26T09:00:00.000Z')): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'coda-'));
  const file = join(dir, 'sportello.sqlite');
  let now = start.getTime();
  const clock = { now: () => new Date(now), set: (d: Date) => void (now = d.getTime()), advance: (ms: number) => void (now += ms) };
  const faults: FaultKind[] = [];
  const anpr = createFakeAnpr({ now: clock.now, nextFault: () => faults.shift() ?? 'ok', stepClock: clock.advance });
  const make = (db: Db): Queue =>
    createQueue({
      db,
      send: anpr.send,
      lookup3003: anpr.lookup3003,
      clock,
      sleep: async (ms) => {
        now += ms;
        await Promise.resolve();
      },
      comune: '058091',
      ambiente: 'TEST',
      postazione: '058091-CO-0001',
      operatore: 'OPERATORE-TEST',
      codDestinatario: 'ANPR05',
      validateXml: null,
      ...over,
    });
  const h: Harness = {
    dir,
    file,
    db: openDatabase(file),
    anpr,
    clock,
    faults,
    queue: undefined as unknown as Queue,
    restart() {
      try {
        h.db.close();
      } catch {
        /* already closed */
      }
      h.db = openDatabase(file);
      h.queue = make(h.db);
      return h.queue;
    },
    dispose() {
      try {
        h.db.close();
      } catch {
        /* ignore */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  h.queue = make(h.db);
  return h;
}
