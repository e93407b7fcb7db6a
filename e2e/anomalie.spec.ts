import { readFileSync, writeFileSync } from 'node:fs';
import axe from 'axe-core';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { scriviCsvGenerato } from '../electron/features/anomalie/genera';

async function apriAnomalie(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Anomalie', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Anomalie ANPR' })).toBeVisible();
}

async function importa(page: Page, file: string): Promise<void> {
  await page.locator('#file-anomalie').setInputFiles(file);
  await expect(page.getByTestId('esito-importazione')).toBeVisible({ timeout: 30_000 });
}

async function righeVisibili(page: Page): Promise<{ codice: string; persona: string; sev: string; stato: string }[]> {
  return page.getByTestId('riga-anomalia').evaluateAll((els) =>
    els.map((el) => ({
      sev: el.querySelector('.sev')?.textContent ?? '',
      codice: el.querySelector('.anomalie__codice')?.textContent ?? '',
      persona: el.querySelector('.anomalie__persona')?.textContent ?? '',
      stato: el.querySelector('.stato')?.textContent ?? '',
    })),
  );
}

test('anomalie: importa, cerca, filtra, raggruppa, lavora, correggi, esporta', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath('monitoraggio-anomalie.csv');
  const generato = await scriviCsvGenerato(file, { righe: 600, righeErrate: 6, seed: 11 });
  await apriAnomalie(app);

  // Import: the good rows are kept, the bad ones listed by line.
  await importa(app, file);
  await expect(app.getByTestId('esito-inserite')).toHaveText(String(generato.righe - generato.errate));
  await expect(app.getByTestId('esito-scartate')).toHaveText(String(generato.errate));
  await expect(app.getByTestId('righe-scartate').locator('tbody tr')).toHaveCount(generato.errate);
  await expect(app.getByTestId('riepilogo-totale')).toHaveText('594');

  // Type-ahead by code.
  const cerca = app.getByLabel('Cerca');
  await cerca.fill('EN306');
  await expect(app.getByTestId('anomalie-conteggio')).not.toHaveText('594 anomalie');
  await expect.poll(async () => (await righeVisibili(app)).every((r) => r.codice === 'EN306')).toBe(true);
  expect((await righeVisibili(app)).length).toBeGreaterThan(0);

  // Type-ahead by person (surname and name, any case).
  const persona = (await righeVisibili(app))[0]!.persona;
  await cerca.fill(persona.toLowerCase());
  await expect.poll(async () => { const r = await righeVisibili(app); return r.length > 0 && r.every((x) => x.persona === persona); }).toBe(true);

  // Filters: severity E only.
  await cerca.fill('');
  await app.getByLabel('Severità').selectOption('E');
  await expect.poll(async () => { const r = await righeVisibili(app); return r.length > 0 && r.every((x) => x.sev === 'E'); }).toBe(true);
  await app.getByLabel('Severità').selectOption('');

  // Grouping by person: group headers with their counts.
  await app.getByLabel('Raggruppa').selectOption('persona');
  await expect(app.getByTestId('gruppo').first()).toBeVisible();
  await app.getByLabel('Raggruppa').selectOption('codice');
  await expect(app.getByTestId('gruppo').first()).toContainText(/^E[A-Z0-9]+ – /);
  await app.getByLabel('Raggruppa').selectOption('nessuno');

  // Workflow on one anomaly: aperta → in lavorazione → sanata, with a note.
  await cerca.fill('EA029');
  await expect.poll(async () => { const r = await righeVisibili(app); return r.length > 0 && r.every((x) => x.codice === 'EA029'); }).toBe(true);
  await app.getByTestId('riga-anomalia').first().click();
  const dettaglio = app.getByTestId('dettaglio-anomalia');
  await expect(dettaglio).toContainText('Procedura 001 - Errore nel CF');
  await expect(app.getByTestId('dettaglio-stato')).toHaveText('Aperta');
  await app.getByLabel('Nota (facoltativa)').fill('Convocato il cittadino per la verifica del codice fiscale');
  await app.getByRole('button', { name: 'Prendi in lavorazione' }).click();
  await expect(app.getByTestId('dettaglio-stato')).toHaveText('In lavorazione');
  await app.getByRole('button', { name: 'Segna come sanata' }).click();
  await expect(app.getByTestId('dettaglio-stato')).toHaveText('Sanata');
  await expect(app.getByTestId('storico').locator('li')).toHaveCount(2);
  await expect(app.getByTestId('storico')).toContainText('Convocato il cittadino');
  // "Da lavorare" (the default state filter) no longer lists it once the list is reloaded.
  await app.getByLabel('Stato').selectOption('sanata');
  await expect.poll(async () => (await righeVisibili(app)).map((r) => r.stato)).toEqual(['Sanata']);

  // Export the current view (CSV and Excel) through a Blob download.
  const [csv] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Esporta CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^anomalie-\d{8}-\d{4}\.csv$/);
  const testo = readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  expect(testo[0]).toMatch(/^Codice anomalia;Severità;Messaggio di errore;Cognome e nome/);
  expect(testo).toHaveLength(2);
  expect(testo[1]).toMatch(/^EA029;Warning;.*;Sanata;/);
  const [xlsx] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Esporta Excel' }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(readFileSync(await xlsx.path()).subarray(0, 2).toString()).toBe('PK');

  // Start the fix: the operation form's route, prefilled for the person.
  await app.getByLabel('Stato').selectOption('da_lavorare');
  await cerca.fill('EN306');
  await expect.poll(async () => { const r = await righeVisibili(app); return r.length > 0 && r.every((x) => x.codice === 'EN306'); }).toBe(true);
  await app.getByTestId('riga-anomalia').first().click();
  await expect(app.getByTestId('dettaglio-anomalia')).toContainText('EN306');
  await expect(app.getByTestId('avvia-correzione')).toBeVisible();
  const riga = await app.getByTestId('dettaglio-anomalia').textContent();
  const cf = /CF ([A-Z0-9]{16})/.exec(riga ?? '')?.[1];
  await app.getByTestId('avvia-correzione').click();
  await expect(app).toHaveURL(/#\/pratiche\/nuova\?servizio=5008&soggetto=ZZ\d{5}[A-Z]{2}&cf=[A-Z0-9]{16}&idAnpr=ZZ\d{5}[A-Z]{2}&anomalia=\d+&codice=EN306$/);
  expect(app.url()).toContain(`cf=${cf}`);
});

