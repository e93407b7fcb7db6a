// `npm run web`: builds the renderer if needed and serves the app on 127.0.0.1.
import { ensureRendererBuilt, spawnInherit } from './lib.mjs';

if (ensureRendererBuilt() !== 0) process.exit(1);
spawnInherit(process.execPath, ['--import', 'tsx', 'electron/hosts/web/main.ts', ...process.argv.slice(2)]);
