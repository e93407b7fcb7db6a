/** Shared setup for the simulator tests: real PKI, real TLS, the real client. */
import { giornoRoma } from '../../shared/domain/date-it';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { createAnprClient, AnprClient } from '../anpr/client';
import { clientDiProva } from '../test-support/client';
import { createMemoryLogger } from '../platform/logger';
import { ensureTestPki, type TestPki } from '../test-support/pki';
import type { SimConfigInput } from './config';
import { startSimulator, type SimulatorHandle } from './server';

export interface SimFixture {
  pki: TestPki;
  sim: SimulatorHandle;
  client: AnprClient;
  logger: ReturnType<typeof createMemoryLogger>;
  dataDir: string;
  nextId(): string;
  makeClient(p12?: string, overrides?: Partial<Parameters<typeof createAnprClient>[0]['config']>): AnprClient;
}

export async function startFixture(extra: Partial<SimConfigInput> = {}): Promise<SimFixture> {
  const pki = ensureTestPki();
  const dataDir = mkdtempSync(join(tmpdir(), 'sim-anpr-'));
  const logger = createMemoryLogger();
  const sim = await startSimulator(
    {
      host: '127.0.0.1',
      port: 0,
      tls: { cert: pki.path('server.crt'), key: pki.path('server.key') },
      trustedCa: pki.path('ca.crt'),
      dataDir,
      population: { size: 150, seed: 7, referenceDate: '2025-06-01' },
      comuni: [pki.istat],
      ...extra,
    },
    { logger },
  );
  const makeClient: SimFixture['makeClient'] = (p12 = 'comune.p12', overrides = {}) =>
    clientDiProva(sim.url, { p12, config: { timeouts: { default: 5000 }, ...overrides } });
  let seq = BigInt(Date.now()) * 1000n;
  return { pki, sim, client: makeClient(), logger, dataDir, nextId: () => String(++seq), makeClient };
}

export const testata = { codMittente: '', codDestinatario: 'ANPR02', dataOraRichiesta: '2025-06-01T10:00:00', tipoOperazione: 'C', tipoInvio: 'TEST', idOperazioneComune: '1' };

export function oggi(): string {
  return giornoRoma();
}
