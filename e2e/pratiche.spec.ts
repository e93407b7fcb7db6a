/**
 * Pratiche end to end (web host + in-process ANPR simulator, 1366×768): the
 * operation forms filled with the keyboard, inline errors, autosaved drafts,
 * ANPR going offline and coming back, acceptance reflected in the person and
 * family sheets (fresh 3002), a refusal fixed and resent, a draft surviving a
 * closed page, an axe-core audit and a screenshot of every screen.
 *
 * The web host, the simulator's faults and the shared steps are in flussi.ts.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, type WebHostProcess } from './fixtures';
import {
  annullaUltimaAccolta,
  apri,
  compilaIndirizzo,
  coppiaDelSimulatore,
  famigliaDelSimulatore,
  guasto,
  inviaPratica,
  oggiIt,
  prontaConAnprFermo,
  schermata,
  segnaComePronta,
  sezione,
  statoPratica,
  test,
  type Persona,
} from './flussi';

test('5005 cambio di residenza: errori in linea, bozza, ANPR fermo, pronta, accolta e schede aggiornate', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario, idFamiglia } = famigliaDelSimulatore(webHost);

  await apri(page, `/pratiche/nuova?servizio=5005&soggetto=${intestatario.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /Cambio di residenza/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'ID ANPR della famiglia' })).toHaveValue(idFamiglia);
  // The office's comune is the default; the type-ahead finds it on the official table.
  const comune = page.getByRole('combobox', { name: 'Comune' });
  await expect(comune).toHaveValue('BAGNOREGIO');
  await comune.fill('');
  await comune.pressSequentially('Bagnor');
  await expect(page.getByRole('option', { name: /BAGNOREGIO/ }).first()).toBeVisible();
  await comune.press('ArrowDown');
  await comune.press('Enter');
  await expect(page.getByText('ISTAT 056003 · provincia VT')).toBeVisible();

  // Inline errors for bad input, at the field.
  await page.getByRole('textbox', { name: 'CAP' }).click();
  await page.keyboard.type('010');
  await page.keyboard.press('Tab');
  await expect(page.getByText('Il CAP è di 5 cifre (es. 01022).')).toBeVisible();
  const decorrenza = page.getByRole('textbox', { name: 'Data di decorrenza' });
  await decorrenza.fill('');
  await decorrenza.pressSequentially('31/02/2025');
  await decorrenza.press('Tab');
  await expect(page.getByText('Il giorno 31 non esiste nel mese 02/2025.')).toBeVisible();
  await decorrenza.fill('');
  await decorrenza.pressSequentially(oggiIt());
  await page.getByRole('textbox', { name: 'CAP' }).fill('');
  await compilaIndirizzo(page, 'Dei Mille', '12');
  await expect(page.getByText('Il CAP è di 5 cifre (es. 01022).')).toHaveCount(0);
  // The declaration's protocol: from its date, 2 working days to register and 45 days for the checks.
  await page.getByRole('textbox', { name: 'Numero di protocollo' }).fill('2026/1234');
  await page.getByRole('textbox', { name: 'Data di protocollo' }).pressSequentially(oggiIt());
  // Autosaved as a draft.
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await schermata(page, 'pratica-5005-bozza', out);

  // ANPR goes offline (the simulator stops listening for 6 s): the pratica is marked pronta anyway.
  await inviaPratica(page, () => guasto(webHost, { tipo: 'anpr_fermo', durataMs: 6_000 }));
  await expect(page.getByTestId('esito-azione')).toContainText('Pratica pronta');
  await expect(page.getByTestId('banner-coda')).toHaveAttribute('data-stato', 'anpr_non_raggiungibile', { timeout: 10_000 });
  await expect(page.getByTestId('banner-coda')).toContainText('ANPR non raggiungibile');
  await schermata(page, 'pratica-5005-anpr-fermo', out);
  // Back online: the dispatcher retries with the same id and ANPR accepts.
  await expect(page.getByTestId('messaggio-pratica')).toHaveClass(/alert-success/, { timeout: 40_000 });
  await expect(statoPratica(page)).toHaveText(/Accolta/);

  // The sheets are ANPR's answer (a fresh 3002), not the draft.
  await page.getByRole('link', { name: 'Scheda soggetto' }).click();
  await expect(page.getByTestId('scheda-residenza')).toContainText('DEI MILLE');
  await expect(page.getByTestId('scheda-residenza')).toContainText('12');
  await page.getByRole('link', { name: 'Scheda famiglia' }).click();
  await expect(page.getByTestId('famiglia-indirizzo')).toContainText('DEI MILLE');

  // The pratiche screen: state, ids, submission history; support info.
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Pratiche' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pratiche' })).toBeVisible();
  const riga = page.getByTestId('tabella-pratiche').locator('tbody tr').first();
  await expect(riga).toHaveAttribute('data-stato', /accolta/);
  await expect(riga).toContainText(`${intestatario.cognome} ${intestatario.nome}`);
  await expect(riga).toContainText(/OPERATORE PROVA/i);
  await riga.getByRole('button').first().click();
  const dettaglio = page.getByTestId('dettaglio-pratica');
  await expect(dettaglio.getByTestId('id-operazione-anpr')).toHaveText(/^\d+$/);
  await expect(dettaglio.getByTestId('invii').locator('tbody tr')).toHaveCount(1);
  await expect(dettaglio.getByRole('button', { name: 'Annulla in ANPR' })).toBeVisible();
  await schermata(page, 'pratiche-elenco', out);
  await page.getByRole('button', { name: 'Accolte' }).click();
  await expect(page.getByTestId('tabella-pratiche').locator('tbody tr')).toHaveCount(1);

  // Annulment (5012) started from the accepted pratica: ANPR restores the earlier address.
  await annullaUltimaAccolta(page, webHost, '5012', 'Dichiarazione ritirata dal richiedente', async () => {
    await expect(page.getByRole('textbox', { name: 'Cognome' }).first()).toHaveValue(intestatario.cognome);
    await schermata(page, 'pratica-5012-annullamento', out);
  });
  await apri(page, `/soggetti/${intestatario.idSchedaSoggettoANPR}`);
  await expect(page.getByTestId('scheda-residenza')).not.toContainText('DEI MILLE');

  // Home: the residence declaration's 45-day check is due.
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Scrivania' }).click();
  await expect(page.getByTestId('scadenze')).toContainText('Accertamenti sulla dimora');
  await expect(page.getByTestId('coda-accolta_con_avvisi').or(page.getByTestId('coda-accolta')).first()).toBeVisible();
  await schermata(page, 'scrivania-scadenze', out);
});

test('5005 respinta da ANPR: elenco errori, correzione del campo, nuovo invio accolto', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(90_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { componente } = famigliaDelSimulatore(webHost, 1);
  await apri(page, `/pratiche/nuova?servizio=5005&soggetto=${componente.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /Cambio di residenza/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Comune' })).toHaveValue('BAGNOREGIO');
  // A decorrenza before the family's residence: ANPR refuses it.
  const decorrenza = page.getByRole('textbox', { name: 'Data di decorrenza' });
  await decorrenza.fill('');
  await decorrenza.pressSequentially('02/01/1900');
  await compilaIndirizzo(page, 'Roma', '7');
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText('Respinta', { timeout: 30_000 });
  const errori = page.getByTestId('errori-anpr');
  await expect(errori).toBeVisible();
  await expect(errori.locator('.codice-errore').first()).toHaveText(/^E/);
  await expect(errori).toContainText('Campo: Data di decorrenza');
  await schermata(page, 'pratica-5005-respinta', out);
  // The error leads to the field, with ANPR's message at it.
  await errori.getByRole('link', { name: 'Vai al campo' }).first().click();
  await expect(decorrenza).toBeFocused();
  await expect(page.locator('.campo__errore', { hasText: /^ANPR E/ })).toBeVisible();
  await decorrenza.fill('');
  await decorrenza.pressSequentially(oggiIt());
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await expect(statoPratica(page)).toHaveText('Bozza');
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText(/Accolta/, { timeout: 30_000 });
  // Two submissions: the refused id and the new one.
  await page.getByRole('button', { name: 'Torna alle pratiche' }).click();
  const dettaglio = page.getByTestId('dettaglio-pratica');
  await expect(dettaglio.getByTestId('invii').locator('tbody tr')).toHaveCount(2);
  await expect(dettaglio.getByTestId('id-operazione-anpr')).toHaveText(/^\d+$/);
  // The refusal is in the anomaly lists.
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Anomalie' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('la bozza sopravvive alla chiusura della pagina durante la digitazione', async ({ app: page, webHost }) => {
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario } = famigliaDelSimulatore(webHost, 2);
  await apri(page, `/pratiche/nuova?servizio=5005&soggetto=${intestatario.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('combobox', { name: 'Comune' })).toHaveValue('BAGNOREGIO');
  await page.getByRole('textbox', { name: 'Denominazione' }).click();
  await page.keyboard.type('Garibaldi');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  // More typing, then the window is closed at once (before the debounce fires).
  await page.getByRole('textbox', { name: 'Civico' }).click();
  await page.keyboard.type('45');
  await page.getByRole('textbox', { name: 'Scala' }).click();
  await page.keyboard.type('B');
  const context = page.context();
  await page.close();

  const nuova = await context.newPage();
  await nuova.goto(webHost.openUrl);
  await expect(nuova.getByTestId('operatore-corrente')).toBeVisible();
  await apri(nuova, '/pratiche');
  const riga = nuova.getByTestId('tabella-pratiche').locator('tbody tr[data-stato="bozza"]');
  await expect(riga).toHaveCount(1);
  await riga.getByRole('button').first().click();
  await nuova.getByTestId('dettaglio-pratica').getByRole('link', { name: 'Modifica' }).click();
  await expect(nuova.getByRole('textbox', { name: 'Denominazione' })).toHaveValue('Garibaldi');
  await expect(nuova.getByRole('textbox', { name: 'Civico' })).toHaveValue('45');
  await expect(nuova.getByRole('textbox', { name: 'Scala' })).toHaveValue('B');
  await expect(nuova.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await nuova.close();
});

test('2001 cancellazione per morte: errori in linea, ANPR fermo, accolta, schede aggiornate', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario, componente } = famigliaDelSimulatore(webHost, 3);
  await apri(page, `/pratiche/nuova?servizio=2001&soggetto=${componente.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /Cancellazione per morte/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Codice fiscale' })).toHaveValue(componente.codiceFiscale);
  const morte = page.getByRole('textbox', { name: 'Data del decesso' });
  await morte.click();
  await page.keyboard.type('32/01/2025');
  await page.keyboard.press('Tab');
  await expect(page.getByText(/Il giorno 32 non esiste|non è una data valida|Giorno/).first()).toBeVisible();
  await morte.fill('');
  await morte.pressSequentially(oggiIt());
  const comune = page.getByRole('combobox', { name: 'Comune del decesso' });
  await comune.click();
  await page.keyboard.type('Bagnoreg');
  await expect(page.getByRole('option', { name: /BAGNOREGIO/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('ISTAT 056003 · provincia VT')).toBeVisible();
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await schermata(page, 'pratica-2001-bozza', out);

  await prontaConAnprFermo(page, webHost);

  await page.getByRole('link', { name: 'Scheda soggetto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${componente.cognome} ${componente.nome}` })).toBeVisible();
  await expect(page.getByText('Deceduto').first()).toBeVisible();
  // The family sheet (of the head) no longer lists the deceased.
  await apri(page, `/soggetti/${intestatario.idSchedaSoggettoANPR}/famiglia`);
  await expect(page.getByTestId('componenti-famiglia')).toContainText(intestatario.codiceFiscale);
  await expect(page.getByTestId('componenti-famiglia')).not.toContainText(componente.codiceFiscale);
});

test('2003 cancellazione per irreperibilità: errori in linea, ANPR fermo, accolta, scheda aggiornata; 2011 la annulla', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(90_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { componente } = famigliaDelSimulatore(webHost, 4);
  await apri(page, `/soggetti/${componente.idSchedaSoggettoANPR}`);
  // Started from the person sheet.
  await page.getByLabel('Pratica da avviare').selectOption('2003');
  await page.getByRole('button', { name: 'Avvia pratica' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /2003/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Codice fiscale' }).first()).toHaveValue(componente.codiceFiscale);
  // Marked pronta without a motive: the error is at the field.
  await segnaComePronta(page);
  await expect(page.locator('.campo__errore', { hasText: 'Scegliere il motivo della cancellazione (Tabella 15).' })).toBeVisible();
  await expect(page.getByTestId('problemi')).toBeVisible();
  await page.getByLabel('Motivo della cancellazione').selectOption('6');
  const destinazione = page.getByRole('checkbox', { name: 'Indicare la destinazione' });
  if (await destinazione.isChecked()) await destinazione.press('Space');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await schermata(page, 'pratica-2003-bozza', out);
  await prontaConAnprFermo(page, webHost);
  await page.getByRole('link', { name: 'Scheda soggetto' }).click();
  await expect(page.getByText('Cancellato').first()).toBeVisible();

  // 2011 started from the accepted cancellation: ANPR restores the resident. The reason has a typographic
  // apostrophe (as pasted from a word processor): the XSD does not allow it, the payload gets the ASCII one.
  await annullaUltimaAccolta(page, webHost, '2011', 'Il soggetto è stato ritrovato all’indirizzo', async () => {
    // Once saved, an idle annulment draft is not saved again and again (each save reloads the pratica).
    let salvataggi = 0;
    const conta = (r: { url(): string }) => void (r.url().includes('/api/pratiche.salvaBozza') && salvataggi++);
    page.on('request', conta);
    await page.waitForTimeout(2_500);
    page.off('request', conta);
    expect(salvataggi).toBeLessThanOrEqual(1);
    await schermata(page, 'pratica-2011-annullamento', out);
  });
  await apri(page, `/soggetti/${componente.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: `${componente.cognome} ${componente.nome}` })).toBeVisible();
  await expect(page.getByText('Cancellato')).toHaveCount(0);
  await expect(page.getByTestId('scheda-residenza')).toContainText('BAGNOREGIO');
});

test('5008 dati anagrafici: ANPR fermo, accolta, nuovo nome nella scheda', async ({ app: page, webHost }) => {
  test.setTimeout(90_000);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { componente } = famigliaDelSimulatore(webHost, 5);
  await apri(page, `/pratiche/nuova?servizio=5008&soggetto=${componente.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /5008/ })).toBeVisible();
  await page.getByLabel('Tipo di mutazione').selectOption('1');
  await page.getByRole('textbox', { name: 'Nuovo nome' }).click();
  await page.keyboard.type('Carlotta');
  await page.getByRole('textbox', { name: 'Codice fiscale' }).last().click();
  await page.keyboard.type('ABC');
  await page.keyboard.press('Tab');
  await expect(page.locator('.campo__errore').first()).toBeVisible();
  await page.getByRole('textbox', { name: 'Codice fiscale' }).last().fill('');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await inviaPratica(page, () => guasto(webHost, { tipo: 'anpr_fermo', durataMs: 4_000 }));
  await expect(page.getByTestId('esito-azione')).toContainText('Pratica pronta');
  await expect(statoPratica(page)).toHaveText(/Accolta/, { timeout: 40_000 });
  await page.getByRole('link', { name: 'Scheda soggetto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${componente.cognome} CARLOTTA` })).toBeVisible();
});

test('ogni modulo si apre, segnala in linea i dati mancanti e passa l’audit di accessibilità', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario } = famigliaDelSimulatore(webHost, 6);
  for (const servizio of ['1001', '1002']) {
    await apri(page, `/pratiche/nuova?servizio=${servizio}&soggetto=${intestatario.idSchedaSoggettoANPR}`);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(servizio) })).toBeVisible();
    await segnaComePronta(page);
    await expect(page.getByTestId('problemi')).toBeVisible();
    await expect(page.locator('.campo__errore').first()).toBeVisible();
    await schermata(page, `pratica-${servizio}-errori`, out);
    await apri(page, '/pratiche');
    await expect(page.getByRole('heading', { level: 1, name: 'Pratiche' })).toBeVisible();
  }
  // 5001 for the head of the family: the form starts from the family as ANPR has it, ANPR accepts it unchanged.
  await apri(page, `/pratiche/nuova?servizio=5001&soggetto=${intestatario.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /5001/ })).toBeVisible();
  await schermata(page, 'pratica-5001', out);
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText(/Accolta/, { timeout: 30_000 });
});

test('1001 nascita: genitori cercati in ANPR (3001), errori in linea, ANPR fermo, accolta, schede aggiornate; 1013 la annulla', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(150_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { padre, madre } = coppiaDelSimulatore(webHost);
  const idFamiglia = padre.legame.idFamigliaConvivenzaANPR;
  await apri(page, '/pratiche/nuova?servizio=1001');
  await expect(page.getByRole('heading', { level: 1, name: /Iscrizione per nascita/ })).toBeVisible();
  const padreSez = sezione(page, 'Padre');
  const madreSez = sezione(page, 'Madre');

  // The parents, typed with the keyboard; a wrong check character is caught at the field.
  await padreSez.getByRole('textbox', { name: 'Codice fiscale' }).click();
  await page.keyboard.type(padre.codiceFiscale.slice(0, 15) + (padre.codiceFiscale.endsWith('A') ? 'B' : 'A'));
  await page.keyboard.press('Tab');
  await expect(padreSez.locator('.campo__errore')).toContainText('carattere di controllo');
  await padreSez.getByRole('textbox', { name: 'Codice fiscale' }).fill('');
  await padreSez.getByRole('textbox', { name: 'Codice fiscale' }).pressSequentially(padre.codiceFiscale);
  await padreSez.getByRole('textbox', { name: 'Cognome' }).click();
  await page.keyboard.type(padre.cognome);
  await page.keyboard.press('Tab');
  await page.keyboard.type(padre.nome);
  await madreSez.getByRole('textbox', { name: 'Cognome' }).click();
  await page.keyboard.type(madre.cognome);
  await page.keyboard.press('Tab');
  await page.keyboard.type(madre.nome);

  // 3001: ANPR finds both; the clerk takes them into the form, with the family.
  await page.getByRole('button', { name: 'Cerca i genitori in ANPR' }).click();
  const ricerca = page.getByTestId('ricerca-genitori');
  await ricerca.getByRole('button', { name: `Usa come padre (${padre.cognome} ${padre.nome})` }).click();
  await ricerca.getByRole('button', { name: `Usa come madre (${madre.cognome} ${madre.nome})` }).first().click();
  await expect(ricerca.getByText('Inserito nel modulo')).toHaveCount(2);
  await expect(madreSez.getByRole('textbox', { name: 'Codice fiscale' })).toHaveValue(madre.codiceFiscale);
  await expect(madreSez.getByRole('textbox', { name: 'ID scheda soggetto ANPR' })).toHaveValue(madre.idSchedaSoggettoANPR);
  await expect(page.getByRole('textbox', { name: 'ID ANPR della famiglia o convivenza' })).toHaveValue(idFamiglia);

  // The newborn: a birth date that does not exist, then the right one; birthplace from the table of comuni.
  const nato = sezione(page, 'Generalità del nato');
  await nato.getByRole('textbox', { name: 'Cognome' }).click();
  await page.keyboard.type(padre.cognome);
  await nato.getByRole('textbox', { name: 'Nome', exact: true }).click();
  await page.keyboard.type('Tommaso');
  await nato.getByLabel('Sesso').selectOption('M');
  const nascita = nato.getByRole('textbox', { name: 'Data di nascita' });
  await nascita.click();
  await page.keyboard.type('30/02/2026');
  await page.keyboard.press('Tab');
  await expect(nato.getByText('Il giorno 30 non esiste nel mese 02/2026.')).toBeVisible();
  await nascita.fill('');
  await nascita.pressSequentially(oggiIt());
  const comune = nato.getByRole('combobox', { name: 'Comune' });
  await comune.click();
  await page.keyboard.type('Bagnoreg');
  await expect(page.getByRole('option', { name: /BAGNOREGIO/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(nato.getByRole('textbox', { name: 'Codice ISTAT' })).toHaveValue('056003');
  await expect(nato.getByRole('textbox', { name: 'Codice catastale' })).toHaveValue('A577');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await schermata(page, 'pratica-1001-bozza', out);

  // ANPR offline: marked pronta anyway; sent when ANPR is back.
  await prontaConAnprFermo(page, webHost);

  // The newborn's sheet is ANPR's answer: the ID and the codice fiscale ANPR attributed.
  await page.getByRole('link', { name: 'Scheda soggetto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${padre.cognome} TOMMASO` })).toBeVisible();
  await page.getByRole('link', { name: 'Scheda famiglia' }).first().click();
  await expect(page.getByTestId('componenti-famiglia')).toContainText('TOMMASO');
  await expect(page.getByTestId('componenti-famiglia')).toContainText(padre.codiceFiscale);
  await schermata(page, 'scheda-famiglia-dopo-1001', out);

  // 1013 started from the accepted pratica: the birth registration is annulled.
  await annullaUltimaAccolta(page, webHost, '1013', 'Atto di nascita trascritto per errore', () => schermata(page, 'pratica-1013-annullamento', out));
  await apri(page, `/soggetti/${padre.idSchedaSoggettoANPR}/famiglia`);
  await expect(page.getByTestId('componenti-famiglia')).toContainText(padre.codiceFiscale);
  await expect(page.getByTestId('componenti-famiglia')).not.toContainText('TOMMASO');
});


test('1002 immigrazione dall’estero: errori in linea, codice fiscale calcolato, ANPR fermo, accolta, nuova famiglia nelle schede', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  await apri(page, '/pratiche/nuova?servizio=1002');
  await expect(page.getByRole('heading', { level: 1, name: /Iscrizione per altri motivi/ })).toBeVisible();

  // Marked pronta while empty: each missing datum is reported at its field.
  await segnaComePronta(page);
  await expect(page.getByTestId('problemi')).toBeVisible();
  await expect(sezione(page, 'Pratica').locator('.campo__errore').first()).toBeVisible();
  await page.getByLabel("Motivo dell'iscrizione").selectOption('4');

  const persona = sezione(page, 'Generalità della persona');
  await persona.getByRole('textbox', { name: 'Cognome' }).click();
  await page.keyboard.type('Popescu');
  await persona.getByRole('textbox', { name: 'Nome', exact: true }).click();
  await page.keyboard.type('Andrei');
  await persona.getByLabel('Sesso').selectOption('M');
  await persona.getByRole('textbox', { name: 'Data di nascita' }).click();
  await page.keyboard.type('04/03/1990');
  await persona.getByRole('radio', { name: 'Stato estero' }).check();
  await persona.getByRole('combobox', { name: 'Stato', exact: true }).click();
  await page.keyboard.type('235');
  await expect(persona.getByText('Stato: ROMANIA').first()).toBeVisible();
  await persona.getByRole('textbox', { name: 'Località' }).click();
  await page.keyboard.type('Bucarest');
  // A wrong codice fiscale is caught at the field; the right one is computed from the data.
  const cf = persona.getByRole('textbox', { name: 'Codice fiscale' });
  await cf.click();
  await page.keyboard.type('PPSNDR90C04Z129X');
  await page.keyboard.press('Tab');
  await expect(persona.locator('.campo__errore')).toContainText('carattere di controllo');
  await persona.getByRole('button', { name: 'Calcola codice fiscale' }).click();
  await expect(cf).toHaveValue(/^PPSNDR90C04Z129[A-Z]$/);
  await expect(persona.locator('.campo__errore')).toHaveCount(0);
  await persona.getByLabel('Cittadinanza').fill('235');
  await persona.getByLabel('Gestione del codice fiscale').selectOption('0');

  const provenienza = sezione(page, 'Provenienza');
  await provenienza.getByRole('radio', { name: 'Stato estero' }).check();
  await provenienza.getByRole('combobox', { name: 'Stato', exact: true }).fill('235');
  await expect(page.getByRole('combobox', { name: 'Comune' }).last()).toHaveValue('BAGNOREGIO');
  await compilaIndirizzo(page, 'Giolitti', '3');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await schermata(page, 'pratica-1002-bozza', out);

  await prontaConAnprFermo(page, webHost);

  // ANPR's answer: the new resident, at the new address, head of a new family.
  await page.getByRole('link', { name: 'Scheda soggetto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'POPESCU ANDREI' })).toBeVisible();
  await expect(page.getByTestId('scheda-residenza')).toContainText('GIOLITTI');
  await page.getByRole('link', { name: 'Scheda famiglia' }).first().click();
  await expect(page.getByTestId('famiglia-indirizzo')).toContainText('GIOLITTI');
  const componenti = page.getByTestId('componenti-famiglia').locator('tbody tr');
  await expect(componenti).toHaveCount(1);
  await expect(componenti.first()).toContainText('POPESCU');
  await expect(componenti.first()).toContainText('Intestatario');
});

test('5001 nuovo intestatario: errori in linea, ANPR fermo, accolta, scheda famiglia con il nuovo intestatario', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario, componente, idFamiglia } = famigliaDelSimulatore(webHost, 7, { componenteAdulto: true });
  await apri(page, `/pratiche/nuova?servizio=5001&soggetto=${componente.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /Mutazione della famiglia/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'ID ANPR della famiglia o convivenza' })).toHaveValue(idFamiglia);
  const primo = page.getByRole('group', { name: 'Componente 1' });
  await expect(primo.getByRole('textbox', { name: 'Codice fiscale' })).toHaveValue(componente.codiceFiscale);

  // The old head joins as a second member; typed twice by mistake, the duplicate is flagged at the field.
  await page.getByRole('button', { name: 'Aggiungi un componente' }).click();
  const secondo = page.getByRole('group', { name: 'Componente 2' });
  await secondo.getByRole('textbox', { name: 'Codice fiscale' }).click();
  await page.keyboard.type(componente.codiceFiscale);
  await secondo.getByRole('textbox', { name: 'Cognome' }).click();
  await page.keyboard.type(componente.cognome);
  await page.keyboard.press('Tab');
  await page.keyboard.type(componente.nome);
  await secondo.getByLabel("Relazione con l'intestatario").selectOption('13');
  await page.keyboard.press('Tab');
  await segnaComePronta(page);
  await expect(secondo.getByText('Il componente è già indicato alla riga 1.')).toBeVisible();
  await secondo.getByRole('textbox', { name: 'Codice fiscale' }).fill(intestatario.codiceFiscale);
  await secondo.getByRole('textbox', { name: 'Cognome' }).fill(intestatario.cognome);
  await secondo.getByRole('textbox', { name: 'Nome', exact: true }).fill(intestatario.nome);
  await expect(secondo.getByText('Il componente è già indicato alla riga 1.')).toHaveCount(0);
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await schermata(page, 'pratica-5001-bozza', out);

  await prontaConAnprFermo(page, webHost);

  await page.getByRole('link', { name: 'Scheda famiglia' }).click();
  const righe = page.getByTestId('componenti-famiglia').locator('tbody tr');
  await expect(righe.filter({ hasText: componente.codiceFiscale })).toContainText('Intestatario');
  await expect(righe.filter({ hasText: intestatario.codiceFiscale })).toContainText(/Altro parente/i);
  await schermata(page, 'scheda-famiglia-dopo-5001', out);
});


/** Two unmarried adult residents of the same sex (the parties of a civil union), from the simulator's state. */
function duePersoneLibere(webHost: WebHostProcess): [Persona, Persona] {
  const db = new Database(join(webHost.dataDir, 'ambiente-prova', 'stato', 'simulatore-anpr.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const righe = db
      .prepare(
        `SELECT doc FROM persone WHERE json_extract(doc, '$.sesso') = 'F' AND json_extract(doc, '$.stato') = 'residente'
           AND json_extract(doc, '$.statoCivile.codice') = '1' AND json_extract(doc, '$.dataNascita') < '2000-01-01' ORDER BY rowid LIMIT 2`,
      )
      .all() as { doc: string }[];
    return [JSON.parse(righe[0]!.doc) as Persona, JSON.parse(righe[1]!.doc) as Persona];
  } finally {
    db.close();
  }
}

test('5008 unione civile: errori in linea, ANPR fermo, accolta, stato civile e parte dell’unione nella scheda', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const [a, b] = duePersoneLibere(webHost);
  await apri(page, `/pratiche/nuova?servizio=5008&soggetto=${a.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /5008/ })).toBeVisible();
  await page.getByLabel('Tipo di mutazione').selectOption('18');
  const parte = sezione(page, "Altra parte dell'unione civile");
  // The subject named as its own partner: refused at the field.
  await parte.getByRole('textbox', { name: 'Codice fiscale' }).click();
  await page.keyboard.type(a.codiceFiscale);
  await parte.getByRole('textbox', { name: 'Cognome' }).click();
  await page.keyboard.type(a.cognome);
  await page.keyboard.press('Tab');
  await page.keyboard.type(a.nome);
  await page.keyboard.press('Tab');
  await segnaComePronta(page);
  await expect(page.getByTestId('problemi')).toBeVisible();
  await expect(parte.locator('.campo__errore').first()).toBeVisible();
  await parte.getByRole('textbox', { name: 'Codice fiscale' }).fill(b.codiceFiscale);
  await parte.getByRole('textbox', { name: 'Cognome' }).fill(b.cognome);
  await parte.getByRole('textbox', { name: 'Nome', exact: true }).fill(b.nome);
  const costituzione = page.getByRole('textbox', { name: "Data di costituzione dell'unione" });
  await costituzione.fill('');
  await costituzione.pressSequentially(oggiIt());
  const luogo = sezione(page, "Costituzione dell'unione civile");
  await luogo.getByRole('combobox', { name: 'Comune' }).click();
  await page.keyboard.type('Bagnoreg');
  await expect(page.getByRole('option', { name: /BAGNOREGIO/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(luogo.getByRole('textbox', { name: 'Provincia' })).toHaveValue('VT');
  await expect(parte.locator('.campo__errore')).toHaveCount(0);
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await schermata(page, 'pratica-5008-unione-civile', out);

  await prontaConAnprFermo(page, webHost);
  await page.getByRole('link', { name: 'Scheda soggetto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${a.cognome} ${a.nome}` })).toBeVisible();
  await expect(page.getByText('Unito civilmente').first()).toBeVisible();
  await expect(page.getByText(`${b.cognome} ${b.nome}`).first()).toBeVisible();
  await schermata(page, 'scheda-soggetto-unione-civile', out);
});

