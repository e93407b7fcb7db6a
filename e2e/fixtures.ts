/**
 * Each test gets its own web host process (the real `electron/web/main.ts`)
 * on a fresh data folder, started exactly as `npm run web` starts it, and a
 * page already opened on its tokenised URL. Modelled on Actual's fixtures.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WebHostProcess {
  url: string;
  openUrl: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
}

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');

export async function startWebHostProcess(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<WebHostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const [url, token] = openUrl.split('#token=') as [string, string];
  return { url, openUrl, token, dataDir, process: child, output: () => output };
}

export async function stopWebHostProcess(host: WebHostProcess): Promise<void> {
  if (host.process.exitCode !== null) return;
  const exited = new Promise((resolve) => host.process.once('exit', resolve));
  host.process.kill('SIGTERM');
  await exited;
}

export const test = base.extend<{ webHost: WebHostProcess; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  webHost: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sportello-e2e-'));
    const host = await startWebHostProcess(dataDir);
    await use(host);
    await stopWebHostProcess(host);
    rmSync(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, webHost }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(webHost.openUrl);
    await use(page);
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };
