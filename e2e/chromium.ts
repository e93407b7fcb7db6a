/**
 * Finds a Chromium for Playwright: CHROMIUM_PATH, then Debian's package, then
 * Playwright's own download (on a networked machine, `npx playwright install
 * chromium`). Says exactly what to install when there is none.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const system = CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return system;
  try {
    const bundled = chromium.executablePath();
    if (existsSync(bundled)) return undefined; // Playwright's own browser: let it choose.
  } catch {
    // fall through to the message below
  }
  throw new Error(
    'Nessun Chromium trovato per i test end-to-end. Installare il pacchetto Debian/Ubuntu "chromium" ' +
      '(sudo apt-get install chromium) oppure, su una macchina con accesso a Internet, ' +
      '"npx playwright install chromium"; in alternativa indicare il percorso in CHROMIUM_PATH.',
  );
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
