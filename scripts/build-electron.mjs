// Bundles the Electron main process and the preload into CommonJS files.
// The preload must be ONE file: a sandboxed preload can only require 'electron'.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron'],
};

await build({
  ...common,
  entryPoints: ['electron/main/index.ts'],
  outfile: 'out/main/index.cjs',
  // Native and WASM-carrying packages stay in node_modules (libxml2-wasm is
  // also an ES module with top-level await: it is reached by a real import()).
  external: ['electron', 'better-sqlite3', 'libxml2-wasm', 'soap'],
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The core's own process (utilityProcess, electron/main/core-process.ts) and the worker threads it starts
// (electron/core/worker/avvia.ts looks for `<name>.cjs` beside the bundle that starts them).
for (const [entry, outfile] of [
  ['electron/main/core-process.ts', 'out/main/core.cjs'],
  ['electron/core/worker/simulatore.worker.ts', 'out/main/simulatore.worker.cjs'],
  ['electron/features/anomalie/importa-anomalie.worker.ts', 'out/main/importa-anomalie.worker.cjs'],
]) {
  await build({
    ...common,
    entryPoints: [entry],
    outfile,
    external: ['electron', 'better-sqlite3', 'libxml2-wasm', 'soap'],
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
}

await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'out/preload/index.cjs',
  platform: 'browser',
  target: 'chrome140',
});
console.log('electron: out/main/index.cjs, out/main/core.cjs, out/main/*.worker.cjs, out/preload/index.cjs');
