/**
 * 5013 revoca dato from the clerk's side (web host + in-process simulator): a
 * marriage registered in error is revoked from the form, reviewed in words,
 * and accepted by ANPR.
 */
import { expect } from './fixtures';
import { apri, coppiaDelSimulatore, inviaPratica, riepilogoInvio, schermata, sezione, statoPratica, test } from './flussi';

test('revoca di un matrimonio registrato per errore: modulo, riepilogo, accolta da ANPR', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { padre, madre } = coppiaDelSimulatore(webHost, 2);
  await apri(page, `/pratiche/nuova?servizio=5013&soggetto=${padre.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /Revoca di un dato/ })).toBeVisible();
  await expect(sezione(page, 'Soggetto').getByRole('textbox', { name: 'Codice fiscale' })).toHaveValue(padre.codiceFiscale);

  await page.getByLabel('Dato da revocare').selectOption('6');
  await page.getByLabel('Motivo della revoca').selectOption('1');
  await page.getByRole('textbox', { name: 'Note sulla revoca' }).fill('Matrimonio trascritto per errore');
  const matrimonio = sezione(page, 'Matrimonio da revocare');
  await matrimonio.getByRole('textbox', { name: 'Codice fiscale' }).fill(madre.codiceFiscale);
  await matrimonio.getByRole('textbox', { name: 'Cognome' }).fill(madre.cognome);
  await matrimonio.getByRole('textbox', { name: 'Nome', exact: true }).fill(madre.nome);
  await matrimonio.getByRole('textbox', { name: 'Data del matrimonio' }).fill('01/06/2010');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');

  await inviaPratica(page, async () => {
    await expect(riepilogoInvio(page)).toContainText(`Si revoca il dato «matrimonio» con ${madre.cognome} ${madre.nome}`);
    await expect(riepilogoInvio(page)).toContainText('per errore materiale («Matrimonio trascritto per errore»)');
    await schermata(page, 'revoca-riepilogo', (n) => testInfo.outputPath(n));
  });
  await expect(statoPratica(page)).toHaveText(/Accolta/, { timeout: 30_000 });
});
