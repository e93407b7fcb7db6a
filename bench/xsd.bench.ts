/**
 * XSD validation (issue 14): `npm run bench xsd`.
 *
 * Median time to validate a realistic 5005 request body (FULL['5005'] from
 * the service fixtures) with
 *   (a) the current path, `validateRequestBody`: xmldom security pre-check,
 *       then the family's schema compiled once per process by libxml2-wasm
 *       and reused;
 *   (b) baseline: the path used before, one xmllint-wasm run per call
 *       (worker + WASM start, whole XSD set recompiled), preceded by the same
 *       xmldom pre-check — bench/xsd-xmllint.ts.
 * Also printed: the one-off compile of the 5000mutazione schema set (first
 * call after `clearXsdCache`).
 *
 * Standalone: `node --import tsx bench/xsd.bench.ts`
 */
import { pathToFileURL } from 'node:url';
import { buildRequest } from '../electron/anpr/services/builders';
import { FULL } from '../electron/anpr/services/fixtures.test-data';
import { SERVICES } from '../electron/anpr/services/registry';
import { parseXmlSafely } from '../electron/anpr/xml/safe';
import { clearXsdCache, validateRequestBody } from '../electron/anpr/xsd/validate';
import { median, type BenchResult } from './types';
import { validateWithXmllint } from './xsd-xmllint';

async function samplesMs(fn: () => Promise<unknown>, iterations: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return samples;
}

export async function benchXsd(opts: { iterations?: number; baselineIterations?: number } = {}): Promise<BenchResult[]> {
  const iterations = opts.iterations ?? 2000;
  const baselineIterations = opts.baselineIterations ?? 15;
  const info = SERVICES['5005'];
  const body = buildRequest('5005', FULL['5005']);

  const check = async (p: Promise<{ valid: boolean }>): Promise<void> => {
    if (!(await p).valid) throw new Error('bench: the 5005 fixture no longer validates');
  };

  // One-off cost: the first call after dropping the compiled schemas (the library is already loaded).
  await check(validateRequestBody(body, '5005'));
  const compiles: number[] = [];
  for (let i = 0; i < 5; i++) {
    clearXsdCache();
    const t0 = process.hrtime.bigint();
    await check(validateRequestBody(body, '5005'));
    compiles.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  const compiled = median(await samplesMs(() => check(validateRequestBody(body, '5005')), iterations, 200));
  const baseline = median(
    await samplesMs(
      () => {
        parseXmlSafely(body);
        return check(validateWithXmllint(body, info));
      },
      baselineIterations,
      2,
    ),
  );

  return [
    {
      name: 'xsd: validateRequestBody 5005, compiled schema reused',
      unit: 'ms',
      median: compiled,
      baseline,
      ratio: compiled / baseline,
      note: `${body.length}-char body; target ≤ 1 ms; baseline = one xmllint-wasm run per call (${baselineIterations} calls)`,
    },
    { name: 'xsd: xmllint-wasm per call (previous path), 5005', unit: 'ms', median: baseline, note: 'worker + WASM start + schema compile every call' },
    { name: 'xsd: first call after clearXsdCache (schema compile)', unit: 'ms', median: median(compiles), note: '5000mutazione set; once per family per process; libxml2-wasm already loaded' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchXsd().then(
    (rs) => {
      for (const r of rs) console.log(`${r.name}: median ${r.median.toFixed(3)} ${r.unit}${r.baseline !== undefined ? ` (baseline ${r.baseline.toFixed(3)}, ratio ${r.ratio!.toFixed(4)})` : ''}`);
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
