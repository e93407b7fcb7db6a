/**
 * One process per data folder: two instances writing one database lose data
 * (Joplin #255). Electron adds its own single-instance lock on top; this one
 * also covers the web host and the CLI.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../platform/ipc/app-error';
import { cartellaPrivata } from '../platform/file-privati';

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders locked by this process (a pid check cannot tell two cores in one process apart). */
const heldHere = new Set<string>();

function inUse(dataDir: string, detail: string): AppError {
  return new AppError(
    'CARTELLA_DATI_IN_USO',
    'Sportello ANPR è già aperto su questo computer con la stessa cartella dati. Chiudere l\'altra finestra e riprovare.',
    detail,
  );
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  cartellaPrivata(dataDir);
  const file = join(dataDir, 'sportello.lock');
  if (heldHere.has(file)) throw inUse(dataDir, `data dir ${dataDir} is already open in this process`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      heldHere.add(file);
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isFinite(owner) && owner !== process.pid && isAlive(owner)) {
        throw inUse(dataDir, `data dir ${dataDir} is locked by live pid ${owner}`);
      }
      rmSync(file, { force: true }); // stale lock from a crashed process
    }
  }
  throw new Error(`Could not acquire the data folder lock in ${dataDir}`);
}
