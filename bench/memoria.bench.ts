/**
 * Memory of the core (issue 14, goal 6): `npm run bench -- memoria`.
 *
 * A core (`createTestCore`, the same factory every host uses) holding
 * 100,000 anomalies (the generated file of `genera.ts`, uploaded and imported
 * through the router as the clerk does: `anomalie.caricaBlocco`, `anomalie.importaFile`),
 * 10,000 pratiche (queue `salvaBozza` with a small 5008 body each, never sent;
 * 500 per outer transaction, so the fsyncs do not dominate the set-up) and
 * 1,000 archived certificates (the archive's own `inserisci` + `registraEmesso`,
 * a 40 kB PDF each); then `global.gc()` and `process.memoryUsage()` (worker
 * threads are in the same process: their isolates are in its RSS).
 *
 * Four moments, each after a full GC:
 *  1. loaded: right after the data went in;
 *  2. read: after the reads a clerk's first minutes make through the router
 *     (home.riepilogo, anomalie.elenco with a search and the first 100 rows,
 *     pratiche.elenco — all 10,000 —, certificazione.archivio);
 *  3. simulator: after a connection check, i.e. with the in-process training
 *     simulator, its population and the compiled XSD validators in memory.
 * Baseline: an empty core (same factory, same reads, same check) in its own
 * process in the same run; one more line gives the bare process's floor
 * (node + tsx, nothing imported). Each figure comes from a fresh process
 * (`node --expose-gc --import tsx bench/memoria.bench.ts --figlio <nudo|vuoto|carico> <worker|thread>`),
 * so nothing of the other benches is counted. Goal: ≤ 150 MB RSS loaded.
 *
 * One process per layout and one measurement each (loading takes a while):
 * read the MB, not the decimals.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types';

const ANOMALIE = 100_000;
const PRATICHE = 10_000;
const CERTIFICATI = 1_000;
const PER_TRANSAZIONE = 500;
const PDF_BYTE = 40_000;
/** Bytes per upload block (`anomalie.caricaBlocco` takes at most 700,000 base64 characters). */
const BLOCCO = 512 * 1024;
/** The last moment: idle this long (past the import worker's 20 s idle end). */
const INATTIVO_MS = 25_000;
const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const MB = 1024 * 1024;

type Momento = 'caricato' | 'letture' | 'simulatore' | 'inattivo';
interface Misura {
  rssMb: number;
  heapUsedMb: number;
  /** The V8 heap committed (kept after the import's peak even when no longer used). */
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}
interface Esito {
  misure: Record<Momento, Misura>;
  picco: number;
  caricamentoMs: number;
}

function misura(): Misura {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  // Twice: the first pass may only queue finalizers (WeakRefs, external buffers).
  gc();
  gc();
  const m = process.memoryUsage();
  return { rssMb: m.rss / MB, heapUsedMb: m.heapUsed / MB, heapTotalMb: m.heapTotal / MB, externalMb: m.external / MB, arrayBuffersMb: m.arrayBuffers / MB };
}

