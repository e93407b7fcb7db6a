/**
 * Going live, from the administrator's side: the postazione switched to ANPR
 * TEST (pointed at the running training simulator, real HTTPS and PKI) says
 * on every screen what is missing; "Verifica collegamento" gives the real
 * reason; the CA bundle and the comune certificate are imported through
 * Impostazioni; the go-live checklist shows each item and goes green.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { auditAccessibilita } from './axe';
import { apri, indirizzoSimulatore, test } from './flussi';

const voce = (page: Page, id: string) => page.getByTestId(`voce-${id}`);

async function verificaCollegamentoDallaScrivania(page: Page): Promise<void> {
  await apri(page, '/');
  await page.getByRole('button', { name: 'Verifica collegamento' }).click();
  await expect(page.getByRole('button', { name: 'Verifica collegamento' })).toBeEnabled();
}

test('messa in esercizio: da TEST senza certificato alla lista di controllo completa', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const simulatore = await indirizzoSimulatore(webHost);
  const prova = join(webHost.dataDir, 'ambiente-prova');
  const passphrase = (JSON.parse(readFileSync(join(prova, 'ambiente-prova.json'), 'utf8')) as { passphrase: string }).passphrase;

  // Impostazioni › Ambiente ANPR: TEST, at the simulator's address.
  await page.getByRole('link', { name: 'Impostazioni' }).click();
  await page.getByRole('radio', { name: /ANPR – TEST/ }).check();
  await page.getByRole('textbox', { name: 'Indirizzo del servizio (facoltativo)' }).fill(simulatore);
  await page.getByRole('button', { name: 'Salva ambiente' }).click();
  await expect(page.getByTestId('ambiente-banner')).toContainText('Ambiente di TEST ANPR');

  // Without a certificate every screen says what is missing.
  await page.getByRole('link', { name: 'Pratiche', exact: true }).click();
  await expect(page.getByTestId('errore-elenco')).toContainText('Manca il certificato del comune: importarlo in Impostazioni');
  await expect(page.getByTestId('errore-elenco').getByRole('link', { name: 'Apri Impostazioni' })).toBeVisible();
  await expect(page.getByTestId('banner-coda')).toContainText('Invio ad ANPR non possibile');
  await expect(page.getByText(/errore interno/i)).toHaveCount(0);
  await auditAccessibilita(page, 'pratiche senza certificato');

  await page.getByRole('link', { name: 'Scrivania' }).click();
  await expect(page.getByTestId('errore-scadenze')).toContainText('Manca il certificato del comune');
  await expect(page.getByText('Nessuna scadenza nei prossimi 60 giorni.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Verifica collegamento' }).click();
  await expect(page.getByTestId('connessione-messaggio')).toContainText('Manca il certificato del comune: importarlo in Impostazioni');
  await expect(page.getByText('Verifica del collegamento non riuscita.')).toHaveCount(0);

  // The checklist, from the Scrivania.
  await page.getByRole('link', { name: /Messa in esercizio: controlla/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messa in esercizio' })).toBeVisible();
  await expect(page.getByTestId('esito-messa-in-esercizio')).toContainText('ANPR – ambiente di TEST');
  await expect(voce(page, 'certificato')).toHaveAttribute('data-stato', 'da_fare');
  await expect(voce(page, 'ca')).toHaveAttribute('data-stato', 'da_fare');
  await expect(voce(page, 'collegamento')).toHaveAttribute('data-stato', 'errore');
  await expect(voce(page, 'orologio')).toContainText('Non ancora verificabile');
  await expect(voce(page, 'ip')).toContainText('Rejected by policy');
  await auditAccessibilita(page, 'messa in esercizio da fare');

  // The certificate, through Impostazioni (the checklist's own link).
  await voce(page, 'certificato').getByRole('link', { name: 'Vai a Certificati' }).click();
  await expect(page.getByRole('heading', { name: 'Certificati', exact: true })).toBeFocused();
  await page.locator('#cert-file').setInputFiles(join(prova, 'comune.p12'));
  await page.getByLabel('Password del certificato').fill(passphrase);
  await page.getByRole('button', { name: 'Importa', exact: true }).click();
  await expect(page.getByText(/Certificato 056003-CO-9999 importato/)).toBeVisible();

  // Now the CA is what is missing.
  await verificaCollegamentoDallaScrivania(page);
  await expect(page.getByTestId('connessione-messaggio')).toContainText('Manca il bundle CA di ANPR');

  // A server certificate is not a CA bundle.
  await apri(page, '/impostazioni?sezione=imp-ca');
  await expect(page.getByRole('heading', { name: 'Bundle CA di ANPR' })).toBeFocused();
  await page.locator('#ca-file').setInputFiles(join(prova, 'server.crt'));
  await page.getByRole('button', { name: 'Importa bundle CA' }).click();
  await expect(page.getByRole('alert')).toContainText('non sono di una CA');
  await page.locator('#ca-file').setInputFiles(join(prova, 'ca.crt'));
  await page.getByRole('button', { name: 'Importa bundle CA' }).click();
  await expect(page.getByText('Bundle CA di ANPR importato: 1 certificato.')).toBeVisible();
  const tabellaCa = page.getByTestId('tabella-ca');
  await expect(tabellaCa).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await expect(tabellaCa.getByText('Valido')).toBeVisible();
  await auditAccessibilita(page, 'impostazioni con bundle CA');

  // The checklist: TestConn passes, the clock is measured, the IP proved registered.
  await apri(page, '/messa-in-esercizio');
  await page.getByRole('button', { name: 'Verifica collegamento' }).click();
  await expect(voce(page, 'collegamento')).toHaveAttribute('data-stato', 'ok');
  await expect(voce(page, 'collegamento')).toContainText('ANPR ha accettato la verifica il');
  await expect(voce(page, 'certificato')).toHaveAttribute('data-stato', 'ok');
  await expect(voce(page, 'ca')).toHaveAttribute('data-stato', 'ok');
  await expect(voce(page, 'orologio')).toHaveAttribute('data-stato', 'ok');
  await expect(voce(page, 'ip')).toHaveAttribute('data-stato', 'ok');
  await expect(voce(page, 'dati_prova')).toHaveAttribute('data-stato', 'ok');
  await expect(voce(page, 'operatori')).toHaveAttribute('data-stato', 'da_fare');

  // A real operator for the desk.
  await voce(page, 'operatori').getByRole('link', { name: 'Vai a Operatori' }).click();
  const nuovo = page.getByRole('form', { name: 'Nuovo operatore' });
  await nuovo.getByLabel('Codice fiscale').fill('RSSMRA80A01H501U');
  await nuovo.getByLabel('Cognome').fill('ROSSI');
  await nuovo.getByRole('textbox', { name: 'Nome', exact: true }).fill('MARIA');
  await nuovo.getByLabel('Password iniziale').fill('password-iniziale-1');
  await nuovo.getByRole('button', { name: 'Aggiungi operatore' }).click();
  await expect(page.getByText('Operatore ROSSI MARIA creato')).toBeVisible();

  await page.getByRole('link', { name: /Messa in esercizio: la lista di controllo/ }).click();
  await expect(voce(page, 'operatori')).toHaveAttribute('data-stato', 'ok');
  await expect(page.getByTestId('esito-messa-in-esercizio')).toContainText('La postazione è pronta.');
  await auditAccessibilita(page, 'messa in esercizio pronta');
  await page.screenshot({ path: testInfo.outputPath('checklist-messa-in-esercizio.png'), fullPage: true });
  await page.screenshot({ path: 'docs/screenshots/checklist-messa-in-esercizio.png', fullPage: true });

  // And the list of pratiche works.
  await page.getByRole('link', { name: 'Pratiche', exact: true }).click();
  await expect(page.getByTestId('errore-elenco')).toHaveCount(0);
});
