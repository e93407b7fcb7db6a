/**
 * Going live through the core: the CA bundle import, the real reason of each
 * failed "Verifica collegamento", and the go-live checklist, against the
 * training simulator reached as if it were ANPR TEST (real HTTPS, real PKI).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, OPERATORE_TEST, testClock } from '../test-support/core';
import { ensureTestPki } from '../test-support/pki';
import type { Core } from './create-core';

type TestCore = Core & { dispose(): Promise<void> };
const cores: TestCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose();
});

async function call<T>(core: TestCore, channel: string, payload?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  return (await core.router.dispatch(channel as never, payload as never, { transport: 'test' })) as never;
}
async function value<T>(core: TestCore, channel: string, payload?: unknown): Promise<T> {
  const r = await call<T>(core, channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}
const verifica = (core: TestCore) => value<{ stato: string; messaggio: string | null }>(core, 'connessione.verifica');

/** A core whose TEST endpoint is its own running training simulator. */
async function coreInTest(anticipoMs = 0): Promise<{ core: TestCore; prova: (f: string) => string; passphrase: string; clock: ReturnType<typeof testClock> }> {
  // Real time, settable: the skew against the simulator's Date header stays within a few seconds.
  const clock = testClock(new Date(Date.now() + anticipoMs));
  const core = createTestCore({ clock });
  cores.push(core);
  expect((await verifica(core)).stato).toBe('raggiungibile');
  const url = core.anpr.simulatore()!.url;
  await value(core, 'ambiente.salva', { tipo: 'TEST', endpoint: url });
  const dir = join(core.options.dataDir, 'ambiente-prova');
  const passphrase = (JSON.parse(readFileSync(join(dir, 'ambiente-prova.json'), 'utf8')) as { passphrase: string }).passphrase;
  return { core, prova: (f) => join(dir, f), passphrase, clock };
}
const importaComune = (core: TestCore, p12: string, passphrase: string) =>
  call(core, 'certificati.importa', { tipo: 'comune', p12Base64: readFileSync(p12).toString('base64'), passphrase });
const importaCa = (core: TestCore, pem: string) => call<{ certificati: { commonName: string; sha256: string }[] }>(core, 'certificati.importaCa', { pem });

