import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTestPki, type TestPki } from '../../test-support/pki';
import { signIdPostazione, verifyIdPostazioneFirmato } from './cms';
import { loadPkcs12, type LoadedKeystore } from './keystore';

let pki: TestPki;
let postazione: LoadedKeystore;
let rogue: LoadedKeystore;
let work: string;
const ID = '058091-PC-0001';

beforeAll(() => {
  pki = ensureTestPki();
  postazione = loadPkcs12(pki.read('postazione.p12'), pki.passphrase, { now: new Date() });
  rogue = loadPkcs12(pki.read('rogue-comune.p12'), pki.passphrase, { now: new Date() });
  work = mkdtempSync(join(tmpdir(), 'cms-test-'));
});

/** `openssl cms -verify`, returning the verified content (throws when verification fails). */
function opensslVerify(b64: string, caFile: string): string {
  const f = join(work, `cms-${Math.random().toString(36).slice(2)}.der`);
  writeFileSync(f, Buffer.from(b64, 'base64'));
  // -purpose any: the ANPR certificates carry EKU clientAuth only, not emailProtection
  return execFileSync('openssl', ['cms', '-verify', '-purpose', 'any', '-CAfile', caFile, '-inform', 'DER', '-in', f], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('IdPostazioneFirmato (CMS SignedData)', () => {
  it('is a SignedData with SHA-256, attached content and the signer certificate', () => {
    const b64 = signIdPostazione(ID, postazione.privateKeyPem, postazione.certificatePem);
    const f = join(work, 'print.der');
    writeFileSync(f, Buffer.from(b64, 'base64'));
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', f], { encoding: 'utf8' });
    expect(printed).toContain('pkcs7-signedData (1.2.840.113549.1.7.2)');
    expect(printed).toContain('sha256 (2.16.840.1.101.3.4.2.1)');
    expect(printed).toContain('058091-PC-0001');
    expect(printed).toContain('CN=058091-PC-0001');
    expect(printed).toMatch(/messageDigest/);
  });

  it('is verified by openssl against the ANPR CA and not against a rogue CA', () => {
    const b64 = signIdPostazione(ID, postazione.privateKeyPem, postazione.certificatePem);
    expect(opensslVerify(b64, pki.path('ca.crt'))).toBe(ID);
    expect(() => opensslVerify(b64, pki.path('rogue-ca.crt'))).toThrow();
  });

  it('is verified by verifyIdPostazioneFirmato', () => {
    const signingTime = new Date('2026-01-02T03:04:05Z');
    const b64 = signIdPostazione(ID, postazione.privateKeyPem, postazione.certificatePem, { signingTime });
    const res = verifyIdPostazioneFirmato(b64, ID, [pki.pem('rogue-ca.crt'), pki.pem('ca.crt')], new Date());
    expect(res).toMatchObject({ ok: true, signingTime: signingTime.toISOString() });
    if (res.ok) expect(res.signerCertPem).toContain('BEGIN CERTIFICATE');
  });

  it('refuses a different IdPostazione, an untrusted signer, an expired signer, tampering and garbage', () => {
    const b64 = signIdPostazione(ID, postazione.privateKeyPem, postazione.certificatePem);
    const ca = [pki.pem('ca.crt')];
    const now = new Date();
    expect(verifyIdPostazioneFirmato(b64, '058091-PC-0002', ca, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/differs/) });
    expect(verifyIdPostazioneFirmato(b64, ID, [pki.pem('rogue-ca.crt')], now)).toMatchObject({ ok: false, reason: expect.stringMatching(/trusted CA/) });
    expect(verifyIdPostazioneFirmato(b64, ID, ca, new Date('2100-01-01'))).toMatchObject({ ok: false });

    const rogueB64 = signIdPostazione(ID, rogue.privateKeyPem, rogue.certificatePem);
    expect(opensslVerify(rogueB64, pki.path('rogue-ca.crt'))).toBe(ID);
    expect(verifyIdPostazioneFirmato(rogueB64, ID, ca, now)).toMatchObject({ ok: false });

    // flip one byte of the RSA signature (the last bytes of the DER)
    const der = Buffer.from(b64, 'base64');
    der[der.length - 5] = der[der.length - 5]! ^ 0x01;
    const tampered = der.toString('base64');
    expect(verifyIdPostazioneFirmato(tampered, ID, ca, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/signature/) });
    expect(() => opensslVerify(tampered, pki.path('ca.crt'))).toThrow();

    // signed by one key, certificate of another: the signature cannot verify
    const mixed = signIdPostazione(ID, rogue.privateKeyPem, postazione.certificatePem);
    expect(verifyIdPostazioneFirmato(mixed, ID, ca, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/signature/) });

    for (const junk of ['', 'not base64!', Buffer.from('hello').toString('base64')]) {
      expect(verifyIdPostazioneFirmato(junk, ID, ca, now).ok).toBe(false);
    }
  });

  it('accepts a CMS made by openssl (interoperability)', () => {
    const content = join(work, 'id.txt');
    const out = join(work, 'openssl.der');
    writeFileSync(content, ID);
    execFileSync('openssl', [
      'cms', '-sign', '-binary', '-nodetach', '-md', 'sha256', '-signer', pki.path('postazione.crt'), '-inkey', pki.path('postazione.key'),
      '-in', content, '-outform', 'DER', '-out', out,
    ]);
    const b64 = execFileSync('base64', ['-w0', out], { encoding: 'utf8' });
    expect(verifyIdPostazioneFirmato(b64, ID, [pki.pem('ca.crt')], new Date())).toMatchObject({ ok: true });
  });
});
