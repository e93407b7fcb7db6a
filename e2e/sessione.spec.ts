/**
 * The inactivity lock, end to end: the amministratore sets it to 1 minute in
 * Impostazioni, types into a pratica form and walks away; on the next click
 * the core refuses with SESSIONE_SCADUTA, the sign-in screen says why, and
 * after signing in again the form still holds what was typed.
 *
 * The core's limit runs on real time (no test hook moves the web host's
 * clock), so this test waits a real minute. The page's clock is paused while
 * waiting, so its own session check (a timer) stays quiet and the lock comes
 * from the refused call, as when the clerk comes back and clicks.
 */
import type { Page } from '@playwright/test';
import { accedi, creaPrimoAmministratore, expect, PASSWORD_AMMINISTRATORE, test } from './fixtures';
import { auditAccessibilita } from './axe';

async function apri(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
}

test('dopo un minuto senza attività la sessione scade, si accede di nuovo e il modulo conserva i dati', async ({ page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const errori: string[] = [];
  page.on('pageerror', (error) => errori.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errori.push(message.text());
  });
  await page.clock.install();
  await page.goto(webHost.openUrl);
  const codiceFiscale = await creaPrimoAmministratore(page);

  // The limit, through the Impostazioni screen.
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Impostazioni' }).click();
  const sicurezza = page.getByRole('form', { name: 'Sicurezza' });
  const minuti = sicurezza.getByRole('spinbutton', { name: 'Minuti di inattività prima del blocco' });
  await expect(minuti).toHaveValue('15');
  await minuti.fill('1');
  await sicurezza.getByRole('button', { name: 'Salva sicurezza' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Blocco per inattività impostato a 1 minuto.' })).toBeVisible();
  await auditAccessibilita(page, 'impostazioni-sicurezza');
  await sicurezza.screenshot({ path: testInfo.outputPath('impostazioni-sicurezza.png') });

  // Typing in a new pratica: kept in this browser at every keystroke.
  await apri(page, '/pratiche/nuova?servizio=1001');
  await expect(page.getByRole('heading', { level: 1, name: /Iscrizione per nascita/ })).toBeVisible();
  const cognome = page.getByRole('textbox', { name: 'Cognome' }).first();
  await page.clock.pauseAt(Date.now() + 1000);
  await cognome.fill('ROSSI');
  await expect(cognome).toHaveValue('ROSSI');

  // The clerk walks away for more than a minute (real time: the core's clock), then clicks.
  await new Promise((resolve) => setTimeout(resolve, 62_000));
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Scrivania' }).click();
  await expect(page.getByRole('heading', { name: 'Accesso' })).toBeVisible();
  await expect(page.getByText('Sessione scaduta per inattività.')).toBeVisible();
  await expect(page.getByTestId('operatore-corrente')).toHaveCount(0);
  // The core itself refuses, whatever the page does.
  const risposta = await fetch(`${webHost.url}api/home.riepilogo`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${webHost.token}` },
    body: '{}',
  });
  expect(await risposta.json()).toMatchObject({ ok: false, error: { code: 'SESSIONE_SCADUTA' } });

  await page.clock.resume();
  // The notice fades in (a timer of the page's clock, running again).
  await expect(page.getByRole('alert').filter({ hasText: 'Sessione scaduta per inattività.' })).toHaveCSS('opacity', '1');
  await auditAccessibilita(page, 'accesso-sessione-scaduta');
  await page.screenshot({ path: testInfo.outputPath('accesso-sessione-scaduta.png'), fullPage: true });

  // Signing in again: the same form opens with what was typed.
  await accedi(page, codiceFiscale, PASSWORD_AMMINISTRATORE);
  await expect(page.getByText('Sessione scaduta per inattività.')).toHaveCount(0);
  await apri(page, '/pratiche/nuova?servizio=1001');
  await expect(page.getByRole('textbox', { name: 'Cognome' }).first()).toHaveValue('ROSSI');
  expect(errori, 'the page logged errors').toEqual([]);
});