describe('CA bundle import', () => {
  const pki = ensureTestPki();

  it('stores a PEM CA bundle in the data folder, shows its certificates, and removes it', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    cores.push(core);
    expect(await value(core, 'certificati.ca')).toMatchObject({ origine: null, certificati: [], errore: expect.stringContaining('Manca il bundle CA di ANPR') });
    const imported = await importaCa(core, pki.pem('ca.crt'));
    expect(imported).toMatchObject({ ok: true, value: { origine: 'importato', errore: null, certificati: [{ commonName: 'CA Postazioni Svil (test)', ca: true, scaduto: false, sha256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) }] } });
    expect(readFileSync(join(core.options.dataDir, 'certificati', 'anpr-ca-bundle.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(await value(core, 'certificati.rimuoviCa')).toMatchObject({ origine: null, certificati: [] });
  });

  it('refuses a file that is not PEM', async () => {
    const core = createTestCore();
    cores.push(core);
    expect(await importaCa(core, 'questo non è un certificato')).toMatchObject({ ok: false, error: { message: expect.stringContaining('non è un bundle PEM') } });
    expect(await value(core, 'certificati.ca')).toMatchObject({ origine: null });
  });

  it('refuses a server (non-CA) certificate', async () => {
    const core = createTestCore();
    cores.push(core);
    expect(await importaCa(core, pki.pem('server.crt'))).toMatchObject({ ok: false, error: { message: expect.stringContaining('non sono di una CA (localhost)') } });
  });

  it('refuses an expired CA bundle', async () => {
    const core = createTestCore({ clock: testClock(new Date('2045-01-01T09:00:00Z')) });
    cores.push(core);
    expect(await importaCa(core, pki.pem('ca.crt'))).toMatchObject({ ok: false, error: { message: expect.stringContaining('scaduti') } });
  });
});

describe('Verifica collegamento in TEST says what failed', () => {
  const pki = ensureTestPki();

  it('no certificate, no CA, wrong CA, then the right one: the checklist goes green', async () => {
    const { core, prova, passphrase } = await coreInTest();
    expect(await verifica(core)).toMatchObject({ stato: 'non_raggiungibile', messaggio: expect.stringContaining('Manca il certificato del comune: importarlo in Impostazioni') });
    // Every screen that needs ANPR says the same, not "errore interno".
    expect(await call(core, 'pratiche.elenco')).toMatchObject({ ok: false, error: { code: 'CERTIFICATO_COMUNE_MANCANTE', message: expect.stringContaining('Manca il certificato del comune') } });

    expect(await importaComune(core, prova('comune.p12'), 'password-sbagliata')).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_ERRATA' } });
    expect(await importaComune(core, prova('comune.p12'), passphrase)).toMatchObject({ ok: true });
    expect(await verifica(core)).toMatchObject({ stato: 'non_raggiungibile', messaggio: expect.stringContaining('Manca il bundle CA di ANPR') });
    expect(await call(core, 'pratiche.elenco')).toMatchObject({ ok: false, error: { code: 'CA_ANPR_MANCANTE' } });

    expect(await importaCa(core, pki.pem('rogue-ca.crt'))).toMatchObject({ ok: true });
    expect(await verifica(core)).toMatchObject({ stato: 'non_raggiungibile', messaggio: expect.stringContaining('non è attendibile') });

    expect(await importaCa(core, readFileSync(prova('ca.crt'), 'utf8'))).toMatchObject({ ok: true });
    expect(await verifica(core)).toMatchObject({ stato: 'raggiungibile', messaggio: null });
    expect(await call(core, 'pratiche.elenco')).toMatchObject({ ok: true });

    const stato = await value<{ voci: { id: string; stato: string; motivo: string }[] }>(core, 'messaInEsercizio.stato');
    const voce = (id: string) => stato.voci.find((v) => v.id === id)!;
    expect(voce('certificato')).toMatchObject({ stato: 'ok', motivo: expect.stringContaining('056003-CO-9999') });
    expect(voce('ca')).toMatchObject({ stato: 'ok' });
    expect(voce('orologio')).toMatchObject({ stato: 'ok', motivo: expect.stringMatching(/tolleranza circa 30 secondi/) });
    expect(voce('ip')).toMatchObject({ stato: 'ok' });
    expect(voce('collegamento')).toMatchObject({ stato: 'ok' });
    expect(voce('dati_prova')).toMatchObject({ stato: 'ok', motivo: expect.stringContaining('ANPR – ambiente di TEST') });
    expect(voce('operatori')).toMatchObject({ stato: 'da_fare' });

    await value(core, 'operatori.crea', { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'ROSSI', nome: 'MARIA', ruolo: 'operatore', password: 'password-iniziale-1' });
    const dopo = await value<{ pronta: boolean; voci: { id: string; stato: string }[] }>(core, 'messaInEsercizio.stato');
    expect(dopo.voci.find((v) => v.id === 'operatori')).toMatchObject({ stato: 'ok' });
    expect(dopo.pronta).toBe(true);
  });

  it('a policy refusal names the unregistered IP and the clock', async () => {
    const { core, prova, passphrase } = await coreInTest();
    await importaComune(core, prova('comune.p12'), passphrase);
    await importaCa(core, readFileSync(prova('ca.crt'), 'utf8'));
    await core.anpr.simulatore()!.admin.addFault({ tipo: 'rifiuto_policy' } as never);
    const esito = await verifica(core);
    expect(esito).toMatchObject({ stato: 'non_raggiungibile', messaggio: expect.stringContaining('Rejected by policy') });
    expect(esito.messaggio).toContain("l'indirizzo IP pubblico");
    const stato = await value<{ voci: { id: string; stato: string }[] }>(core, 'messaInEsercizio.stato');
    expect(stato.voci.find((v) => v.id === 'ip')).toMatchObject({ stato: 'errore' });
  });

  it('an endpoint that refuses connections, or whose name does not resolve, said once', async () => {
    const { core, prova, passphrase } = await coreInTest();
    await importaComune(core, prova('comune.p12'), passphrase);
    await importaCa(core, readFileSync(prova('ca.crt'), 'utf8'));
    await value(core, 'ambiente.salva', { tipo: 'TEST', endpoint: 'https://127.0.0.1:9' });
    const esito = await verifica(core);
    expect(esito).toMatchObject({ stato: 'non_raggiungibile', messaggio: expect.stringContaining('connessione rifiutata da 127.0.0.1') });
    expect(esito.messaggio).toContain("l'indirizzo del servizio in Impostazioni");
    expect(esito.messaggio!.match(/ANPR non raggiungibile/g)).toHaveLength(1);

    await value(core, 'ambiente.salva', { tipo: 'TEST', endpoint: 'https://wstest.anpr.invalid' });
    expect(await verifica(core)).toMatchObject({ stato: 'non_raggiungibile', messaggio: expect.stringContaining('il nome wstest.anpr.invalid non è stato trovato (DNS)') });
  });

  it('a comune certificate that has expired since its import', async () => {
    const { core, prova, passphrase, clock } = await coreInTest();
    await importaComune(core, prova('comune.p12'), passphrase);
    clock.set(new Date(Date.now() + 20 * 365 * 86_400_000));
    await core.accesso.accedi(OPERATORE_TEST.codiceFiscale, OPERATORE_TEST.password);
    expect(await verifica(core)).toMatchObject({ stato: 'non_raggiungibile', messaggio: expect.stringMatching(/Il certificato del comune non è utilizzabile: .*scaduto.*importare il certificato rinnovato/) });
    const stato = await value<{ voci: { id: string; stato: string }[] }>(core, 'messaInEsercizio.stato');
    expect(stato.voci.find((v) => v.id === 'certificato')).toMatchObject({ stato: 'errore' });
  });

  it('a clock two minutes ahead of ANPR is an error on the checklist, measured on the answer of TestConn', async () => {
    const { core, prova, passphrase } = await coreInTest(120_000);
    await importaComune(core, prova('comune.p12'), passphrase);
    await importaCa(core, readFileSync(prova('ca.crt'), 'utf8'));
    await verifica(core);
    const stato = await value<{ voci: { id: string; stato: string; motivo: string }[] }>(core, 'messaInEsercizio.stato');
    expect(stato.voci.find((v) => v.id === 'orologio')).toMatchObject({ stato: 'errore', motivo: expect.stringMatching(/L'orologio è 1[12]\d secondi avanti rispetto ad ANPR/) });
  });

  it('training is said to be training; the public IP, which cannot be seen from here, is confirmed by the administrator', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    cores.push(core);
    type Stato = { ipConfermato: boolean; pronta: boolean; voci: { id: string; stato: string; motivo: string }[] };
    const voce = (s: Stato, id: string) => s.voci.find((v) => v.id === id)!;
    const prova = await value<Stato>(core, 'messaInEsercizio.stato');
    expect(voce(prova, 'dati_prova')).toMatchObject({ stato: 'da_fare', motivo: expect.stringContaining('Ambiente di prova locale') });
    expect(prova.pronta).toBe(false);
    await value(core, 'ambiente.salva', { tipo: 'TEST' });
    const test = await value<Stato>(core, 'messaInEsercizio.stato');
    expect(voce(test, 'ip')).toMatchObject({ stato: 'da_fare', motivo: expect.stringContaining('Amministrazione › Informazioni aggiuntive') });
    const confermato = await value<Stato>(core, 'messaInEsercizio.confermaIp', { confermato: true });
    expect(confermato.ipConfermato).toBe(true);
    expect(voce(confermato, 'ip')).toMatchObject({ stato: 'ok', motivo: expect.stringContaining("confermata dall'amministratore") });
    // Per environment: PRODUZIONE needs its own confirmation.
    await value(core, 'ambiente.salva', { tipo: 'PRODUZIONE', conferma: 'PRODUZIONE' });
    expect(voce(await value<Stato>(core, 'messaInEsercizio.stato'), 'ip')).toMatchObject({ stato: 'da_fare' });
  });
});
