import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTransportAgents } from '../anpr/transport/https-transport';
import { oggi, startFixture, testata, type SimFixture } from './test-helpers';

let f: SimFixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  closeTransportAgents();
  await f.sim.close();
});

const q3002 = (cf: string, scheda = '1') => ({
  testata,
  criteriRicerca: { codiceFiscale: cf },
  datiRichiesta: { schedaAnagraficaRichiesta: scheda, dataRiferimentoRichiesta: oggi(), ricercaNazionale: '1' },
});

describe('simulator: clean calls', () => {
  it('answers TestConn', async () => {
    const r = await f.client.testConnection(f.nextId());
    expect(r.outcome.kind).toBe('accolta');
  });

  it('3002 answers from the current state, with the open anomalies', async () => {
    const p = f.sim.admin.campione(undefined, 200).find((x) => x.anomalie.length > 0) ?? f.sim.admin.campione()[0]!;
    const r = await f.client.send('3002', q3002(p.codiceFiscale), { idOperazioneComune: f.nextId() });
    expect(r.outcome.kind).toBe('accolta');
    if (r.outcome.kind !== 'accolta') return;
    const s = r.outcome.value.soggetti[0]!;
    expect(s.generalita.codiceFiscale).toBe(p.codiceFiscale);
    expect(s.erroriAnomalie.map((e) => e.codice)).toEqual(p.anomalie.map((a) => a.codice));
  });

  it('3002 finds a subject by the 9-character ID ANPR', async () => {
    const p = f.sim.admin.campione()[3]!;
    const { idAnpr } = await import('./render');
    const r = await f.client.send(
      '3002',
      { testata, criteriRicerca: { identificativoANPR: idAnpr(p) }, datiRichiesta: { schedaAnagraficaRichiesta: '1', dataRiferimentoRichiesta: oggi(), ricercaNazionale: '1' } },
      { idOperazioneComune: f.nextId() },
    );
    expect(r.outcome.kind).toBe('accolta');
    if (r.outcome.kind === 'accolta') expect(r.outcome.value.soggetti[0]!.generalita.codiceFiscale).toBe(p.codiceFiscale);
  });

  it('3002 of an unknown subject is refused with EN122', async () => {
    const r = await f.client.send('3002', q3002('RSSMRA80A01H501U'), { idOperazioneComune: f.nextId() });
    expect(r.outcome).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN122', tipo: 'E' }] });
  });
});
