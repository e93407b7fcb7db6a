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

await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'out/preload/index.cjs',
  platform: 'browser',
  target: 'chrome140',
});
console.log('electron: out/main/index.cjs, out/preload/index.cjs');
