/**
 * Queue benchmark (issues 5 and 14):
 *  (a) the queue's own overhead per pratica: enqueue (zod, body build, one
 *      fsync'd transaction for draft + ready) + allocation transaction
 *      (fsync'd: id, frozen body, first attempt) + WS-Security signing +
 *      result transaction (fsync'd: archive, audit, local copy), no network
 *      — baseline: the signing alone; plus the floor those three fsync'd
 *      commits put under it on this disk;
 *  (b) drain throughput against the in-process ANPR simulator (real TLS,
 *      real signature checks, real XSD validation on the simulator side),
 *      one in flight;
 *  (c) "where the time goes": the median of each stage, measured in the same
 *      run (the call as the queue sees it, the queue's side, the simulator's
 *      security check and XSD validation, a keep-alive HTTPS round trip, the
 *      new TLS connections the drain opened).
 *
 * Standalone: `node --import tsx bench/queue.bench.ts`
 */
import { channel } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnprClient } from '../electron/anpr/client';
import { clientDiProva } from '../electron/test-support/client';
import { closeTransportAgents } from '../electron/anpr/transport/https-transport';
import { openDatabase } from '../electron/platform/db/database';
import { lookup3003FromClient, sendFnFromClient } from '../electron/features/coda/anpr-adapter';
import { createQueue, type Queue } from '../electron/features/coda/queue';
import { costruisciCorpo, validaPayload } from '../electron/features/coda/payload';
import { corpo5008 } from '../electron/features/coda/testing/bodies';
import { validateRequestBody } from '../electron/anpr/xsd/validate';
import { checkSecurity } from '../electron/simulator/security';
import type { SendFn } from '../electron/features/coda/types';
import { startSimulator } from '../electron/simulator/server';
import { oggiRoma } from '../electron/simulator/read';
import { ensureTestPki } from '../electron/test-support/pki';
import { median, timePerCall, type BenchResult } from './types';

