/**
 * Finding people the way a front desk does (issue #12, items 2 and 3 and the
 * person/family sheet minor items), from the clerk's side: a result always
 * tied to the criteria shown, search by surname, by surname and name, by
 * address (local copies), the family of a pratica picked from a search, the
 * letter/scala/piano/interno of a 5005 on the sheet, the family of a
 * deceased person, and the "Certificato" button.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type WebHostProcess } from './fixtures';
import { apri, compilaIndirizzo, famigliaDelSimulatore, oggiIt, prontaConAnprFermo, schermata, test } from './flussi';

interface Residente {
  idSchedaSoggettoANPR: string;
  codiceFiscale: string;
  cognome: string;
  nome: string;
  dataNascita: string;
  indirizzoId: string;
}

function statoSimulatore<T>(webHost: WebHostProcess, leggi: (db: Database.Database) => T): T {
  const db = new Database(join(webHost.dataDir, 'ambiente-prova', 'stato', 'simulatore-anpr.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return leggi(db);
  } finally {
    db.close();
  }
}

const residenti = (db: Database.Database): Residente[] =>
  (db.prepare("SELECT doc FROM persone WHERE stato = 'residente' ORDER BY rowid").all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as Residente);

/** Residents sharing a surname (2 to 6 of them), ordered as the simulator stores them. */
function omonimi(webHost: WebHostProcess): Residente[] {
  return statoSimulatore(webHost, (db) => {
    const gruppi = new Map<string, Residente[]>();
    for (const p of residenti(db)) gruppi.set(p.cognome, [...(gruppi.get(p.cognome) ?? []), p]);
    return [...gruppi.values()].find((g) => g.length >= 2 && g.length <= 6)!;
  });
}

const itDate = (iso: string) => iso.split('-').reverse().join('/');

