/**
 * Reads one file with the table reader in a child process, so a reader that
 * loops forever or balloons cannot take the test runner with it. Prints one
 * JSON line: the error message (or the rows read), the time taken and the
 * memory growth.
 */
import { readFileSync } from 'node:fs';
import { leggiTabella } from './tabella';

const buf = readFileSync(process.argv[2]!);
const prima = process.memoryUsage();
const t0 = performance.now();
let esito: { errore?: string; righe?: number };
try {
  esito = { righe: (await leggiTabella(buf)).righe.length };
} catch (error) {
  esito = { errore: `${(error as Error).constructor.name}: ${(error as Error).message}` };
}
const ms = performance.now() - t0;
const dopo = process.memoryUsage();
const crescita = Math.max(dopo.rss - prima.rss, dopo.arrayBuffers - prima.arrayBuffers);
process.stdout.write(JSON.stringify({ ...esito, ms, crescitaMb: crescita / 1024 / 1024 }) + '\n');
