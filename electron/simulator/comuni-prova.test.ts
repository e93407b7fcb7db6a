/**
 * ANPR's own test comuni (888xxx, as in its official examples) are not in the
 * official table of comuni: the simulator serves them with a synthetic name and
 * province instead of failing with "Comune 888002 inesistente".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeTransportAgents } from '../anpr/transport/https-transport';
import { comuneServito, generatePopulation } from './population/generate';
import { getAnprTables } from '../platform/tabelle/loader';
import { startFixture, type SimFixture } from './test-helpers';

let f: SimFixture | undefined;
afterAll(async () => {
  closeTransportAgents();
  await f?.sim.close();
});

describe("ANPR's test comuni 888xxx", () => {
  it('get a synthetic comune; a real one keeps its record; any other unknown code is still refused', () => {
    expect(comuneServito(getAnprTables(), '888002', '2025-06-01')).toMatchObject({ codIstat: '888002', denominazione: 'COMUNE DI PROVA 888002', siglaProvincia: 'RM', belfiore: 'X002' });
    expect(comuneServito(getAnprTables(), '058091', '2025-06-01')).toMatchObject({ denominazione: 'ROMA', belfiore: 'H501' });
    expect(() => comuneServito(getAnprTables(), 'ABC', '2025-06-01')).toThrow(/inesistente/);
    expect(() => comuneServito(getAnprTables(), '999999', '2025-06-01')).toThrow(/inesistente/);
  });

  it('a population of 888002 is generated, living in the synthetic comune', () => {
    const pop = generatePopulation({ comuneIstat: '888002', size: 40, seed: 3, referenceDate: '2025-06-01' });
    expect(pop.comune).toEqual({ codiceIstat: '888002', belfiore: 'X002', nomeComune: 'COMUNE DI PROVA 888002', siglaProvincia: 'RM' });
    expect(pop.persone).toHaveLength(40);
  });

  it('the simulator starts serving 888002, with its population and its citizens’ requests', async () => {
    f = await startFixture({ comuni: ['888002'] });
    expect(f.sim.admin.store.contaPersone('888002')).toBeGreaterThan(0);
    expect(f.sim.admin.store.tutteLeRichieste('888002').length).toBeGreaterThan(0);
  });
});
