import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../test-support/core';
import type { CertificatoArchivio, EsitoCertificazione, RegistroCertificati, RichiestaCertificato } from '../../../shared/ipc/contract';
import type { PersonaSim } from '../../simulator/state/store';
import type { SimulatorHandle } from '../../simulator';

const web = { transport: 'web' as const };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type TestCore = ReturnType<typeof createTestCore>;
const aperti: TestCore[] = [];
const cartelle: string[] = [];
afterEach(async () => {
  for (const c of aperti.splice(0)) await c.close().catch(() => undefined);
  for (const d of cartelle.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function avvia(dataDir?: string): Promise<{ core: TestCore; sim: SimulatorHandle; dataDir: string }> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'sportello-cert-'));
  if (!dataDir) cartelle.push(dir);
  const core = createTestCore({ dataDir: dir, clock: { now: () => new Date() } });
  aperti.push(core);
  expect(await core.router.dispatch('connessione.verifica', undefined, web)).toMatchObject({ ok: true, value: { stato: 'raggiungibile' } });
  return { core, sim: core.anpr.simulatore()!, dataDir: dir };
}

function residenteConFamiglia(sim: SimulatorHandle): PersonaSim {
  return sim.admin.campione(undefined, 300).find((p) => {
    const s = sim.admin.store.getScheda(p.legame.idFamigliaConvivenzaANPR);
    return p.stato === 'residente' && p.anomalie.length === 0 && s?.tipo === 'famiglia' && !!s.intestatarioId && s.componenti.length > 1;
  })!;
}

function richiesta(p: PersonaSim, over: Partial<RichiestaCertificato> = {}): RichiestaCertificato {
  return {
    idSchedaSoggettoANPR: p.idSchedaSoggettoANPR,
    tipi: ['8'],
    richiedente: { tipo: 'intestatario' },
    paEstera: '0',
    bollo: { centesimi: 1600, modalita: '1', esenzione: '0', descrizioneEsenzione: '' },
    diritti: { esenti: false, centesimi: 52 },
    forzaCertificazione: false,
    ...over,
  };
}

async function call<T>(core: TestCore, channel: string, payload: unknown): Promise<T> {
  const env = await core.router.dispatch(channel, payload, web);
  if (!env.ok) throw new Error(`${channel}: ${JSON.stringify(env.error)}`);
  return env.value as T;
}

const operazioni6001 = (sim: SimulatorHandle) => sim.admin.operations().filter((o) => o.servizio === '6001');