test('le anomalie di una risposta di ANPR compaiono nell’elenco aperto, senza ricaricare', async ({ app: page, webHost }) => {
  test.setTimeout(90_000);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { componente } = famigliaDelSimulatore(webHost, 8);
  await apri(page, `/pratiche/nuova?servizio=5005&soggetto=${componente.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('combobox', { name: 'Comune' })).toHaveValue('BAGNOREGIO');
  // A decorrenza ANPR refuses; sent while ANPR is down, so the answer arrives later.
  const decorrenza = page.getByRole('textbox', { name: 'Data di decorrenza' });
  await decorrenza.fill('');
  await decorrenza.pressSequentially('02/01/1900');
  await compilaIndirizzo(page, 'Verdi', '9');
  await inviaPratica(page, () => guasto(webHost, { tipo: 'anpr_fermo', durataMs: 5_000 }));
  await expect(page.getByTestId('esito-azione')).toContainText('Pratica pronta');

  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Anomalie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Anomalie/ })).toBeVisible();
  const totale = page.getByTestId('riepilogo-totale');
  const prima = Number((await totale.textContent())!.replace(/\D/g, ''));
  // ANPR is back, the queue gets the refusal: the open list updates by itself.
  await expect(page.getByTestId('anomalie-novita')).toContainText(/Elenco aggiornato dalle risposte di ANPR: \d+ nuov/, { timeout: 40_000 });
  await expect.poll(async () => Number((await totale.textContent())!.replace(/\D/g, ''))).toBeGreaterThan(prima);
});
