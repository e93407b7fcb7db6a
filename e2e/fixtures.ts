/**
 * Each test gets its own web host process (the real `electron/hosts/web/main.ts`)
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
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hosts/web/main.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    // The file-key key lives outside the data folder (the web host refuses it inside): beside it, removed with it.
    env: { ...process.env, SPORTELLO_SECRET_KEY_FILE: `${dataDir}.secret.key`, ...env },
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

/** The password the e2e amministratore is created with on first start. */
export const PASSWORD_AMMINISTRATORE = 'prova-e2e-amministratore';

/** Fails the test on any page error or console error. */
function tracciaErrori(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/**
 * First start through the UI: the form is prefilled with the training
 * operator (training mode), the clerk only chooses the password.
 * Returns the administrator's codice fiscale.
 */
export async function creaPrimoAmministratore(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Primo avvio' })).toBeVisible();
  const codiceFiscale = await page.getByLabel('Codice fiscale').inputValue();
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD_AMMINISTRATORE);
  await page.getByLabel('Ripetere la password').fill(PASSWORD_AMMINISTRATORE);
  await page.getByRole('button', { name: 'Crea amministratore e accedi' }).click();
  await expect(page.getByTestId('operatore-corrente')).toBeVisible();
  return codiceFiscale;
}

/** Signs in through the sign-in form. */
export async function accedi(page: Page, codiceFiscale: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Accesso' })).toBeVisible();
  await page.getByLabel('Codice fiscale').fill(codiceFiscale);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByTestId('operatore-corrente')).toBeVisible();
}

export interface NuovoOperatore {
  codiceFiscale: string;
  cognome: string;
  nome: string;
  /** The value of the Ruolo select (e.g. `operatore`, `sola_lettura`). */
  ruolo: string;
  /** The initial password the amministratore gives; the operator must change it at first sign-in. */
  password: string;
}

/** The amministratore, signed in, adds an operator from Impostazioni → Operatori. */
export async function creaOperatore(page: Page, operatore: NuovoOperatore): Promise<void> {
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Impostazioni' }).click();
  const nuovo = page.getByRole('form', { name: 'Nuovo operatore' });
  await nuovo.getByRole('textbox', { name: 'Codice fiscale' }).fill(operatore.codiceFiscale);
  await nuovo.getByLabel('Cognome').fill(operatore.cognome);
  await nuovo.getByRole('textbox', { name: 'Nome', exact: true }).fill(operatore.nome);
  await nuovo.getByLabel('Ruolo').selectOption(operatore.ruolo);
  await nuovo.getByLabel('Password iniziale').fill(operatore.password);
  await nuovo.getByRole('button', { name: 'Aggiungi operatore' }).click();
  await expect(page.getByText(`Operatore ${operatore.cognome.toUpperCase()} ${operatore.nome.toUpperCase()} creato`)).toBeVisible();
}

/**
 * First sign-in of an operator created by the amministratore: the initial
 * password signs in, then the change-password page replaces it with `nuova`
 * (the only thing the core allows until then).
 */
export async function accediPrimaVolta(page: Page, codiceFiscale: string, iniziale: string, nuova: string): Promise<void> {
  await accedi(page, codiceFiscale, iniziale);
  await cambiaPassword(page, iniziale, nuova);
  await expect(page.getByText('Password cambiata: ora è possibile usare la postazione.')).toBeVisible();
}

/** Fills and sends the change-password form already on screen. */
export async function cambiaPassword(page: Page, attuale: string, nuova: string): Promise<void> {
  const modulo = page.getByRole('form', { name: 'Cambio password' });
  await modulo.getByLabel('Password attuale').fill(attuale);
  await modulo.getByLabel(/^Nuova password/).fill(nuova);
  await modulo.getByLabel('Ripetere la nuova password').fill(nuova);
  await modulo.getByRole('button', { name: 'Cambia password' }).click();
}

export const test = base.extend<{ webHost: WebHostProcess; primoAvvio: Page; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  webHost: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sportello-e2e-'));
    const host = await startWebHostProcess(dataDir);
    await use(host);
    await stopWebHostProcess(host);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.secret.key`, { force: true });
  },
  /** The page on a fresh data folder, nobody signed in (the first-start form). */
  primoAvvio: async ({ page, webHost }, use) => {
    const errors = tracciaErrori(page);
    await page.goto(webHost.openUrl);
    await use(page);
    expect(errors, 'the page logged errors').toEqual([]);
  },
  /** The page with the first amministratore created and signed in through the UI. */
  app: async ({ primoAvvio }, use) => {
    await creaPrimoAmministratore(primoAvvio);
    await use(primoAvvio);
  },
});

export { expect };
