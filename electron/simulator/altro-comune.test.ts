/**
 * A move from another comune (both subentrati): 5005 with tipoMutazione 2 and
 * tipoMovimentazione 1 (new family) or 3 (existing family), people found
 * nationally (the population of a comune the simulator does not serve).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTransportAgents } from '../anpr/transport/https-transport';
import { validateResponseBody } from '../anpr/xsd/validate';
import type { Generalita } from '../anpr/services/types';
import type { PersonaSim, SchedaSim } from './state/store';
import { oggi, startFixture, testata, type SimFixture } from './test-helpers';

const VITERBO = '056059';
let f: SimFixture;
let D: string;
beforeAll(async () => {
  f = await startFixture({ population: { size: 60, seed: 7, referenceDate: '2025-06-01', altriComuni: [{ istat: VITERBO, size: 40 }] } });
  D = oggi();
});
afterAll(async () => {
  closeTransportAgents();
  await f.sim.close();
});

const persone = (comune: string): PersonaSim[] =>
  (f.sim.admin.store.db.prepare("SELECT doc FROM persone WHERE stato = 'residente' ORDER BY rowid").all() as { doc: string }[])
    .map((r) => JSON.parse(r.doc) as PersonaSim)
    .filter((p) => p.comuneIstat === comune && p.dataNascita < '2000-01-01');
const gen = (p: PersonaSim): Generalita => ({ codiceFiscale: p.codiceFiscale, cognome: p.cognome, nome: p.nome });
const indirizzo = () => ({
  tipoIndirizzo: '1',
  indirizzo: { cap: '00184', comune: { nomeComune: 'ROMA', codiceIstat: f.pki.istat, siglaProvinciaIstat: 'RM' }, toponimo: { codSpecie: '54', specie: 'VIA', denominazioneToponimo: 'NAZIONALE' }, numeroCivico: { numero: '3' } },
  dataDecorrenzaResidenza: D,
});
const richiesta = (p: PersonaSim, codiceLegame = '1', movimentazione = '1', idFamiglia?: string) => ({
  testata,
  generalitaSchedaFamiglia: { ...(idFamiglia ? { idFamigliaConvivenzaANPR: idFamiglia } : {}), tipoMovimentazione: movimentazione, tipoScheda: '1' },
  ...(movimentazione === '1' ? { residenzaFamiglia: [indirizzo()] } : {}),
  elencoSoggettiFamiglia: [{ generalita: gen(p), legameSoggetto: { tipoLegame: '3', dataDecorrenza: D, codiceLegame } }],
  datiControllo: { tipoMutazione: '2', tipoScheda: movimentazione === '1' ? '2' : '1' },
});
const invia = (body: ReturnType<typeof richiesta>) => f.client.send('5005', body, { idOperazioneComune: f.nextId(), testata: { dataDecorrenza: D } });

describe('5005 from another comune', () => {
  it('a resident of another comune heads a new family at the new address; the answer is XSD-valid', async () => {
    const p = persone(VITERBO)[0]!;
    const vecchia = p.legame.idFamigliaConvivenzaANPR;
    const r = await invia(richiesta(p));
    expect(r.outcome.kind).toMatch(/^accolta/);
    const m = /<soap:Body>([\s\S]*)<\/soap:Body>/.exec(r.exchange.response!.toString('utf8'));
    expect(await validateResponseBody(m![1]!, '5005')).toEqual({ valid: true });
    const dopo = f.sim.admin.persona(p.idSchedaSoggettoANPR)!;
    expect(dopo.comuneIstat).toBe(f.pki.istat);
    expect(dopo.legame).toMatchObject({ codiceLegame: '1' });
    expect(dopo.legame.idFamigliaConvivenzaANPR).not.toBe(vecchia);
    const nuova = f.sim.admin.store.getScheda(dopo.legame.idFamigliaConvivenzaANPR) as SchedaSim & { intestatarioId: string };
    expect(nuova).toMatchObject({ comuneIstat: f.pki.istat, intestatarioId: p.idSchedaSoggettoANPR, componenti: [p.idSchedaSoggettoANPR] });
    expect(f.sim.admin.store.getScheda(vecchia)?.componenti ?? []).not.toContain(p.idSchedaSoggettoANPR);
  });

  it('joins a family already resident here with its relation; the family keeps its head (EF007)', async () => {
    const p = persone(VITERBO)[1]!;
    const qui = persone(f.pki.istat)[0]!;
    const fam = qui.legame.idFamigliaConvivenzaANPR;
    const rifiuto = await invia(richiesta(p, '1', '3', fam));
    expect(rifiuto.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EF007' }] });
    const r = await invia(richiesta(p, '8', '3', fam));
    expect(r.outcome.kind).toMatch(/^accolta/);
    expect(f.sim.admin.store.getScheda(fam)!.componenti).toContain(p.idSchedaSoggettoANPR);
    expect(f.sim.admin.persona(p.idSchedaSoggettoANPR)!.comuneIstat).toBe(f.pki.istat);
  });

  it('refuses someone already resident here (EN429) and a new family without its head (EF021)', async () => {
    expect((await invia(richiesta(persone(f.pki.istat)[2]!))).outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN429' }] });
    expect((await invia(richiesta(persone(VITERBO)[2]!, '8'))).outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EF021' }] });
  });
});
