import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveInsideRoot } from './path-guard';

const root = mkdtempSync(join(tmpdir(), 'guard-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<html></html>');

describe('resolveInsideRoot (app:// and web host static files)', () => {
  it('maps normal paths inside the root', () => {
    expect(resolveInsideRoot(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveInsideRoot(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveInsideRoot(root, '/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/assets/%2e%2e/%2e%2e/etc/passwd',
    '/..%2fetc%2fpasswd',
    '/..\\..\\windows\\win.ini',
    '/assets/%5c..%5c..%5csecret',
    '/index.html%00.js',
    '/%E0%A4%A', // malformed escape
  ])('refuses %s', (path) => {
    expect(resolveInsideRoot(root, path)).toBeNull();
  });

  it('never returns a path outside the root, whatever the input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '.', 'a', '%2e%2e', '%2f', '/', '\\', '%5c', 'assets', '%00'), { maxLength: 8 }), (parts) => {
        const result = resolveInsideRoot(root, '/' + parts.join('/'));
        return result === null || result === root || result.startsWith(root + sep);
      }),
      { numRuns: 2000 },
    );
  });
});
