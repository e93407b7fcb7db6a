import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENTRATE_WORKER } from './avvia';

describe('worker entries in the Electron bundle', () => {
  it('scripts/build-electron.mjs emits every worker entry and the core process beside out/main/index.cjs', () => {
    const script = readFileSync(fileURLToPath(new URL('../../../scripts/build-electron.mjs', import.meta.url)), 'utf8');
    for (const nome of ENTRATE_WORKER) expect(script).toContain(`'out/main/${nome}.cjs'`);
    expect(script).toContain("'out/main/core.cjs'");
  });
});

describe('workers started from a worker', () => {
  it('load from the sources there too (tsImport gives module URLs a query)', async () => {
    const { avviaWorker } = await import('./avvia');
    const w = avviaWorker(new URL('./avvia-annidato.test-worker.ts', import.meta.url));
    const risposta = await new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    await w.terminate();
    expect(risposta).toEqual({ annidato: 42 });
  });
});
