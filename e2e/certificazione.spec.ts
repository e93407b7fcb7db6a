/**
 * Certificates at the counter end to end (web host + in-process ANPR
 * simulator, 1366×768): preview then issue a residence and a family
 * certificate, see ANPR's PDF in a blob: frame under the app's CSP, print it
 * (the frame's print is called), find both in the archive (reprint) and in
 * the day's register with the right totals and exports; a local rule stops a
 * request; ANPR's refusal is shown. axe-core audit and a screenshot per screen.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type WebHostProcess } from './fixtures';
import { auditAccessibilita } from './axe';

interface PersonaSim {
  idSchedaSoggettoANPR: string;
  codiceFiscale: string;
  cognome: string;
  nome: string;
}

/** People from the simulator's own state (read-only). */
function dalSimulatore(webHost: WebHostProcess, where: string): PersonaSim {
  const db = new Database(join(webHost.dataDir, 'ambiente-prova', 'stato', 'simulatore-anpr.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `SELECT p.doc AS doc FROM persone p LEFT JOIN schede s ON s.id = json_extract(p.doc, '$.legame.idFamigliaConvivenzaANPR')
         WHERE p.stato = 'residente' AND json_array_length(json_extract(p.doc, '$.anomalie')) = 0 AND ${where} ORDER BY p.rowid LIMIT 1`,
      )
      .get() as { doc: string };
    return JSON.parse(row.doc) as PersonaSim;
  } finally {
    db.close();
  }
}

const conFamiglia = (h: WebHostProcess) =>
  dalSimulatore(h, `json_extract(s.doc, '$.tipo') = 'famiglia' AND json_extract(s.doc, '$.intestatarioId') IS NOT NULL AND json_array_length(json_extract(s.doc, '$.componenti')) > 1`);
const sposato = (h: WebHostProcess) => dalSimulatore(h, `json_extract(p.doc, '$.statoCivile.codice') = '2'`);

function shaSimulatore(webHost: WebHostProcess, idOperazioneComune: string): string {
  const db = new Database(join(webHost.dataDir, 'ambiente-prova', 'stato', 'simulatore-anpr.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT sha256 FROM certificati WHERE id_op_comune = ?').pluck().get(idOperazioneComune) as string | undefined) ?? '';
  } finally {
    db.close();
  }
}

async function api<T>(webHost: WebHostProcess, channel: string, request: unknown): Promise<T> {
  const response = await fetch(`${webHost.url}api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${webHost.token}` },
    body: JSON.stringify({ request }),
  });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  expect(envelope.ok, JSON.stringify(envelope.error)).toBe(true);
  return envelope.value;
}

async function schermata(page: Page, nome: string, outputPath: (name: string) => string): Promise<void> {
  await auditAccessibilita(page, nome);
  await page.screenshot({ path: outputPath(`${nome}.png`) });
}

/** The app is up and the training simulator answered (its population exists). */
async function pronto(page: Page): Promise<void> {
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile', { timeout: 30_000 });
}

async function scegliIntestatario(page: Page, p: PersonaSim): Promise<void> {
  await page.getByLabel("Codice fiscale dell'intestatario").fill(p.codiceFiscale);
  await page.getByRole('button', { name: 'Cerca in ANPR' }).click();
  await expect(page.getByTestId('intestatario-scelto')).toContainText(`${p.cognome} ${p.nome}`);
}

async function soloTipo(page: Page, etichetta: string): Promise<void> {
  const residenza = page.getByRole('checkbox', { name: 'Residenza', exact: true });
  if (etichetta !== 'Residenza' && (await residenza.isChecked())) await residenza.uncheck();
  await page.getByRole('checkbox', { name: etichetta, exact: true }).check();
}

/** Replaces `print` on the PDF frame's window with a counter (the real one opens the system dialog). */
async function intercettaStampa(page: Page): Promise<void> {
  await expect(page.getByTestId('visore-pdf')).toHaveAttribute('data-caricato', 'true');
  // A string, evaluated in the page (the e2e project has no DOM types).
  await page.evaluate(`(() => {
    window.stampeIntercettate = 0;
    const w = document.querySelector('[data-testid="visore-pdf"]').contentWindow;
    w.print = () => { window.stampeIntercettate += 1; };
  })()`);
}
const stampeIntercettate = (page: Page) => page.evaluate<number>('window.stampeIntercettate ?? 0');

/** The blob: frame holds a PDF document (checked inside the frame, under the app's CSP). */
async function frameConPdf(page: Page): Promise<void> {
  const src = await page.getByTestId('visore-pdf').getAttribute('src');
  expect(src).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//);
  const frame = page.frames().find((f) => f.url() === src);
  expect(frame, 'the PDF frame is loaded').toBeTruthy();
  expect(await frame!.evaluate<string>('document.contentType')).toBe('application/pdf');
}

interface Certificato {
  id: number;
  idOperazioneComune: string;
  protocolloAnpr: string;
  sha256: string;
  stato: string;
  tipi: { codice: string }[];
}

test('residenza e stato di famiglia: anteprima, emissione, PDF, stampa, archivio e registro', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await pronto(page);
  const p = conFamiglia(webHost);
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Certificati' }).click();
  await expect(page.getByRole('heading', { name: 'Certificati anagrafici' })).toBeVisible();
  await schermata(page, 'certificati-emissione-vuota', out);

  // 1. Residence certificate: preview first.
  await scegliIntestatario(page, p);
  await expect(page.getByRole('checkbox', { name: 'Residenza', exact: true })).toBeChecked();
  await expect(page.getByTestId('riepilogo-totale')).toHaveText('16,52 €');
  await schermata(page, 'certificati-emissione-compilata', out);
  await page.getByTestId('anteprima').click();
  await expect(page.getByRole('heading', { name: /Anteprima di ANPR/ })).toBeVisible();
  await expect(page.getByTestId('visore-pdf')).toHaveAttribute('data-caricato', 'true');
  await frameConPdf(page);
  await schermata(page, 'certificati-anteprima', out);

  // Issue: ANPR's PDF is shown and printed through the frame's print.
  await page.getByTestId('emetti').click();
  await expect(page.getByTestId('certificato-emesso')).toBeVisible({ timeout: 30_000 });
  const protocolloResidenza = (await page.getByTestId('protocollo-anpr').textContent())!.trim();
  await frameConPdf(page);
  await intercettaStampa(page);
  await page.getByTestId('stampa-certificato').click();
  await expect.poll(() => stampeIntercettate(page)).toBe(1);
  await expect(page.getByTestId('certificato-emesso')).toContainText('stampato una volta');
  await schermata(page, 'certificati-emesso', out);

  // 2. Family certificate, exempt from bollo (ONLUS), diritti 0,26.
  await page.getByTestId('nuovo-certificato').click();
  await scegliIntestatario(page, p);
  await soloTipo(page, 'Stato di famiglia');
  await page.getByRole('radio', { name: 'Esente' }).check();
  await page.getByLabel('Motivo di esenzione (Tabella 39)').selectOption('1');
  await expect(page.getByLabel('Diritti di segreteria (€)')).toHaveValue('0,26');
  await expect(page.getByTestId('riepilogo-totale')).toHaveText('0,26 €');
  await page.getByTestId('anteprima').click();
  await expect(page.getByRole('heading', { name: /Anteprima di ANPR/ })).toBeVisible();
  await page.getByTestId('emetti').click();
  await expect(page.getByTestId('certificato-emesso')).toBeVisible({ timeout: 30_000 });
  const protocolloFamiglia = (await page.getByTestId('protocollo-anpr').textContent())!.trim();
  expect(protocolloFamiglia).not.toBe(protocolloResidenza);
  await intercettaStampa(page);
  await page.getByTestId('stampa-certificato').click();
  await expect.poll(() => stampeIntercettate(page)).toBe(1);

  // The archive holds ANPR's bytes: SHA-256 of the archived file = the simulator's hash of what it sent.
  const { certificati } = await api<{ certificati: Certificato[] }>(webHost, 'certificazione.archivio', { dal: '', al: '', testo: '', operatore: '', stato: 'emesso' });
  expect(certificati.map((c) => c.protocolloAnpr).sort()).toEqual([protocolloResidenza, protocolloFamiglia].sort());
  for (const c of certificati) {
    const pdf = await api<{ pdfBase64: string; sha256: string; integro: boolean }>(webHost, 'certificazione.pdf', { id: c.id });
    const bytes = Buffer.from(pdf.pdfBase64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(c.sha256);
    expect(c.sha256).toBe(shaSimulatore(webHost, c.idOperazioneComune));
    expect(bytes.toString('latin1')).toContain(`Numero di protocollo ANPR: ${c.protocolloAnpr}`);
  }

  // Archive screen: both there; reopen one and reprint.
  await page.getByRole('link', { name: 'Archivio' }).click();
  await expect(page.getByTestId('archivio-riga')).toHaveCount(2);
  await expect(page.getByTestId('archivio-tabella')).toContainText(protocolloResidenza);
  await expect(page.getByTestId('archivio-tabella')).toContainText(protocolloFamiglia);
  await page.getByRole('button', { name: `Apri il certificato ${protocolloResidenza}` }).click();
  await expect(page.getByTestId('integrita')).toContainText('SHA-256 verificato');
  await frameConPdf(page);
  await intercettaStampa(page);
  await page.getByRole('button', { name: 'Ristampa' }).click();
  await expect.poll(() => stampeIntercettate(page)).toBe(1);
  await expect(page.getByText('Ristampa registrata (stampe totali: 2).')).toBeVisible();
  await schermata(page, 'certificati-archivio', out);

  // The day's register: 2 certificates, bollo 16,00 €, diritti 0,52 + 0,26 = 0,78 €.
  await page.getByRole('link', { name: 'Registro del giorno' }).click();
  await expect(page.getByTestId('registro-riga')).toHaveCount(2);
  await expect(page.getByTestId('totale-certificati')).toHaveText('2');
  await expect(page.getByTestId('totale-bollo')).toHaveText('16,00 €');
  await expect(page.getByTestId('totale-diritti')).toHaveText('0,78 €');
  await schermata(page, 'certificati-registro', out);
  await page.getByLabel('Operatore').selectOption({ index: 1 });
  await expect(page.getByTestId('totale-certificati')).toHaveText('2');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('esporta-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/^registro-certificati-\d{4}-\d{2}-\d{2}.*\.csv$/);
  const testoCsv = readFileSync((await csv.path())!, 'utf8');
  expect(testoCsv).toContain(protocolloResidenza);
  expect(testoCsv).toMatch(/Totale: 2 certificati;+16,00;+0,78;/);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('esporta-pdf').click()]);
  const pdfReg = readFileSync((await pdf.path())!);
  expect(pdfReg.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  expect(pdfReg.toString('latin1')).toContain('Totale: 2 certificati');
});

test('una regola locale ferma la richiesta prima dell\'invio e la spiega', async ({ app: page, webHost }, testInfo) => {
  await pronto(page);
  const p = conFamiglia(webHost);
  await page.goto(`${webHost.url}#/certificati`);
  await scegliIntestatario(page, p);
  await page.getByRole('radio', { name: 'Esente' }).check();
  await page.getByLabel('Motivo di esenzione (Tabella 39)').selectOption('99');
  await page.getByTestId('anteprima').click();
  const violazioni = page.getByTestId('violazioni');
  await expect(violazioni).toContainText('Richiesta non inviata ad ANPR');
  await expect(violazioni).toContainText("la descrizione dell'esenzione è obbligatoria");
  await expect(violazioni).toContainText('Se motivo esenzione bollo = 99 - Altro motivo esenzione e Descrizione Esenzione Bollo assente');
  await schermata(page, 'certificati-regola-locale', testInfo.outputPath.bind(testInfo));
  // Nothing reached ANPR: no 6001 operation at all.
  const ops = (await (await fetch(`${webHost.url}api/certificazione.archivio`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${webHost.token}` }, body: JSON.stringify({ request: { dal: '', al: '', testo: '', operatore: '', stato: '' } }) })).json()) as { value: { certificati: unknown[] } };
  expect(ops.value.certificati).toEqual([]);
});

test("il rifiuto di ANPR è mostrato con il suo codice e testo", async ({ app: page, webHost }, testInfo) => {
  await pronto(page);
  const p = sposato(webHost);
  await page.goto(`${webHost.url}#/certificati`);
  await scegliIntestatario(page, p);
  await soloTipo(page, 'Stato Libero');
  await page.getByTestId('anteprima').click();
  const rifiuto = page.getByTestId('rifiuto-anpr');
  await expect(rifiuto).toContainText('ANPR ha rifiutato il certificato');
  await expect(rifiuto).toContainText('EN060');
  await expect(rifiuto).toContainText('Impossibile emettere il Certificato di stato libero');
  await schermata(page, 'certificati-rifiuto-anpr', testInfo.outputPath.bind(testInfo));
});
