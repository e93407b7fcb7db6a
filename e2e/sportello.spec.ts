/**
 * The clerk's workspace end to end (web host + in-process ANPR simulator,
 * 1366×768): first start, sign-in, the home screen in training mode, search
 * (3002) with the person and family sheets, roles refused by the core, an
 * axe-core audit and a screenshot of every screen.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { accedi, accediPrimaVolta, creaPrimoAmministratore, expect, PASSWORD_AMMINISTRATORE, test, type WebHostProcess } from './fixtures';
import { auditAccessibilita } from './axe';

interface Residente {
  idSchedaSoggettoANPR: string;
  codiceFiscale: string;
  cognome: string;
  nome: string;
  dataNascita: string;
}

/** A resident of the training comune living in a family of several people, read from the simulator's own state. */
function residenteDelSimulatore(webHost: WebHostProcess): Residente {
  const db = new Database(join(webHost.dataDir, 'ambiente-prova', 'stato', 'simulatore-anpr.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `SELECT p.doc AS doc FROM persone p JOIN schede s ON s.id = json_extract(p.doc, '$.legame.idFamigliaConvivenzaANPR')
         WHERE p.stato = 'residente' AND json_extract(s.doc, '$.tipo') = 'famiglia' AND json_array_length(json_extract(s.doc, '$.componenti')) > 2
         ORDER BY p.rowid LIMIT 1`,
      )
      .get() as { doc: string };
    return JSON.parse(row.doc) as Residente;
  } finally {
    db.close();
  }
}

async function schermata(page: Page, nome: string, outputPath: (name: string) => string): Promise<void> {
  await auditAccessibilita(page, nome);
  await page.screenshot({ path: outputPath(`${nome}.png`), fullPage: true });
}

async function vaiA(page: Page, voce: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: voce }).click();
}

const itDate = (iso: string) => iso.split('-').reverse().join('/');

test('primo avvio, accesso e scrivania in modalità di prova', async ({ primoAvvio: page }, testInfo) => {
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('ambiente-banner')).toContainText('Ambiente di prova');
  // Before signing in, the core answers nothing but the public channels.
  await expect(page.getByRole('navigation', { name: 'Sezioni' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Codice fiscale' })).not.toHaveValue('');
  await schermata(page, 'primo-avvio', out);

  // Inline checks: a short password and a mismatch are said at the field.
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('corta');
  await page.getByRole('button', { name: 'Crea amministratore e accedi' }).click();
  await expect(page.getByText('La password deve avere almeno 10 caratteri.')).toBeVisible();

  const cf = await creaPrimoAmministratore(page);
  await expect(page.getByRole('heading', { name: 'Scrivania' })).toBeVisible();
  await expect(page.getByTestId('operatore-corrente')).toContainText('PROVA OPERATORE');
  await expect(page.getByTestId('operatore-corrente')).toContainText('Amministratore');
  await expect(page.getByTestId('badge-prova')).toHaveText('Ambiente di prova');
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  await schermata(page, 'scrivania', out);

  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page.getByRole('heading', { name: 'Accesso' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Codice fiscale' }).fill(cf);
  await page.getByLabel('Password').fill('password-sbagliata');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByText('Codice fiscale o password non corretti.')).toBeVisible();
  await schermata(page, 'accesso', out);
  await accedi(page, cf, PASSWORD_AMMINISTRATORE);
  await expect(page.getByRole('heading', { name: 'Scrivania' })).toBeVisible();
});

test('ricerca per codice fiscale e per generalità, scheda soggetto e scheda famiglia', async ({ app: page, webHost }, testInfo) => {
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const residente = residenteDelSimulatore(webHost);

  await vaiA(page, 'Ricerca');
  await expect(page.getByRole('heading', { name: 'Ricerca soggetti' })).toBeVisible();
  // A wrong check character is caught at the field, before anything is sent.
  const campoCf = page.getByRole('textbox', { name: 'Codice fiscale' });
  const sbagliato = residente.codiceFiscale.slice(0, 15) + (residente.codiceFiscale.endsWith('A') ? 'B' : 'A');
  await campoCf.fill(sbagliato);
  await campoCf.press('Enter');
  await expect(page.getByText('Il carattere di controllo non è corretto')).toBeVisible();
  await expect(campoCf).toHaveAttribute('aria-invalid', 'true');

  await campoCf.fill(residente.codiceFiscale.toLowerCase());
  await campoCf.press('Enter');
  const risultati = page.getByTestId('risultati');
  await expect(risultati.getByRole('heading', { name: 'Risultati (1)' })).toBeFocused();
  await expect(risultati).toContainText(residente.codiceFiscale);
  await expect(risultati.getByTestId('fonte-dati')).toContainText('Dati letti da ANPR');
  await schermata(page, 'ricerca', out);

  // By surname, name and birth date (dd/mm/yyyy), with the keyboard.
  await page.getByRole('radio', { name: 'Cognome, nome e data di nascita' }).check();
  await page.getByRole('textbox', { name: 'Cognome', exact: true }).fill(residente.cognome);
  await page.getByRole('textbox', { name: 'Nome', exact: true }).fill(residente.nome);
  await page.getByRole('textbox', { name: 'Data di nascita' }).fill('31/02/1980');
  await page.getByRole('textbox', { name: 'Data di nascita' }).press('Enter');
  await expect(page.getByText('Il giorno 31 non esiste nel mese 02/1980.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Data di nascita' }).fill(itDate(residente.dataNascita));
  await page.getByRole('textbox', { name: 'Data di nascita' }).press('Enter');
  await expect(risultati).toContainText(residente.codiceFiscale);

  await risultati.getByRole('link', { name: `${residente.cognome} ${residente.nome}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${residente.cognome} ${residente.nome}` })).toBeVisible();
  await expect(page.getByTestId('scheda-cf')).toHaveText(residente.codiceFiscale);
  await expect(page.getByTestId('scheda-residenza')).toContainText('BAGNOREGIO');
  await expect(page.getByTestId('scheda-cittadinanza')).not.toHaveText('—');
  await expect(page.getByTestId('scheda-stato-civile')).not.toHaveText('—');
  await expect(page.getByTestId('componenti-famiglia')).toContainText('Intestatario Scheda');
  await expect(page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Ricerca' })).toHaveAttribute('aria-current', 'page');
  await schermata(page, 'scheda-soggetto', out);

  await page.getByRole('link', { name: 'Scheda famiglia' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Famiglia / })).toBeVisible();
  const componenti = page.getByTestId('componenti-famiglia');
  await expect(componenti.getByRole('row')).toHaveCount(await componenti.locator('tbody tr').count() + 1);
  expect(await componenti.locator('tbody tr').count()).toBeGreaterThan(2);
  await expect(componenti).toContainText(residente.codiceFiscale);
  await expect(page.getByTestId('famiglia-indirizzo')).toContainText('BAGNOREGIO');
  await schermata(page, 'scheda-famiglia', out);

  // Back to the search: the results are still there.
  await page.getByRole('link', { name: '← Torna alla ricerca' }).click();
  await expect(risultati).toContainText(residente.codiceFiscale);
});

test('un operatore in sola lettura consulta ma il core rifiuta le modifiche', async ({ app: page, webHost }, testInfo) => {
  const out = (name: string) => testInfo.outputPath(name);
  const SOLA_LETTURA = { cf: 'TSTLRA85M41H501B', password: 'sola-lettura-e2e', nuova: 'scelta-dalla-sola-lettura' };

  await vaiA(page, 'Impostazioni');
  await expect(page.getByRole('heading', { name: 'Impostazioni' })).toBeVisible();
  const nuovo = page.getByRole('form', { name: 'Nuovo operatore' });
  await nuovo.getByRole('textbox', { name: 'Codice fiscale' }).fill(SOLA_LETTURA.cf);
  await nuovo.getByLabel('Cognome').fill('Test');
  await nuovo.getByRole('textbox', { name: 'Nome', exact: true }).fill('Laura');
  await nuovo.getByLabel('Ruolo').selectOption('sola_lettura');
  await nuovo.getByLabel('Password iniziale').fill(SOLA_LETTURA.password);
  await nuovo.getByRole('button', { name: 'Aggiungi operatore' }).click();
  await expect(page.getByText('Operatore TEST LAURA creato')).toBeVisible();
  await expect(page.getByTestId('tabella-operatori')).toContainText(SOLA_LETTURA.cf);
  // PRODUZIONE needs the confirmation word.
  await page.getByRole('radio', { name: /ANPR – PRODUZIONE/ }).check();
  await expect(page.getByRole('button', { name: 'Passa a PRODUZIONE' })).toBeVisible();
  await schermata(page, 'impostazioni', out);
  await page.getByRole('button', { name: 'Passa a PRODUZIONE' }).click();
  await expect(page.getByText('Per passare in PRODUZIONE digitare PRODUZIONE')).toBeVisible();
  await page.getByRole('radio', { name: /Ambiente di prova locale/ }).check();

  await page.getByRole('button', { name: 'Esci' }).click();
  await accediPrimaVolta(page, SOLA_LETTURA.cf, SOLA_LETTURA.password, SOLA_LETTURA.nuova);
  await expect(page.getByTestId('operatore-corrente')).toContainText('Sola lettura');
  await expect(page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Impostazioni' })).toHaveCount(0);

  // Even if the renderer asks, the core refuses: the same call the page would make, with the page's token.
  const risposte = await page.evaluate(async () => {
    const token = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('sportello.token');
    const chiama = async (channel: string, request: unknown) => {
      const response = await fetch(`/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ request }) });
      return (await response.json()) as { ok: boolean; error?: { code: string } };
    };
    return {
      comune: await chiama('impostazioni.salvaComune', { codiceIstat: '058091', denominazione: 'Roma' }),
      ambiente: await chiama('ambiente.salva', { tipo: 'PRODUZIONE', conferma: 'PRODUZIONE' }),
      operatore: await chiama('operatori.aggiorna', { codiceFiscale: 'TSTLRA85M41H501B', ruolo: 'amministratore' }),
      riepilogo: await chiama('home.riepilogo', undefined),
      bozza: await chiama('pratiche.salvaBozza', { servizio: '5005', payload: null }),
      invio: await chiama('pratiche.invia', { id: '0190a1b2-0000-7000-8000-000000000000' }),
      pratiche: await chiama('pratiche.elenco', undefined),
    };
  });
  expect(risposte.comune).toMatchObject({ ok: false, error: { code: 'OPERAZIONE_NON_CONSENTITA' } });
  expect(risposte.ambiente).toMatchObject({ ok: false, error: { code: 'OPERAZIONE_NON_CONSENTITA' } });
  expect(risposte.operatore).toMatchObject({ ok: false, error: { code: 'OPERAZIONE_NON_CONSENTITA' } });
  expect(risposte.riepilogo).toMatchObject({ ok: true });
  // A sola lettura operator cannot draft or send a pratica, but may list them.
  expect(risposte.bozza).toMatchObject({ ok: false, error: { code: 'OPERAZIONE_NON_CONSENTITA' } });
  expect(risposte.invio).toMatchObject({ ok: false, error: { code: 'OPERAZIONE_NON_CONSENTITA' } });
  expect(risposte.pratiche).toMatchObject({ ok: true });

  // Reading is allowed.
  await vaiA(page, 'Ricerca');
  await page.getByRole('textbox', { name: 'Codice fiscale' }).fill(residenteDelSimulatore(webHost).codiceFiscale);
  await page.getByRole('button', { name: 'Cerca' }).click();
  await expect(page.getByTestId('risultati')).toContainText('Risultati (1)');

  // After signing out, the core refuses everything but the public channels.
  await page.getByRole('button', { name: 'Esci' }).click();
  const dopo = await page.evaluate(async () => {
    const token = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('sportello.token');
    const response = await fetch('/api/home.riepilogo', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
    return (await response.json()) as { ok: boolean; error?: { code: string } };
  });
  expect(dopo).toMatchObject({ ok: false, error: { code: 'NON_AUTENTICATO' } });
});
