/**
 * Queue benchmark (issue 5):
 *  (a) the queue's own overhead per pratica: enqueue (zod) + allocation
 *      transaction (fsync'd) + body freeze + WS-Security signing + result
 *      transaction (archive, audit, local copy), no network — baseline: the
 *      signing alone;
 *  (b) drain throughput against the in-process ANPR simulator (real TLS,
 *      real signature checks, real XSD validation on the simulator side).
 *
 * Standalone: `node --import tsx bench/queue.bench.ts`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnprClient, type AnprClient } from '../electron/anpr/client';
import { loadPkcs12 } from '../electron/anpr/security/keystore';
import { closeTransportAgents } from '../electron/anpr/transport/https-transport';
import { openDatabase } from '../electron/platform/db/database';
import { lookup3003FromClient, sendFnFromClient } from '../electron/features/coda/anpr-adapter';
import { createQueue, type Queue } from '../electron/features/coda/queue';
import { corpo5008 } from '../electron/features/coda/testing/bodies';
import type { SendFn } from '../electron/features/coda/types';
import { startSimulator } from '../electron/simulator/server';
import { oggiRoma } from '../electron/simulator/read';
import { ensureTestPki } from '../electron/test-support/pki';
import { median, timePerCall, type BenchResult } from './types';

function client(endpoint: string): AnprClient {
  const pki = ensureTestPki();
  const now = new Date();
  return createAnprClient({
    config: {
      comune: pki.istat,
      postazione: `${pki.istat}-PC-0001`,
      applicazione: 'SPORTELLO',
      operatore: 'RSSMRA80A01H501U',
      ambiente: 'TEST',
      endpoint,
      caPems: [pki.pem('ca.crt')],
      codDestinatario: 'ANPR02',
      timeouts: { default: 10_000 },
    },
    keystores: { comune: loadPkcs12(pki.read('comune.p12'), pki.passphrase, { now }), postazione: loadPkcs12(pki.read('postazione.p12'), pki.passphrase, { now }) },
    clock: { now: () => new Date() },
    version: '0.1.0',
  });
}

function makeQueue(dir: string, send: SendFn, c?: AnprClient): Queue {
  const pki = ensureTestPki();
  return createQueue({
    db: openDatabase(join(dir, 'sportello.sqlite')),
    send,
    ...(c ? { lookup3003: lookup3003FromClient(c, { comune: pki.istat, codDestinatario: 'ANPR02', ambiente: 'TEST' }) } : {}),
    clock: { now: () => new Date() },
    comune: pki.istat,
    ambiente: 'TEST',
    postazione: `${pki.istat}-PC-0001`,
    operatore: 'RSSMRA80A01H501U',
    codDestinatario: 'ANPR02',
    validateXml: null,
  });
}

const persona = (i: number) => ({ codiceFiscale: 'RSSMRA80A01H501U', cognome: 'ROSSI', nome: 'MARIO', idSchedaSoggettoANPR: String(100_000 + i) });

export async function benchQueue(): Promise<BenchResult[]> {
  const pki = ensureTestPki();
  const dir = mkdtempSync(join(tmpdir(), 'bench-coda-'));
  const results: BenchResult[] = [];
  try {
    // (a) overhead without network: the send signs the envelope and answers at once.
    const offline = client('https://127.0.0.1:9');
    const signOnly: SendFn = async (service, body, id) => {
      const p = offline.prepare(service, body, { idOperazioneComune: id });
      return {
        outcome: { kind: 'accolta', value: { soggettiVariati: [] }, anomalie: [], idOperazioneComune: id, idOperazioneANPR: '4100000001', esitoOperazione: '2' },
        exchange: { request: p.envelope, response: Buffer.from('<ok/>'), httpStatus: 200, sentAt: new Date().toISOString(), elapsedMs: 0 },
      };
    };
    const q = makeQueue(join(dir, 'a'), signOnly);
    let i = 0;
    const perPratica = await timePerCall(
      async () => {
        await q.aggiungi({ servizio: '5008', formato: 'xml', payload: { xml: corpo5008(persona(i++), pki.istat) }, soggettoKey: `S${i}`, dataDecorrenza: '2026-01-01' });
        await q.drain();
      },
      9,
      40,
    );
    let j = 0;
    const signing = await timePerCall(() => offline.prepare('5008', corpo5008(persona(j), pki.istat), { idOperazioneComune: String(++j) }), 9, 40);
    results.push({
      name: 'queue: own overhead per pratica (enqueue, 2 tx fsync, freeze, sign, archive)',
      unit: 'ms',
      median: perPratica,
      baseline: signing,
      ratio: perPratica / signing,
      note: 'no network; baseline = signing the same envelope alone',
    });

    // (b) drain throughput against the in-process simulator.
    const sim = await startSimulator({
      host: '127.0.0.1',
      port: 0,
      tls: { cert: pki.path('server.crt'), key: pki.path('server.key') },
      trustedCa: pki.path('ca.crt'),
      dataDir: join(dir, 'sim'),
      population: { size: 300, seed: 5, referenceDate: '2025-06-01' },
      comuni: [pki.istat],
    });
    try {
      const c = client(sim.url);
      const people = sim.admin.campione(pki.istat, 300);
      const rates: number[] = [];
      const perSend: number[] = [];
      for (let round = 0; round < 3; round++) {
        const qq = makeQueue(join(dir, `b${round}`), sendFnFromClient(c), c);
        const n = 60;
        for (let k = 0; k < n; k++) {
          const p = people[(round * n + k) % people.length]!;
          await qq.aggiungi({ servizio: '5008', formato: 'xml', payload: { xml: corpo5008(p, pki.istat) }, soggettoKey: `ANPR:${p.idSchedaSoggettoANPR}`, dataDecorrenza: oggiRoma(new Date()) });
        }
        const t0 = performance.now();
        const r = await qq.drain();
        const ms = performance.now() - t0;
        if (qq.conteggi().accolta !== n) throw new Error(`bench drain: ${JSON.stringify(qq.conteggi())} ${r.messaggio ?? ''}`);
        rates.push((n / ms) * 1000);
        perSend.push(ms / n);
      }
      results.push({ name: 'queue: drain throughput vs in-process simulator (5008)', unit: 'pratiche/s', median: median(rates), note: '60 pratiche × 3 rounds, one in flight' });
      results.push({ name: 'queue: drain time per pratica vs in-process simulator', unit: 'ms', median: median(perSend) });
    } finally {
      closeTransportAgents();
      await sim.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchQueue().then(
    (rs) => {
      for (const r of rs) console.log(`${r.name}: median ${r.median.toFixed(3)} ${r.unit}${r.baseline !== undefined ? ` (baseline ${r.baseline.toFixed(3)}, ratio ${r.ratio!.toFixed(2)})` : ''}`);
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
