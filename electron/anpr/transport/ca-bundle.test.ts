import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTestPki, type TestPki } from '../../test-support/pki';
import { CaBundleError, loadCaBundle, parseCaBundle } from './ca-bundle';

let pki: TestPki;
let dir: string;
beforeAll(() => {
  pki = ensureTestPki();
  dir = mkdtempSync(join(tmpdir(), 'ca-bundle-test-'));
});

function write(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

function expectCaError(fn: () => unknown, code: string): CaBundleError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CaBundleError);
    expect((e as CaBundleError).code).toBe(code);
    return e as CaBundleError;
  }
  throw new Error('expected CaBundleError');
}

describe('loadCaBundle', () => {
  it('loads a multi-certificate PEM bundle with comments and reports subject and expiry', () => {
    const p = write('bundle.pem', `# ANPR CA chain\n${pki.pem('ca.crt')}\nsome text between\n${pki.pem('rogue-ca.crt')}`);
    const b = loadCaBundle(p);
    expect(b.pems).toHaveLength(2);
    expect(b.certificates.map((c) => c.commonName)).toEqual(['CA Postazioni Svil (test)', 'Rogue CA (test)']);
    const first = b.certificates[0]!;
    expect(first.isCa).toBe(true);
    expect(first.selfSigned).toBe(true);
    expect(first.expired).toBe(false);
    expect(first.validTo.getTime()).toBeGreaterThan(Date.now());
    expect(first.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(b.warnings).toEqual([]);
    // The normalised PEMs are real certificates.
    expect(new X509Certificate(b.pems[0]!).subject).toContain('CN=CA Postazioni Svil (test)');
  });

  it('missing file → Italian CA_FILE_MISSING', () => {
    const e = expectCaError(() => loadCaBundle(join(dir, 'non-esiste.pem')), 'CA_FILE_MISSING');
    expect(e.message).toMatch(/^Il bundle CA di ANPR non è stato trovato: .*non-esiste\.pem/);
    expect(e.message).toContain('formato PEM');
  });

  it('a directory is refused', () => {
    const sub = join(dir, 'cartella');
    mkdirSync(sub, { recursive: true });
    expectCaError(() => loadCaBundle(sub), 'CA_FILE_UNREADABLE');
  });

  it('empty file → CA_FILE_EMPTY', () => {
    expect(expectCaError(() => loadCaBundle(write('vuoto.pem', '  \n')), 'CA_FILE_EMPTY').message).toContain('è vuoto');
  });

  it('garbage → CA_FILE_NO_CERTIFICATES', () => {
    const e = expectCaError(() => loadCaBundle(write('spazzatura.pem', 'ciao, questo non è un certificato')), 'CA_FILE_NO_CERTIFICATES');
    expect(e.message).toContain('non contiene certificati leggibili');
  });

  it('a corrupt certificate block refuses the whole bundle, naming its position', () => {
    const broken = pki.pem('rogue-ca.crt').replace(/(-----BEGIN CERTIFICATE-----\n)(.{20})/, '$1AAAAAAAAAAAAAAAAAAAA');
    const e = expectCaError(() => loadCaBundle(write('rotto.pem', pki.pem('ca.crt') + broken)), 'CA_CERT_INVALID');
    expect(e.message).toContain('Il certificato n. 2');
  });

  it('accepts a single DER certificate, with a warning', () => {
    const der = new X509Certificate(pki.pem('ca.crt')).raw;
    const b = loadCaBundle(write('ca.cer', der));
    expect(b.pems).toHaveLength(1);
    expect(b.warnings[0]).toContain('formato DER');
  });
});

describe('parseCaBundle warnings', () => {
  it('warns about a leaf (non-CA) certificate pinned instead of the CA', () => {
    const b = parseCaBundle(pki.pem('server.crt'), { source: 'test' });
    expect(b.certificates[0]!.isCa).toBe(false);
    expect(b.warnings.join('\n')).toContain('non è un certificato di CA');
  });

  it('warns about expired certificates (and when all of them are)', () => {
    const b = parseCaBundle(pki.pem('ca.crt'), { now: new Date('2099-01-01T00:00:00Z') });
    expect(b.certificates[0]!.expired).toBe(true);
    expect(b.warnings.join('\n')).toMatch(/è scaduto il \d{2}\/\d{2}\/\d{4}/);
    expect(b.warnings.join('\n')).toContain('Tutti i certificati del bundle CA sono scaduti');
  });

  it('ignores a private key found in the bundle, with a warning', () => {
    const b = parseCaBundle(pki.pem('ca.crt') + readFileSync(pki.path('server.key'), 'utf8'));
    expect(b.pems).toHaveLength(1);
    expect(b.warnings.join('\n')).toContain('chiave privata');
  });
});
