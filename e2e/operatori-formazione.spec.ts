/**
 * Issue #12, items 11 and 12, from the clerk's side: an operator created by
 * the amministratore changes the initial password before anything else (the
 * core refuses the rest), then works normally and changes the password again
 * from the header; in training, the anomaly file of the simulator's own
 * residents is imported and an anomaly leads to the person's sheet.
 */
import type { Page } from '@playwright/test';
import { accedi, cambiaPassword, creaOperatore, creaPrimoAmministratore, expect, PASSWORD_AMMINISTRATORE, test } from './fixtures';
import { auditAccessibilita } from './axe';
import { inviaPratica, statoPratica } from './flussi';

const LAURA = { codiceFiscale: 'TSTLRA85M41H501B', cognome: 'Test', nome: 'Laura', ruolo: 'operatore', password: 'iniziale-da-admin' };

async function schermata(page: Page, nome: string, outputPath: (name: string) => string): Promise<void> {
  await auditAccessibilita(page, nome);
  await page.screenshot({ path: outputPath(`${nome}.png`), fullPage: true });
  await page.screenshot({ path: `docs/screenshots/${nome}.png`, fullPage: true });
}

/** The same call the page would make, with the page's token: what the core answers, whatever the UI shows. */
async function chiama(page: Page, channel: string, request?: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ({ channel, request }) => {
      const token = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('sportello.token');
      const response = await fetch(`/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ request }) });
      return (await response.json()) as { ok: boolean; error?: { code: string; message: string } };
    },
    { channel, request },
  );
}

test("un operatore creato dall'amministratore cambia la password iniziale prima di tutto, poi lavora e la cambia dal menu", async ({ primoAvvio: page }, testInfo) => {
  test.setTimeout(90_000);
  const out = (name: string) => testInfo.outputPath(name);
  const cfAmministratore = await creaPrimoAmministratore(page);
  // The amministratore chose their password at first start: never sent to the change page.
  await expect(page.getByTestId('operatore-corrente')).toContainText('Amministratore');
  await expect(page.getByRole('navigation', { name: 'Sezioni' })).toBeVisible();
  await creaOperatore(page, LAURA);
  await expect(page.getByTestId('tabella-operatori').getByRole('row', { name: /TEST LAURA/ })).toContainText('Password iniziale da cambiare');
  await page.getByRole('button', { name: 'Esci' }).click();

  // First sign-in with the initial password: the change-password page, and nothing else.
  await accedi(page, LAURA.codiceFiscale, LAURA.password);
  await expect(page.getByRole('heading', { name: 'Cambia password' })).toBeVisible();
  await expect(page.getByText("La password attuale è stata assegnata dall'amministratore")).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'almeno 10 caratteri' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sezioni' })).toHaveCount(0);
  await schermata(page, 'cambio-password-iniziale', out);
  // Typing another screen's address does not get past it.
  await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/ricerca'));
  await expect(page.getByRole('heading', { name: 'Cambia password' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ricerca soggetti' })).toHaveCount(0);
  // Nor does the API: the core refuses with a clear code and message.
  for (const [channel, request] of [
    ['home.riepilogo', undefined],
    ['ricerca.soggetti', { codiceFiscale: LAURA.codiceFiscale }],
    ['pratiche.salvaBozza', { servizio: '5005', payload: null }],
  ] as const) {
    expect(await chiama(page, channel, request), channel).toMatchObject({ ok: false, error: { code: 'PASSWORD_DA_CAMBIARE', message: expect.stringContaining('Cambiare la password iniziale') } });
  }

  // The policy is checked before sending, and a wrong current password is refused by the core.
  await cambiaPassword(page, LAURA.password, 'corta');
  await expect(page.getByText('La nuova password deve avere almeno 10 caratteri.')).toBeVisible();
  await cambiaPassword(page, 'non-e-la-mia-password', 'scelta-da-laura-1');
  await expect(page.getByText('La password attuale non è corretta.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Cambia password' })).toBeVisible();

  await cambiaPassword(page, LAURA.password, 'scelta-da-laura-1');
  await expect(page.getByText('Password cambiata: ora è possibile usare la postazione.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sezioni' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Ricerca' }).click();
  await expect(page.getByRole('heading', { name: 'Ricerca soggetti' })).toBeVisible();
  expect(await chiama(page, 'home.riepilogo')).toMatchObject({ ok: true });

  // Later, from the header: a change of the operator's own choice.
  await page.getByRole('link', { name: 'Cambia password' }).click();
  await expect(page.getByRole('heading', { name: 'Cambia password' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sezioni' })).toBeVisible();
  await cambiaPassword(page, 'scelta-da-laura-1', 'scelta-da-laura-2');
  await expect(page.getByRole('status').filter({ hasText: 'Password cambiata.' })).toBeVisible();
  await schermata(page, 'cambio-password', out);

  // Only the last password signs in now.
  await page.getByRole('button', { name: 'Esci' }).click();
  await page.getByLabel('Codice fiscale').fill(LAURA.codiceFiscale);
  await page.getByLabel('Password').fill('scelta-da-laura-1');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByText('Codice fiscale o password non corretti.')).toBeVisible();
  await page.getByLabel('Password').fill('scelta-da-laura-2');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByTestId('operatore-corrente')).toContainText('TEST LAURA');
  await expect(page.getByRole('heading', { name: 'Cambia password' })).toHaveCount(0);

  // A forgotten password: the amministratore resets it, and it is "da cambiare" again.
  await page.getByRole('button', { name: 'Esci' }).click();
  await accedi(page, cfAmministratore, PASSWORD_AMMINISTRATORE);
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Impostazioni' }).click();
  await page.getByRole('button', { name: 'Reimposta password di TEST LAURA' }).click();
  const reimposta = page.getByRole('form', { name: 'Nuova password di TEST LAURA' });
  await reimposta.getByLabel(/^Nuova password iniziale di TEST LAURA/).fill('reimpostata-da-admin');
  await reimposta.getByRole('button', { name: 'Reimposta', exact: true }).click();
  await expect(page.getByText("Password reimpostata: comunicarla all'operatore")).toBeVisible();
  await expect(page.getByTestId('tabella-operatori').getByRole('row', { name: /TEST LAURA/ })).toContainText('Password iniziale da cambiare');
  await auditAccessibilita(page, 'impostazioni-operatori');
  await page.getByRole('button', { name: 'Esci' }).click();
  await accedi(page, LAURA.codiceFiscale, 'reimpostata-da-admin');
  await expect(page.getByRole('heading', { name: 'Cambia password' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sezioni' })).toHaveCount(0);
});

test('in formazione le anomalie di esercitazione sono dei residenti del simulatore: dalla scheda alla correzione, che le chiude', async ({ app: page }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Anomalie' }).click();
  await expect(page.getByRole('heading', { name: 'Anomalie ANPR' })).toBeVisible();
  await page.getByRole('button', { name: 'Importa anomalie di esercitazione' }).click();
  await expect(page.getByTestId('esito-importazione')).toContainText('Importato «anomalie-esercitazione.csv»');
  await expect(page.getByTestId('esito-scartate')).toHaveText('0');
  await schermata(page, 'anomalie-esercitazione', out);

  // An anomaly on the codice fiscale (Agenzia Entrate): the person it names.
  await page.getByLabel('Cerca').fill('EA029');
  const righe = page.getByTestId('riga-anomalia');
  await expect(righe.first()).toContainText('EA029');
  await righe.first().click();
  const dettaglio = page.getByTestId('dettaglio-anomalia');
  await expect(dettaglio).toContainText('EA029');
  const testo = (await dettaglio.textContent()) ?? '';
  const cf = /CF ([A-Z0-9]{16})/.exec(testo)?.[1];
  expect(cf, testo).toBeTruthy();

  // The person's sheet exists in the simulator and shows the person, with the anomaly ANPR lists on them.
  await dettaglio.getByRole('link', { name: 'Scheda del soggetto' }).click();
  await expect(page).toHaveURL(/#\/soggetti\/\d+$/);
  await expect(page.getByRole('main')).toContainText(cf!);
  const nome = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
  expect(testo).toContain(nome);
  await auditAccessibilita(page, 'scheda-soggetto-anomalia');

  // The fix: "Avvia la correzione" opens the 5008 for the person; the generalità are checked and sent again.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Anomalie ANPR' })).toBeVisible();
  await page.getByLabel('Cerca').fill(cf!);
  // The search's answer first (a click on a row the answer then replaces selects nothing).
  await expect(page.getByTestId('riga-anomalia').filter({ hasNotText: nome })).toHaveCount(0);
  const riga = page.getByTestId('riga-anomalia').filter({ hasText: 'EA029' }).filter({ hasText: nome });
  await riga.click();
  await expect(riga).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('avvia-correzione')).toContainText('5008');
  await page.getByTestId('avvia-correzione').click();
  await expect(page.getByRole('heading', { level: 1, name: /5008/ })).toBeVisible();
  await page.getByLabel('Tipo di mutazione').selectOption('1');
  // The codice fiscale checked on the person's documents, sent again with the generalità.
  await page.getByRole('textbox', { name: 'Codice fiscale' }).last().fill(cf!);
  await inviaPratica(page);
  await expect(statoPratica(page)).toHaveText(/Accolta/, { timeout: 40_000 });

  // The next read of the person (the sheet) no longer lists it: the anomaly closes, by ANPR.
  await page.getByRole('link', { name: 'Scheda soggetto' }).click();
  await expect(page.getByRole('main')).toContainText(cf!);
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Anomalie' }).click();
  await expect(page.getByRole('heading', { name: 'Anomalie ANPR' })).toBeVisible();
  await page.getByLabel('Cerca').fill(cf!);
  // No longer to work on: shown among all of them, as closed.
  await expect(page.getByTestId('riga-anomalia').filter({ hasText: 'EA029' })).toHaveCount(0);
  await page.getByLabel('Stato').selectOption({ label: 'Tutti' });
  const corretta = page.getByTestId('riga-anomalia').filter({ hasText: 'EA029' }).filter({ hasText: nome });
  await expect(corretta).toContainText('Sanata');
  await corretta.click();
  await expect(page.getByTestId('dettaglio-anomalia')).toContainText("Non più segnalata da ANPR nell'interrogazione 3002.");
  await schermata(page, 'anomalia-esercitazione-sanata', out);
});
