import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnprClient } from '../../anpr/client';
import { clientDiProva } from '../../test-support/client';
import { closeTransportAgents } from '../../anpr/transport/https-transport';
import { resolveSimConfig } from '../../simulator/config';
import type { SimulatorHandle } from '../../simulator';
import { createMemoryLogger } from '../../platform/logger';
import { ensureTestPki } from '../../test-support/pki';
import { avviaSimulatoreInWorker } from './simulatore-worker';

const pki = ensureTestPki();
const dataDir = mkdtempSync(join(tmpdir(), 'sim-worker-'));
const logger = createMemoryLogger();
let sim: SimulatorHandle;
let client: AnprClient;
let seq = BigInt(Date.now()) * 1000n;
const nextId = () => String(++seq);

beforeAll(async () => {
  const config = resolveSimConfig({
    host: '127.0.0.1',
    port: 0,
    tls: { cert: pki.path('server.crt'), key: pki.path('server.key') },
    trustedCa: pki.path('ca.crt'),
    dataDir,
    population: { size: 120, seed: 7, referenceDate: '2025-06-01' },
    comuni: [pki.istat],
  });
  sim = await avviaSimulatoreInWorker(config, { logger });
  client = clientDiProva(sim.url, { postazione: false });
}, 60_000);

afterAll(async () => {
  closeTransportAgents();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the training simulator in a worker thread', () => {
  it('answers over HTTPS like the in-process one, and its log reaches the parent logger', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = await client.testConnection(nextId());
    expect(r.outcome.kind).toBe('accolta');
    expect(logger.entries.some((e) => e.message === 'simulator listening')).toBe(true);
  });

  it('relays the admin interface synchronously (residents, the store, faults, errors)', async () => {
    const campione = sim.admin.campione(pki.istat, 5);
    expect(campione).toHaveLength(5);
    expect(sim.admin.persona(campione[0]!.idSchedaSoggettoANPR)?.codiceFiscale).toBe(campione[0]!.codiceFiscale);
    expect(Array.isArray(sim.admin.store.residentiConAnomalie(pki.istat))).toBe(true);
    sim.admin.addFault({ tipo: 'http500', volte: 1 });
    expect(sim.admin.faults()).toHaveLength(1);
    const r = await client.testConnection(nextId());
    expect(r.outcome.kind).not.toBe('accolta');
    sim.admin.clearFaults();
    expect(sim.admin.faults()).toEqual([]);
    expect(() => sim.admin.integraRichiesta('NON-ESISTE')).toThrow(RangeError);
  });

  it('serves /__admin over HTTPS with its per-run token', async () => {
    const { request } = await import('node:https');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${sim.url}/__admin/faults`, { method: 'GET', ca: pki.pem('ca.crt'), headers: { Authorization: `Bearer ${sim.adminToken}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });
});
