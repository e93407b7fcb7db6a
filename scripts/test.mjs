// `npm test`: typecheck, lint, unit/integration tests (vitest) and the e2e
// suite (Playwright in Chromium against the web host). Every suite runs even
// if an earlier one failed; the last line is the total: `N passed, N failed`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run } from './lib.mjs';

const results = join(ROOT, 'test-results');
mkdirSync(results, { recursive: true });
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);
const suites = [];

function step(name, fn) {
  if (!wanted(name)) return;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { passed, failed } = fn();
  suites.push({ name, passed, failed, seconds: ((Date.now() - started) / 1000).toFixed(1) });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

step('typecheck', () => {
  const ok = run(bin('tsc'), ['-b', '--pretty', 'false']) === 0;
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
});

step('lint', () => {
  const ok = run(bin('eslint'), ['--max-warnings', '0', '.']) === 0;
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
});

step('unit', () => {
  const out = join(results, 'vitest.json');
  rmSync(out, { force: true });
  const code = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const report = readJson(out);
  if (!report) return { passed: 0, failed: 1 };
  const failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0);
  return { passed: report.numPassedTests, failed };
});

step('e2e', () => {
  const out = join(results, 'playwright.json');
  rmSync(out, { force: true });
  const code = run(bin('playwright'), ['test']);
  const report = readJson(out);
  if (!report?.stats) return { passed: 0, failed: 1 };
  const failed = report.stats.unexpected + (code !== 0 && report.stats.unexpected === 0 ? 1 : 0);
  return { passed: report.stats.expected + report.stats.flaky, failed };
});

const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
console.log('\n=== riepilogo ===');
for (const suite of suites) console.log(`${suite.name.padEnd(10)} ${suite.passed} passed, ${suite.failed} failed (${suite.seconds} s)`);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(results, 'summary.txt'), summary + '\n');
console.log(summary);
process.exit(failed === 0 && existsSync(results) ? 0 : 1);
