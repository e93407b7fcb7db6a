/**
 * The data key of the core process's secrets (electron/core/worker/
 * chiave-segreti.ts), sealed at rest with the OS keyring through safeStorage
 * (`sigillo`, injected: this module does not import electron). Created at the
 * first start, then read back. Plain Node, unit-tested.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Sigillo {
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export const FILE_CHIAVE_DATI = 'chiave-dati.sigillata';

/** The 32-byte data key of `dataDir` (base64). */
export function chiaveDati(dataDir: string, sigillo: Sigillo): string {
  const file = join(dataDir, FILE_CHIAVE_DATI);
  if (existsSync(file)) {
    const chiave = sigillo.decryptString(readFileSync(file));
    if (Buffer.from(chiave, 'base64').length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
    return chiave;
  }
  const chiave = randomBytes(32).toString('base64');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, sigillo.encryptString(chiave), { mode: 0o600 });
  renameSync(tmp, file);
  return chiave;
}
