/**
 * Where things live on disk, shared by every host so the Electron app, the
 * web host and the CLI find the same data folder.
 */
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

export const PRODUCT_NAME = 'Sportello ANPR';

/** Same folder as Electron's `app.getPath('userData')` for this product. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SPORTELLO_DATA_DIR) return resolve(env.SPORTELLO_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** The repository / app root (the folder holding package.json). */
export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const RESOURCES_DIR = join(APP_ROOT, 'resources');
export const RENDERER_DIST_DIR = join(APP_ROOT, 'out', 'renderer');

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
