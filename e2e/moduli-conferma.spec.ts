/**
 * Issue 12, items 4–6, from the clerk's side (web host + in-process ANPR
 * simulator, 1366×768): problems are seen and understood (error summary with
 * links, the first problem focused, labels and examples, no duplicated
 * "ANPR non raggiungibile"); nothing goes to ANPR before the clerk confirms
 * the review step written in words; the "Numero pratica del comune" left
 * empty is filled by the program, so ANPR has no EN111 warning.
 */
import { auditAccessibilita } from './axe';
import { expect, type WebHostProcess } from './fixtures';
import { SERVIZI } from '../shared/anpr/servizi';
import { apri, compilaIndirizzo, famigliaDelSimulatore, guasto, inviaPratica, operazioniSimulatore, riepilogoInvio, segnaComePronta, sezione, statoPratica, test } from './flussi';

/** The services that change ANPR's data (the queued ones of the catalogue): reads, 7003 and the like are left out. */
const REGISTRAZIONI = new Set<string>(SERVIZI.filter((d) => d.inCoda).map((d) => d.codice));

/** The registrations the simulator executed. */
async function registrazioniSimulatore(webHost: WebHostProcess): Promise<{ servizio: string }[]> {
  return (await operazioniSimulatore(webHost)).filter((o) => REGISTRAZIONI.has(o.servizio));
}