describe('certificazione (6001) through the core and the simulator', () => {
  it('previews (emissione 3, no effect) then issues; archives the PDF byte for byte with its SHA-256; register totals', async () => {
    const { core, sim } = await avvia();
    const p = residenteConFamiglia(sim);

    const anteprima = await call<EsitoCertificazione>(core, 'certificazione.anteprima', richiesta(p));
    expect(anteprima.esito).toBe('anteprima');
    if (anteprima.esito !== 'anteprima') return;
    const pdfAnteprima = Buffer.from(anteprima.pdfBase64, 'base64');
    expect(pdfAnteprima.toString('latin1')).toContain('ANTEPRIMA');
    expect(operazioni6001(sim).find((o) => o.idOperazioneComune === anteprima.idOperazioneComune)?.effetti).toBe(0);

    const emesso = await call<EsitoCertificazione>(core, 'certificazione.emetti', richiesta(p, { tipi: ['8', '12'] }));
    expect(emesso.esito).toBe('emesso');
    if (emesso.esito !== 'emesso') return;
    const pdf = Buffer.from(emesso.pdfBase64, 'base64');
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.toString('latin1')).toContain(`Numero di protocollo ANPR: ${emesso.certificato.protocolloAnpr}`);
    expect(emesso.recuperato).toBe(false);
    expect(emesso.certificato).toMatchObject({ stato: 'emesso', tentativi: 1, bolloCentesimi: 1600, dirittiCentesimi: 52, operatore: { codiceFiscale: 'TSTMRA80A01H501C' } });
    // The archived hash is the hash of the bytes ANPR sent (the simulator records its own).
    const simSha = sim.admin.store.db.prepare('SELECT sha256 FROM certificati WHERE id_op_comune = ?').get(emesso.certificato.idOperazioneComune) as { sha256: string };
    expect(emesso.certificato.sha256).toBe(sha(pdf));
    expect(emesso.certificato.sha256).toBe(simSha.sha256);
    const archiviato = await call<{ pdfBase64: string; sha256: string; integro: boolean }>(core, 'certificazione.pdf', { id: emesso.certificato.id });
    expect(Buffer.from(archiviato.pdfBase64, 'base64').equals(pdf)).toBe(true);
    expect(archiviato).toMatchObject({ sha256: simSha.sha256, integro: true });
    expect(operazioni6001(sim).filter((o) => o.idOperazioneComune === emesso.certificato.idOperazioneComune)).toEqual([
      expect.objectContaining({ effetti: 1 }),
    ]);

    // The archive never changes an archived PDF (database triggers).
    expect(() => core.db.prepare('UPDATE certificati_emessi SET pdf = ? WHERE id = ?').run(Buffer.from('x'), emesso.certificato.id)).toThrow(/non si modifica/);
    expect(() => core.db.prepare('DELETE FROM certificati_emessi WHERE id = ?').run(emesso.certificato.id)).toThrow(/non si cancella/);

    // A second one, exempt (code 5), diritti 0.26; then the day's register and its exports.
    const esente = await call<EsitoCertificazione>(
      core,
      'certificazione.emetti',
      richiesta(p, { bollo: { centesimi: 0, modalita: '', esenzione: '5', descrizioneEsenzione: '' }, diritti: { esenti: false, centesimi: 26 } }),
    );
    expect(esente.esito).toBe('emesso');
    expect(await call(core, 'certificazione.stampa', { id: emesso.certificato.id })).toEqual({ stampe: 1 });
    const giorno = emesso.certificato.giorno!;
    const reg = await call<RegistroCertificati>(core, 'certificazione.registro', { data: giorno, operatore: '' });
    expect(reg.totali).toEqual({ certificati: 2, bolloCentesimi: 1600, dirittiCentesimi: 78 });
    expect(reg.operatori).toEqual([{ codiceFiscale: 'TSTMRA80A01H501C', nominativo: 'TEST MARIO' }]);
    expect((await call<RegistroCertificati>(core, 'certificazione.registro', { data: giorno, operatore: 'RSSMRA80A01H501U' })).totali.certificati).toBe(0);
    const csv = await call<{ contenutoBase64: string; nomeFile: string }>(core, 'certificazione.esporta', { data: giorno, operatore: '', formato: 'csv' });
    const testo = Buffer.from(csv.contenutoBase64, 'base64').toString('utf8');
    expect(testo).toMatch(/;Totale: 2 certificati;+16,00;+0,78;/);
    expect(testo).toContain(emesso.certificato.protocolloAnpr!);
    const pdfReg = Buffer.from((await call<{ contenutoBase64: string }>(core, 'certificazione.esporta', { data: giorno, operatore: '', formato: 'pdf' })).contenutoBase64, 'base64');
    expect(pdfReg.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdfReg.toString('latin1')).toContain('Totale: 2 certificati');
    const archivio = await call<{ certificati: CertificatoArchivio[] }>(core, 'certificazione.archivio', { dal: '', al: '', testo: p.codiceFiscale, operatore: '', stato: '' });
    expect(archivio.certificati).toHaveLength(2);
  });

  it('a local rule stops the request before anything is sent, and explains the rule', async () => {
    const { core, sim } = await avvia();
    const p = residenteConFamiglia(sim);
    const prima = operazioni6001(sim).length;
    const r = await call<EsitoCertificazione>(core, 'certificazione.emetti', richiesta(p, { bollo: { centesimi: 0, modalita: '', esenzione: '99', descrizioneEsenzione: '' } }));
    expect(r.esito).toBe('bloccata');
    if (r.esito !== 'bloccata') return;
    expect(r.violazioni).toContainEqual(
      expect.objectContaining({
        regola: 'esenzione.99-descrizione',
        sezione: 'Esenzione bolli',
        condizioneAnpr: 'Se motivo esenzione bollo = 99 - Altro motivo esenzione e Descrizione Esenzione Bollo assente',
        messaggio: expect.stringContaining('descrizione'),
      }),
    );
    const combinati = await call<EsitoCertificazione>(core, 'certificazione.anteprima', richiesta(p, { tipi: ['9', '8'] }));
    expect(combinati).toMatchObject({ esito: 'bloccata', violazioni: [{ regola: 'combinazione.solo-singolo', tipoCertificato: '9' }] });
    const giudiziario = await call<EsitoCertificazione>(core, 'certificazione.anteprima', richiesta(p, { paEstera: '3' }));
    expect(giudiziario).toMatchObject({ esito: 'bloccata', violazioni: [{ regola: 'esenzione.uso-obbligatoria', condizioneAnpr: expect.stringContaining('paEstera=2') }] });
    const pa = await call<EsitoCertificazione>(core, 'certificazione.anteprima', richiesta(p, { richiedente: { tipo: 'pa', ente: 'INPS', estremiRichiesta: '', dataRichiesta: '' } }));
    expect(pa).toMatchObject({ esito: 'bloccata', violazioni: [{ regola: 'richiedente.pa-estremi', sezione: 'Tipo richiedente PA' }] });
    expect(operazioni6001(sim).length).toBe(prima);
    // Subject rules use the data just read from ANPR: a death certificate for a living person.
    const morte = await call<EsitoCertificazione>(core, 'certificazione.anteprima', richiesta(p, { tipi: ['2'] }));
    expect(morte).toMatchObject({ esito: 'bloccata', violazioni: [{ regola: 'soggetto.non-deceduto' }] });
    expect(operazioni6001(sim).length).toBe(prima);
  });

  it("ANPR's refusal is shown verbatim and recorded", async () => {
    const { core, sim } = await avvia();
    const sposato = sim.admin.campione(undefined, 300).find((x) => x.stato === 'residente' && x.statoCivile.codice === '2')!;
    const r = await call<EsitoCertificazione>(core, 'certificazione.emetti', richiesta(sposato, { tipi: ['17'] }));
    expect(r).toMatchObject({ esito: 'respinta', errori: [{ codice: 'EN060' }], messaggio: expect.stringContaining('EN060') });
    const rows = await call<{ certificati: CertificatoArchivio[] }>(core, 'certificazione.archivio', { dal: '', al: '', testo: '', operatore: '', stato: 'respinto' });
    expect(rows.certificati).toEqual([expect.objectContaining({ stato: 'respinto', errori: [expect.objectContaining({ codice: 'EN060' })] })]);
  });

  it('connection dropped after ANPR issued: the same id is replayed and there is exactly one certificate, byte-identical', async () => {
    const { core, sim } = await avvia();
    const p = residenteConFamiglia(sim);
    sim.admin.addFault({ tipo: 'caduta_dopo', servizio: '6001', volte: 1 });
    const r = await call<EsitoCertificazione>(core, 'certificazione.emetti', richiesta(p, { tipi: ['12'] }));
    expect(r.esito).toBe('emesso');
    if (r.esito !== 'emesso') return;
    const id = r.certificato.idOperazioneComune;
    expect(sim.admin.faults()).toEqual([]);
    // The simulator committed, dropped the connection, then answered a replay of the SAME id.
    const log = (core.logger as unknown as { entries: { message: string; fields?: Record<string, unknown> }[] }).entries;
    expect(log.filter((e) => e.message === 'fault: connection dropped after commit' && e.fields?.['idOperazioneComune'] === id)).toHaveLength(1);
    expect(log.filter((e) => e.message === 'replay of a stored answer' && e.fields?.['idOperazioneComune'] === id).length).toBeGreaterThanOrEqual(1);
    expect(operazioni6001(sim).filter((o) => o.effetti > 0)).toEqual([expect.objectContaining({ idOperazioneComune: id, effetti: 1 })]);
    // What the simulator stored and issued, byte for byte.
    const comune = sim.admin.store.db.prepare('SELECT comune FROM certificati WHERE id_op_comune = ?').pluck().get(id) as string;
    const pdfSim = Buffer.from(/<certificatoPdf>([^<]+)<\/certificatoPdf>/.exec(sim.admin.store.getOperazione(comune, id)!.rispostaXml!)![1]!, 'base64');
    const archiviato = Buffer.from((await call<{ pdfBase64: string }>(core, 'certificazione.pdf', { id: r.certificato.id })).pdfBase64, 'base64');
    expect(archiviato.equals(pdfSim)).toBe(true);
    expect(sha(archiviato)).toBe(r.certificato.sha256);
    // No names or codici fiscali in the application log.
    const testoLog = JSON.stringify(log.filter((e) => !String(e.fields?.['scope'] ?? '').startsWith('simulatore')));
    expect(testoLog).not.toContain(p.codiceFiscale);
    expect(testoLog).not.toContain(p.cognome);
  });

  it('an answer lost after ANPR committed (malformed): the service replays the id itself and marks it recovered', async () => {
    const { core, sim } = await avvia();
    const p = residenteConFamiglia(sim);
    sim.admin.addFault({ tipo: 'xml_malformato', servizio: '6001', volte: 1 });
    const r = await call<EsitoCertificazione>(core, 'certificazione.emetti', richiesta(p));
    expect(r).toMatchObject({ esito: 'emesso', recuperato: true, certificato: { tentativi: 2, stato: 'emesso' } });
    if (r.esito !== 'emesso') return;
    expect(operazioni6001(sim).filter((o) => o.effetti > 0)).toEqual([expect.objectContaining({ idOperazioneComune: r.certificato.idOperazioneComune, effetti: 1 })]);
    const simSha = sim.admin.store.db.prepare('SELECT sha256 FROM certificati WHERE id_op_comune = ?').pluck().get(r.certificato.idOperazioneComune);
    expect(r.certificato.sha256).toBe(simSha);
  });

  it('outcome still unknown: the row stays pending, and the next start replays the same id (one certificate)', async () => {
    const { core, sim, dataDir } = await avvia();
    const p = residenteConFamiglia(sim);
    // ANPR commits and the connection drops; from then on every replay gets an HTTP 500.
    sim.admin.setFaults([{ tipo: 'caduta_dopo', servizio: '6001', volte: 1 }]);
    const inCorso = call<EsitoCertificazione>(core, 'certificazione.emetti', richiesta(p));
    await expect.poll(() => operazioni6001(sim).some((o) => o.effetti > 0), { timeout: 20_000, interval: 5 }).toBe(true);
    sim.admin.setFaults([{ tipo: 'http500', servizio: '6001' }]);
    const r = await inCorso;
    expect(r.esito).toBe('in_sospeso');
    if (r.esito !== 'in_sospeso') return;
    expect(r.messaggio).toContain('NON va richiesto di nuovo');
    const id = r.certificato.idOperazioneComune;
    expect(operazioni6001(sim).filter((o) => o.idOperazioneComune === id)).toEqual([expect.objectContaining({ effetti: 1 })]);
    sim.admin.clearFaults();
    await core.close();
    aperti.splice(aperti.indexOf(core), 1);

    // A new start on the same data folder: the pending issuance is reconciled with its own id.
    const dopo = await avvia(dataDir);
    const esito = await call<{ recuperati: number; inSospeso: number }>(dopo.core, 'certificazione.riconcilia', undefined);
    expect(esito.inSospeso).toBe(0);
    const rows = await call<{ certificati: CertificatoArchivio[] }>(dopo.core, 'certificazione.archivio', { dal: '', al: '', testo: '', operatore: '', stato: '' });
    expect(rows.certificati).toEqual([expect.objectContaining({ idOperazioneComune: id, stato: 'emesso' })]);
    const ops = operazioni6001(dopo.sim).filter((o) => o.effetti > 0);
    expect(ops).toEqual([expect.objectContaining({ idOperazioneComune: id, effetti: 1 })]);
    const simSha = dopo.sim.admin.store.db.prepare('SELECT sha256 FROM certificati WHERE id_op_comune = ?').pluck().get(id);
    expect(rows.certificati[0]!.sha256).toBe(simSha);
  });

  it('offline: issuance refuses with a clear message; archive and register still work', async () => {
    const { core, sim } = await avvia();
    const p = residenteConFamiglia(sim);
    await call(core, 'ricerca.scheda', { idSchedaSoggettoANPR: p.idSchedaSoggettoANPR });
    sim.admin.setFaults([{ tipo: 'anpr_fermo', durataMs: 60_000 }]);
    const r = await call<EsitoCertificazione>(core, 'certificazione.emetti', richiesta(p));
    expect(r).toMatchObject({ esito: 'non_raggiungibile', messaggio: expect.stringContaining('ANPR non è raggiungibile') });
    const a = await call<EsitoCertificazione>(core, 'certificazione.anteprima', richiesta(p));
    expect(a.esito).toBe('non_raggiungibile');
    expect(await call<{ certificati: unknown[] }>(core, 'certificazione.archivio', { dal: '', al: '', testo: '', operatore: '', stato: '' })).toEqual({ certificati: [] });
    expect((await call<RegistroCertificati>(core, 'certificazione.registro', { data: '2026-01-01', operatore: '' })).totali.certificati).toBe(0);
    sim.admin.clearFaults();
  });
});