test('anomalie: un file con righe errate mostra le righe scartate e conserva le buone; accessibilità e aspetto', async ({ app }, testInfo) => {
  const file = testInfo.outputPath('anomalie-errate.csv');
  writeFileSync(
    file,
    [
      'Monitoraggio anomalie - esportazione',
      '',
      'Codice anomalia;Messaggio di errore;Severità;Codice fiscale;Id ANPR;Cognome;Nome;Data nascita;Data segnalazione',
      'EA029;Codice fiscale calcolato dai dati anagrafici del comune non presente in AT;WARNING;BNCMRA70A41H501Z;ZZ00001AB;BIANCHI;MARIA;1970-01-01;2026-02-10',
      ';Riga senza codice;W;RSSLCU80A01H501Q;ZZ00002AB;ROSSI;LUCA;1980-01-01;2026-02-10',
      'ES092;Soggetto senza scheda famiglia/convivenza associata;ERRORE;VRDPLA75B12H501K;ZZ00003AB;VERDI;PAOLA;1975-02-12;31/02/2026',
      'EN306;Presenza del coniuge e assenza del matrimonio;GRAVE;NRIGNN60C03H501J;ZZ00004AB;NERI;GIANNI;1960-03-03;2026-02-11',
      'ES092;"Soggetto senza scheda famiglia/convivenza associata";E;GLLSRA90D44H501T;ZZ00005AB;GALLI;SARA;1990-04-04;2026-02-12',
      'EA038;Soggetto con data di nascita non coincidente  con quella presente nel CF;W;;;;;;2026-02-13',
    ].join('\r\n'),
    'utf8',
  );
  await apriAnomalie(app);
  await importa(app, file);
  await expect(app.getByTestId('esito-inserite')).toHaveText('2');
  await expect(app.getByTestId('esito-scartate')).toHaveText('4');
  const scarti = app.getByTestId('righe-scartate');
  await expect(scarti.locator('tbody tr').nth(0)).toContainText('5');
  await expect(scarti.locator('tbody tr').nth(0)).toContainText('codice anomalia mancante');
  await expect(scarti.locator('tbody tr').nth(1)).toContainText('data «31/02/2026» non valida');
  await expect(scarti.locator('tbody tr').nth(2)).toContainText('severità «GRAVE» non riconosciuta');
  await expect(scarti.locator('tbody tr').nth(3)).toContainText('soggetto non indicato');
  expect(await scarti.locator('tbody tr td:first-child').allTextContents()).toEqual(['5', '6', '7', '9']);
  await expect(app.getByTestId('riepilogo-totale')).toHaveText('2');
  // The good rows are there; the detail explains the code from the catalogue.
  await app.getByTestId('riga-anomalia').filter({ hasText: 'ES092' }).click();
  await expect(app.getByTestId('procedura')).toContainText('Procedura 004');

  // A realistic list for the audit and the screenshot.
  const grande = testInfo.outputPath('anomalie-3000.csv');
  await scriviCsvGenerato(grande, { righe: 3000, seed: 5 });
  await importa(app, grande);
  await app.getByRole('button', { name: 'Chiudi' }).click();
  await app.getByLabel('Raggruppa').selectOption('persona');
  await app.getByTestId('riga-anomalia').nth(2).click();
  await expect(app.getByTestId('dettaglio-anomalia')).toBeVisible();

  await app.evaluate(axe.source);
  const risultato = await app.evaluate(async () => {
    const r = await (globalThis as unknown as { axe: typeof axe }).axe.run('.anomalie', { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  await testInfo.attach('axe.json', { body: JSON.stringify(risultato, null, 2), contentType: 'application/json' });
  expect(risultato.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await app.screenshot({ path: testInfo.outputPath('anomalie.png') });
});
