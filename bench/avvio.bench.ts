/**
 * Cold start (issue 14, goal 5): `npm run bench -- avvio`.
 *
 * Builds the renderer twice with `vite.config.ts` into temp folders:
 *  - split: as `npm run build:renderer` builds it (every screen but the
 *    Scrivania and sign-in is a chunk loaded on demand, renderer/src/routes.tsx);
 *  - baseline: the same sources with the split undone (a build-time plugin
 *    turns routes.tsx's `import('./screens/…')` back into static imports), i.e.
 *    the single bundle of before.
 * and reports each build's initial JavaScript (the entry chunk and everything it
 * imports statically: what the browser must fetch, parse and run before the
 * first render), raw and gzip.
 *
 * Then, ROUNDS times per build, alternating which goes first: spawns the web
 * host as the e2e fixtures do (`node --import tsx <host>`, `--port 0`, a data
 * folder of its own, the file-key secret beside it; the per-run token read from
 * the address the host prints) and, at the same moment, Chromium through
 * playwright's `chromium.launch` (Debian's chromium, e2e/chromium.ts); opens the
 * tokenised address; waits (checked on every animation frame, times taken in the
 * page) for the sign-in form (the first IPC answered: `sessione.stato` and
 * `app.info`), signs in as the clerk does and waits for the Scrivania usable
 * (its heading and `card-richieste` on screen, `home.riepilogo` answered).
 * Medians of: process start → host listening, → Chromium launched, → sign-in
 * form rendered, click on "Accedi" → Scrivania, and process start → Scrivania
 * (the figure of goal 5: ≤ 1.5 s). The data folder is set up once per build by an
 * untimed first start (the "Primo avvio" form), which also warms tsx's cache.
 *
 * The host: `electron/hosts/web/main.ts` serves only `out/renderer`, so this file
 * re-spawns itself as the host (`--ospite <static dir> <data dir>`), doing what
 * main.ts does in the same order (usaWorker, createCore, startWebHost, the
 * connection check, the queue's dispatcher) with the build under test as the
 * static folder (keep it in step with main.ts). The shared `out/renderer` is
 * never touched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import type { Plugin } from 'vite';
import { median, type BenchResult } from './types';

const ROUNDS = 5;
const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const PASSWORD = 'prova-bench-avvio';

/** Undoes the split: each `import('./screens/…')` of routes.tsx becomes a static import (the baseline build). */
function senzaDivisione(): Plugin {
  return {
    name: 'bench-senza-divisione',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith('/renderer/src/routes.tsx')) return null;
      const moduli: string[] = [];
      const corpo = code.replace(/import\((['"])(\.\/screens\/[^'"]+)\1\)/g, (_tutto, _virgolette, modulo: string) => `Promise.resolve(__schermata${moduli.push(modulo) - 1})`);
      if (moduli.length === 0) throw new Error('routes.tsx loads no screen on demand: the baseline would be the split build itself');
      return { code: `${moduli.map((m, i) => `import * as __schermata${i} from '${m}';`).join('\n')}\n${corpo}`, map: null };
    },
  };
}

async function costruisci(outDir: string, diviso: boolean): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true }, plugins: diviso ? [] : [senzaDivisione()] });
}

export interface JsIniziale {
  file: string[];
  byte: number;
  gzip: number;
  /** Every JavaScript file of the build, loaded or not. */
  totaleByte: number;
}

