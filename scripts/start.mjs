// `npm start`: the desktop app. Electron fetches its binary on first start;
// where that is impossible (no network to its download host) we say so in one
// line and run the same app as the web host instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureRendererBuilt, run, spawnInherit } from './lib.mjs';

function electronBinary() {
  const dir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function fetchElectron() {
  if (process.env.SPORTELLO_NO_ELECTRON === '1') return false;
  // Electron's own lazy installer (the same one its `electron` command runs).
  return run(process.execPath, [join(ROOT, 'node_modules', 'electron', 'install.js')], {
    stdio: 'ignore',
    timeout: 180_000,
  }) === 0;
}

if (ensureRendererBuilt() !== 0) process.exit(1);
let binary = electronBinary();
if (!binary && fetchElectron()) binary = electronBinary();
if (binary) {
  if (run(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')]) !== 0) process.exit(1);
  spawnInherit(binary, ['.', ...process.argv.slice(2)]);
} else {
  console.log('Electron non è disponibile su questa macchina (il suo programma non si può scaricare): avvio la versione web.');
  spawnInherit(process.execPath, ['--import', 'tsx', 'electron/hosts/web/main.ts', ...process.argv.slice(2)]);
}
