/**
 * Starts a worker thread from one of our TypeScript entry files, in every way
 * the app runs:
 * - from the sources (`npm run web` under tsx, vitest, the benches): the entry
 *   `.ts` is loaded through tsx's `tsImport` in a fresh worker (a worker whose
 *   main module is a `.ts` file is not seen by the loader hooks `--import tsx`
 *   registers, so the entry is imported by a tiny evaluated bootstrap instead);
 * - from the Electron bundle (`out/main/*.cjs`, scripts/build-electron.mjs):
 *   the entry's own bundle beside the main one, `<name>.cjs`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** True when this module runs from its TypeScript source (not from the esbuild bundle). */
// The pathname: a module loaded by tsImport carries a query on its URL.
export const DA_SORGENTE = new URL(import.meta.url).pathname.endsWith('.ts');

/**
 * `entry`: the worker's source file, e.g. `new URL('./simulatore.worker.ts', import.meta.url)`
 * (in the bundle, every module's `import.meta.url` is the bundle's: only the name counts there).
 */
export function avviaWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const nome = basename(fileURLToPath(entry)).replace(/\.ts$/, '');
  if (!DA_SORGENTE) return new Worker(join(dirname(fileURLToPath(import.meta.url)), `${nome}.cjs`), options);
  const tsx = tsxEsmApi();
  const codice = `import(${JSON.stringify(tsx)}).then((t) => t.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`;
  // execArgv: [] — the parent's `--import tsx` would register the hooks a second time.
  return new Worker(codice, { ...options, eval: true, execArgv: [] });
}

let tsxApi: string | null = null;

/** The ES module of tsx's `tsx/esm/api` (its `require` build cannot be imported from a worker's evaluated code). */
function tsxEsmApi(): string {
  if (tsxApi) return tsxApi;
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  tsxApi = pathToFileURL(join(dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
  return tsxApi;
}

/** The bundle entries scripts/build-electron.mjs must emit beside out/main/index.cjs (checked by a test). */
export const ENTRATE_WORKER = ['simulatore.worker', 'importa-anomalie.worker'] as const;
