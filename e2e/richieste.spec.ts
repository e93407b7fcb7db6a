/**
 * Citizens' online requests (issue 15) from the clerk's side, on the web host
 * and the training simulator:
 * - a residence declaration filed on the portal while the clerk is on the
 *   Scrivania shows up there; the clerk takes it in charge, opens the sheet and
 *   an attachment, starts the pre-filled 5005, sends it while ANPR is down,
 *   ANPR comes back and accepts it, and the request goes to «Accolta con riserva»;
 * - a change ANPR refuses (the state moved in the web application) comes back
 *   explained in Italian;
 * - a data correction runs through its own states (suspended with notes,
 *   supplemented by the citizen, accepted).
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { apri, integraRichiestaCittadino, nuovaRichiestaCittadino, operazioniSimulatore, prontaConAnprFermo, schermata, statoRichiestaAltrove, test } from './flussi';

const statoRichiesta = (page: Page) => page.getByTestId('richiesta-stato');

/** One action of the sheet: its button, its dialog (notes, motive), "Conferma"; the change is queued. */
async function azione(page: Page, etichetta: string, dati: { note?: string; motivo?: string } = {}): Promise<void> {
  await page.getByRole('button', { name: etichetta, exact: true }).click();
  const dialogo = page.getByRole('dialog', { name: etichetta });
  await expect(dialogo).toBeVisible();
  if (dati.note) await dialogo.getByLabel(/Note/).fill(dati.note);
  if (dati.motivo) await dialogo.getByLabel('Motivo').selectOption(dati.motivo);
  await dialogo.getByRole('button', { name: 'Conferma' }).click();
  await expect(dialogo).toBeHidden();
}

async function apriScheda(page: Page, codice: string, titolo: string): Promise<void> {
  await apri(page, '/richieste');
  await page.getByRole('button', { name: 'Aggiorna da ANPR' }).click();
  await page.getByTestId(`richiesta-${codice}`).getByRole('link').click();
  await expect(page.getByRole('heading', { name: `${titolo} n. ${codice}` })).toBeVisible();
}

