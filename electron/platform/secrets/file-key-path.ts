/**
 * Where the `file-key` store keeps its key. Never inside the data folder:
 * the folder holds the sealed passphrase and `comune.p12`, so a copy of it
 * with the key beside them would give away the signing credential.
 *
 * `SPORTELLO_SECRET_KEY_FILE` chooses the file (another disk, a removable
 * key); by default it lives in a sibling folder of the default data folder's
 * parent, one key per data folder. A key an older version left in the data
 * folder is moved out on first start.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, realpathSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../ipc/app-error';
import { defaultDataDir } from '../paths';
import { cartellaPrivata } from '../file-privati';

/** The real path of the longest existing prefix of `p`, plus the rest (symlinks resolved where they exist). */
function reale(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(reale(parent), abs.slice(parent.length));
}

export function dentro(cartella: string, file: string): boolean {
  const rel = relative(reale(cartella), reale(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The default key file for a data folder: outside it, named after it. */
export function fileChiavePredefinito(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const { SPORTELLO_DATA_DIR: _ignorato, ...senza } = env;
  void _ignorato;
  const base = dirname(defaultDataDir(senza));
  const nome = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(base, 'Sportello ANPR - chiavi', `${nome}.key`);
}

/**
 * The key file to use for `dataDir`; refuses (AppError, Italian) one inside
 * the data folder.
 */
export function fileChiave(dataDir: string, env: NodeJS.ProcessEnv = process.env, log: (message: string) => void = () => {}): string {
  const scelto = env.SPORTELLO_SECRET_KEY_FILE ? resolve(env.SPORTELLO_SECRET_KEY_FILE) : fileChiavePredefinito(dataDir, env);
  if (dentro(dataDir, scelto)) {
    throw new AppError(
      'CHIAVE_NELLA_CARTELLA_DATI',
      `Il file della chiave (${scelto}) è dentro la cartella dati: chi copia la cartella avrebbe anche la chiave che protegge il certificato del comune. Indicare con SPORTELLO_SECRET_KEY_FILE un file fuori dalla cartella dati.`,
      `secret key file ${scelto} is inside the data folder ${dataDir}`,
    );
  }
  const vecchio = join(dataDir, 'secret.key');
  if (!existsSync(scelto) && existsSync(vecchio)) {
    cartellaPrivata(dirname(scelto));
    copyFileSync(vecchio, scelto);
    rmSync(vecchio);
    log(`secret key moved out of the data folder to ${scelto}`);
  }
  return scelto;
}