/** The child: builds one core, empty or loaded, and prints its figures as JSON on the last line. */
async function figlio(layout: string, disposizione: string): Promise<Esito> {
  if (layout === 'nudo') {
    // The floor: node + tsx's loader, nothing of the app imported.
    const m = misura();
    return { misure: { caricato: m, letture: m, simulatore: m, inattivo: m }, picco: process.resourceUsage().maxRSS / 1024, caricamentoMs: 0 };
  }
  const carico = layout === 'carico';
  const { createTestCore } = await import('../electron/test-support/core');
  const { usaWorker } = await import('../electron/core/worker/layout');
  const { scriviCsvGenerato } = await import('../electron/features/anomalie/genera');
  const { createArchivio } = await import('../electron/features/certificazione/archivio');
  const { corpo5008 } = await import('../electron/features/coda/testing/bodies');
  const dir = mkdtempSync(join(tmpdir(), 'bench-memoria-'));
  // 'worker': the layout of the hosts that serve a window (electron/hosts/web/main.ts): simulator and imports in
  // worker threads; 'thread': everything on the core's thread (tests, the CLI).
  usaWorker(disposizione === 'worker' ? { simulatore: true, importazioni: true } : { simulatore: false, importazioni: false });
  const core = createTestCore({ dataDir: join(dir, 'dati') });
  const dispatch = async (channel: string, payload?: unknown) => {
    const e = await core.router.dispatch(channel, payload, { transport: 'test' });
    if (!e.ok) throw new Error(`${channel}: ${JSON.stringify(e.error)}`);
    return e.value;
  };
  try {
    const t0 = performance.now();
    if (carico) {
      const settings = core.settings.get();
      const istat = settings.comune.codiceIstat;
      // 100k anomalies as the clerk imports them: the file uploaded in blocks, then imported (in the worker thread).
      const csv = join(dir, 'anomalie.csv');
      await scriviCsvGenerato(csv, { righe: ANOMALIE });
      const file = readFileSync(csv);
      let caricamentoId: string | undefined;
      for (let k = 0; k < file.length; k += BLOCCO) {
        const r = (await dispatch('anomalie.caricaBlocco', { ...(caricamentoId ? { caricamentoId } : {}), nomeFile: 'anomalie.csv', bloccoBase64: file.subarray(k, k + BLOCCO).toString('base64') })) as { caricamentoId: string };
        caricamentoId = r.caricamentoId;
      }
      const esito = (await dispatch('anomalie.importaFile', { caricamentoId, destinazione: 'anomalie' })) as { inserite: number };
      if (esito.inserite !== ANOMALIE) throw new Error(`anomalies: ${esito.inserite} inserted`);
      // 10k drafts through the queue of the current environment (never sent: the dispatcher is not started).
      const queue = await core.coda.queue();
      const persona = (i: number) => ({ codiceFiscale: 'RSSMRA80A01H501U', cognome: 'ROSSI', nome: 'MARIO', idSchedaSoggettoANPR: String(100_000 + i) });
      for (let k = 0; k < PRATICHE; k += PER_TRANSAZIONE) {
        core.db.transaction(() => {
          for (let i = k; i < Math.min(PRATICHE, k + PER_TRANSAZIONE); i++) {
            queue.salvaBozza({ servizio: '5008', formato: 'xml', payload: { xml: corpo5008(persona(i), istat) }, soggettoKey: `ANPR:${100_000 + i}`, dataDecorrenza: '2026-11-26' });
          }
        })();
      }
      if (queue.conteggi().bozza !== PRATICHE) throw new Error(`pratiche: ${JSON.stringify(queue.conteggi())}`);
      // 1k issued certificates through the archive (the row before sending, then ANPR's PDF).
      const archivio = createArchivio(core.db);
      const pdf = Buffer.alloc(PDF_BYTE, 0x20);
      pdf.write('%PDF-1.4\n');
      for (let k = 0; k < CERTIFICATI; k += PER_TRANSAZIONE) {
        core.db.transaction(() => {
          for (let i = k; i < Math.min(CERTIFICATI, k + PER_TRANSAZIONE); i++) {
            const riga = archivio.inserisci({
              id_operazione_comune: String(9_000_000 + i),
              ambiente: settings.ambiente.tipo,
              comune: istat,
              tipi: '1',
              intestatario_id_anpr: `AA${String(10_000 + i).padStart(5, '0')}BB`,
              intestatario_cf: 'RSSMRA80A01H501U',
              intestatario_nominativo: 'ROSSI MARIO',
              richiedente: 'Intestatario',
              pa_estera: '',
              bollo_centesimi: 1600,
              bollo_modalita: 'contrassegno',
              esenzione_bollo: '',
              descrizione_esenzione: '',
              diritti_esenti: 0,
              diritti_centesimi: 52,
              operatore_cf: 'TSTMRA80A01H501C',
              operatore_nominativo: 'TEST MARIO',
              richiesta_json: '{}',
              creato: '2026-11-26T09:00:00.000Z',
            });
            pdf.writeUInt32BE(i, 16); // each PDF differs (own SHA-256)
            archivio.registraEmesso(riga.id, { emesso: '2026-11-26T09:00:01.000Z', giorno: '2026-11-26', idOperazioneAnpr: String(4_100_000 + i), protocollo: `P${i}`, pdf, avvisi: [] });
          }
        })();
      }
      const n = core.db.prepare("SELECT count(*) FROM certificati_emessi WHERE stato = 'emesso'").pluck().get() as number;
      if (n !== CERTIFICATI) throw new Error(`certificates: ${n}`);
    }
    const caricamentoMs = performance.now() - t0;
    const caricato = misura();
    await dispatch('home.riepilogo');
    await dispatch('anomalie.elenco', { filtri: { q: 'rossi' }, ordinamento: { campo: 'rilevata', direzione: 'desc' }, raggruppamento: 'nessuno', offset: 0, limite: 100, conTotale: true });
    await dispatch('anomalie.elenco', { filtri: {}, ordinamento: { campo: 'rilevata', direzione: 'desc' }, raggruppamento: 'persona', offset: 0, limite: 100, conTotale: true });
    const pratiche = (await dispatch('pratiche.elenco')) as unknown[];
    if (pratiche.length !== (carico ? PRATICHE : 0)) throw new Error(`pratiche.elenco: ${pratiche.length}`);
    await dispatch('certificazione.archivio', { dal: '', al: '', testo: '', operatore: '', stato: '' });
    const letture = misura();
    // The connection check starts the in-process training simulator (its population, TLS, the XSD validators).
    await core.connection.verify();
    await dispatch('home.riepilogo');
    const simulatore = misura();
    // Idle past the import worker's own end (electron/features/anomalie/importa-worker.ts: 20 s without imports).
    await new Promise((resolve) => setTimeout(resolve, INATTIVO_MS));
    const inattivo = misura();
    return { misure: { caricato, letture, simulatore, inattivo }, picco: process.resourceUsage().maxRSS / 1024, caricamentoMs };
  } finally {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Disposizione = 'worker' | 'thread';

function inFiglio(layout: 'nudo' | 'vuoto' | 'carico', disposizione: Disposizione = 'worker'): Esito {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--figlio', layout, disposizione], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * MB,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ultima = out.trim().split('\n').pop()!;
  return JSON.parse(ultima) as Esito;
}

export async function benchMemoria(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const contenuto = `${ANOMALIE / 1000}k anomalie, ${PRATICHE / 1000}k pratiche, ${CERTIFICATI / 1000}k certificati`;
  const etichette: Record<Momento, string> = {
    caricato: 'after loading',
    letture: 'after the first reads',
    simulatore: 'after a connection check',
    inattivo: 'then 25 s idle',
  };
  const nomi: Record<Disposizione, string> = { worker: 'hosts\' layout (simulator + imports in workers)', thread: 'in-thread layout (tests, CLI)' };
  for (const disposizione of ['worker', 'thread'] as const) {
    const vuoto = inFiglio('vuoto', disposizione);
    const carico = inFiglio('carico', disposizione);
    for (const momento of ['caricato', 'letture', 'simulatore', 'inattivo'] as const) {
      const c = carico.misure[momento];
      const v = vuoto.misure[momento];
      results.push({
        name: `memory: core RSS, ${nomi[disposizione]}, ${etichette[momento]}`,
        unit: 'MB',
        median: c.rssMb,
        baseline: v.rssMb,
        ratio: c.rssMb / v.rssMb,
        note: `${contenuto}; after global.gc(); baseline: empty core, same steps; heapUsed ${c.heapUsedMb.toFixed(1)} MB vs ${v.heapUsedMb.toFixed(1)}, heapTotal ${c.heapTotalMb.toFixed(1)} vs ${v.heapTotalMb.toFixed(1)}, external ${c.externalMb.toFixed(1)} (arrayBuffers ${c.arrayBuffersMb.toFixed(1)}) vs ${v.externalMb.toFixed(1)}; goal ≤ 150 MB`,
      });
    }
    results.push({ name: `memory: core peak RSS, ${nomi[disposizione]}`, unit: 'MB', median: carico.picco, baseline: vuoto.picco, ratio: carico.picco / vuoto.picco, note: `loading took ${(carico.caricamentoMs / 1000).toFixed(1)} s` });
  }
  const nudo = inFiglio('nudo');
  results.push({ name: 'memory: the bare process (node --expose-gc --import tsx, nothing imported)', unit: 'MB', median: nudo.misure.caricato.rssMb, note: `heapUsed ${nudo.misure.caricato.heapUsedMb.toFixed(1)} MB: the floor under every figure above` });
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--figlio');
  if (i >= 0) {
    figlio(process.argv[i + 1] ?? '', process.argv[i + 2] ?? 'worker').then(
      (esito) => console.log(JSON.stringify(esito)),
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  } else {
    benchMemoria().then(
      (rs) => {
        for (const r of rs) console.log(`${r.name}: ${r.median.toFixed(1)} ${r.unit} (baseline ${r.baseline?.toFixed(1)}, ratio ${r.ratio?.toFixed(2)})${r.note ? ` — ${r.note}` : ''}`);
      },
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  }
}
