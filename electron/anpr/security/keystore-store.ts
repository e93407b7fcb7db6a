/**
 * Keeps the comune and postazione PKCS#12 files in the app's data folder.
 * The passphrase is stored only sealed by the {@link SecretStore}; the
 * LoadedKeystore (with the private key) is for main-process use only and
 * must never be sent to the renderer — expose {@link KeystoreStore.info}.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/clock';
import type { SecretStore } from '../../platform/secrets/secret-store';
import { assertCertificateValid, describeCertificate, KeystoreError, loadPkcs12, type CertificateInfo, type LoadedKeystore } from './keystore';

export type KeystoreKind = 'comune' | 'postazione';

export interface KeystoreStore {
  /** Validates the file with the passphrase, then stores it. Replaces an earlier one of the same kind. */
  import(kind: KeystoreKind, p12: Buffer, passphrase: string): CertificateInfo;
  /** Certificate details (no secrets), relative to the clock's now; null when none is stored. */
  info(kind: KeystoreKind): CertificateInfo | null;
  /** Opens the stored keystore. Throws KeystoreError KEYSTORE_ASSENTE / CERTIFICATO_SCADUTO / … */
  load(kind: KeystoreKind): LoadedKeystore;
  remove(kind: KeystoreKind): void;
}

export interface KeystoreStoreOptions {
  dir: string;
  secretStore: SecretStore;
  clock: Clock;
}

const KINDS: readonly KeystoreKind[] = ['comune', 'postazione'];

function writeAtomic(path: string, data: Buffer | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, path);
}

export function createKeystoreStore({ dir, secretStore, clock }: KeystoreStoreOptions): KeystoreStore {
  const cache = new Map<KeystoreKind, LoadedKeystore>();
  const files = (kind: KeystoreKind) => ({
    p12: join(dir, `${kind}.p12`),
    sealed: join(dir, `${kind}.passphrase.sealed`),
    meta: join(dir, `${kind}.json`),
  });
  const checkKind = (kind: KeystoreKind) => {
    if (!KINDS.includes(kind)) throw new TypeError(`unknown keystore kind: ${String(kind)}`);
  };

  const missing = (kind: KeystoreKind) =>
    new KeystoreError(
      'KEYSTORE_ASSENTE',
      kind === 'comune'
        ? 'Il certificato del comune non è ancora stato importato.'
        : 'Il certificato della postazione non è ancora stato importato.',
      `no ${kind} keystore in ${dir}`,
    );

  return {
    import(kind, p12, passphrase) {
      checkKind(kind);
      const loaded = loadPkcs12(p12, passphrase, { now: clock.now() });
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const f = files(kind);
      writeAtomic(f.p12, p12);
      writeAtomic(f.sealed, secretStore.encrypt(passphrase));
      writeAtomic(f.meta, JSON.stringify({ certificatePem: loaded.certificatePem, importedAt: clock.now().toISOString() }, null, 2));
      cache.set(kind, loaded);
      return loaded.info;
    },

    info(kind) {
      checkKind(kind);
      const f = files(kind);
      if (!existsSync(f.meta)) return null;
      const meta = JSON.parse(readFileSync(f.meta, 'utf8')) as { certificatePem: string };
      return describeCertificate(meta.certificatePem, clock.now());
    },

    load(kind) {
      checkKind(kind);
      const now = clock.now();
      const cached = cache.get(kind);
      if (cached) {
        const info = describeCertificate(cached.certificatePem, now);
        assertCertificateValid(info, now);
        return { ...cached, info };
      }
      const f = files(kind);
      if (!existsSync(f.p12) || !existsSync(f.sealed)) throw missing(kind);
      const passphrase = secretStore.decrypt(readFileSync(f.sealed));
      const loaded = loadPkcs12(readFileSync(f.p12), passphrase, { now });
      cache.set(kind, loaded);
      return loaded;
    },

    remove(kind) {
      checkKind(kind);
      cache.delete(kind);
      const f = files(kind);
      for (const p of [f.p12, f.sealed, f.meta]) rmSync(p, { force: true });
    },
  };
}
