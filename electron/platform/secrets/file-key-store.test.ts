import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeySecretStore } from './file-key-store';

describe('FileKeySecretStore', () => {
  it('round-trips, never stores plaintext, and keeps the key file private', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    const keyFile = join(dir, 'secret.key');
    const store = new FileKeySecretStore(keyFile);
    const sealed = store.encrypt('passphrase-del-comune');
    expect(sealed.toString('latin1')).not.toContain('passphrase-del-comune');
    expect(new FileKeySecretStore(keyFile).decrypt(sealed)).toBe('passphrase-del-comune');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).not.toContain('passphrase');
  });

  it('refuses tampered ciphertext and a different key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    const store = new FileKeySecretStore(join(dir, 'a.key'));
    const sealed = store.encrypt('segreto');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => store.decrypt(tampered)).toThrow();
    expect(() => new FileKeySecretStore(join(dir, 'b.key')).decrypt(sealed)).toThrow();
  });
});
