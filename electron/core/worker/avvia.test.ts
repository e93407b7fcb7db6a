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