/** The entry script of index.html, its modulepreloads and, transitively, every chunk they import statically. */
export function jsIniziale(dir: string): JsIniziale {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const daVisitare = [...html.matchAll(/<script[^>]+src="\.\/([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const visti = new Set<string>();
  while (daVisitare.length) {
    const file = daVisitare.pop()!;
    if (visti.has(file)) continue;
    visti.add(file);
    const codice = readFileSync(join(dir, file), 'utf8');
    // Static imports only (`import{…}from"./x.js"`, `import"./x.js"`); `import("./x.js")` is on demand.
    for (const m of codice.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([^"']+\.js)["']/g)) daVisitare.push(join(file, '..', m[1]!));
  }
  const file = [...visti].sort();
  const contenuti = file.map((f) => readFileSync(join(dir, f)));
  const totaleByte = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((s, f) => s + readFileSync(join(dir, 'assets', f)).length, 0);
  return { file, byte: contenuti.reduce((s, c) => s + c.length, 0), gzip: contenuti.reduce((s, c) => s + gzipSync(c, { level: 9 }).length, 0), totaleByte };
}

interface Tempi {
  host: number;
  browser: number;
  /** index.html received (the host answered its first request). */
  documento: number;
  /** DOMContentLoaded: the page and its initial JavaScript fetched, parsed and run (module scripts run before it). */
  pagina: number;
  accesso: number;
  accessoScrivania: number;
  scrivania: number;
}

const adesso = () => performance.timeOrigin + performance.now();

function avviaOspite(staticDir: string, dataDir: string): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--ospite', staticDir, dataDir], {
    cwd: ROOT,
    // As e2e/fixtures.ts: the file-key key outside the data folder, beside it.
    env: { ...process.env, SPORTELLO_SECRET_KEY_FILE: `${dataDir}.secret.key` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function fermaOspite(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const uscito = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await uscito;
}

/** The little of the DOM the page-side check uses (the bench is typed without the DOM library). */
interface DocumentoMinimo {
  querySelectorAll(selettore: string): ArrayLike<{ textContent: string | null }>;
  querySelector(selettore: string): unknown;
}

/** In the page, on every animation frame: the page's clock (epoch ms) once a heading with `titolo` (and `testid`) is on screen. */
const attendi = (page: Page, titolo: string, testid?: string) =>
  page
    .waitForFunction(
      ([t, id]) => {
        const d = (globalThis as unknown as { document: DocumentoMinimo }).document;
        const h = Array.from(d.querySelectorAll('h1')).some((x) => x.textContent?.trim() === t);
        return h && (!id || d.querySelector(`[data-testid="${id}"]`)) ? performance.timeOrigin + performance.now() : false;
      },
      [titolo, testid ?? ''] as const,
      { polling: 'raf', timeout: 60_000 },
    )
    .then((h) => h.jsonValue() as Promise<number>);

/** One start: host + Chromium from nothing to the Scrivania. `primo`: the untimed first start that creates the amministratore. */
async function unAvvio(staticDir: string, dataDir: string, cf: { valore: string }, primo: boolean): Promise<Tempi> {
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS, findChromium } = await import('../e2e/chromium');
  const executablePath = findChromium();
  const t0 = adesso();
  const ospite = avviaOspite(staticDir, dataDir);
  const browserAvviato = chromium.launch({ headless: true, args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) }).then((b) => ({ b, t: adesso() }));
  try {
    const openUrl = await ospite.url;
    const host = adesso() - t0;
    const { b: browser, t: tBrowser } = await browserAvviato;
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
      const errori: string[] = [];
      page.on('pageerror', (e) => errori.push(e.message));
      await page.goto(openUrl, { waitUntil: 'commit' });
      if (primo) {
        await attendi(page, 'Primo avvio');
        cf.valore = await page.getByLabel('Codice fiscale').inputValue();
        await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
        await page.getByLabel('Ripetere la password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Crea amministratore e accedi' }).click();
        await attendi(page, 'Scrivania', 'card-richieste');
        return { host, browser: tBrowser - t0, documento: 0, pagina: 0, accesso: 0, accessoScrivania: 0, scrivania: 0 };
      }
      const tAccesso = await attendi(page, 'Accesso');
      const [tDocumento, tPagina] = await page.evaluate(() => {
        // The page's Performance (typed here as Node's, which has no navigation entries).
        const p = performance as unknown as { timeOrigin: number; getEntriesByType(t: string): { responseEnd: number; domContentLoadedEventEnd: number }[] };
        const nav = p.getEntriesByType('navigation')[0];
        return [p.timeOrigin + (nav?.responseEnd ?? Number.NaN), p.timeOrigin + (nav?.domContentLoadedEventEnd ?? Number.NaN)] as const;
      });
      await page.getByLabel('Codice fiscale').fill(cf.valore);
      await page.getByLabel('Password').fill(PASSWORD);
      const tClick = adesso();
      await page.getByRole('button', { name: 'Accedi' }).click();
      const tScrivania = await attendi(page, 'Scrivania', 'card-richieste');
      if (errori.length) throw new Error(`page errors: ${errori.join('; ')}`);
      return { host, browser: tBrowser - t0, documento: tDocumento - t0, pagina: tPagina - t0, accesso: tAccesso - t0, accessoScrivania: tScrivania - tClick, scrivania: tScrivania - t0 };
    } finally {
      await browser.close();
    }
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- host output ---\n${ospite.output()}`, { cause: error });
  } finally {
    await browserAvviato.then(({ b }) => b.close()).catch(() => undefined);
    await fermaOspite(ospite.child);
  }
}

export async function benchAvvio(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-avvio-'));
  const results: BenchResult[] = [];
  try {
    const build = { diviso: join(dir, 'diviso'), base: join(dir, 'base') };
    await costruisci(build.diviso, true);
    await costruisci(build.base, false);
    const js = { diviso: jsIniziale(build.diviso), base: jsIniziale(build.base) };
    const kB = (n: number) => n / 1000;
    results.push({ name: 'renderer: initial JavaScript (entry + static imports)', unit: 'kB', median: kB(js.diviso.byte), baseline: kB(js.base.byte), ratio: js.diviso.byte / js.base.byte, note: `${js.diviso.file.length} files vs ${js.base.file.length}; baseline: the same sources unsplit` });
    results.push({ name: 'renderer: initial JavaScript, gzip -9', unit: 'kB', median: kB(js.diviso.gzip), baseline: kB(js.base.gzip), ratio: js.diviso.gzip / js.base.gzip });
    results.push({ name: 'renderer: all JavaScript of the build', unit: 'kB', median: kB(js.diviso.totaleByte), baseline: kB(js.base.totaleByte), ratio: js.diviso.totaleByte / js.base.totaleByte, note: 'loaded on demand or never (icons)' });

    const varianti = [
      { nome: 'split', staticDir: build.diviso, dataDir: join(dir, 'dati-diviso'), cf: { valore: '' }, tempi: [] as Tempi[] },
      { nome: 'baseline', staticDir: build.base, dataDir: join(dir, 'dati-base'), cf: { valore: '' }, tempi: [] as Tempi[] },
    ];
    for (const v of varianti) await unAvvio(v.staticDir, v.dataDir, v.cf, true);
    for (let round = 0; round < ROUNDS; round++) {
      const ordine = round % 2 ? [...varianti].reverse() : varianti;
      for (const v of ordine) v.tempi.push(await unAvvio(v.staticDir, v.dataDir, v.cf, false));
    }
    const [diviso, base] = varianti as [(typeof varianti)[0], (typeof varianti)[0]];
    const riga = (name: string, campo: keyof Tempi, note?: string): BenchResult => {
      const m = median(diviso.tempi.map((t) => t[campo]));
      const b = median(base.tempi.map((t) => t[campo]));
      return { name, unit: 'ms', median: m, baseline: b, ratio: m / b, ...(note ? { note } : {}) };
    };
    results.push(riga('cold start: process start → Scrivania usable', 'scrivania', `median of ${ROUNDS}; includes the clerk's sign-in (click → Scrivania below); baseline: unsplit build; goal ≤ 1500 ms`));
    results.push(riga('cold start: process start → web host listening', 'host', 'tsx + createCore + startWebHost'));
    results.push(riga('cold start: process start → Chromium launched', 'browser', 'in parallel with the host'));
    results.push(riga('cold start: process start → index.html received', 'documento', 'the host answers its first request'));
    results.push(riga('cold start: process start → page loaded (DOMContentLoaded)', 'pagina', 'index.html + initial JavaScript fetched, parsed, run'));
    results.push(riga('cold start: process start → sign-in form (first IPC answered)', 'accesso', 'sessione.stato + app.info answered, rendered'));
    results.push(riga('cold start: click "Accedi" → Scrivania usable', 'accessoScrivania', 'password check, home.riepilogo, Scrivania rendered'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** `--ospite <static dir> <data dir>`: what electron/hosts/web/main.ts does, serving `staticDir`. */
async function ospite(staticDir: string, dataDir: string): Promise<void> {
  const { createCore } = await import('../electron/core/create-core');
  const { systemClock } = await import('../electron/core/clock');
  const { appVersion } = await import('../electron/platform/paths');
  const { FileKeySecretStore } = await import('../electron/platform/secrets/file-key-store');
  const { fileChiave } = await import('../electron/platform/secrets/file-key-path');
  const { startWebHost } = await import('../electron/hosts/web/server');
  const { usaWorker } = await import('../electron/core/worker/layout');
  // As main.ts: the HTTP server's thread serves the window; the training simulator and the imports run in worker threads.
  usaWorker({ simulatore: true, importazioni: true });
  const secretStore = new FileKeySecretStore(fileChiave(dataDir, process.env, (m) => console.log(m)));
  const core = createCore({ dataDir, secretStore, clock: systemClock, host: 'web', version: appVersion() });
  const host = await startWebHost({ core, staticDir, port: 0 });
  console.log(`Sportello ANPR (versione web) in ascolto: ${host.openUrl}`);
  void core.connection.verify();
  core.coda.start().catch((error: unknown) => core.logger.warn('queue not started', { error: error instanceof Error ? error.message : String(error) }));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (!core.coda.canQuit().ok) await Promise.race([core.coda.waitIdle(), new Promise((resolve) => setTimeout(resolve, 120_000))]);
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--ospite');
  const run = i >= 0 ? ospite(process.argv[i + 1]!, process.argv[i + 2]!).then(() => undefined) : benchAvvio().then((rs) => rs.forEach((r) => console.log(`${r.name}: ${r.median.toFixed(1)} ${r.unit} (baseline ${r.baseline?.toFixed(1)}, ratio ${r.ratio?.toFixed(2)})${r.note ? ` — ${r.note}` : ''}`)));
  run.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