async function schermataDoc(page: Page, nome: string, out: (n: string) => string): Promise<void> {
  await schermata(page, nome, out);
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${nome}.png`, fullPage: true });
}

async function vaiARicerca(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sezioni' }).getByRole('link', { name: 'Ricerca' }).click();
  await expect(page.getByRole('heading', { name: 'Ricerca soggetti' })).toBeVisible();
}

test('il risultato è sempre quello dei criteri mostrati: dopo due date errate nessun risultato vecchio, poi la ricerca giusta', async ({ app: page, webHost }, testInfo) => {
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const [a, b] = omonimi(webHost);
  await vaiARicerca(page);
  const risultati = page.getByTestId('risultati');

  await page.getByRole('textbox', { name: 'Codice fiscale' }).fill(a!.codiceFiscale);
  await page.getByRole('button', { name: 'Cerca' }).click();
  await expect(risultati).toContainText(a!.codiceFiscale);
  await expect(page.getByTestId('criteri-risultati')).toHaveText(`Ricerca per codice fiscale ${a!.codiceFiscale}`);

  // Another person, with the birth date in the wrong format twice: the error at the field, focused, and no old result under it.
  await page.getByRole('radio', { name: 'Cognome, nome e data di nascita' }).check();
  await page.getByRole('textbox', { name: 'Cognome', exact: true }).fill(b!.cognome);
  await page.getByRole('textbox', { name: 'Nome', exact: true }).fill(b!.nome);
  const data = page.getByRole('textbox', { name: 'Data di nascita' });
  await data.fill(b!.dataNascita);
  await page.getByRole('button', { name: 'Cerca' }).click();
  await expect(page.getByText(`La data «${b!.dataNascita}» non è nel formato gg/mm/aaaa.`)).toBeVisible();
  await expect(data).toBeFocused();
  await expect(risultati).toHaveCount(0);
  await data.fill('1/1/19');
  await page.getByRole('button', { name: 'Cerca' }).click();
  await expect(data).toHaveAttribute('aria-invalid', 'true');
  await expect(risultati).toHaveCount(0);
  await schermataDoc(page, 'ricerca-data-errata', out);

  // The third "Cerca", with a valid date, searches: the result is the person of the criteria shown.
  await data.fill(itDate(b!.dataNascita));
  await page.getByRole('button', { name: 'Cerca' }).click();
  await expect(risultati).toContainText(b!.codiceFiscale);
  await expect(risultati).not.toContainText(a!.codiceFiscale);
  await expect(page.getByTestId('criteri-risultati')).toHaveText(`Ricerca per cognome ${b!.cognome}, nome ${b!.nome}, nato il ${itDate(b!.dataNascita)}`);
  await expect(data).not.toHaveAttribute('aria-invalid', 'true');
});

test('per cognome: elenco da cui scegliere e scheda; per cognome e nome senza data di nascita', async ({ app: page, webHost }, testInfo) => {
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const gruppo = omonimi(webHost);
  const scelto = gruppo[gruppo.length - 1]!;
  await vaiARicerca(page);
  await page.getByRole('radio', { name: 'Cognome, nome e data di nascita' }).check();
  await page.getByRole('textbox', { name: 'Cognome', exact: true }).fill(scelto.cognome.toLowerCase());
  await page.getByRole('button', { name: 'Cerca' }).click();
  const risultati = page.getByTestId('risultati');
  await expect(risultati.getByRole('heading', { name: `Risultati (${gruppo.length})` })).toBeFocused();
  await expect(page.getByTestId('criteri-risultati')).toHaveText(`Ricerca per cognome ${scelto.cognome}`);
  for (const p of gruppo) await expect(risultati).toContainText(p.codiceFiscale);
  await expect(risultati.locator('tbody tr').first()).toContainText('BAGNOREGIO');
  await schermataDoc(page, 'ricerca-per-cognome', out);

  await risultati.getByRole('row').filter({ hasText: scelto.codiceFiscale }).getByRole('link', { name: `${scelto.cognome} ${scelto.nome}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${scelto.cognome} ${scelto.nome}` })).toBeVisible();
  await expect(page.getByTestId('scheda-cf')).toHaveText(scelto.codiceFiscale);

  // Surname and name, no birth date.
  await page.getByRole('link', { name: '← Torna alla ricerca' }).click();
  await page.getByRole('textbox', { name: 'Nome', exact: true }).fill(scelto.nome);
  await page.getByRole('button', { name: 'Cerca' }).click();
  await expect(page.getByTestId('criteri-risultati')).toHaveText(`Ricerca per cognome ${scelto.cognome}, nome ${scelto.nome}`);
  await expect(risultati).toContainText(scelto.codiceFiscale);
  for (const p of gruppo.filter((x) => x.nome !== scelto.nome)) await expect(risultati).not.toContainText(p.codiceFiscale);
});

test("per indirizzo: dai dati letti in precedenza, dichiarati non certificabili", async ({ app: page, webHost }, testInfo) => {
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario } = famigliaDelSimulatore(webHost);
  const indirizzo = statoSimulatore(webHost, (db) => {
    const p = JSON.parse((db.prepare('SELECT doc FROM persone WHERE id = ?').get(intestatario.idSchedaSoggettoANPR) as { doc: string }).doc) as Residente;
    return JSON.parse((db.prepare('SELECT doc FROM indirizzi WHERE id = ?').get(p.indirizzoId) as { doc: string }).doc) as { toponimo: { denominazioneToponimo: string }; numeroCivico: { numero: string } };
  });
  // The family sheet is read once (3002): its members are now in the local copies.
  await apri(page, `/soggetti/${intestatario.idSchedaSoggettoANPR}/famiglia`);
  await expect(page.getByTestId('componenti-famiglia')).toContainText(intestatario.codiceFiscale);

  await vaiARicerca(page);
  await page.getByRole('radio', { name: 'Indirizzo' }).check();
  await expect(page.getByTestId('nota-indirizzo')).toContainText('ANPR non offre la ricerca per indirizzo');
  await page.getByRole('textbox', { name: 'Numero civico' }).fill('12a');
  await page.getByRole('button', { name: 'Cerca' }).click();
  await expect(page.getByText('Indicare la via (almeno 2 caratteri, es. ROMA o VIA ROMA).')).toBeVisible();
  await expect(page.getByText('Il numero civico è fatto di sole cifre (es. 12).')).toBeVisible();
  await page.getByRole('textbox', { name: 'Via' }).fill(indirizzo.toponimo.denominazioneToponimo.toLowerCase());
  await page.getByRole('textbox', { name: 'Numero civico' }).fill(indirizzo.numeroCivico.numero);
  await page.getByRole('button', { name: 'Cerca' }).click();
  const risultati = page.getByTestId('risultati');
  await expect(risultati).toContainText(intestatario.codiceFiscale);
  await expect(risultati.getByTestId('fonte-dati')).toContainText('non certificabili');
  await expect(risultati.getByTestId('fonte-dati')).toContainText('ANPR non offre la ricerca per indirizzo');
  await expect(page.getByTestId('criteri-risultati')).toHaveText(`Ricerca per indirizzo ${indirizzo.toponimo.denominazioneToponimo} ${indirizzo.numeroCivico.numero}`);
  await schermataDoc(page, 'ricerca-per-indirizzo', out);
  await risultati.getByRole('link', { name: `${intestatario.cognome} ${intestatario.nome}` }).click();
  await expect(page.getByTestId('scheda-cf')).toHaveText(intestatario.codiceFiscale);
});

test('5005: la famiglia si sceglie cercando una persona, non si digita', async ({ app: page, webHost }, testInfo) => {
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario, componente, idFamiglia } = famigliaDelSimulatore(webHost, 1);
  await apri(page, '/pratiche/nuova?servizio=5005');
  await expect(page.getByRole('heading', { level: 1, name: /Cambio di residenza/ })).toBeVisible();
  const campo = page.getByRole('textbox', { name: 'ID ANPR della famiglia' });
  await expect(campo).toHaveValue('');
  await expect(campo).toHaveAttribute('readonly', '');
  const ricerca = page.getByRole('search', { name: 'Cerca la famiglia' });
  await ricerca.getByRole('radio', { name: 'Cognome e nome' }).check();
  await ricerca.getByRole('textbox', { name: 'Cognome' }).fill(componente.cognome);
  await ricerca.getByRole('textbox', { name: 'Nome', exact: true }).fill(componente.nome);
  await ricerca.getByRole('textbox', { name: 'Nome', exact: true }).press('Enter');
  await expect(ricerca.getByTestId('persone-trovate')).toContainText(componente.codiceFiscale);
  await schermataDoc(page, 'pratica-scelta-famiglia', out);
  await ricerca.getByRole('row').filter({ hasText: componente.codiceFiscale }).getByRole('button', { name: /^Scegli la famiglia di/ }).click();
  await expect(campo).toHaveValue(idFamiglia);
  const scelta = page.getByTestId('famiglia-scelta');
  await expect(scelta).toContainText(`Famiglia di ${intestatario.cognome} ${intestatario.nome}`);
  await expect(scelta).toContainText(`${componente.cognome} ${componente.nome}`);
  await expect(page.getByRole('button', { name: 'Cambia famiglia' })).toBeVisible();
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await schermataDoc(page, 'pratica-famiglia-scelta', out);
});

test('5005 con lettera, scala, piano e interno: accolta, la scheda soggetto li mostra', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario, idFamiglia } = famigliaDelSimulatore(webHost, 2);
  await apri(page, `/pratiche/nuova?servizio=5005&soggetto=${intestatario.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('textbox', { name: 'ID ANPR della famiglia' })).toHaveValue(idFamiglia);
  await page.getByRole('textbox', { name: 'CAP' }).fill('');
  await compilaIndirizzo(page, 'Cavour', '7');
  await page.getByRole('textbox', { name: 'Lettera' }).fill('b');
  await page.getByRole('textbox', { name: 'Scala' }).fill('C');
  await page.getByRole('textbox', { name: 'Piano' }).fill('2');
  await page.getByRole('textbox', { name: 'Interno' }).fill('5');
  await page.getByRole('textbox', { name: 'Numero di protocollo' }).fill('2026/4321');
  await page.getByRole('textbox', { name: 'Data di protocollo' }).pressSequentially(oggiIt());
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await prontaConAnprFermo(page, webHost);

  await page.getByRole('link', { name: 'Scheda soggetto' }).click();
  const residenza = page.getByTestId('scheda-residenza');
  await expect(residenza).toContainText('CAVOUR 7/B');
  await expect(residenza).toContainText('scala C piano 2 interno 5');
  await schermataDoc(page, 'scheda-interno', out);
});

