/**
 * Every repository path the docs cite, and every one a comment cites in the
 * sources of electron/, shared/ and renderer/src/, exists: a moved or deleted
 * file leaves no stale pointer behind. Placeholders are not paths: a citation
 * followed by `<` or `*` (`shared/anpr/servizi/<codice>.ts`, `scripts/**`) or
 * holding `NNNN` is skipped, and so is whatever lives under build outputs.
 * `../shared/…` cites the official reference data beside the repository: it is
 * checked where that folder is present.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The folders a cited path starts from (the repository's top level). */
const RADICI = ['electron', 'shared', 'renderer', 'resources', 'build', 'e2e', 'bench', 'scripts', 'docs', 'bin', 'eslint-rules'];
const CITAZIONE = new RegExp(`(?<![\\w./@~-])((?:\\.\\./shared|${RADICI.join('|')})/[\\w./-]*)(.?)`, 'g');
const RIFERIMENTO = existsSync(join(ROOT, '..', 'shared'));
const GENERATI = ['out/', 'release/', 'node_modules/', 'test-results/'];
const SALTA_CARTELLE = new Set(['node_modules', 'out', 'release', 'test-results', 'playwright-report']);

function sorgenti(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SALTA_CARTELLE.has(name)) continue;
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...sorgenti(abs));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) out.push(abs);
  }
  return out;
}

/** The comments of a source file: a small scanner that steps over string and template literals. */
export function commenti(src: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      const stop = end === -1 ? src.length : end;
      out.push(src.slice(i + 2, stop));
      i = stop;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end;
      out.push(src.slice(i + 2, stop));
      i = stop + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\') i++;
        else if (c !== '`' && src[i] === '\n') break;
        i++;
      }
      i++;
    } else i++;
  }
  return out;
}

/** The repository paths a text cites (trailing punctuation dropped, placeholders skipped). */
export function percorsiCitati(testo: string): string[] {
  const out: string[] = [];
  for (const m of testo.matchAll(CITAZIONE)) {
    const dopo = m[2] ?? '';
    if (dopo === '<' || dopo === '*' || dopo === '{' || dopo === '$') continue;
    const p = (m[1] ?? '').replace(/[.]+$/, '');
    if (p.includes('NNNN') || GENERATI.some((g) => p.startsWith(g))) continue;
    if (p.startsWith('../') && !RIFERIMENTO) continue;
    out.push(p);
  }
  return out;
}

const esiste = (p: string) => ['', '.ts', '.tsx', '.js', '.mjs'].some((ext) => existsSync(join(ROOT, p + ext)));

describe('cited paths', () => {
  it('reads placeholders as placeholders', () => {
    expect(percorsiCitati('see `shared/anpr/servizi/<codice>.ts`, `scripts/**/*.test.ts` and `migrations/NNNN-name.ts`')).toEqual([]);
    expect(percorsiCitati('(electron/core/coda.ts), `resources/anpr/tabelle`.')).toEqual(['electron/core/coda.ts', 'resources/anpr/tabelle']);
    expect(percorsiCitati('https://example.org/docs/x and ../electron/core')).toEqual([]);
    expect(commenti("const u = 'http://x/electron/nope'; // electron/core/coda.ts\n/* shared/ipc/ */")).toEqual([' electron/core/coda.ts', ' shared/ipc/ ']);
  });

  it('exist, in the docs and in the comments of electron/, shared/ and renderer/src/', () => {
    const testi: { file: string; testo: string }[] = [];
    const md = [
      ...readdirSync(ROOT).filter((f) => f.endsWith('.md')),
      ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
    ];
    for (const f of md) testi.push({ file: f, testo: readFileSync(join(ROOT, f), 'utf8') });
    for (const dir of ['electron', 'shared', 'renderer/src']) {
      for (const abs of sorgenti(join(ROOT, dir))) {
        testi.push({ file: relative(ROOT, abs), testo: commenti(readFileSync(abs, 'utf8')).join('\n') });
      }
    }
    const mancanti = testi.flatMap(({ file, testo }) => percorsiCitati(testo).filter((p) => !esiste(p)).map((p) => `${file}: ${p}`));
    expect(mancanti).toEqual([]);
  });
});
