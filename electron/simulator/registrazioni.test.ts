import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponseBody } from '../anpr/xsd/validate';
import { closeTransportAgents } from '../anpr/transport/https-transport';
import type { ServiceCode } from '../anpr/services/registry';
import type { Generalita } from '../anpr/services/types';
import type { PersonaSim, SchedaSim } from './state/store';
import { oggi, startFixture, testata, type SimFixture } from './test-helpers';

let f: SimFixture;
let D: string;
beforeAll(async () => {
  f = await startFixture();
  D = oggi();
});
afterAll(async () => {
  closeTransportAgents();
  await f.sim.close();
});

function persone(): PersonaSim[] {
  return (f.sim.admin.store.db.prepare("SELECT doc FROM persone WHERE stato = 'residente' ORDER BY rowid").all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as PersonaSim);
}
function schede(): SchedaSim[] {
  return (f.sim.admin.store.db.prepare('SELECT doc FROM schede ORDER BY rowid').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as SchedaSim).filter((s) => s.attiva);
}
const gen = (p: PersonaSim): Generalita => ({ codiceFiscale: p.codiceFiscale, cognome: p.cognome, nome: p.nome, sesso: p.sesso, dataNascita: p.dataNascita, idSchedaSoggettoANPR: p.idSchedaSoggettoANPR });
const roma = () => ({ nomeComune: 'ROMA', codiceIstat: f.pki.istat, siglaProvinciaIstat: 'RM' });
const opts = (id = f.nextId()) => ({ idOperazioneComune: id, testata: { dataDecorrenza: D } });
const q3002 = (cf: string, scheda = '1') => ({ testata, criteriRicerca: { codiceFiscale: cf }, datiRichiesta: { schedaAnagraficaRichiesta: scheda, dataRiferimentoRichiesta: D, ricercaNazionale: '1' } });

/** The Risposta<CODE> element of a plain SOAP answer, validated against the official XSD. */
async function expectValidResponse(service: ServiceCode, envelopeXml: string): Promise<void> {
  const m = /<soap:Body>([\s\S]*)<\/soap:Body>/.exec(envelopeXml);
  expect(m).toBeTruthy();
  const res = await validateResponseBody(m![1]!, service);
  expect(res).toEqual({ valid: true });
}

function famigliaConAlmeno(n: number, pred: (s: SchedaSim) => boolean = () => true): SchedaSim {
  const s = schede().find((x) => x.tipo === 'famiglia' && x.componenti.length >= n && pred(x));
  if (!s) throw new Error('no suitable family in the synthetic population');
  return s;
}

