/**
 * Where secrets at rest (the PKCS#12 passphrase, nothing else today) are
 * encrypted. The Electron shell provides one backed by `safeStorage`
 * (OS keychain / DPAPI / libsecret); the CLI and the web host use
 * {@link FileKeySecretStore}. There is deliberately no plaintext store.
 */
export interface SecretStore {
  /** Short name shown in diagnostics, e.g. `safeStorage` or `file-key`. */
  readonly kind: string;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}
