/**
 * 7003 from the clerk's side: the Scrivania says nothing while ANPR accepts the
 * interface version the app speaks, and warns as soon as "Verifica collegamento"
 * reads that ANPR has moved on (a notice) or no longer accepts it (an error).
 */
import { expect } from './fixtures';
import { operazioniSimulatore, schermata, test, versioniSimulatore } from './flussi';

test('la scrivania avvisa quando ANPR non accetta più la versione di interfaccia dell’applicazione', async ({ app: page, webHost }, testInfo) => {
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  // Asked at start-up, after the TestConn.
  await expect.poll(async () => (await operazioniSimulatore(webHost)).map((o) => o.servizio)).toContain('7003');
  await expect(page.getByTestId('avviso-versione-anpr')).toHaveCount(0);

  await versioniSimulatore(webHost, { corrente: { codDestinatario: 'ANPR06', versioneCompleta: '10.0.0' }, supportate: [{ codDestinatario: 'ANPR05', versioneCompleta: '9.0.3' }] });
  await page.getByRole('button', { name: 'Verifica collegamento' }).click();
  const avviso = page.getByTestId('avviso-versione-anpr');
  await expect(avviso).toContainText('Nuova versione di ANPR');
  await expect(avviso).toContainText('ANPR06 (10.0.0); questa applicazione usa ANPR05 (9.0.3), ancora accettata');
  await expect(avviso).toHaveClass(/alert-info/);

  await versioniSimulatore(webHost, { corrente: { codDestinatario: 'ANPR06', versioneCompleta: '10.0.0' }, supportate: [] });
  await page.getByRole('button', { name: 'Verifica collegamento' }).click();
  await expect(avviso).toContainText('Versione di ANPR non più accettata');
  await expect(avviso).toContainText('accetta ANPR06 (10.0.0). Le richieste sarebbero respinte');
  await expect(avviso).toHaveClass(/alert-danger/);
  await schermata(page, 'scrivania-versione-non-accettata', (n) => testInfo.outputPath(n));
});
