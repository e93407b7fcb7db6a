/**
 * Citizens' online requests (issue 15, read side) from the clerk's side: a
 * residence declaration filed on the ANPR portal while the clerk is on the
 * Scrivania shows up in the card after "Aggiorna da ANPR" (no reload), then
 * in the list, its sheet and its attachments, viewed in the page.
 */
import { expect } from './fixtures';
import { nuovaRichiestaCittadino, schermata, test } from './flussi';

test('una dichiarazione di residenza arriva mentre l’operatore è sulla scrivania e si apre con i suoi allegati', async ({ app: page, webHost }, testInfo) => {
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
  await expect(page.getByTestId('richiesta-stato')).toHaveText('Aperta');
  await expect(page.getByTestId('richiesta-storico')).toContainText('Aperta');
  await expect(page.getByTestId('richiesta-indirizzo')).not.toBeEmpty();
  await expect(page.getByRole('heading', { name: 'Componenti coinvolti' })).toBeVisible();
  // No state-change action on this sheet yet.
  await expect(page.getByRole('button', { name: /Prendi in carico|Accogli|Rifiuta|Sospendi/ })).toHaveCount(0);
  await schermata(page, 'richiesta-scheda', out);

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
});
