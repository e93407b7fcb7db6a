/**
 * The core process's secret store (Electron, issue 14): AES-256-GCM with a
 * 32-byte data key held in memory only, handed over by the shell at start
 * (relay-protocollo.ts, `AvvioCore`). At rest the data key is sealed by the
 * shell with safeStorage (electron/main/chiave-dati.ts), so the secrets are
 * as safe as the OS keyring, while safeStorage itself never leaves the shell.
 * Same sealed format as FileKeySecretStore.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretStore } from '../../platform/secrets/secret-store';

const MAGIC = Buffer.from('SPK1');

export function archivioSegretiDaChiave(chiave: Buffer, kind: string): SecretStore {
  if (chiave.length !== 32) throw new Error('the data key must be 32 bytes');
  const key = Buffer.from(chiave);
  return {
    kind,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (!sealed.subarray(0, 4).equals(MAGIC)) throw new Error('Sealed secret has an unknown format');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(4, 16));
      decipher.setAuthTag(sealed.subarray(16, 32));
      return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]).toString('utf8');
    },
  };
}