const client = (endpoint: string): AnprClient => clientDiProva(endpoint);

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
    // The disk's floor: one small fsync'd commit (WAL, synchronous=FULL) in the same folder.
    const scratch = new Database(join(dir, 'fsync.sqlite'));
    scratch.pragma('journal_mode = WAL');
    scratch.pragma('synchronous = FULL');
    scratch.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const ins = scratch.prepare('INSERT INTO t (v) VALUES (?)');
    const commit = scratch.transaction(() => ins.run('x'.repeat(200)));
    const fsyncMs = await timePerCall(() => commit(), 9, 40);
    scratch.close();
    let k2 = 0;
    const payload = (n: number) => ({ xml: corpo5008(persona(n), pki.istat) });
    const testata = { idOperazioneComune: '1', codMittente: pki.istat, codDestinatario: 'ANPR02', tipoInvio: 'TEST', dataOraRichiesta: new Date(), dataDecorrenza: '2026-01-01' };
    const zodBody = await timePerCall(() => {
      const pl = payload(k2++);
      if (!validaPayload('5008', 'xml', pl).ok) throw new Error('bench: payload refused');
      return costruisciCorpo('5008', 'xml', pl, testata);
    }, 9, 40);
    const env = offline.prepare('5008', corpo5008(persona(0), pki.istat), { idOperazioneComune: '1' }).envelope;
    const gz = await timePerCall(() => [gzipSync(Buffer.from(env, 'utf8')), gzipSync(Buffer.from('<ok/>'))], 9, 40);
    const floor = signing + 3 * fsyncMs;
    results.push({
      name: 'queue: own overhead per pratica (enqueue, 3 tx fsync, freeze, sign, archive)',
      unit: 'ms',
      median: perPratica,
      baseline: signing,
      ratio: perPratica / signing,
      note: 'no network; baseline = signing the same envelope alone',
    });
    results.push({
      name: 'queue: floor = signing + 3 fsync\'d commits (this disk)',
      unit: 'ms',
      median: floor,
      baseline: signing,
      ratio: floor / signing,
      note: 'enqueue, allocation and result must each be durable: no queue can go below this here',
    });
    results.push({ name: 'queue stage: one fsync\'d commit (WAL, synchronous=FULL)', unit: 'ms', median: fsyncMs });
    results.push({ name: 'queue stage: zod + body build (5008)', unit: 'ms', median: zodBody });
    results.push({ name: 'queue stage: archive gzip (request + response)', unit: 'ms', median: gz });
    results.push({
      name: 'queue stage: the rest (SQL, events, audit) = overhead − floor − zod − gzip',
      unit: 'ms',
      median: Math.max(0, perPratica - floor - zodBody - gz),
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
      const callMs: number[] = [];
      const queueSide: number[] = [];
      const idleShare: number[] = [];
      // Connections the in-process simulator accepted while draining (each one a TLS handshake).
      let sockets = 0;
      const onSocket = (): void => void sockets++;
      const netClient = channel('net.server.socket');
      const base = sendFnFromClient(c);
      let inCalls = 0;
      const timed: SendFn = async (...args) => {
        const t = performance.now();
        try {
          return await base(...args);
        } finally {
          const d = performance.now() - t;
          callMs.push(d);
          inCalls += d;
        }
      };
      const rounds = 3;
      const n = 60;
      let socketsInDrains = 0;
      // Warm-up (not measured): the first call pays the TLS handshake, libxml2's start and the schema compile (~3 s here).
      const warm = makeQueue(join(dir, 'b-warm'), timed, c);
      for (let k = 0; k < 5; k++) {
        const p = people[people.length - 1 - k]!;
        await warm.aggiungi({ servizio: '5008', formato: 'xml', payload: { xml: corpo5008(p, pki.istat) }, soggettoKey: `ANPR:${p.idSchedaSoggettoANPR}`, dataDecorrenza: oggiRoma(new Date()) });
      }
      await warm.drain();
      callMs.length = 0;
      for (let round = 0; round < rounds; round++) {
        const qq = makeQueue(join(dir, `b${round}`), timed, c);
        for (let k = 0; k < n; k++) {
          const p = people[(round * n + k) % people.length]!;
          await qq.aggiungi({ servizio: '5008', formato: 'xml', payload: { xml: corpo5008(p, pki.istat) }, soggettoKey: `ANPR:${p.idSchedaSoggettoANPR}`, dataDecorrenza: oggiRoma(new Date()) });
        }
        inCalls = 0;
        sockets = 0;
        netClient.subscribe(onSocket);
        const elu0 = performance.eventLoopUtilization();
        const t0 = performance.now();
        const r = await qq.drain();
        const ms = performance.now() - t0;
        idleShare.push(1 - performance.eventLoopUtilization(elu0).utilization);
        netClient.unsubscribe(onSocket);
        socketsInDrains += sockets;
        if (qq.conteggi().accolta !== n) throw new Error(`bench drain: ${JSON.stringify(qq.conteggi())} ${r.messaggio ?? ''}`);
        rates.push((n / ms) * 1000);
        perSend.push(ms / n);
        queueSide.push((ms - inCalls) / n);
      }
      results.push({ name: 'queue: drain throughput vs in-process simulator (5008)', unit: 'pratiche/s', median: median(rates), note: `${n} pratiche × ${rounds} rounds, one in flight` });
      results.push({ name: 'queue: drain time per pratica vs in-process simulator', unit: 'ms', median: median(perSend) });

      // Where one pratica's drain time goes (medians, same run).
      const callMedian = median(callMs);
      results.push({ name: 'drain stage: queue side (outcome + next allocation in one fsync\'d tx; events)', unit: 'ms', median: median(queueSide) });
      const sorted = [...callMs].sort((x, y) => x - y);
      const mean = callMs.reduce((x, y) => x + y, 0) / callMs.length;
      results.push({
        name: 'drain stage: the call (sign, HTTPS, simulator, parse answer)',
        unit: 'ms',
        median: callMedian,
        note: `mean ${mean.toFixed(1)}, p90 ${sorted[Math.floor(sorted.length * 0.9)]!.toFixed(1)}, max ${sorted[sorted.length - 1]!.toFixed(1)} ms: the drain pays the mean`,
      });
      let m = 0;
      const fresh = () => c.prepare('5008', corpo5008(people[m++ % people.length]!, pki.istat), { idOperazioneComune: String(m) }).envelope;
      const signMs = await timePerCall(fresh, 9, 20);
      const envs = Array.from({ length: 200 }, fresh);
      let e = 0;
      const secOpts = { trustedCaPems: [pki.pem('ca.crt')], comuni: [pki.istat] };
      const securityMs = await timePerCall(() => {
        const r = checkSecurity(envs[e++ % envs.length]!, { ...secOpts, now: new Date() });
        if (!r.ok) throw new Error(`bench: ${r.reason}`);
      }, 9, 20);
      const sec = checkSecurity(envs[0]!, { ...secOpts, now: new Date() });
      if (!sec.ok) throw new Error(sec.reason);
      const xsdMs = await timePerCall(() => validateRequestBody(sec.bodyXml, '5008'), 9, 20);
      const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: [pki.pem('ca.crt')] });
      const get = () =>
        new Promise<void>((resolve, reject) => {
          https.get(`${sim.url}/non-esiste`, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve());
          }).on('error', reject);
        });
      const rttMs = await timePerCall(get, 9, 20);
      agent.destroy();
      results.push({ name: 'drain stage: client signing (two RSA signatures)', unit: 'ms', median: signMs });
      results.push({ name: 'drain stage: simulator security check (signatures, chain, CMS)', unit: 'ms', median: securityMs });
      results.push({ name: 'drain stage: simulator XSD validation', unit: 'ms', median: xsdMs });
      results.push({ name: 'drain stage: HTTPS round trip on a kept-alive socket', unit: 'ms', median: rttMs });
      results.push({
        name: 'drain stage: the rest of the call (simulator handler + SQLite, answer parse)',
        unit: 'ms',
        median: Math.max(0, callMedian - signMs - securityMs - xsdMs - rttMs),
      });
      results.push({ name: 'drain: event loop idle per pratica (waiting, not computing)', unit: 'ms', median: median(perSend) * median(idleShare), note: `${(100 * median(idleShare)).toFixed(0)}% of the drain` });
      results.push({ name: 'drain: new TLS connections per drain', unit: 'connections', median: socketsInDrains / rounds, note: `${n} pratiche per drain, after a warm-up drain: 0 means the kept-alive socket served them all` });
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
