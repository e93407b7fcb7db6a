/**
 * `npm run bench`: runs every `bench/*.bench.ts` module's exported `bench*`
 * functions and prints medians and ratios against baselines measured in the
 * same run. Numbers, not verdicts: these machines are noisy.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];

function format(result: BenchResult): string {
  const parts = [`${result.name.padEnd(58)} median ${result.median.toFixed(3).padStart(9)} ${result.unit}`];
  if (result.baseline !== undefined) parts.push(`baseline ${result.baseline.toFixed(3)} ${result.unit}`);
  if (result.ratio !== undefined) {
    parts.push(`ratio ${result.ratio < 0.01 ? result.ratio.toPrecision(2) : result.ratio.toFixed(2)}`);
    // Times: lower is better; throughputs (units ending in /s): higher is better.
    const higherIsBetter = result.unit.endsWith('/s');
    if (result.baseline !== undefined && result.median > 0 && result.baseline > 0) {
      const speed = higherIsBetter ? result.median / result.baseline : result.baseline / result.median;
      parts.push(`= ${speed.toFixed(2)}× the baseline's speed`);
    }
  }
  if (result.unit === 'ms' && result.median > 0) parts.push(`${Math.round(1000 / result.median)} per second`);
  if (result.note) parts.push(`(${result.note})`);
  return parts.join('  ');
}

const files = readdirSync(dir).filter((file) => file.endsWith('.bench.ts') && (!filter || file.includes(filter))).sort();
for (const file of files) {
  const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(module)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    console.log(`\n# ${file} › ${name}`);
    const results = (await (fn as () => Promise<BenchResult[]>)()) ?? [];
    for (const result of results) console.log(format(result));
  }
}
