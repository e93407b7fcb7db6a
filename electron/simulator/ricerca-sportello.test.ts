/**
 * 3002 the way a front desk searches (surname alone, surname and name without
 * the birth date) and a 5005 address with letter, scala, piano and interno
 * read back by 3002.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponseBody } from '../anpr/xsd/validate';
import { closeTransportAgents } from '../anpr/transport/https-transport';
import { MAX_SOGGETTI_ELENCO } from './handlers/consultazione';
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

function residenti(): PersonaSim[] {
  return (f.sim.admin.store.db.prepare("SELECT doc FROM persone WHERE stato = 'residente' ORDER BY rowid").all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as PersonaSim);
}
const q3002 = (criteriRicerca: Record<string, string>) => ({ testata, criteriRicerca, datiRichiesta: { schedaAnagraficaRichiesta: '1', dataRiferimentoRichiesta: D, ricercaNazionale: '0' } });

async function expectValid(xml: string): Promise<void> {
  const body = /<soap:Body>([\s\S]*)<\/soap:Body>/.exec(xml)![1]!;
  expect(await validateResponseBody(body, '3002')).toEqual({ valid: true });
}

describe('3002 by surname, by surname and name', () => {
  it('a surname shared by several residents lists them all, ordered, in a valid answer', async () => {
    const perCognome = new Map<string, PersonaSim[]>();
    for (const p of residenti()) perCognome.set(p.cognome, [...(perCognome.get(p.cognome) ?? []), p]);
    const [cognome, gruppo] = [...perCognome.entries()].find(([, g]) => g.length > 1)!;
    const r = await f.client.send('3002', q3002({ cognome }), { idOperazioneComune: f.nextId() });
    expect(r.outcome.kind).toBe('accolta');
    if (r.outcome.kind !== 'accolta') return;
    const trovati = r.outcome.value.soggetti.map((s) => s.generalita.idSchedaSoggettoANPR);
    expect(new Set(trovati)).toEqual(new Set(gruppo.map((p) => p.idSchedaSoggettoANPR)));
    const nomi = r.outcome.value.soggetti.map((s) => `${s.generalita.nome} ${s.generalita.dataNascita}`);
    expect(nomi).toEqual([...nomi].sort((a, b) => a.localeCompare(b)));
    // Several subjects: no family block (it belongs to one subject).
    expect(r.outcome.value.datiFamigliaConvivenza).toBeUndefined();
    await expectValid(r.exchange.response!.toString('utf8'));

    const uno = gruppo[0]!;
    const conNome = await f.client.send('3002', q3002({ cognome, nome: uno.nome }), { idOperazioneComune: f.nextId() });
    expect(conNome.outcome.kind).toBe('accolta');
    if (conNome.outcome.kind === 'accolta') {
      expect(conNome.outcome.value.soggetti.map((s) => s.generalita.idSchedaSoggettoANPR)).toContain(uno.idSchedaSoggettoANPR);
      expect(conNome.outcome.value.soggetti.every((s) => s.generalita.nome === uno.nome)).toBe(true);
    }
  });

  it(`more than ${MAX_SOGGETTI_ELENCO} subjects: EN095, narrow the search; a name alone: EN132`, async () => {
    const modello = residenti()[0]!;
    for (let i = 0; i <= MAX_SOGGETTI_ELENCO; i++) {
      f.sim.admin.store.putPersona({ ...modello, idSchedaSoggettoANPR: `99${String(i).padStart(6, '0')}`, codiceFiscale: `ZZZ${String(i).padStart(13, '0')}`, cognome: 'OMONIMO' });
    }
    const troppi = await f.client.send('3002', q3002({ cognome: 'OMONIMO' }), { idOperazioneComune: f.nextId() });
    expect(troppi.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN095' }] });
    const soloNome = await f.client.send('3002', q3002({ nome: modello.nome }), { idOperazioneComune: f.nextId() });
    expect(soloNome.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN132' }] });
  });
});

describe('5005 with letter, scala, piano and interno', () => {
  it('3002 gives them back after the move, and the one-line address shows them', async () => {
    const fam = (f.sim.admin.store.db.prepare('SELECT doc FROM schede ORDER BY rowid').all() as { doc: string }[])
      .map((r) => JSON.parse(r.doc) as SchedaSim)
      .find((s) => s.attiva && s.tipo === 'famiglia' && s.comuneIstat === f.pki.istat)!;
    const comune = { nomeComune: 'ROMA', codiceIstat: f.pki.istat, siglaProvinciaIstat: 'RM' };
    const r = await f.client.send(
      '5005',
      {
        testata,
        generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: fam.idFamigliaConvivenzaANPR, tipoScheda: '1' },
        residenzaFamiglia: [
          {
            tipoIndirizzo: '1',
            indirizzo: { cap: '00184', comune, toponimo: { codSpecie: '54', specie: 'VIA', denominazioneToponimo: 'CAVOUR' }, numeroCivico: { numero: '7', lettera: 'B', civicoInterno: { scala: 'C', interno1: '5', piano: '2' } } },
            dataDecorrenzaResidenza: D,
          },
        ],
        datiControllo: { tipoMutazione: '3', tipoScheda: '1' },
      },
      { idOperazioneComune: f.nextId(), testata: { dataDecorrenza: D } },
    );
    expect(r.outcome.kind).toMatch(/^accolta/);
    const cf = f.sim.admin.persona(fam.componenti[0]!)!.codiceFiscale;
    const letto = await f.client.send('3002', q3002({ codiceFiscale: cf }), { idOperazioneComune: f.nextId() });
    expect(letto.outcome.kind).toBe('accolta');
    if (letto.outcome.kind !== 'accolta') return;
    expect(letto.outcome.value.soggetti[0]!.residenza[0]).toMatchObject({ numero: '7', lettera: 'B', scala: 'C', piano: '2', interno1: '5', testo: 'VIA CAVOUR 7/B, scala C piano 2 interno 5, 00184 ROMA (RM)' });
    await expectValid(letto.exchange.response!.toString('utf8'));
  });
});
