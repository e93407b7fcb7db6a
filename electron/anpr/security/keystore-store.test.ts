import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../core/clock';
import { FileKeySecretStore } from '../../platform/secrets/file-key-store';
import { ensureTestPki, type TestPki } from '../../test-support/pki';
import { KeystoreError } from './keystore';
import { createKeystoreStore } from './keystore-store';

let pki: TestPki;
beforeAll(() => {
  pki = ensureTestPki();
});

function setup(now = new Date()) {
  const root = mkdtempSync(join(tmpdir(), 'ks-store-'));
  const dir = join(root, 'keystores');
  const secretStore = new FileKeySecretStore(join(root, 'secret.key'));
  const clock: Clock & { set(d: Date): void } = { now: () => now, set: (d) => (now = d) };
  return { root, dir, secretStore, clock, store: createKeystoreStore({ dir, secretStore, clock }) };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

describe('createKeystoreStore', () => {
  it('imports, describes, loads and removes both kinds', () => {
    const { dir, secretStore, clock, store } = setup();
    expect(store.info('comune')).toBeNull();
    const info = store.import('comune', pki.read('comune.p12'), pki.passphrase);
    expect(info.commonName).toBe('058091-CO-9999');
    store.import('postazione', pki.read('postazione.p12'), pki.passphrase);
    expect(store.info('comune')).toEqual(info);
    expect(store.info('postazione')?.tipo).toBe('postazione');

    // a fresh store (no in-memory cache) reopens the file with the sealed passphrase
    const again = createKeystoreStore({ dir, secretStore, clock });
    const loaded = again.load('comune');
    expect(loaded.privateKeyPem).toMatch(/BEGIN (RSA )?PRIVATE KEY/);
    expect(loaded.info.serialNumber).toBe(info.serialNumber);

    again.remove('comune');
    expect(again.info('comune')).toBeNull();
    expect(() => createKeystoreStore({ dir, secretStore, clock }).load('comune')).toThrow(KeystoreError);
    expect(() => again.load('comune')).toThrow(expect.objectContaining({ code: 'KEYSTORE_ASSENTE' }));
    expect(again.load('postazione').info.tipo).toBe('postazione');
  });

  it('never writes the passphrase in plaintext', () => {
    const { root, dir, store } = setup();
    store.import('comune', pki.read('comune-legacy.p12'), pki.passphrase);
    store.import('postazione', pki.read('postazione.p12'), pki.passphrase);
    const needles = [Buffer.from(pki.passphrase, 'utf8'), Buffer.from(pki.passphrase, 'utf16le'), Buffer.from(Buffer.from(pki.passphrase).toString('base64'))];
    const files = allFiles(root);
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const content = readFileSync(f);
      for (const n of needles) expect(content.includes(n), `${f} contains the passphrase`).toBe(false);
    }
    for (const f of allFiles(dir)) expect(statSync(f).mode & 0o077).toBe(0);
  });

  it('refuses a wrong passphrase or an expired certificate without writing anything', () => {
    const { dir, store } = setup();
    expect(() => store.import('comune', pki.read('comune.p12'), 'sbagliata')).toThrow(/password/);
    expect(() => store.import('comune', pki.read('expired.p12'), pki.passphrase)).toThrow(/scaduto/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('recomputes expiry against the clock and refuses to load an expired certificate', () => {
    const { clock, store } = setup();
    const info = store.import('comune', pki.read('expiring.p12'), pki.passphrase);
    expect(info.expiryWarning).toBe(true);
    clock.set(new Date(new Date(info.notAfter).getTime() + 86_400_000));
    expect(store.info('comune')?.daysToExpiry).toBeLessThan(0);
    try {
      store.load('comune');
      throw new Error('expected CERTIFICATO_SCADUTO');
    } catch (err) {
      expect((err as KeystoreError).code).toBe('CERTIFICATO_SCADUTO');
    }
  });
});
