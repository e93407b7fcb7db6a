/**
 * Issue 12 from the clerk's side (web host + in-process ANPR simulator,
 * 1366×768): the death of a head of family and its follow-up, an annulled
 * pratica, a queue held by an uncertain outcome that explains itself, and the
 * pratiche list (names, search, one label per service, the submissions table).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { accediPrimaVolta, creaOperatore, expect, type WebHostProcess } from './fixtures';
import { annullaUltimaAccolta, apri, compilaIndirizzo, famigliaDelSimulatore, guasto, inviaPratica, oggiIt, schermata, segnaComePronta, statoPratica, test, type Persona } from './flussi';
import { auditAccessibilita } from './axe';

/** A 2003 for irreperibilità of `p`, started from the form (the simplest registration to complete). */
async function compila2003(page: Page, p: Persona): Promise<void> {
  // From the list, so that the form page is opened afresh for this person.
  await apri(page, '/pratiche');
  await expect(page.getByRole('heading', { level: 1, name: 'Pratiche' })).toBeVisible();
  await apri(page, `/pratiche/nuova?servizio=2003&soggetto=${p.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /Cancellazione per altri motivi/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Codice fiscale' }).first()).toHaveValue(p.codiceFiscale);
  await page.getByLabel('Motivo della cancellazione').selectOption('6');
  const destinazione = page.getByRole('checkbox', { name: 'Indicare la destinazione' });
  if (await destinazione.isChecked()) await destinazione.press('Space');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
}

/** An adult resident of Viterbo (a comune the training simulator does not serve), from its state. */
function residenteAltroComune(webHost: WebHostProcess): Persona & { dataNascita: string } {
  const db = new Database(join(webHost.dataDir, 'ambiente-prova', 'stato', 'simulatore-anpr.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const r = db
      .prepare(
        `SELECT doc FROM persone WHERE json_extract(doc, '$.comuneIstat') = '056059' AND json_extract(doc, '$.stato') = 'residente'
           AND json_extract(doc, '$.dataNascita') < '2000-01-01' ORDER BY rowid LIMIT 1`,
      )
      .get() as { doc: string };
    return JSON.parse(r.doc) as Persona & { dataNascita: string };
  } finally {
    db.close();
  }
}

const riga = (page: Page, testo: string) => page.getByTestId('tabella-pratiche').locator('tbody tr', { hasText: testo });

test('7 morte dell’intestatario: ruolo precompilato, avviso EN225 e la 5001 di seguito precompilata', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(150_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario, idFamiglia } = famigliaDelSimulatore(webHost, 5, { componenteAdulto: true });
  await apri(page, `/pratiche/nuova?servizio=2001&soggetto=${intestatario.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /Cancellazione per morte/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Codice fiscale' }).first()).toHaveValue(intestatario.codiceFiscale);
  // The head of the family is pre-filled as such (from the relation ANPR gave).
  await expect(page.getByLabel('Ruolo nella famiglia').locator('option:checked')).toHaveText('Intestatario della scheda di famiglia');
  await expect(page.locator('legend', { hasText: 'Nuovo intestatario della scheda' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Data del decesso' }).pressSequentially(oggiIt());
  const comune = page.getByRole('combobox', { name: 'Comune del decesso' });
  await comune.click();
  await page.keyboard.type('Bagnoreg');
  await expect(page.getByRole('option', { name: /BAGNOREGIO/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  // The clerk does not name the new head: ANPR accepts with EN225 and the follow-up is offered.
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText('Accolta con avvisi', { timeout: 30_000 });
  const errori = page.getByTestId('errori-anpr');
  await expect(errori).toContainText('EN225');
  const seguito = errori.getByRole('button', { name: 'Nomina il nuovo intestatario (5001)' });
  await expect(seguito).toBeVisible();
  await schermata(page, 'pratica-2001-seguito-en225', out);
  await seguito.click();

  // A 5001 pre-filled with the family and the survivors, the first one as new head.
  await expect(page.getByRole('heading', { level: 1, name: /Mutazione della famiglia/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'ID ANPR della famiglia o convivenza' })).toHaveValue(idFamiglia);
  const primo = page.getByRole('group', { name: 'Componente 1' });
  await expect(primo.getByRole('textbox', { name: 'Codice fiscale' })).not.toHaveValue('');
  await expect(primo.getByRole('textbox', { name: 'Codice fiscale' })).not.toHaveValue(intestatario.codiceFiscale);
  await expect(primo.getByLabel("Relazione con l'intestatario").locator('option:checked')).toHaveText(/Intestatario/);
  await expect(page.getByRole('group', { name: 'Componente 2' })).toBeVisible();
  const nuovoCf = await primo.getByRole('textbox', { name: 'Codice fiscale' }).inputValue();
  await auditAccessibilita(page, 'pratica-5001-di-seguito');
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText(/Accolta/, { timeout: 30_000 });
  // The family sheet shows the new head.
  await page.getByRole('link', { name: 'Scheda famiglia' }).click();
  await expect(page.getByTestId('componenti-famiglia').locator('tr', { hasText: nuovoCf })).toContainText(/Intestatario/);
  // Back on the 2001, the follow-up opens the pratica already started instead of a second one.
  await apri(page, '/pratiche');
  await expect(riga(page, '5001')).toHaveCount(1);
  await riga(page, '2001').getByRole('button').first().click();
  const apriSeguito = page.getByTestId('dettaglio-pratica').getByRole('link', { name: 'Nomina il nuovo intestatario (5001): apri la pratica avviata' });
  await apriSeguito.click();
  await expect(page.getByRole('heading', { level: 1, name: /Mutazione della famiglia/ })).toBeVisible();
});

test('8 cambio di residenza da altro comune: scelta nel menu, accolta da ANPR, il nuovo residente nella scheda famiglia', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const arriva = residenteAltroComune(webHost);
  await apri(page, '/pratiche');
  await page.getByLabel('Tipo di pratica').selectOption({ label: '5005 – Cambio di residenza da altro comune' });
  await page.getByRole('button', { name: 'Nuova pratica' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Cambio di residenza da altro comune/ })).toBeVisible();
  // Marked pronta empty: the comune of origin and the person are required.
  await segnaComePronta(page);
  await expect(page.locator('.campo__errore', { hasText: 'Scegliere dalla tabella il comune da cui la persona proviene (es. VITERBO).' })).toBeVisible();
  const persona = page.getByRole('group', { name: 'Persona 1' });
  await expect(persona.getByText(/Indicare il codice fiscale: ANPR trova la persona/)).toBeVisible();
  const provenienza = page.getByRole('combobox', { name: 'Comune di provenienza' });
  await provenienza.click();
  await page.keyboard.type('Viterb');
  await expect(page.getByRole('option', { name: /^VITERBO/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await persona.getByRole('textbox', { name: 'Codice fiscale' }).fill(arriva.codiceFiscale);
  await persona.getByRole('textbox', { name: 'Cognome' }).fill(arriva.cognome);
  await persona.getByRole('textbox', { name: 'Nome', exact: true }).fill(arriva.nome);
  await expect(persona.getByLabel("Relazione con l'intestatario").locator('option:checked')).toHaveText(/Intestatario/);
  await compilaIndirizzo(page, 'Roma', '12');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await schermata(page, 'pratica-5005-altro-comune', out);
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText(/Accolta/, { timeout: 30_000 });
  // The new resident heads a new family in the comune.
  await page.getByRole('link', { name: 'Scheda famiglia' }).click();
  const componenti = page.getByTestId('componenti-famiglia');
  await expect(componenti.locator('tr', { hasText: arriva.codiceFiscale })).toContainText(/Intestatario/);
  // The person sheet (a fresh 3002 of this comune) has the new residence.
  await apri(page, `/soggetti/${arriva.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: `${arriva.cognome} ${arriva.nome}` })).toBeVisible();
  await expect(page.getByTestId('scheda-residenza')).toContainText('BAGNOREGIO');
});

test('9 una pratica annullata si legge «Annullata» e non offre un secondo annullamento', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { componente } = famigliaDelSimulatore(webHost, 6, { componenteAdulto: true });
  await compila2003(page, componente);
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText(/Accolta/, { timeout: 30_000 });
  await annullaUltimaAccolta(page, webHost, '2011', 'Il soggetto è stato ritrovato');

  await apri(page, '/pratiche');
  const annullata = riga(page, '2003');
  await expect(annullata.locator('.stato-pratica').first()).toHaveText('Annullata');
  await annullata.getByRole('button').first().click();
  const dettaglio = page.getByTestId('dettaglio-pratica');
  await expect(dettaglio.getByTestId('annullamento-pratica')).toContainText(/Annullata in ANPR il \d{2}\/\d{2}\/\d{2}/);
  await expect(dettaglio.getByRole('button', { name: 'Annulla in ANPR' })).toHaveCount(0);
  await schermata(page, 'pratica-annullata', out);
  await dettaglio.getByTestId('annullamento-pratica').getByRole('link', { name: /2011 Annullamento di cancellazione/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Annullamento di cancellazione/ })).toBeVisible();
});

test('elenco pratiche: il nome del soggetto e mai un id interno, la ricerca, le stesse parole del modulo, gli invii leggibili', async ({ app: page, webHost }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const primo = famigliaDelSimulatore(webHost, 7, { componenteAdulto: true }).componente;
  const secondo = famigliaDelSimulatore(webHost, 8, { componenteAdulto: true }).componente;
  for (const p of [primo, secondo]) {
    await compila2003(page, p);
    await inviaPratica(page);
    await expect(statoPratica(page)).toHaveText(/Accolta/, { timeout: 30_000 });
  }
  // The form's title and the list use the same words.
  const titolo = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  expect(titolo).toContain('Cancellazione per altri motivi');
  await apri(page, '/pratiche');
  const tabella = page.getByTestId('tabella-pratiche');
  await expect(tabella.locator('tbody tr')).toHaveCount(2);
  await expect(tabella.locator('.titolo-pratica').first()).toHaveText('Cancellazione per altri motivi');
  // "Soggetto" names the person, never an ID ANPR or a family id.
  await expect(tabella).toContainText(`${primo.cognome} ${primo.nome}`.toUpperCase());
  await expect(tabella).not.toContainText(primo.idSchedaSoggettoANPR);
  await expect(tabella).not.toContainText(primo.legame.idFamigliaConvivenzaANPR);
  // Search by codice fiscale, by name, by service.
  const cerca = page.getByRole('searchbox', { name: 'Cerca nelle pratiche' });
  await cerca.fill(secondo.codiceFiscale.toLowerCase());
  await expect(tabella.locator('tbody tr')).toHaveCount(1);
  await expect(tabella).toContainText(secondo.cognome.toUpperCase());
  await cerca.fill(primo.cognome);
  await expect(tabella.locator('tbody tr', { hasText: `${primo.cognome} ${primo.nome}`.toUpperCase() })).toHaveCount(1);
  await cerca.fill('cancellazione altri');
  await expect(tabella.locator('tbody tr')).toHaveCount(2);
  await cerca.fill('nessuno-corrisponde');
  await expect(page.getByText('Nessuna pratica in questo elenco.')).toBeVisible();
  await cerca.fill('');
  // The submissions table: the id does not overlap the date.
  await tabella.locator('tbody tr').first().getByRole('button').first().click();
  const invio = page.getByTestId('invii').locator('tbody tr').first();
  const id = await invio.locator('td').nth(0).boundingBox();
  const data = await invio.locator('td').nth(1).boundingBox();
  expect(id && data).toBeTruthy();
  expect(id!.x + id!.width).toBeLessThanOrEqual(data!.x + 0.5);
  // …and the 21 digits stay inside their cell.
  const trabocca = await invio.locator('td').nth(0).evaluate((td: { scrollWidth: number; clientWidth: number }) => td.scrollWidth - td.clientWidth);
  expect(trabocca).toBeLessThanOrEqual(0);
  await auditAccessibilita(page, 'elenco-pratiche-ricerca');
});

test('10 una coda ferma si spiega: quale pratica la tiene, perché, «Verifica ora in ANPR», «Invia ora» veritiero, la pausa solo a chi può', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const a = famigliaDelSimulatore(webHost, 9, { componenteAdulto: true }).componente;
  const b = famigliaDelSimulatore(webHost, 10, { componenteAdulto: true }).componente;
  // ANPR answers A with HTTP 500 (nothing registered, outcome unknown to the queue): A holds the queue.
  await guasto(webHost, { tipo: 'http500', servizio: '2003' });
  await compila2003(page, a);
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText('Esito da verificare', { timeout: 30_000 });
  // The ufficiale (here the amministratore) holds the queue while checking.
  await page.getByRole('button', { name: "Sospendi l'invio" }).click();
  await expect(page.getByRole('button', { name: "Riprendi l'invio" })).toBeVisible();
  await compila2003(page, b);
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText("Pronta per l'invio");

  await apri(page, '/pratiche');
  const blocco = page.getByTestId('blocco-coda');
  const nomeA = `${a.cognome} ${a.nome}`.toUpperCase();
  const nomeB = `${b.cognome} ${b.nome}`.toUpperCase();
  await expect(blocco).toContainText(`La coda attende la pratica 2003 Cancellazione per altri motivi di ${nomeA}`);
  await expect(blocco).toContainText('la risposta non è arrivata');
  await expect(blocco).toContainText('In attesa dietro di lei: 1 pratica.');
  await schermata(page, 'coda-bloccata-spiegata', (n) => testInfo.outputPath(n));
  await page.screenshot({ path: 'docs/screenshots/coda-bloccata-spiegata.png', fullPage: true });

  // "Invia ora" on B says truthfully why it is not sent.
  await riga(page, nomeB).getByRole('button').first().click();
  await page.getByTestId('dettaglio-pratica').getByRole('button', { name: 'Invia ora' }).click();
  const avviso = page.getByRole('status').filter({ hasText: 'Non inviata adesso' });
  await expect(avviso).toContainText(`la coda è ferma finché non si chiarisce l'esito della pratica 2003 Cancellazione per altri motivi di ${nomeA}`);
  await expect(avviso).toContainText("l'invio è sospeso");
  await expect(page.getByText('Richiesta di invio registrata.')).toHaveCount(0);

  // The link leads to the pratica that holds the queue.
  await blocco.getByRole('link', { name: new RegExp(`2003 Cancellazione per altri motivi di ${nomeA}`) }).click();
  await expect(page.getByTestId('dettaglio-pratica').getByRole('heading', { level: 2 })).toContainText('2003');
  await expect(page.getByTestId('dettaglio-pratica').locator('.stato-pratica').first()).toHaveText('Esito da verificare');
  await expect(riga(page, nomeA)).toHaveClass(/riga--selezionata/);

  // ANPR answers again: "Verifica ora in ANPR" asks 3003 (not registered), the same id goes when sending resumes.
  await guasto(webHost, { faults: [] });
  await blocco.getByRole('button', { name: 'Verifica ora in ANPR' }).click();
  await expect(page.getByTestId('esito-verifica')).toHaveText(/ANPR non ha registrato la pratica .*verrà reinviata con lo stesso identificativo quando l'invio riprende/);
  await page.getByRole('button', { name: "Riprendi l'invio" }).click();
  await expect(riga(page, nomeA).locator('.stato-pratica').first()).toHaveText(/Accolta/, { timeout: 30_000 });
  await expect(riga(page, nomeB).locator('.stato-pratica').first()).toHaveText(/Accolta/, { timeout: 30_000 });
  await expect(page.getByTestId('blocco-coda')).toHaveCount(0);
  // One id for A across every attempt.
  await riga(page, nomeA).getByRole('button').first().click();
  await expect(page.getByTestId('invii').locator('tbody tr')).toHaveCount(1);

  // An operatore does not see the pause control.
  const OPERATORE = { codiceFiscale: 'TSTMRC80A01H501E', cognome: 'Test', nome: 'Marco', ruolo: 'operatore', password: 'operatore-e2e-prova' };
  await creaOperatore(page, OPERATORE);
  await page.getByRole('button', { name: 'Esci' }).click();
  await accediPrimaVolta(page, OPERATORE.codiceFiscale, OPERATORE.password, 'operatore-e2e-nuova');
  await apri(page, '/pratiche');
  await expect(page.getByTestId('banner-coda')).toBeVisible();
  await expect(page.getByRole('button', { name: "Sospendi l'invio" })).toHaveCount(0);
  await expect(page.getByRole('button', { name: "Riprendi l'invio" })).toHaveCount(0);
});

test('10 l’ufficiale registra l’esito verificato nell’applicazione web di ANPR e la coda si sblocca', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const a = famigliaDelSimulatore(webHost, 11, { componenteAdulto: true }).componente;
  await guasto(webHost, { tipo: 'http500', servizio: '2003' });
  await compila2003(page, a);
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText('Esito da verificare', { timeout: 30_000 });
  await apri(page, '/pratiche');
  const blocco = page.getByTestId('blocco-coda');
  await blocco.getByRole('button', { name: "Registra l'esito verificato in ANPR" }).click();
  const modulo = page.getByRole('form', { name: "Esito verificato nell'applicazione web di ANPR" });
  // Without a note the clerk is told what to write.
  await modulo.getByRole('button', { name: "Registra l'esito" }).click();
  await expect(modulo.getByRole('alert')).toHaveText("Indicare cosa si è verificato nell'applicazione web di ANPR.");
  await modulo.getByRole('radio', { name: 'Non registrata (respinta)' }).check();
  await modulo.getByRole('textbox', { name: 'Cosa si è verificato' }).fill('Nessuna operazione con questo identificativo nella web app ANPR');
  await auditAccessibilita(page, 'coda-risolvi-a-mano');
  await schermata(page, 'coda-risolvi-a-mano', (n) => testInfo.outputPath(n));
  await modulo.getByRole('button', { name: "Registra l'esito" }).click();
  const nomeA = `${a.cognome} ${a.nome}`.toUpperCase();
  await expect(riga(page, nomeA).locator('.stato-pratica').first()).toHaveText('Respinta');
  await expect(page.getByTestId('blocco-coda')).toHaveCount(0);
  await riga(page, nomeA).getByRole('button').first().click();
  await expect(page.getByTestId('messaggio-pratica')).toContainText("Esito registrato a mano dall'ufficiale d'anagrafe");
});
