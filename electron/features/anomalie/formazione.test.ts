import { describe, expect, it } from 'vitest';
import type { DettaglioAnomalia, ElencoAnomalie, EsitoImportazione } from '../../../shared/ipc/contract';
import { lookupErroreAll } from '../../anpr/catalogue';
import { idAnpr } from '../../simulator/render';
import { TRAINING_ISTAT } from '../../simulator/training';
import { createTestCore } from '../../test-support/core';

const web = { transport: 'web' as const };

async function call<T>(core: ReturnType<typeof createTestCore>, channel: string, payload?: unknown): Promise<T> {
  const r = await core.router.dispatch(channel, payload, web);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

describe('the training anomaly file: the simulator\'s own residents', () => {
  it('names only residents of the training simulator, with their CF, ID ANPR and names, and official codes', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    const esito = await call<EsitoImportazione>(core, 'anomalie.importaFormazione');
    const sim = core.anpr.simulatore()!;
    const residenti = sim.admin.store.residentiConAnomalie(TRAINING_ISTAT);
    const attese = residenti.reduce((n, p) => n + p.anomalie.length, 0);
    expect(residenti.length).toBeGreaterThanOrEqual(3);
    expect(esito).toMatchObject({ destinazione: 'anomalie', nomeFile: 'anomalie-esercitazione.csv', righe: attese, inserite: attese, scartate: 0 });

    const { righe, totale } = await call<ElencoAnomalie>(core, 'anomalie.elenco', {
      filtri: {},
      ordinamento: { campo: 'rilevata', direzione: 'desc' },
      raggruppamento: 'nessuno',
      offset: 0,
      limite: 500,
      conTotale: true,
    });
    expect(totale).toBe(attese);
    for (const r of righe) {
      // Every person named is a resident of the simulator, with the same CF, ID and names.
      const [p, ...altre] = sim.admin.store.personePerCf(r.codiceFiscale ?? '');
      expect(p, `${r.codice} ${r.persona}`).toBeDefined();
      expect(altre).toEqual([]);
      expect(p!.stato).toBe('residente');
      expect({ idAnpr: r.idAnpr, persona: r.persona }).toEqual({ idAnpr: idAnpr(p!), persona: expect.stringContaining(p!.cognome) });
      // The code is the simulator's own for that person (its 3002 lists it), and in the official catalogue.
      expect(p!.anomalie.map((a) => a.codice)).toContain(r.codice);
      expect(lookupErroreAll(r.codice).length, r.codice).toBeGreaterThan(0);
    }
    // The anomaly leads to the person's sheet, found by the ID ANPR.
    const d = await call<DettaglioAnomalia>(core, 'anomalie.dettaglio', { id: righe[0]!.id });
    expect(d.percorsoScheda).toBe(`/soggetti/anpr/${righe[0]!.idAnpr}`);
    // Imported twice: nothing new.
    expect(await call<EsitoImportazione>(core, 'anomalie.importaFormazione')).toMatchObject({ inserite: 0, giaPresenti: attese });
    await core.dispose();
  });

  it('is refused outside training', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    core.settings.update({ ambiente: { tipo: 'TEST', endpoint: 'https://wstest.anpr.interno.it' } });
    expect(await core.router.dispatch('anomalie.importaFormazione', undefined, web)).toMatchObject({ ok: false, error: { code: 'SOLO_FORMAZIONE' } });
    await core.dispose();
  });

  it('an operator in sola lettura cannot import it', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } }, { accesso: 'sola_lettura' });
    expect(await core.router.dispatch('anomalie.importaFormazione', undefined, web)).toMatchObject({ ok: false, error: { code: 'OPERAZIONE_NON_CONSENTITA' } });
    await core.dispose();
  });
});
