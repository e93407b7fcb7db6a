import { test, expect } from './fixtures';

test('la scrivania mostra i valori letti dal core', async ({ app, webHost }, testInfo) => {
  // What the core answers through the contract, read independently of the page.
  const response = await fetch(`${webHost.url}api/home.riepilogo`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${webHost.token}` },
    body: '{}',
  });
  const envelope = (await response.json()) as { ok: true; value: { comune: { denominazione: string; codiceIstat: string }; ambiente: { etichetta: string } } };
  expect(envelope.ok).toBe(true);

  await expect(app.getByRole('heading', { name: 'Scrivania' })).toBeVisible();
  await expect(app.getByTestId('comune-denominazione')).toHaveText(envelope.value.comune.denominazione);
  await expect(app.getByTestId('comune-istat')).toHaveText(envelope.value.comune.codiceIstat);
  await expect(app.getByTestId('ambiente-etichetta')).toHaveText(envelope.value.ambiente.etichetta);
  await expect(app.getByTestId('ambiente-banner')).toContainText('Ambiente di prova');
  await expect(app.getByTestId('badge-prova')).toHaveText('Ambiente di prova');
  // First start: the training simulator runs in-process and answers a signed TestConn.
  await expect(app.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  await expect(app.getByTestId('coda-bozza')).toContainText('0');
  // The token left the address bar once read.
  expect(app.url()).not.toContain('token=');

  await app.screenshot({ path: testInfo.outputPath('scrivania.png'), fullPage: true });
});

test('senza token la pagina non parla con il core e lo dice', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await expect(page.getByText('Sessione non valida')).toBeVisible();
});