test('una dichiarazione di residenza arriva sulla scrivania, viene presa in carico, registrata con ANPR fermo e accolta con riserva', async ({ app: page, webHost }, testInfo) => {
  // A long flow: the first read, two state changes and a 5005 through an ANPR outage.
  test.setTimeout(180_000);
  const out = (n: string) => testInfo.outputPath(n);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const card = page.getByTestId('card-richieste');
  await expect(card).toBeVisible();
  // The first read starts by itself after the connection check.
  await expect(card.getByTestId('richieste-ultima-lettura')).not.toContainText('mai', { timeout: 60_000 });
  const daPrendere = card.getByTestId('richieste-da-prendere').locator('dd');
  const prima = Number(await daPrendere.textContent());

  const richiesta = await nuovaRichiestaCittadino(webHost, '2');
  await card.getByRole('button', { name: 'Aggiorna da ANPR' }).click();
  await expect(daPrendere).toHaveText(String(prima + 1), { timeout: 30_000 });
  await schermata(page, 'scrivania-richieste', out);

  await card.getByRole('link', { name: /Apri le richieste online/ }).click();
  await expect(page.getByRole('heading', { name: 'Richieste online' })).toBeVisible();
  const riga = page.getByTestId(`richiesta-${richiesta.codice}`);
  await expect(riga).toContainText('Dichiarazione di residenza');
  await expect(riga).toContainText('Aperta');
  await expect(riga).toContainText('Presa in carico entro');
  // Newest first.
  await expect(page.getByTestId('richieste-tabella').locator('tbody tr').first()).toHaveAttribute('data-testid', `richiesta-${richiesta.codice}`);
  await page.getByLabel('Tipo di richiesta').selectOption('2');
  await expect(riga).toBeVisible();
  await page.getByLabel('Tipo di richiesta').selectOption('1');
  await expect(riga).toHaveCount(0);
  await page.getByLabel('Tipo di richiesta').selectOption('');
  await schermata(page, 'richieste-elenco', out);

  await riga.getByRole('link').click();
  await expect(page.getByRole('heading', { name: `Dichiarazione di residenza n. ${richiesta.codice}` })).toBeVisible();
  await expect(statoRichiesta(page)).toHaveText('Aperta');
  await expect(page.getByTestId('richiesta-storico')).toContainText('Aperta');
  await expect(page.getByTestId('richiesta-indirizzo')).not.toBeEmpty();
  await expect(page.getByRole('heading', { name: 'Componenti coinvolti' })).toBeVisible();
  // Only what the state machine allows from «Aperta».
  await expect(page.getByRole('button', { name: 'Prendi in carico', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dichiara irricevibile', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /Accogli|Sospendi|Annulla \(rigetto\)/ })).toHaveCount(0);
  await schermata(page, 'richiesta-scheda', out);

  // Taken in charge: one P003 through the queue, then the sheet follows ANPR.
  await azione(page, 'Prendi in carico');
  await expect(statoRichiesta(page)).toHaveText('In lavorazione', { timeout: 30_000 });
  await expect(page.getByTestId('richiesta-esito')).toHaveText('ANPR ha accolto il cambio: la richiesta è ora «In lavorazione».');
  await expect(page.getByTestId('richiesta-pratiche')).toContainText('Passaggio a «In lavorazione»');
  expect((await operazioniSimulatore(webHost)).filter((o) => o.servizio === 'P003')).toHaveLength(1);

  const allegati = page.getByTestId('richiesta-allegati');
  await expect(allegati.getByRole('button', { name: /^Apri / })).toHaveCount(3);
  // The citizen's PDF attachment, shown in the page from the local archive.
  await allegati.locator('li', { hasText: 'Allegato del cittadino, PDF' }).getByRole('button').click();
  const aperto = page.getByTestId('file-aperto');
  await expect(aperto.getByTestId('visore-pdf')).toHaveAttribute('data-caricato', 'true');
  await expect(aperto).toContainText('SHA-256');
  await expect(aperto.getByTestId('scarica-file')).toHaveAttribute('href', /^blob:/);
  await schermata(page, 'richiesta-allegato', out);
  await allegati.locator('li', { hasText: 'Altro formato' }).getByRole('button').click();
  await expect(aperto.getByTestId('visore-immagine')).toBeVisible();

  // The pratica the declaration asks for, pre-filled from the request.
  const via = (await page.getByTestId('richiesta-indirizzo').innerText()).split('\n')[0]!;
  await page.getByRole('button', { name: /^Avvia la pratica/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /5005/ })).toBeVisible();
  await expect(page.getByTestId('pratica-richiesta')).toContainText(`richiesta online n. ${richiesta.codice}`);
  const denominazione = await page.getByRole('textbox', { name: 'Denominazione' }).inputValue();
  expect(denominazione.length).toBeGreaterThan(0);
  expect(via).toContain(denominazione);
  await expect(page.getByRole('textbox', { name: 'Civico' })).not.toHaveValue('');
  await schermata(page, 'richiesta-pratica-5005', out);
  await prontaConAnprFermo(page, webHost);

  // Back to the request: ANPR accepted the registration, the sheet proposes the next step.
  await page.getByTestId('pratica-richiesta').getByRole('link').click();
  await expect(page.getByRole('heading', { name: `Dichiarazione di residenza n. ${richiesta.codice}` })).toBeVisible();
  const suggerita = page.getByTestId('richiesta-suggerita');
  await expect(suggerita).toContainText('Accolta con riserva', { timeout: 30_000 });
  await suggerita.getByRole('button', { name: 'Accogli con riserva' }).click();
  const dialogo = page.getByRole('dialog', { name: 'Accogli con riserva' });
  await dialogo.getByRole('button', { name: 'Conferma' }).click();
  await expect(statoRichiesta(page)).toHaveText('Accolta con riserva', { timeout: 30_000 });
  await expect(page.getByTestId('richiesta-pratiche')).toContainText('Cambio di residenza');
  await schermata(page, 'richiesta-accolta-con-riserva', out);
  expect((await operazioniSimulatore(webHost)).filter((o) => o.servizio === 'P003')).toHaveLength(2);
});

test('un cambio di stato rifiutato da ANPR è spiegato in italiano; una rettifica percorre i suoi stati', async ({ app: page, webHost }, testInfo) => {
  // Two requests, five state changes, each through the queue and read back from ANPR.
  test.setTimeout(180_000);
  const out = (n: string) => testInfo.outputPath(n);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');

  // The state moves in the ANPR web application after the sheet was read here.
  const dichiarazione = await nuovaRichiestaCittadino(webHost, '2');
  await apriScheda(page, dichiarazione.codice, 'Dichiarazione di residenza');
  await expect(statoRichiesta(page)).toHaveText('Aperta');
  await statoRichiestaAltrove(webHost, dichiarazione.codice, '3');
  await azione(page, 'Dichiara irricevibile', { note: 'Dichiarazione priva di firma', motivo: '2' });
  const pratiche = page.getByTestId('richiesta-pratiche');
  await expect(pratiche).toContainText('Respinta', { timeout: 30_000 });
  await expect(pratiche).toContainText('esito 12003');
  await expect(pratiche).toContainText('La scheda è stata riletta da ANPR');
  await expect(page.getByTestId('richiesta-esito')).toContainText('ANPR ha rifiutato il cambio');
  await expect(statoRichiesta(page)).toHaveText('In lavorazione');
  await expect(page.getByRole('button', { name: 'Accogli con riserva', exact: true })).toBeVisible();
  await schermata(page, 'richiesta-cambio-rifiutato', out);

  // A data correction: in charge, suspended (notes required), supplemented by the citizen, accepted.
  const rettifica = await nuovaRichiestaCittadino(webHost, '1');
  await apriScheda(page, rettifica.codice, 'Rettifica dati');
  await azione(page, 'Prendi in carico');
  await expect(statoRichiesta(page)).toHaveText('In lavorazione', { timeout: 30_000 });
  await page.getByRole('button', { name: "Sospendi per l'integrazione", exact: true }).click();
  const sospensione = page.getByRole('dialog', { name: "Sospendi per l'integrazione" });
  await sospensione.getByRole('button', { name: 'Conferma' }).click();
  // Refused before anything is queued: ANPR wants the notes.
  await expect(sospensione).toContainText(/note/i);
  await expect(sospensione).toBeVisible();
  await sospensione.getByLabel(/Note/).fill('Allegare copia del documento di identita');
  await sospensione.getByRole('button', { name: 'Conferma' }).click();
  await expect(statoRichiesta(page)).toHaveText('Sospesa', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: /Accogli/ })).toHaveCount(0);

  await integraRichiestaCittadino(webHost, rettifica.codice);
  await apriScheda(page, rettifica.codice, 'Rettifica dati');
  await expect(statoRichiesta(page)).toHaveText('Integrata');
  await azione(page, 'Accogli definitivamente');
  await expect(statoRichiesta(page)).toHaveText('Accolta definitivamente', { timeout: 30_000 });
  await expect(page.getByText('La richiesta è chiusa')).toBeVisible();
  await expect(page.getByTestId('richiesta-storico')).toContainText('Integrata');
  await schermata(page, 'richiesta-rettifica-chiusa', out);

  // How often the workstation reads the requests is a setting.
  await apri(page, '/impostazioni');
  const campo = page.getByRole('spinbutton', { name: 'Aggiorna le richieste online ogni (minuti)' });
  await campo.fill('1');
  await page.getByRole('button', { name: 'Salva richieste online' }).click();
  await expect(page.getByText('Indicare un numero intero di minuti da 2 a 240.')).toBeVisible();
  await campo.fill('5');
  await page.getByRole('button', { name: 'Salva richieste online' }).click();
  await expect(page.getByText('Richieste online lette da ANPR ogni 5 minuti.')).toBeVisible();
});
