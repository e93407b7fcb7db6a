import { safeStorage } from 'electron';
import type { SecretStore } from '../platform/secrets/secret-store';

/**
 * Secrets sealed by the OS (Keychain, DPAPI, libsecret/kwallet) through
 * Electron's safeStorage. On Linux without a keyring Electron falls back to
 * a hard-coded key (`basic_text`); we refuse that rather than pretend.
 */
export function createSafeStorageSecretStore(): SecretStore {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('safeStorage encryption is not available on this system');
  }
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (backend === 'basic_text') {
    throw new Error('safeStorage would use the basic_text backend (no OS keyring); refusing to store secrets with it');
  }
  return {
    kind: `safeStorage:${backend}`,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
