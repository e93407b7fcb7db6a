/**
 * Crash test with real processes: `npx anpr queue drain` is SIGKILLed at
 * random moments while it sends to the ANPR simulator, and restarted each
 * time. Afterwards every pratica is accolta, the simulator's admin endpoint
 * shows exactly one effect per id, and ids reached ANPR in increasing order.
 *
 * CI size: 60 pratiche, 6 kills. Full size (issue 5: ≥500 pratiche, ≥20 kills):
 *   QUEUE_CRASH_PRATICHE=500 QUEUE_CRASH_KILLS=20 npx vitest run electron/features/coda/crash.test.ts
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../platform/paths';
import { openDatabase } from '../../platform/db/database';
import { startSimulator, type SimulatorHandle } from '../../simulator/server';
import type { PersonaSim } from '../../simulator/state/store';
import { oggi } from '../../simulator/test-helpers';
import { ensureTestPki, type TestPki } from '../../test-support/pki';
import { compareIdOperazione } from './id-operazione';
import { createQueue } from './queue';
import { corpo5008 } from './testing/bodies';

const N = Number(process.env.QUEUE_CRASH_PRATICHE ?? 60);
const KILLS = Number(process.env.QUEUE_CRASH_KILLS ?? 6);
const BIN = join(APP_ROOT, 'bin', 'anpr.mjs');

let pki: TestPki;
let sim: SimulatorHandle;
let dir: string;
let cfgPath: string;

beforeAll(async () => {
  pki = ensureTestPki();
  dir = mkdtempSync(join(tmpdir(), 'coda-crash-'));
  sim = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    tls: { cert: pki.path('server.crt'), key: pki.path('server.key') },
    trustedCa: pki.path('ca.crt'),
    dataDir: join(dir, 'sim'),
    population: { size: Math.max(200, N), seed: 11, referenceDate: '2025-06-01' },
    comuni: [pki.istat],
  });
  cfgPath = join(dir, 'anpr.json');
  writeFileSync(
    cfgPath,
    JSON.stringify({
      comune: pki.istat,
      postazione: `${pki.istat}-PC-0001`,
      applicazione: 'SPORTELLO',
      operatore: 'RSSMRA80A01H501U',
      ambiente: 'TEST',
      endpoint: sim.url,
      caFile: pki.path('ca.crt'),
      keystore: { p12: pki.path('comune.p12'), passphrase: pki.passphrase },
      postazioneKeystore: { p12: pki.path('postazione.p12'), passphrase: pki.passphrase },
      codDestinatario: 'ANPR02',
      timeouts: { default: 5000 },
      dataDir: join(dir, 'dati'),
    }),
  );
}, 120_000);

afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

function anpr(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: APP_ROOT, encoding: 'utf8', timeout: 120_000 });
}

/** Runs `queue drain`; kills it with SIGKILL after `killAfterLines` progress lines (+ a random few ms). */
function drain(killAfterLines: number | undefined): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'queue', 'drain', '--config', cfgPath, '--max-attesa', '60'], { cwd: APP_ROOT });
    let out = '';
    let err = '';
    let lines = 0;
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      lines += d.toString().split('\n').length - 1;
      if (killAfterLines !== undefined && !armed && lines >= killAfterLines) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 40));
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => resolve({ code, signal, out, err }));
  });
}

describe(`crash test: ${N} pratiche, ${KILLS} SIGKILLs of the drainer`, () => {
  it('`queue add` prints the pratica id', () => {
    const body = join(dir, 'body.xml');
    const p = sim.admin.campione(pki.istat, 1)[0]!;
    writeFileSync(body, corpo5008(p, pki.istat).replace('<tipoInvio>TEST</tipoInvio>', `<tipoInvio>TEST</tipoInvio><dataDecorrenza>${oggi()}</dataDecorrenza>`));
    const r = anpr(['queue', 'add', '--config', cfgPath, '--service', '5008', '--body', body]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }, 60_000);

  it('every pratica ends accolta, one effect per id, ids in increasing order', async () => {
    // Draft the rest in-process (drafting is not what is being crash-tested).
    const db = openDatabase(join(dir, 'dati', 'sportello.sqlite'));
    const q = createQueue({
      db,
      send: () => Promise.reject(new Error('offline')),
      clock: { now: () => new Date() },
      comune: pki.istat,
      ambiente: 'TEST',
      postazione: `${pki.istat}-PC-0001`,
      operatore: 'RSSMRA80A01H501U',
      codDestinatario: 'ANPR02',
      validateXml: null,
    });
    const people: PersonaSim[] = sim.admin.campione(pki.istat, N);
    for (let i = 1; i < N; i++) {
      const p = people[i % people.length]!;
      await q.aggiungi({ servizio: '5008', formato: 'xml', payload: { xml: corpo5008(p, pki.istat) }, soggettoKey: `ANPR:${p.idSchedaSoggettoANPR}`, dataDecorrenza: oggi() });
    }
    db.close();

    const started = Date.now();
    let kills = 0;
    for (let attempt = 0; kills < KILLS && attempt < KILLS * 3; attempt++) {
      // Two progress lines per pratica (in invio, accolta): kill somewhere in the next few sends.
      const r = await drain(1 + Math.floor(Math.random() * Math.max(2, Math.floor(N / KILLS))));
      if (r.signal === 'SIGKILL') kills++;
      else expect(r.code, r.err).toBe(0);
    }
    let last = await drain(undefined);
    for (let i = 0; i < 3 && last.code !== 0; i++) last = await drain(undefined);
    expect(last.code, last.err).toBe(0);
    const elapsed = Date.now() - started;

    const list = JSON.parse(anpr(['queue', 'list', '--config', cfgPath, '--json']).stdout) as {
      stato: string;
      idOperazioneComune: string;
      idOperazioneANPR: string;
      invii: { idOperazioneComune: string }[];
    }[];
    expect(list).toHaveLength(N);
    expect(list.filter((p) => p.stato !== 'accolta')).toEqual([]);
    // One submission (one id) per pratica: no lower-id refusal can happen with one workstation.
    for (const p of list) expect(p.invii).toHaveLength(1);

    const ops = sim.admin.operations().filter((o) => o.servizio === '5008');
    const byId = new Map(ops.map((o) => [o.idOperazioneComune, o]));
    for (const p of list) {
      const op = byId.get(p.idOperazioneComune);
      expect(op, p.idOperazioneComune).toBeDefined();
      expect(op!.effetti).toBe(1);
      expect(op!.idOperazioneANPR).toBe(p.idOperazioneANPR);
    }
    expect(ops).toHaveLength(N);
    // The simulator stores operations in arrival order: ids strictly increasing.
    const arrival = ops.map((o) => o.idOperazioneComune);
    for (let i = 1; i < arrival.length; i++) expect(compareIdOperazione(arrival[i - 1]!, arrival[i]!)).toBe(-1);
    const recovered = JSON.parse(
      JSON.stringify(
        (() => {
          const d = openDatabase(join(dir, 'dati', 'sportello.sqlite'));
          const n = d.prepare("SELECT COUNT(*) FROM audit_log WHERE azione = 'riconciliazione_avvio'").pluck().get();
          d.close();
          return n;
        })(),
      ),
    ) as number;
    process.stdout.write(`crash test: ${N} pratiche, ${kills} SIGKILL, ${recovered} interrupted submissions reconciled at start-up, ${(elapsed / 1000).toFixed(1)} s\n`);
    expect(kills).toBe(KILLS);
  }, 600_000);
});