test('la scheda famiglia di una persona deceduta: data del decesso e i familiari superstiti', async ({ app: page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario, componente } = famigliaDelSimulatore(webHost, 3);
  // The clerk had opened the person's sheet while alive (the family is in the local copies).
  await apri(page, `/soggetti/${componente.idSchedaSoggettoANPR}`);
  await expect(page.getByTestId('componenti-famiglia')).toContainText(intestatario.cognome);

  await apri(page, `/pratiche/nuova?servizio=2001&soggetto=${componente.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: /Cancellazione per morte/ })).toBeVisible();
  await page.getByRole('textbox', { name: 'Data del decesso' }).pressSequentially(oggiIt());
  const comune = page.getByRole('combobox', { name: 'Comune del decesso' });
  await comune.click();
  await page.keyboard.type('Bagnoreg');
  await expect(page.getByRole('option', { name: /BAGNOREGIO/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('autosalvataggio')).toHaveAttribute('data-stato', 'salvato');
  await prontaConAnprFermo(page, webHost);

  await page.getByRole('link', { name: 'Scheda soggetto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${componente.cognome} ${componente.nome}` })).toBeVisible();
  await page.getByRole('link', { name: 'Scheda famiglia' }).click();
  const precedente = page.getByTestId('famiglia-precedente');
  await expect(precedente).toContainText(`risulta deceduto il ${oggiIt()}`);
  await expect(precedente).toContainText(intestatario.legame.idFamigliaConvivenzaANPR);
  await schermataDoc(page, 'famiglia-deceduto', out);
  await precedente.getByRole('link', { name: `${intestatario.cognome} ${intestatario.nome}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Famiglia / })).toBeVisible();
  await expect(page.getByTestId('componenti-famiglia')).toContainText(intestatario.codiceFiscale);
  await expect(page.getByTestId('componenti-famiglia')).not.toContainText(componente.codiceFiscale);
});

test('il pulsante Certificato della scheda soggetto apre l’emissione con la persona già scelta', async ({ app: page, webHost }, testInfo) => {
  const out = (name: string) => testInfo.outputPath(name);
  await expect(page.getByTestId('connessione-stato')).toHaveText('ANPR raggiungibile');
  const { intestatario } = famigliaDelSimulatore(webHost, 4);
  await apri(page, `/soggetti/${intestatario.idSchedaSoggettoANPR}`);
  await expect(page.getByRole('heading', { level: 1, name: `${intestatario.cognome} ${intestatario.nome}` })).toBeVisible();
  await schermataDoc(page, 'scheda-soggetto-certificato', out);
  await page.getByRole('link', { name: 'Certificato' }).click();
  await expect(page.getByRole('heading', { name: 'Certificati anagrafici' })).toBeVisible();
  await expect(page.getByTestId('intestatario-scelto')).toContainText(`${intestatario.cognome} ${intestatario.nome}`);
  await expect(page.getByTestId('intestatario-scelto')).toContainText(intestatario.codiceFiscale);
});