test('4 e 5: problemi elencati con collegamenti, primo campo a fuoco; riepilogo in parole, niente inviato prima di «Invia ad ANPR»', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario, idFamiglia } = famigliaDelSimulatore(webHost);
  await apri(page, `/pratiche/nuova?servizio=5005&soggetto=${intestatario.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('textbox', { name: 'ID ANPR della famiglia' })).toHaveValue(idFamiglia);

  // The number the comune typed in its own format, and the civic number left empty (at the bottom of the form).
  const numero = page.getByRole('textbox', { name: 'Numero pratica del comune' });
  await numero.fill('12/2026');
  await compilaIndirizzo(page, 'Dei Mille', '');
  await page.getByRole('button', { name: 'Segna come pronta' }).scrollIntoViewIfNeeded();
  await expect(numero).not.toBeInViewport();
  await segnaComePronta(page);

  // The first problem (at the top, off-screen) gets the focus; every problem is listed at the top, each a link.
  await expect(numero).toBeFocused();
  await expect(numero).toBeInViewport();
  const riepilogoErrori = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /problemi da correggere/ }) });
  await expect(riepilogoErrori.getByRole('heading')).toHaveText("2 problemi da correggere prima dell'invio");
  const collegamenti = riepilogoErrori.getByRole('link');
  await expect(collegamenti).toHaveCount(2);
  await expect(collegamenti.first()).toHaveText(/^Numero pratica del comune: .*ad esempio 2026-000012/);
  await expect(collegamenti.nth(1)).toHaveText(/^Civico: /);
  await expect(riepilogoErrori).not.toContainText('numeroPraticaComune');
  await auditAccessibilita(page, 'moduli-riepilogo-errori');
  await collegamenti.nth(1).click();
  await expect(page.getByRole('textbox', { name: 'Civico' })).toBeFocused();

  // Fixed: the number left to the program, the civic number typed.
  await page.keyboard.type('12');
  await numero.fill('');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await segnaComePronta(page);

  // The review: what will be registered, in words; nothing sent yet.
  const riepilogo = riepilogoInvio(page);
  await expect(riepilogo).toBeVisible();
  await expect(riepilogo.getByRole('heading', { name: "Riepilogo prima dell'invio ad ANPR" })).toBeFocused();
  const frase = riepilogo.getByTestId('riepilogo-frase');
  await expect(frase).toContainText(`${intestatario.cognome} ${intestatario.nome} (${intestatario.codiceFiscale}) trasferisce la residenza, con la sua famiglia di`);
  await expect(frase).toContainText('in VIA DEI MILLE 12, Bagnoregio, dal ');
  await expect(riepilogo).toContainText(/Numero pratica del comune: \d{4}-\d{6}/);
  await expect(riepilogo).toContainText('Nulla è stato ancora inviato ad ANPR');
  await expect(riepilogo.getByRole('button', { name: 'Pronta, invio automatico' })).toBeVisible();
  await expect(statoPratica(page)).toHaveText('Bozza');
  expect(await registrazioniSimulatore(webHost)).toEqual([]);
  await auditAccessibilita(page, 'moduli-riepilogo-invio');
  await page.screenshot({ path: 'docs/screenshots/riepilogo-prima-dell-invio.png', fullPage: true });
  await page.screenshot({ path: testInfo.outputPath('riepilogo-prima-dell-invio.png'), fullPage: true });

  // "Torna al modulo": still a draft, the form editable again; then confirmed.
  await riepilogo.getByRole('button', { name: 'Torna al modulo' }).click();
  await expect(riepilogo).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Civico' })).toBeEditable();
  expect(await registrazioniSimulatore(webHost)).toEqual([]);
  await inviaPratica(page);
  // "Pratica pronta: invio ad ANPR in corso" lasts only until ANPR answers, which the simulator may do at once:
  // the clerk is told the outcome instead.
  await expect(statoPratica(page)).toHaveText('Accolta', { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: /Pratica accolta da ANPR \(idOperazioneANPR \d+\)/ })).toBeVisible();
  expect((await registrazioniSimulatore(webHost)).map((o) => o.servizio)).toEqual(['5005']);
  await expect(page.getByText(/numero pratica del comune \d{4}-\d{6}/)).toBeVisible();
});

test('5: «Pronta, invio automatico» mette in coda; con ANPR fermo il messaggio non si ripete', async ({ app: page, webHost }) => {
  test.setTimeout(120_000);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario } = famigliaDelSimulatore(webHost, 2);
  await apri(page, `/pratiche/nuova?servizio=5005&soggetto=${intestatario.idSchedaSoggettoANPR}`);
  await compilaIndirizzo(page, 'Garibaldi', '4');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await segnaComePronta(page);
  await expect(riepilogoInvio(page)).toBeVisible();
  await guasto(webHost, { tipo: 'anpr_fermo', durataMs: 6_000 });
  await riepilogoInvio(page).getByRole('button', { name: 'Pronta, invio automatico' }).click();
  await expect(page.getByTestId('esito-azione')).toContainText('Pratica pronta, invio automatico: partirà da sola appena ANPR è raggiungibile');
  const banner = page.getByTestId('banner-coda');
  await expect(banner).toHaveAttribute('data-stato', 'anpr_non_raggiungibile', { timeout: 10_000 });
  // Said once, in plain Italian: no repetition, no address of the server.
  await expect(banner).toContainText('ANPR non raggiungibile');
  expect(((await banner.innerText()).match(/ANPR non raggiungibile/g) ?? []).length).toBe(1);
  await expect(page.locator('main')).not.toContainText('127.0.0.1');
  await auditAccessibilita(page, 'moduli-anpr-fermo');
  await expect(statoPratica(page)).toHaveText('Accolta', { timeout: 40_000 });
});

test('5: dall’elenco, «Segna come pronta» passa dallo stesso riepilogo', async ({ app: page, webHost }) => {
  test.setTimeout(90_000);
  const { intestatario } = famigliaDelSimulatore(webHost, 3);
  await apri(page, `/pratiche/nuova?servizio=5005&soggetto=${intestatario.idSchedaSoggettoANPR}`);
  await compilaIndirizzo(page, 'Roma', '8');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await page.getByRole('button', { name: 'Torna alle pratiche' }).click();
  await page.getByTestId('dettaglio-pratica').getByRole('button', { name: 'Segna come pronta' }).click();
  await expect(riepilogoInvio(page)).toBeVisible();
  await expect(riepilogoInvio(page).getByTestId('riepilogo-frase')).toContainText('in VIA ROMA 8, Bagnoregio');
  await expect(statoPratica(page)).toHaveText('Bozza');
  expect(await registrazioniSimulatore(webHost)).toEqual([]);
  await riepilogoInvio(page).getByRole('button', { name: 'Invia ad ANPR' }).click();
  await expect(statoPratica(page)).toHaveText('Accolta', { timeout: 30_000 });
});

test('6: una 1002 con il numero pratica del comune vuoto è accolta senza avviso EN111 e senza anomalie', async ({ app: page }) => {
  test.setTimeout(120_000);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  await apri(page, '/pratiche/nuova?servizio=1002');
  await expect(page.getByRole('heading', { level: 1, name: /Iscrizione per altri motivi/ })).toBeVisible();
  const numero = page.getByRole('textbox', { name: 'Numero pratica del comune' });
  await expect(numero).toHaveValue('');
  await expect(page.getByText(/Facoltativo, al massimo 20 caratteri/)).toHaveCount(0);
  await page.getByLabel("Motivo dell'iscrizione").selectOption('4');
  const persona = sezione(page, 'Generalità della persona');
  await persona.getByRole('textbox', { name: 'Cognome' }).fill('Ionescu');
  await persona.getByRole('textbox', { name: 'Nome', exact: true }).fill('Maria');
  await persona.getByLabel('Sesso').selectOption('F');
  await persona.getByRole('textbox', { name: 'Data di nascita' }).fill('14/05/1988');
  await persona.getByRole('radio', { name: 'Stato estero' }).check();
  await persona.getByRole('combobox', { name: 'Stato', exact: true }).click();
  await page.keyboard.type('235');
  await expect(persona.getByText('Stato: ROMANIA').first()).toBeVisible();
  await persona.getByRole('textbox', { name: 'Località' }).fill('Cluj');
  await persona.getByRole('button', { name: 'Calcola codice fiscale' }).click();
  await expect(persona.getByRole('textbox', { name: 'Codice fiscale' })).toHaveValue(/^NSCMRA88E54Z129[A-Z]$/);
  await persona.getByLabel('Cittadinanza').fill('235');
  await persona.getByLabel('Gestione del codice fiscale').selectOption('0');
  const provenienza = sezione(page, 'Provenienza');
  await provenienza.getByRole('radio', { name: 'Stato estero' }).check();
  await provenienza.getByRole('combobox', { name: 'Stato', exact: true }).fill('235');
  await compilaIndirizzo(page, 'Cavour', '5');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await segnaComePronta(page);
  await expect(riepilogoInvio(page).getByTestId('riepilogo-frase')).toContainText('Si iscrive in anagrafe IONESCU MARIA');
  await expect(riepilogoInvio(page)).toContainText(/Numero pratica del comune: \d{4}-\d{6}/);
  await riepilogoInvio(page).getByRole('button', { name: 'Invia ad ANPR' }).click();
  await expect(statoPratica(page)).toHaveText('Accolta', { timeout: 30_000 });
  await expect(page.getByTestId('errori-anpr')).toHaveCount(0);
  await expect(page.getByText('EN111')).toHaveCount(0);

  // No open anomaly from ANPR's answer.
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Anomalie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Anomalie/ })).toBeVisible();
  await expect(page.getByTestId('riepilogo-totale')).toBeVisible();
  await expect(page.locator('.anomalie__codice', { hasText: 'EN111' })).toHaveCount(0);
});
