import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../platform/paths';
import { DEFAULT_CA_BUNDLE } from './anpr-access';

/**
 * Issue #18, item 7: the CA bundle that anchors TLS to ANPR is packaged inside
 * app.asar, which Electron's embedded integrity check covers; anything in
 * `asarUnpack` lies beside it, replaceable by whoever can write the install folder.
 */

function lista(yml: string, chiave: string): string[] {
  const righe = yml.split('\n');
  const i = righe.findIndex((r) => r.trimEnd() === `${chiave}:`);
  if (i < 0) return [];
  const out: string[] = [];
  for (const r of righe.slice(i + 1)) {
    const m = /^\s+-\s+"?([^"]+?)"?\s*$/.exec(r);
    if (!m) break;
    out.push(m[1]!);
  }
  return out;
}

/** The patterns used here: `dir/**` (everything under dir) or an exact path. */
function copre(pattern: string, file: string): boolean {
  expect(pattern, 'only dir/** or exact patterns, so this check stays sound').toMatch(/^[\w./@-]+(\/\*\*)?$/);
  return pattern.endsWith('/**') ? file.startsWith(pattern.slice(0, -2)) : file === pattern;
}

describe('packaging: the ANPR CA bundle under the asar integrity check', () => {
  const yml = readFileSync(join(APP_ROOT, 'build', 'electron-builder.yml'), 'utf8');
  const bundle = DEFAULT_CA_BUNDLE.slice(APP_ROOT.length + 1).replace(/\\/g, '/');

  it('keeps resources/ca out of asarUnpack, with the asar integrity fuses on', () => {
    expect(bundle).toBe('resources/ca/anpr-ca-bundle.pem');
    expect(lista(yml, 'files')).toContain('resources/**');
    expect(lista(yml, 'asarUnpack').filter((p) => copre(p, bundle))).toEqual([]);
    expect(yml).toMatch(/^\s+enableEmbeddedAsarIntegrityValidation: true$/m);
    expect(yml).toMatch(/^\s+onlyLoadAppFromAsar: true$/m);
    expect(yml).not.toMatch(/^asar: false/m);
  });
});
