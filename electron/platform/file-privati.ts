/**
 * The data folder holds personal data, the sealed passphrase and the comune's
 * certificate: on POSIX it is 0700 and the files the app writes in it are
 * 0600, whatever the umask. (Windows: the folder is under the user's
 * profile, whose ACL already keeps other users out; modes mean nothing there.)
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

const POSIX = process.platform !== 'win32';

/** Creates the folder (and parents) and makes it 0700 on POSIX, also when it already existed. */
export function cartellaPrivata(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) chmodSync(dir, 0o700);
}

/** Creates the file empty when missing and makes it 0600 on POSIX. */
export function filePrivato(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  if (POSIX) chmodSync(file, 0o600);
}

/** Makes existing files 0600 on POSIX (missing ones are ignored). */
export function restringi(...files: string[]): void {
  if (!POSIX) return;
  for (const f of files) if (existsSync(f)) chmodSync(f, 0o600);
}
