import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTestPki, type TestPki } from '../../test-support/pki';
import { KeystoreError, loadPkcs12 } from './keystore';

let pki: TestPki;
beforeAll(() => {
  pki = ensureTestPki();
});

function catchKs(fn: () => unknown): KeystoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KeystoreError);
    return err as KeystoreError;
  }
  throw new Error('expected a KeystoreError');
}

describe('loadPkcs12', () => {
  it.each(['comune.p12', 'comune-legacy.p12'])('opens %s and picks the leaf matching the key', (file) => {
    const now = new Date();
    const ks = loadPkcs12(pki.read(file), pki.passphrase, { now });
    expect(ks.info.commonName).toBe('058091-CO-9999');
    expect(ks.info.codiceIstat).toBe('058091');
    expect(ks.info.tipo).toBe('comune');
    expect(ks.info.subject).toContain('CN=058091-CO-9999');
    expect(ks.info.issuer).toContain('CA Postazioni Svil');
    expect(ks.info.serialNumber).toMatch(/^[0-9A-F]+$/);
    expect(ks.info.serialNumber).toBe(new X509Certificate(pki.pem('comune.crt')).serialNumber.toUpperCase());
    expect(ks.info.expiryWarning).toBe(false);
    expect(ks.info.daysToExpiry).toBeGreaterThan(700);
    expect(new Date(ks.info.notAfter).toISOString()).toBe(ks.info.notAfter);
    // leaf = the certificate of the key, CA goes to the chain
    const pubFromKey = createPublicKey(createPrivateKey(ks.privateKeyPem)).export({ format: 'der', type: 'spki' });
    const pubFromCert = new X509Certificate(ks.certificatePem).publicKey.export({ format: 'der', type: 'spki' });
    expect(pubFromKey.equals(pubFromCert)).toBe(true);
    expect(ks.chainPem).toHaveLength(1);
    expect(new X509Certificate(ks.chainPem[0]!).subject).toContain('CA Postazioni Svil');
  });

  it('recognises a postazione certificate', () => {
    const ks = loadPkcs12(pki.read('postazione.p12'), pki.passphrase, { now: new Date() });
    expect(ks.info).toMatchObject({ commonName: '058091-PC-0001', codiceIstat: '058091', tipo: 'postazione' });
  });

  it('classifies other CNs as "altro"', () => {
    const ks = loadPkcs12(pki.read('comune.p12'), pki.passphrase, { now: new Date() });
    expect(ks.info.tipo).toBe('comune');
    // the TLS server certificate has CN=localhost: build a p12 for it
    const dir = mkdtempSync(join(tmpdir(), 'ks-altro-'));
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', pki.path('server.key'), '-in', pki.path('server.crt'), '-out', join(dir, 's.p12'), '-passout', 'pass:x']);
    const s = loadPkcs12(readFileSync(join(dir, 's.p12')), 'x', { now: new Date() });
    expect(s.info).toMatchObject({ commonName: 'localhost', codiceIstat: null, tipo: 'altro' });
    expect(s.chainPem).toEqual([]);
  });

  it.each(['comune.p12', 'comune-legacy.p12'])('wrong passphrase on %s → PASSPHRASE_ERRATA', (file) => {
    const err = catchKs(() => loadPkcs12(pki.read(file), 'sbagliata', { now: new Date() }));
    expect(err.code).toBe('PASSPHRASE_ERRATA');
    expect(err.message).toBe('La password del certificato non è corretta.');
    expect(err.detail).toMatch(/MAC/);
  });

  it('a file that is not PKCS#12 → FILE_NON_VALIDO', () => {
    for (const buf of [pki.read('ca.crt'), Buffer.from('ciao'), Buffer.alloc(0)]) {
      const err = catchKs(() => loadPkcs12(buf, 'x', { now: new Date() }));
      expect(err.code).toBe('FILE_NON_VALIDO');
      expect(err.message).toMatch(/PKCS#12/);
    }
    // DER, but a certificate rather than a PFX
    const der = new X509Certificate(pki.pem('ca.crt')).raw;
    expect(catchKs(() => loadPkcs12(der, 'x', { now: new Date() })).code).toBe('FILE_NON_VALIDO');
  });

  it('a p12 without private key → CHIAVE_ASSENTE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-nokey-'));
    const out = join(dir, 'nokey.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-nokeys', '-in', pki.path('comune.crt'), '-out', out, '-passout', 'pass:x']);
    const err = catchKs(() => loadPkcs12(readFileSync(out), 'x', { now: new Date() }));
    expect(err.code).toBe('CHIAVE_ASSENTE');
  });

  it('expired certificate → CERTIFICATO_SCADUTO with the date', () => {
    const err = catchKs(() => loadPkcs12(pki.read('expired.p12'), pki.passphrase, { now: new Date() }));
    expect(err.code).toBe('CERTIFICATO_SCADUTO');
    expect(err.message).toContain('01/01/2020');
    expect(err.detail).toContain('2020-01-01T00:00:00.000Z');
  });

  it('not yet valid certificate → CERTIFICATO_NON_ANCORA_VALIDO', () => {
    const err = catchKs(() => loadPkcs12(pki.read('future.p12'), pki.passphrase, { now: new Date() }));
    expect(err.code).toBe('CERTIFICATO_NON_ANCORA_VALIDO');
    expect(err.message).toContain('01/01/2099');
  });

  it('expiring within 30 days → expiryWarning', () => {
    const ks = loadPkcs12(pki.read('expiring.p12'), pki.passphrase, { now: new Date() });
    expect(ks.info.expiryWarning).toBe(true);
    expect(ks.info.daysToExpiry).toBeGreaterThanOrEqual(9);
    expect(ks.info.daysToExpiry).toBeLessThanOrEqual(10);
    // the boundary: 31 days before expiry no warning, 30 days before → warning
    const notAfter = new Date(ks.info.notAfter).getTime();
    const early = loadPkcs12(pki.read('expiring.p12'), pki.passphrase, { now: new Date(notAfter - 31 * 86_400_000) });
    expect(early.info.expiryWarning).toBe(false);
    const at30 = loadPkcs12(pki.read('expiring.p12'), pki.passphrase, { now: new Date(notAfter - 30 * 86_400_000) });
    expect(at30.info.expiryWarning).toBe(true);
    expect(at30.info.daysToExpiry).toBe(30);
  });
});
