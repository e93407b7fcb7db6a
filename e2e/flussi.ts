/**
 * Shared e2e flows for the pratiche and the in-process ANPR simulator: a web
 * host started with SPORTELLO_E2E=1 (it prints the training simulator's own
 * address, "E2E simulatore: https://…"), faults injected through the
 * simulator's loopback admin endpoint (POST /__admin/faults, trusting the
 * training CA it created), people read from the simulator's own state, and
 * the clerk's steps every spec repeats (open a route, mark a pratica pronta,
 * send it while ANPR is down).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startWebHostProcess, stopWebHostProcess, test as base, type WebHostProcess } from './fixtures';
import { auditAccessibilita } from './axe';

export const test = base.extend<{ webHost: WebHostProcess }>({
  // eslint-disable-next-line no-empty-pattern
  webHost: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sportello-e2e-pratiche-'));
    const host = await startWebHostProcess(dataDir, { SPORTELLO_E2E: '1' });
    await use(host);
    await stopWebHostProcess(host);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.secret.key`, { force: true });
  },
});

export interface Persona {
  idSchedaSoggettoANPR: string;
  codiceFiscale: string;
  cognome: string;
  nome: string;
  legame: { idFamigliaConvivenzaANPR: string };
}

/** Residents of the training comune in families of 3+ people: [head, other member], from the simulator's own state. */
export function famigliaDelSimulatore(webHost: WebHostProcess, salta = 0, opzioni: { componenteAdulto?: boolean } = {}): { intestatario: Persona; componente: Persona; idFamiglia: string } {
  const db = new Database(join(webHost.dataDir, 'ambiente-prova', 'stato', 'simulatore-anpr.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const schede = db
      .prepare(
        `SELECT doc FROM schede WHERE json_extract(doc, '$.tipo') = 'famiglia' AND json_extract(doc, '$.attiva') = 1
           AND json_array_length(json_extract(doc, '$.componenti')) > 2 ORDER BY rowid`,
      )
      .all() as { doc: string }[];
    const persona = (id: string) => JSON.parse((db.prepare('SELECT doc FROM persone WHERE id = ?').get(id) as { doc: string }).doc) as Persona & { dataNascita: string };
    const candidate = schede
      .map((r) => JSON.parse(r.doc) as { idFamigliaConvivenzaANPR: string; intestatarioId: string; componenti: string[] })
      .map((s) => ({ s, altro: s.componenti.find((c) => c !== s.intestatarioId && (!opzioni.componenteAdulto || persona(c).dataNascita < '2000-01-01')) }))
      .filter((x) => x.altro);
    const { s, altro } = candidate[salta]!;
    return { intestatario: persona(s.intestatarioId), componente: persona(altro!), idFamiglia: s.idFamigliaConvivenzaANPR };
  } finally {
    db.close();
  }
}

/** A resident married couple living in the same family (the parents of a 1001), from the simulator's state. */
export function coppiaDelSimulatore(webHost: WebHostProcess, salta = 0): { padre: Persona; madre: Persona } {
  const db = new Database(join(webHost.dataDir, 'ambiente-prova', 'stato', 'simulatore-anpr.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const righe = db
      .prepare(
        `SELECT p.doc AS padre, m.doc AS madre FROM persone p JOIN persone m ON m.id = json_extract(p.doc, '$.statoCivile.coniugeId')
          WHERE json_extract(p.doc, '$.sesso') = 'M' AND json_extract(p.doc, '$.stato') = 'residente' AND json_extract(m.doc, '$.stato') = 'residente'
            AND json_extract(p.doc, '$.legame.idFamigliaConvivenzaANPR') = json_extract(m.doc, '$.legame.idFamigliaConvivenzaANPR')
          ORDER BY p.rowid`,
      )
      .all() as { padre: string; madre: string }[];
    const r = righe[salta]!;
    return { padre: JSON.parse(r.padre) as Persona, madre: JSON.parse(r.madre) as Persona };
  } finally {
    db.close();
  }
}

export async function indirizzoSimulatore(webHost: WebHostProcess): Promise<string> {
  await expect.poll(() => /E2E simulatore: (https:\/\/\S+)/.exec(webHost.output())?.[1] ?? null, { timeout: 20_000 }).not.toBeNull();
  return /E2E simulatore: (https:\/\/\S+)/.exec(webHost.output())![1]!;
}

/** One call to the simulator's loopback admin endpoint (training CA, the per-run token the web host prints with SPORTELLO_E2E=1). */
async function adminSimulatore(webHost: WebHostProcess, method: 'GET' | 'POST' | 'PUT', percorso: string, dati?: unknown): Promise<string> {
  const url = new URL(percorso, await indirizzoSimulatore(webHost));
  const ca = readFileSync(join(webHost.dataDir, 'ambiente-prova', 'ca.crt'), 'utf8');
  await expect.poll(() => /E2E simulatore token: (\S+)/.exec(webHost.output())?.[1] ?? null, { timeout: 20_000 }).not.toBeNull();
  const token = /E2E simulatore token: (\S+)/.exec(webHost.output())![1]!;
  const body = dati === undefined ? '' : JSON.stringify(dati);
  return new Promise<string>((resolve, reject) => {
    const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${token}` };
    const req = request(url, { method, ca, headers }, (res) => {
      let risposta = '';
      res.on('data', (chunk: Buffer) => (risposta += chunk.toString()));
      res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve(risposta) : reject(new Error(`${percorso}: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Adds one fault to the simulator. */
export async function guasto(webHost: WebHostProcess, fault: Record<string, unknown>): Promise<void> {
  await adminSimulatore(webHost, 'POST', '/__admin/faults', fault);
}

/** A citizen files an online request now on the simulator (POST /__admin/richieste, state 2 aperta). */
export async function nuovaRichiestaCittadino(webHost: WebHostProcess, tipologia: '1' | '2' | '4' | '5' | '6' = '2'): Promise<{ codice: string; tipologia: string }> {
  return JSON.parse(await adminSimulatore(webHost, 'POST', '/__admin/richieste', { tipologia })) as { codice: string; tipologia: string };
}

/** The state of a request changes outside this workstation (the ANPR web application): POST /__admin/richieste/<codice>/stato. */
export async function statoRichiestaAltrove(webHost: WebHostProcess, codice: string, stato: string): Promise<void> {
  await adminSimulatore(webHost, 'POST', `/__admin/richieste/${codice}/stato`, { stato });
}

/** The citizen supplements a suspended request from the portal (6 → 7). */
export async function integraRichiestaCittadino(webHost: WebHostProcess, codice: string): Promise<void> {
  await adminSimulatore(webHost, 'POST', `/__admin/richieste/${codice}/integra`);
}

/** Replaces the interface versions the simulator lists in 7003 ("ANPR moved on"). */
export async function versioniSimulatore(webHost: WebHostProcess, versioni: { corrente: { codDestinatario: string; versioneCompleta: string }; supportate: { codDestinatario: string; versioneCompleta: string }[] }): Promise<void> {
  await adminSimulatore(webHost, 'PUT', '/__admin/versioni', versioni);
}

/** Every operation the simulator executed, reads included, in order. */
export async function operazioniSimulatore(webHost: WebHostProcess): Promise<{ servizio: string; idOperazioneComune: string; operatore?: string }[]> {
  return JSON.parse(await adminSimulatore(webHost, 'GET', '/__admin/operations')) as { servizio: string; idOperazioneComune: string; operatore?: string }[];
}

export async function schermata(page: Page, nome: string, outputPath: (name: string) => string): Promise<void> {
  await auditAccessibilita(page, nome);
  await page.screenshot({ path: outputPath(`${nome}.png`), fullPage: true });
}

export async function apri(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
}

/** The form's state badge (Bozza, Pronta, Accolta…). */
export const statoPratica = (page: Page) => page.locator('.testata-modulo__stato .stato-pratica');

/** A form section (fieldset.pannello) by its legend. */
export const sezione = (page: Page, titolo: string) => page.locator('fieldset.pannello', { has: page.locator('legend', { hasText: titolo }) });

/**
 * ANPR goes offline (the simulator stops listening for `fermoMs`), the clerk
 * marks the pratica pronta anyway, the queue says ANPR cannot be reached;
 * back online, the dispatcher retries with the same id and ANPR accepts.
 */
export async function prontaConAnprFermo(page: Page, webHost: WebHostProcess, fermoMs = 5_000): Promise<void> {
  await inviaPratica(page, () => guasto(webHost, { tipo: 'anpr_fermo', durataMs: fermoMs }));
  await expect(page.getByTestId('esito-azione')).toContainText('Pratica pronta');
  await expect(page.getByTestId('banner-coda')).toHaveAttribute('data-stato', 'anpr_non_raggiungibile', { timeout: 10_000 });
  await expect(page.getByTestId('banner-coda')).toContainText('ANPR non raggiungibile');
  await expect(statoPratica(page)).toHaveText(/Accolta/, { timeout: 40_000 });
}

/**
 * From the pratiche list, the annulment (1013/2011/5012) of the newest
 * accepted pratica: marked pronta without a reason, the error is at the
 * field; with the reason typed, it is sent while ANPR is down and accepted.
 */
export async function annullaUltimaAccolta(page: Page, webHost: WebHostProcess, servizio: string, motivazione: string, primaDiInviare?: () => Promise<void>): Promise<void> {
  await apri(page, '/pratiche');
  await page.getByTestId('tabella-pratiche').locator('tbody tr').first().getByRole('button').first().click();
  await page.getByTestId('dettaglio-pratica').getByRole('button', { name: 'Annulla in ANPR' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(servizio) })).toBeVisible();
  await segnaComePronta(page);
  // At the field, and in the summary at the top as a link to it.
  await expect(page.locator('.campo__errore', { hasText: "Indicare perché si annulla l'operazione." })).toBeVisible();
  await expect(page.getByTestId('problemi').getByRole('link', { name: "Motivazione: Indicare perché si annulla l'operazione." })).toBeVisible();
  await page.getByRole('textbox', { name: 'Motivazione' }).click();
  await page.keyboard.type(motivazione);
  await expect(page.getByText("Indicare perché si annulla l'operazione.")).toHaveCount(0);
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await primaDiInviare?.();
  await prontaConAnprFermo(page, webHost);
}

export const oggiIt = () => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());

/** The 5005 address fields, typed with the keyboard (Tab between fields). */
export async function compilaIndirizzo(page: Page, via: string, civico: string): Promise<void> {
  await page.getByRole('textbox', { name: 'CAP' }).click();
  await page.keyboard.type('01022');
  await page.keyboard.press('Tab'); // → Specie (VIA by default)
  await expect(page.getByRole('combobox', { name: 'Specie' }).or(page.getByRole('textbox', { name: 'Specie' }))).toBeFocused();
  await page.keyboard.press('Tab'); // → Denominazione
  await page.keyboard.type(via);
  await page.keyboard.press('Tab'); // → Civico
  await page.keyboard.type(civico);
}

/** The form's primary action: checks the values and marks the pratica pronta (or shows every problem). */
export async function segnaComePronta(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Segna come pronta' }).click();
}

/** The review step shown after the checks pass: what will be registered, in words, and the clerk's choices. */
export const riepilogoInvio = (page: Page) => page.getByRole('region', { name: "Riepilogo prima dell'invio ad ANPR" });

/**
 * A valid pratica goes to ANPR: checked, reviewed, and confirmed by the clerk
 * with "Invia ad ANPR". `primaDiConfermare` runs while the review is shown
 * (e.g. a fault: ANPR goes down right before the send, however long the checks took).
 */
export async function inviaPratica(page: Page, primaDiConfermare?: () => Promise<void>): Promise<void> {
  await segnaComePronta(page);
  await expect(riepilogoInvio(page)).toBeVisible();
  await primaDiConfermare?.();
  await riepilogoInvio(page).getByRole('button', { name: 'Invia ad ANPR' }).click();
}
