import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from './secret-store';

const MAGIC = Buffer.from('SPK1');

/**
 * AES-256-GCM with a random 32-byte key kept in a separate file readable only
 * by the current user (mode 0600). Used where Electron's safeStorage does not
 * exist (CLI, web host). It protects secrets against copies of the database;
 * it does not protect against someone who can read the user's files — the
 * README says so, and the key file can live outside the data folder
 * (`SPORTELLO_SECRET_KEY_FILE`).
 */
export class FileKeySecretStore implements SecretStore {
  readonly kind = 'file-key';
  private readonly key: Buffer;

  constructor(keyFile: string) {
    if (existsSync(keyFile)) {
      this.key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
      if (this.key.length !== 32) throw new Error(`Secret key file ${keyFile} does not hold a 32-byte key`);
    } else {
      mkdirSync(dirname(keyFile), { recursive: true });
      this.key = randomBytes(32);
      writeFileSync(keyFile, this.key.toString('base64') + '\n', { mode: 0o600 });
      chmodSync(keyFile, 0o600);
    }
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    if (!sealed.subarray(0, 4).equals(MAGIC)) throw new Error('Sealed secret has an unknown format');
    const iv = sealed.subarray(4, 16);
    const tag = sealed.subarray(16, 32);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]).toString('utf8');
  }
}