describe('registrations change the living population', () => {
  let moved: { id: string; idAnpr: string; fam: SchedaSim; cf: string; oldAddress: string };

  it('5005 moves a whole family; 3002 shows the new address; the answer is XSD-valid', async () => {
    const fam = famigliaConAlmeno(2);
    const cf = f.sim.admin.persona(fam.componenti[0]!)!.codiceFiscale;
    const before = await f.client.send('3002', q3002(cf), { idOperazioneComune: f.nextId() });
    const oldAddress = before.outcome.kind === 'accolta' ? before.outcome.value.soggetti[0]!.residenza[0]!.testo : '';
    const id = f.nextId();
    const r = await f.client.send(
      '5005',
      {
        testata,
        generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: fam.idFamigliaConvivenzaANPR, tipoScheda: '1' },
        residenzaFamiglia: [{ tipoIndirizzo: '1', indirizzo: { cap: '00184', comune: roma(), toponimo: { codSpecie: '54', specie: 'VIA', denominazioneToponimo: 'NAZIONALE' }, numeroCivico: { numero: '12' } }, dataDecorrenzaResidenza: D }],
        datiControllo: { tipoMutazione: '3', tipoScheda: '1' },
      },
      opts(id),
    );
    expect(r.outcome).toMatchObject({ kind: 'accolta_con_avvisi', anomalie: [{ codice: 'EN111', tipo: 'W' }], esitoOperazione: '6' });
    await expectValidResponse('5005', r.exchange.response!.toString('utf8'));
    const after = await f.client.send('3002', q3002(cf), { idOperazioneComune: f.nextId() });
    expect(after.outcome.kind).toBe('accolta');
    if (after.outcome.kind === 'accolta') expect(after.outcome.value.soggetti[0]!.residenza[0]!.testo).toContain('NAZIONALE 12');
    await expectValidResponse('3002', after.exchange.response!.toString('utf8'));
    if (r.outcome.kind !== 'accolta_con_avvisi') throw new Error('unexpected');
    moved = { id, idAnpr: r.outcome.idOperazioneANPR!, fam, cf, oldAddress };
  });

  it('replaying the same idOperazioneComune returns the same idOperazioneANPR and applies nothing twice', async () => {
    const r = await f.client.send(
      '5005',
      {
        testata,
        generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: moved.fam.idFamigliaConvivenzaANPR, tipoScheda: '1' },
        residenzaFamiglia: [{ tipoIndirizzo: '1', indirizzo: { cap: '00184', comune: roma(), toponimo: { codSpecie: '54', specie: 'VIA', denominazioneToponimo: 'NAZIONALE' }, numeroCivico: { numero: '12' } }, dataDecorrenzaResidenza: D }],
        datiControllo: { tipoMutazione: '3', tipoScheda: '1' },
      },
      opts(moved.id),
    );
    expect(r.outcome).toMatchObject({ idOperazioneANPR: moved.idAnpr });
    const ops = f.sim.admin.operations().filter((o) => o.idOperazioneComune === moved.id);
    expect(ops).toEqual([{ servizio: '5005', idOperazioneComune: moved.id, idOperazioneANPR: moved.idAnpr, effetti: 1, operatore: 'RSSMRA80A01H501U' }]);
  });

  it('a lower idOperazioneComune than the last registration is refused', async () => {
    const lower = String(BigInt(moved.id) - 100_000n);
    const r = await f.client.send(
      '5008',
      { testata, generalitaPerRicerca: { codiceFiscale: moved.cf, cognome: 'X', nome: 'Y' }, datiControllo: { tipoMutazione: ['7'] } },
      opts(lower),
    );
    expect(r.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'SX002' }] });
  });

  it('3003 finds the operation by idOperazioneComune and by idOperazioneANPR', async () => {
    for (const ricerca of [{ idOperazioneComune: moved.id, tipoOperazione: '1' }, { idOperazioneANPR: moved.idAnpr, tipoOperazione: '1' }]) {
      const r = await f.client.send('3003', { testata, ricercaSingolaRichiesta: ricerca }, { idOperazioneComune: f.nextId() });
      expect(r.outcome.kind).toBe('accolta');
      if (r.outcome.kind !== 'accolta') return;
      expect(r.outcome.value.elencoRisposte[0]).toMatchObject({ statoLavorazione: '6', tipoOperazione: '5005' });
      expect(r.outcome.value.elencoRisposte[0]!.xmlRisposta).toContain(moved.idAnpr);
      await expectValidResponse('3003', r.exchange.response!.toString('utf8'));
    }
  });

  it('3007 lists the ids of the operations, which 3003 then fetches', async () => {
    const r = await f.client.send('3007', { testata, ricercaElenchiRichieste: { statoLavorazione: '9', operazioneRichiesta: '5005' } }, { idOperazioneComune: f.nextId() });
    expect(r.outcome.kind).toBe('accolta');
    if (r.outcome.kind !== 'accolta') return;
    expect(r.outcome.value.operazioni).toContainEqual({ statoLavorazione: '6', tipoOperazione: '5005', idOperazioneANPR: moved.idAnpr });
    expect(r.outcome.value.operazioni.every((o) => o.tipoOperazione === '5005')).toBe(true);
    await expectValidResponse('3007', r.exchange.response!.toString('utf8'));
  });

  it('5012 annuls the move: the old address is back', async () => {
    const p = f.sim.admin.persona(moved.fam.componenti[0]!)!;
    const r = await f.client.send(
      '5012',
      {
        testata,
        datiOperazioneDaAnnullare: { operazioneRichiesta: '5005', idOperazioneComune: moved.id, idOperazioneANPR: moved.idAnpr },
        datiSchedaSoggettoFamigliaConvivenza: { soggetto: gen(p) },
        datiControllo: { tipoScheda: '1', annullamentoAttribuzioneCF: 'N' },
      },
      opts(),
    );
    expect(r.outcome.kind === 'respinta' ? r.outcome.errori : r.outcome.kind).toBe('accolta');
    const after = await f.client.send('3002', q3002(moved.cf), { idOperazioneComune: f.nextId() });
    if (after.outcome.kind === 'accolta') expect(after.outcome.value.soggetti[0]!.residenza[0]!.testo).toBe(moved.oldAddress);
    const again = await f.client.send(
      '5012',
      { testata, datiOperazioneDaAnnullare: { operazioneRichiesta: '5005', idOperazioneComune: moved.id, idOperazioneANPR: moved.idAnpr }, datiSchedaSoggettoFamigliaConvivenza: { soggetto: gen(p) }, datiControllo: { tipoScheda: '1', annullamentoAttribuzioneCF: 'N' } },
      opts(),
    );
    expect(again.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN078' }] });
  });

  it('1001 adds a newborn to the parents’ family, CF computed; 3001 finds the parents', async () => {
    const fam = famigliaConAlmeno(2, (s) => {
      const capo = s.tipo === 'famiglia' ? f.sim.admin.persona(s.intestatarioId) : undefined;
      return !!capo && capo.sesso === 'M' && capo.statoCivile.codice === '2' && !!capo.statoCivile.coniugeId && s.componenti.includes(capo.statoCivile.coniugeId);
    });
    const padre = f.sim.admin.persona((fam as { intestatarioId: string }).intestatarioId)!;
    const madre = f.sim.admin.persona(padre.statoCivile.coniugeId!)!;
    const p3001 = await f.client.send(
      '3001',
      { testata, paternita: { generalita: gen(padre) }, maternita: { generalita: gen(madre) }, datiControlli: { pPadre: 1, pCodiceFiscalePadre: 1, pMadre: 1, pCognomeMadre: 1, pCodiceFiscaleMadre: 1 } },
      { idOperazioneComune: f.nextId() },
    );
    expect(p3001.outcome.kind).toBe('accolta');
    await expectValidResponse('3001', p3001.exchange.response!.toString('utf8'));
    const r = await f.client.send(
      '1001',
      {
        testata,
        generalita1001: { generalita: { cognome: padre.cognome, nome: 'LUCA', sesso: 'M', dataNascita: D, luogoNascita: { comune: roma() } } },
        cittadinanza: { descrizioneStato: 'ITALIA', codiceStato: '100' },
        paternita: { generalita: gen(padre) },
        maternita: { generalita: gen(madre) },
        datiControllo: { origineCognome: '1', filiazione: '1', attribuzioneFamiglia: '1', gestioneCF: '1' },
      },
      opts(),
    );
    expect(r.outcome.kind).toBe('accolta_con_avvisi');
    await expectValidResponse('1001', r.exchange.response!.toString('utf8'));
    if (r.outcome.kind !== 'accolta_con_avvisi') return;
    const cf = r.outcome.value.soggettiVariati[0]!.generalitaAttuali!.codiceFiscale!;
    expect(cf).toMatch(/^[A-Z]{6}\d{2}[A-Z]\d{2}H501[A-Z]$|^[A-Z0-9]{16}$/);
    const fam2 = await f.client.send('3002', q3002(padre.codiceFiscale, '2'), { idOperazioneComune: f.nextId() });
    if (fam2.outcome.kind === 'accolta') expect(fam2.outcome.value.soggetti.map((s) => s.generalita.codiceFiscale)).toContain(cf);
  });

  it('2001 of a head of family without a new head: EN225 warning, then the stato di famiglia is refused with EN062; 5001 fixes it', async () => {
    const fam = famigliaConAlmeno(2, (s) => s.tipo === 'famiglia' && !!s.intestatarioId);
    const capo = f.sim.admin.persona((fam as { intestatarioId: string }).intestatarioId)!;
    const altro = f.sim.admin.persona(fam.componenti.find((id) => id !== capo.idSchedaSoggettoANPR)!)!;
    const r = await f.client.send(
      '2001',
      { testata, motivoCancellazione: { tipoMotivoCancellazione: '1' }, generalitaPerRicerca: gen(capo), datiDecesso: { dataEvento: D, luogoEvento: { comune: roma() } }, datiControllo: { ruoloSoggetto: '1' } },
      opts(),
    );
    expect(r.outcome).toMatchObject({ kind: 'accolta_con_avvisi', anomalie: [{ codice: 'EN225', tipo: 'W' }] });
    await expectValidResponse('2001', r.exchange.response!.toString('utf8'));
    const dead = await f.client.send('3002', q3002(capo.codiceFiscale), { idOperazioneComune: f.nextId() });
    if (dead.outcome.kind === 'accolta') expect(dead.outcome.value.soggetti[0]!.datiDecesso?.dataEvento).toBe(D);
    const cert = (tipo: string) => ({
      testata,
      listaTipiCertificati: [tipo],
      soggettoIntestatario: { generalita: gen(altro) },
      datiControllo: { cognomeUffAnagrafe: 'ROSSI', nomeUffAnagrafe: 'ANNA', tipoRichiedente: '2', tipoRichiesta: '1', paEstera: '0', emissione: '1', bollo: '1600', diritti: '52' },
    });
    const refused = await f.client.send('6001', cert('12'), { idOperazioneComune: f.nextId() });
    expect(refused.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN062' }] });
    const fix = await f.client.send(
      '5001',
      {
        testata,
        famigliaConvivenza: { idFamigliaConvivenzaANPR: fam.idFamigliaConvivenzaANPR, tipoScheda: '1' },
        elencoSoggettiFamiglia: [{ generalita: gen(altro), legameSoggetto: { tipoLegame: '3', dataDecorrenza: D, codiceLegame: '1' } }],
        datiControllo: { tipoMutazione: '1', tipoScheda: '1' },
      },
      opts(),
    );
    expect(fix.outcome.kind).toBe('accolta');
    const ok = await f.client.send('6001', cert('12'), { idOperazioneComune: f.nextId() });
    expect(ok.outcome.kind).toMatch(/^accolta/);
  });

  it('5008 rectifying the generalità closes the subject\'s Agenzia Entrate anomalies (EA029…), which 3002 then no longer lists', async () => {
    const p = persone().find((x) => x.stato === 'residente' && x.anomalie.some((a) => a.codice === 'EA029'))!;
    expect(p).toBeDefined();
    const prima = await f.client.send('3002', q3002(p.codiceFiscale), { idOperazioneComune: f.nextId() });
    expect(prima.outcome.kind === 'accolta' && prima.outcome.value.soggetti[0]!.erroriAnomalie.map((e) => e.codice)).toContain('EA029');
    const r = await f.client.send(
      '5008',
      { testata, generalitaPerRicerca: gen(p), generalitaDaModificare: { generalita: { cognome: p.cognome, nome: p.nome } }, datiControllo: { tipoMutazione: ['1'] } },
      opts(),
    );
    expect(r.outcome.kind).toBe('accolta');
    const dopo = f.sim.admin.persona(p.idSchedaSoggettoANPR)!;
    expect(dopo.anomalie.map((a) => a.codice)).not.toContain('EA029');
    expect(dopo.validitaCF).toBe('1');
    // Other anomalies stay (e.g. a missing marriage is not fixed by rectifying a name).
    expect(dopo.anomalie).toEqual(p.anomalie.filter((a) => !['EA029', 'EAA30', 'EAA40'].includes(a.codice)));
    const letta = await f.client.send('3002', q3002(p.codiceFiscale), { idOperazioneComune: f.nextId() });
    expect(letta.outcome.kind === 'accolta' && letta.outcome.value.soggetti[0]!.erroriAnomalie.map((e) => e.codice)).not.toContain('EA029');
  });

  it('5008 registers a marriage on both spouses', async () => {
    const adults = persone().filter((p) => p.statoCivile.codice === '1' && p.dataNascita < '1995-01-01');
    const a = adults.find((p) => p.sesso === 'M')!;
    const b = adults.find((p) => p.sesso === 'F')!;
    const r = await f.client.send(
      '5008',
      { testata, generalitaPerRicerca: gen(a), matrimonio: { coniuge: gen(b), datiMatrimonio: { dataEvento: D, luogoEvento: { comune: roma() } } }, datiControllo: { tipoMutazione: ['12'] } },
      opts(),
    );
    expect(r.outcome.kind).toBe('accolta');
    await expectValidResponse('5008', r.exchange.response!.toString('utf8'));
    expect(f.sim.admin.persona(a.idSchedaSoggettoANPR)!.statoCivile).toMatchObject({ codice: '2', coniugeId: b.idSchedaSoggettoANPR });
    expect(f.sim.admin.persona(b.idSchedaSoggettoANPR)!.statoCivile).toMatchObject({ codice: '2', coniugeId: a.idSchedaSoggettoANPR });
  });

  it('5008 refuses a marriage when either spouse is already married (EN272, an error naming who)', async () => {
    const sposato = persone().find((p) => p.statoCivile.codice === '2' && p.stato === 'residente')!;
    const libera = persone().find((p) => p.statoCivile.codice === '1' && p.sesso === 'F' && p.dataNascita < '1995-01-01' && p.stato === 'residente')!;
    const matrimonio = (a: PersonaSim, b: PersonaSim) =>
      f.client.send('5008', { testata, generalitaPerRicerca: gen(a), matrimonio: { coniuge: gen(b), datiMatrimonio: { dataEvento: D, luogoEvento: { comune: roma() } } }, datiControllo: { tipoMutazione: ['12'] } }, opts());
    expect((await matrimonio(sposato, libera)).outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN272', tipo: 'E', testo: expect.stringContaining(sposato.codiceFiscale) }] });
    expect((await matrimonio(libera, sposato)).outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN272', testo: expect.stringContaining(sposato.codiceFiscale) }] });
    expect(f.sim.admin.persona(libera.idSchedaSoggettoANPR)!.statoCivile.codice).toBe('1');
  });

  it('1002 registers an immigrant founding a new family; 2003 cancels them; 2011 annuls the cancellation', async () => {
    const r = await f.client.send(
      '1002',
      {
        testata,
        motivoIscrizione: { idMotivoIscrizione: '4' },
        generalita1002: { generalita: { cognome: 'POPESCU', nome: 'ANDREI', sesso: 'M', dataNascita: '1990-03-04', luogoNascita: { localita: { descrizioneStato: 'ROMANIA', codiceStato: '235' } } }, statoCivile: { statoCivile: '1' } },
        cittadinanza: [{ descrizioneStato: 'ROMANIA', codiceStato: '235' }],
        residenza: [{ tipoIndirizzo: '1', indirizzo: { cap: '00185', comune: roma(), toponimo: { codSpecie: '54', specie: 'VIA', denominazioneToponimo: 'GIOLITTI' }, numeroCivico: { numero: '3' } }, dataDecorrenzaResidenza: D }],
        famiglia: { famiglia: { tipoScheda: '1' }, legameSoggetto: { tipoLegame: '3', dataDecorrenza: D, codiceLegame: '1' } },
        datiDelProcedimento: { numeroPraticaComune: 'IMM-1' },
        datiControllo: { attribuzioneFamiglia: '5' },
      },
      opts(),
    );
    expect(r.outcome.kind).toBe('accolta');
    await expectValidResponse('1002', r.exchange.response!.toString('utf8'));
    if (r.outcome.kind !== 'accolta') return;
    const cf = r.outcome.value.soggettiVariati[0]!.generalitaAttuali!.codiceFiscale!;
    expect(cf.slice(11, 15)).toBe('Z129');
    const idCanc = f.nextId();
    const c = await f.client.send(
      '2003',
      { testata, datiCancellazione: { motivoCancellazione: '5', dataDecorrenzaCancellazione: D }, generalitaPerRicerca: { codiceFiscale: cf, cognome: 'POPESCU', nome: 'ANDREI' }, datiControllo: { ruoloSoggetto: '1' } },
      opts(idCanc),
    );
    expect(c.outcome.kind).toMatch(/^accolta/);
    const gone = await f.client.send('3002', q3002(cf), { idOperazioneComune: f.nextId() });
    if (gone.outcome.kind === 'accolta') expect(gone.outcome.value.soggetti[0]!.datiCancellazione?.motivoCancellazione).toBe('5');
    const idAnpr = c.outcome.kind === 'respinta' || c.outcome.kind === 'accolta' || c.outcome.kind === 'accolta_con_avvisi' ? c.outcome.idOperazioneANPR! : '';
    const a = await f.client.send(
      '2011',
      { testata, datiOperazioneDaAnnullare: { operazioneRichiesta: '2003', idOperazioneComune: idCanc, idOperazioneANPR: idAnpr }, datiSchedaSoggettoFamigliaConvivenza: { soggetto: { codiceFiscale: cf, cognome: 'POPESCU', nome: 'ANDREI' } }, datiControllo: { tipoScheda: '1' } },
      opts(),
    );
    expect(a.outcome.kind).toBe('accolta');
    expect(f.sim.admin.store.personePerCf(cf)[0]!.stato).toBe('residente');
  });

  it('business rules with the real codes: decorrenza before the last change (EN240), unknown subject (EN185), unknown family (EN134)', async () => {
    const p = persone()[3]!;
    const early = await f.client.send(
      '5008',
      { testata, generalitaPerRicerca: gen(p), statoCivile: { statoCivile: '1' }, datiControllo: { tipoMutazione: ['7'] } },
      { idOperazioneComune: f.nextId(), testata: { dataDecorrenza: '1901-01-01' } },
    );
    expect(early.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN240' }] });
    const ghost = await f.client.send('2001', { testata, motivoCancellazione: { tipoMotivoCancellazione: '1' }, generalitaPerRicerca: { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'ROSSI', nome: 'MARIO' }, datiDecesso: { dataEvento: D }, datiControllo: { ruoloSoggetto: '2' } }, opts());
    expect(ghost.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN185' }] });
    const nofam = await f.client.send(
      '5005',
      { testata, generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: '1', tipoScheda: '1' }, residenzaFamiglia: [{ tipoIndirizzo: '1', indirizzo: { cap: '00184', comune: roma(), toponimo: { specie: 'VIA', denominazioneToponimo: 'X' } } }], datiControllo: { tipoMutazione: '3', tipoScheda: '1' } },
      opts(),
    );
    expect(nofam.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN134' }] });
  });
});

describe('6001 certificates and 7001 tables', () => {
  const cert = (p: PersonaSim, over: Record<string, string> = {}) => ({
    testata,
    listaTipiCertificati: ['8'],
    soggettoIntestatario: { generalita: gen(p) },
    datiControllo: { cognomeUffAnagrafe: 'ROSSI', nomeUffAnagrafe: 'ANNA', tipoRichiedente: '2', tipoRichiesta: '1', paEstera: '0', emissione: '1', bollo: '1600', diritti: '52', ...over },
  });

  it('issues a real PDF over MTOM with the protocol number; a replay returns the same PDF', async () => {
    const p = persone().find((x) => x.anomalie.length === 0)!;
    const id = f.nextId();
    const r = await f.client.send('6001', cert(p), { idOperazioneComune: id });
    expect(r.outcome.kind).toBe('accolta');
    if (r.outcome.kind !== 'accolta') return;
    expect(r.exchange.contentType).toMatch(/^multipart\/related/);
    const pdf = r.outcome.value.certificatoPdf!;
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const text = pdf.toString('latin1');
    expect(text).toContain('FAC-SIMILE \x97 ambiente di prova');
    expect(text).toContain(`Numero di protocollo ANPR: ${r.outcome.value.protocolloANPR}`);
    expect(text).toContain(`${p.cognome} ${p.nome}`);
    expect(text).toMatch(/%%EOF\n$/);
    const again = await f.client.send('6001', cert(p), { idOperazioneComune: id });
    if (again.outcome.kind === 'accolta') expect(again.outcome.value.certificatoPdf!.equals(pdf)).toBe(true);
    expect(f.sim.admin.operations().find((o) => o.idOperazioneComune === id)?.effetti).toBe(1);
    // The inline form kept for 3003 is valid against the official 6001 XSD.
    const row = f.sim.admin.store.getOperazione(f.pki.istat, id)!;
    expect(await validateResponseBody(row.rispostaXml!, '6001')).toEqual({ valid: true });
  });

  it('emissione 3 is a preview: no protocol number, no effect', async () => {
    const p = persone()[5]!;
    const id = f.nextId();
    const r = await f.client.send('6001', cert(p, { emissione: '3' }), { idOperazioneComune: id });
    expect(r.outcome.kind).toMatch(/^accolta/);
    if (r.outcome.kind !== 'accolta' && r.outcome.kind !== 'accolta_con_avvisi') return;
    expect(r.outcome.value.protocolloANPR).toBeUndefined();
    expect(r.outcome.value.certificatoPdf!.toString('latin1')).toContain('ANTEPRIMA');
    expect(f.sim.admin.operations().find((o) => o.idOperazioneComune === id)?.effetti).toBe(0);
  });

  it('refuses a non-exempt certificate without bollo (EN208) and stato libero for a married subject (EN060)', async () => {
    const p = persone()[6]!;
    const r = await f.client.send('6001', cert(p, { bollo: '0' }), { idOperazioneComune: f.nextId() });
    expect(r.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN208' }] });
    const married = persone().find((x) => x.statoCivile.codice === '2')!;
    const s = await f.client.send('6001', { ...cert(married), listaTipiCertificati: ['17'] }, { idOperazioneComune: f.nextId() });
    expect(s.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN060' }] });
  });

  it('7001 returns the requested table', async () => {
    const r = await f.client.send('7001', { testata, idTabella: 13 }, { idOperazioneComune: f.nextId() });
    expect(r.outcome.kind).toBe('accolta');
    if (r.outcome.kind === 'accolta') expect(r.outcome.value.xmlFile[0]!.toString('utf8')).toContain('Residenza');
    await expectValidResponse('7001', r.exchange.response!.toString('utf8'));
  });

  it('a body that is not valid against the XSD gets rispostaKO SX001', async () => {
    const body = `<ns2:Richiesta3002 xmlns:ns2="http://sogei.it/ANPR/3000consultazione"><testataRichiesta><idOperazioneComune>1</idOperazioneComune><codMittente>${f.pki.istat}</codMittente><codDestinatario>ANPR02</codDestinatario><operazioneRichiesta>3002</operazioneRichiesta><dataOraRichiesta>2025-06-01T10:00:00</dataOraRichiesta><tipoOperazione>C</tipoOperazione><tipoInvio>TEST</tipoInvio></testataRichiesta><criteriRicerca><codiceFiscale>X</codiceFiscale></criteriRicerca></ns2:Richiesta3002>`;
    const r = await f.client.call('3002', body, { idOperazioneComune: f.nextId() });
    expect(r.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'SX001', tipo: 'E' }] });
  });
});

describe('5008 unione civile (18) and scioglimento (19), 5012 undoes them', () => {
  const usati = new Set<string>();
  const scegli = (pred: (p: PersonaSim) => boolean): PersonaSim => {
    const p = persone().find((x) => !usati.has(x.idSchedaSoggettoANPR) && pred(x));
    if (!p) throw new Error('no suitable resident in the synthetic population');
    usati.add(p.idSchedaSoggettoANPR);
    return p;
  };
  const libero = (sesso: string) => (p: PersonaSim) => p.statoCivile.codice === '1' && p.sesso === sesso && p.dataNascita < '2006-01-01';
  const unione = (p: PersonaSim, parte: Generalita | undefined, data = D) => ({
    testata,
    generalitaPerRicerca: gen(p),
    statoCivile: { statoCivile: '6' },
    unioneCivile: { ...(parte ? { unitoCivilmente: parte } : {}), attoUnione: { dataEvento: data, luogoEvento: { comune: roma() } } },
    datiDelProcedimento: { numeroPraticaComune: 'UC-1' },
    datiControllo: { tipoMutazione: ['18'] },
  });
  const scioglimento = (p: PersonaSim, s: Record<string, unknown>, parte?: Generalita) => ({
    testata,
    generalitaPerRicerca: gen(p),
    statoCivile: { statoCivile: '8' },
    unioneCivile: { ...(parte ? { unitoCivilmente: parte } : {}), scioglimentoUnione: s },
    datiDelProcedimento: { numeroPraticaComune: 'UC-2' },
    datiControllo: { tipoMutazione: ['19'] },
  });
  const sentenza = () => ({ motivoScioglimento: '3', sentenza: { data: D, tipoTribunale: '1', autorita: 'TRIBUNALE DI ROMA', dataValidita: D } });
  const idAnprDi = (o: { kind: string; idOperazioneANPR?: string }) => o.idOperazioneANPR ?? '';
  const annulla = (id: string, idAnpr: string, p: PersonaSim) =>
    f.client.send(
      '5012',
      { testata, datiOperazioneDaAnnullare: { operazioneRichiesta: '5008', idOperazioneComune: id, idOperazioneANPR: idAnpr }, datiSchedaSoggettoFamigliaConvivenza: { soggetto: gen(p) }, datiControllo: { tipoScheda: '1', annullamentoAttribuzioneCF: 'N' } },
      opts(),
    );
  /** Two residents united civilly by a 5008 tipo 18 (the small test population may have no such couple). */
  const coppiaUnita = async (sesso: 'M' | 'F'): Promise<[PersonaSim, PersonaSim]> => {
    const a = scegli(libero(sesso));
    const b = scegli(libero(sesso));
    const r = await f.client.send('5008', unione(a, gen(b)), opts());
    expect(r.outcome.kind).toBe('accolta');
    return [f.sim.admin.persona(a.idSchedaSoggettoANPR)!, f.sim.admin.persona(b.idSchedaSoggettoANPR)!];
  };
  const tomorrow = () => {
    const t = new Date(`${D}T12:00:00Z`);
    t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString().slice(0, 10);
  };

  it('18 unites two free residents of the same sex: both "Unito civilmente" (6); 3002 shows the partner; 5012 makes both free again', async () => {
    const a = scegli(libero('F'));
    const b = scegli(libero('F'));
    const id = f.nextId();
    const r = await f.client.send('5008', unione(a, gen(b)), opts(id));
    expect(r.outcome.kind).toBe('accolta');
    await expectValidResponse('5008', r.exchange.response!.toString('utf8'));
    expect(f.sim.admin.persona(a.idSchedaSoggettoANPR)!.statoCivile).toEqual({ codice: '6', descrizione: 'Unito civilmente', dataEvento: D, coniugeId: b.idSchedaSoggettoANPR });
    expect(f.sim.admin.persona(b.idSchedaSoggettoANPR)!.statoCivile).toEqual({ codice: '6', descrizione: 'Unito civilmente', dataEvento: D, coniugeId: a.idSchedaSoggettoANPR });
    // listaSoggettiVariati: both partners with their new civil status and the union.
    expect(r.exchange.response!.toString('utf8').match(/<statoCivile><statoCivile>6<\/statoCivile><\/statoCivile>/g)).toHaveLength(2);
    expect(r.exchange.response!.toString('utf8').match(/<unioneCivile>/g)).toHaveLength(2);

    const letto = await f.client.send('3002', q3002(b.codiceFiscale), { idOperazioneComune: f.nextId() });
    await expectValidResponse('3002', letto.exchange.response!.toString('utf8'));
    if (letto.outcome.kind !== 'accolta') throw new Error(letto.outcome.kind);
    expect(letto.outcome.value.soggetti[0]!.statoCivile?.statoCivile).toBe('6');
    const xml = letto.exchange.response!.toString('utf8');
    expect(xml).toMatch(new RegExp(`<unioneCivile><unitoCivilmente><codiceFiscale><codFiscale>${a.codiceFiscale}</codFiscale>`));
    expect(xml).toContain(`<attoUnione><dataEvento>${D}</dataEvento></attoUnione>`);

    const ann = await annulla(id, r.outcome.kind === 'accolta' ? idAnprDi(r.outcome) : '', a);
    expect(ann.outcome.kind).toBe('accolta');
    expect(f.sim.admin.persona(a.idSchedaSoggettoANPR)!.statoCivile).toMatchObject({ codice: '1', coniugeId: null });
    expect(f.sim.admin.persona(b.idSchedaSoggettoANPR)!.statoCivile).toMatchObject({ codice: '1', coniugeId: null });
  });

  it('18 is refused with the official codes: married or already united (EN272), different sex (EN270), no block (EN268), no partner (EN269), date after the decorrenza (EHR22), with a marriage (EN311)', async () => {
    const sposato = scegli((p) => p.statoCivile.codice === '2');
    const libera = scegli(libero('F'));
    const libero2 = scegli(libero('M'));
    const [unito] = await coppiaUnita('M');
    const esito = async (body: Record<string, unknown>) => (await f.client.send('5008', body as never, opts())).outcome;
    const uomo: Generalita = { codiceFiscale: 'VRDLCU85M12F205L', cognome: 'VERDI', nome: 'LUCA' };
    expect(await esito(unione(sposato, { ...uomo, sesso: sposato.sesso }))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN272', tipo: 'E', testo: expect.stringContaining(sposato.codiceFiscale) }] });
    expect(await esito(unione(libero2, gen(unito)))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN272' }] });
    expect(await esito(unione(libera, gen(libero2)))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN270' }] });
    // Partner outside the population: the sex comes from the codice fiscale.
    expect(await esito(unione(libera, uomo))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN270' }] });
    const { unioneCivile: _u, ...senzaBlocco } = unione(libero2, uomo);
    expect(await esito(senzaBlocco)).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN268' }] });
    expect(await esito(unione(libero2, undefined))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN269' }] });
    expect(await esito(unione(libero2, uomo, tomorrow()))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EHR22' }] });
    expect(await esito({ ...unione(libero2, uomo), matrimonio: { coniuge: gen(libera) }, datiControllo: { tipoMutazione: ['12', '18'] } })).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN311' }] });
    // Nothing changed.
    expect(f.sim.admin.persona(libero2.idSchedaSoggettoANPR)!.statoCivile.codice).toBe('1');
    expect(f.sim.admin.persona(libera.idSchedaSoggettoANPR)!.statoCivile.codice).toBe('1');
  });

  it('19 by sentenza dissolves a union: both "Stato libero a seguito di scioglimento" (8); 5012 restores the union on both', async () => {
    const [a, b] = await coppiaUnita('F');
    const dataUnione = a.statoCivile.dataEvento;
    const id = f.nextId();
    const r = await f.client.send('5008', scioglimento(a, sentenza(), gen(b)), opts(id));
    expect(r.outcome.kind).toBe('accolta');
    await expectValidResponse('5008', r.exchange.response!.toString('utf8'));
    expect(f.sim.admin.persona(a.idSchedaSoggettoANPR)!.statoCivile).toEqual({ codice: '8', descrizione: "Stato libero a seguito di scioglimento dell'unione", dataEvento: D, coniugeId: null });
    expect(f.sim.admin.persona(b.idSchedaSoggettoANPR)!.statoCivile).toMatchObject({ codice: '8', coniugeId: null });
    const letto = await f.client.send('3002', q3002(a.codiceFiscale), { idOperazioneComune: f.nextId() });
    if (letto.outcome.kind === 'accolta') expect(letto.outcome.value.soggetti[0]!.statoCivile?.statoCivile).toBe('8');
    expect(letto.exchange.response!.toString('utf8')).not.toContain('<unioneCivile>');

    const ann = await annulla(id, r.outcome.kind === 'accolta' ? idAnprDi(r.outcome) : '', a);
    expect(ann.outcome.kind).toBe('accolta');
    expect(f.sim.admin.persona(a.idSchedaSoggettoANPR)!.statoCivile).toMatchObject({ codice: '6', dataEvento: dataUnione, coniugeId: b.idSchedaSoggettoANPR });
    expect(f.sim.admin.persona(b.idSchedaSoggettoANPR)!.statoCivile).toMatchObject({ codice: '6', coniugeId: a.idSchedaSoggettoANPR });
  });

  it('19 is refused with the official codes: not united (EN274), another partner (EN274), no scioglimento (EN275), bad motive (EN276), sentenza and event together or no date (EN278), date after the decorrenza (EHR23)', async () => {
    const [a, b] = await coppiaUnita('M');
    const libera = scegli(libero('F'));
    const esito = async (body: Record<string, unknown>) => (await f.client.send('5008', body as never, opts())).outcome;
    const evento = { dataEvento: D };
    expect(await esito(scioglimento(libera, sentenza()))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN274' }] });
    expect(await esito(scioglimento(a, sentenza(), gen(libera)))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN274' }] });
    expect(await esito({ ...scioglimento(a, sentenza()), unioneCivile: { unitoCivilmente: gen(b) } })).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN275' }] });
    expect(await esito(scioglimento(a, { motivoScioglimento: '31', datiEvento: evento }))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN276' }] });
    expect(await esito(scioglimento(a, { ...sentenza(), datiEvento: evento }))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN278' }] });
    expect(await esito(scioglimento(a, { motivoScioglimento: '1' }))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN278' }] });
    expect(await esito(scioglimento(a, { motivoScioglimento: '1', datiEvento: { dataEvento: tomorrow() } }))).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EHR23' }] });
    expect(f.sim.admin.persona(a.idSchedaSoggettoANPR)!.statoCivile).toMatchObject({ codice: '6', coniugeId: b.idSchedaSoggettoANPR });
  });

  it('19 for the death of a partner outside the population (motivo 98): the subject is "Stato libero a seguito di decesso" (7)', async () => {
    const a = scegli(libero('M'));
    const partner: Generalita = { codiceFiscale: 'VRDLCU85M12F205L', cognome: 'VERDI', nome: 'LUCA', sesso: 'M' };
    expect((await f.client.send('5008', unione(a, partner), opts())).outcome.kind).toBe('accolta');
    expect(f.sim.admin.persona(a.idSchedaSoggettoANPR)!.statoCivile).toMatchObject({ codice: '6', coniugeId: null });
    const r = await f.client.send('5008', { ...scioglimento(a, { motivoScioglimento: '98', datiEvento: { dataEvento: D } }, partner), statoCivile: { statoCivile: '7' } }, opts());
    expect(r.outcome.kind).toBe('accolta');
    expect(f.sim.admin.persona(a.idSchedaSoggettoANPR)!.statoCivile).toEqual({ codice: '7', descrizione: 'Stato libero a seguito di decesso della parte unita civilmente', dataEvento: D, coniugeId: null });
  });

  it('2001 of a united partner leaves the survivor "Stato libero a seguito di decesso" (7), not widowed', async () => {
    const [a, b] = await coppiaUnita('F');
    const scheda = schede().find((s) => s.idFamigliaConvivenzaANPR === b.legame.idFamigliaConvivenzaANPR);
    const capo = scheda?.tipo === 'famiglia' && scheda.intestatarioId === b.idSchedaSoggettoANPR;
    const r = await f.client.send(
      '2001',
      { testata, motivoCancellazione: { tipoMotivoCancellazione: '1' }, generalitaPerRicerca: gen(b), datiDecesso: { dataEvento: D }, datiControllo: { ruoloSoggetto: capo ? '1' : '2' } },
      opts(),
    );
    expect(r.outcome.kind).toMatch(/^accolta/);
    expect(f.sim.admin.persona(a.idSchedaSoggettoANPR)!.statoCivile).toMatchObject({ codice: '7', descrizione: 'Stato libero a seguito di decesso della parte unita civilmente', dataEvento: D, coniugeId: null });
  });
});
