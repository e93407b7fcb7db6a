import { describe, expect, it } from 'vitest';
import { createTestCore } from '../test-support/core';
import { buildRequest } from '../anpr/services/builders';

describe('the queue inside the app (training simulator)', () => {
  it('sends a pronta pratica in the background, pushes its progress and lists it over IPC', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    // createTestCore signs in an amministratore before the first dispatch.
    await core.connection.verify();
    const seen: string[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'pratiche.cambiata') seen.push((payload as { stato: string }).stato);
    });
    const sim = (await core.anpr.client(), core.anpr.simulatore()!);
    const famiglia = (sim.admin.store.db.prepare('SELECT doc FROM schede ORDER BY rowid').all() as { doc: string }[])
      .map((row) => JSON.parse(row.doc) as { tipo: string; attiva: boolean; idFamigliaConvivenzaANPR: string; componenti: string[] })
      .find((scheda) => scheda.tipo === 'famiglia' && scheda.attiva && scheda.componenti.length >= 1)!;
    const body = buildRequest('5005', {
      testata: { idOperazioneComune: '1', codMittente: '056003', codDestinatario: 'ANPR02', dataOraRichiesta: new Date(), tipoOperazione: 'C', tipoInvio: 'TEST', dataDecorrenza: new Date().toISOString().slice(0, 10) },
      generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: famiglia.idFamigliaConvivenzaANPR, tipoScheda: '1' },
      residenzaFamiglia: [
        {
          tipoIndirizzo: '1',
          indirizzo: { cap: '01022', comune: { nomeComune: 'BAGNOREGIO', codiceIstat: '056003', siglaProvinciaIstat: 'VT' }, toponimo: { codSpecie: '54', specie: 'VIA', denominazioneToponimo: 'GARIBALDI' }, numeroCivico: { numero: '3' } },
          dataDecorrenzaResidenza: new Date().toISOString().slice(0, 10),
        },
      ],
      datiControllo: { tipoMutazione: '3', tipoScheda: '1' },
    });
    const queue = await core.coda.queue();
    const id = await queue.aggiungi({ servizio: '5005', formato: 'xml', payload: { xml: body }, soggettoKey: famiglia.idFamigliaConvivenzaANPR, operatore: 'TSTMRA80A01H501C' });
    await core.coda.start();
    await expect.poll(() => queue.get(id)?.stato, { timeout: 20_000 }).toMatch(/^accolta/);
    expect(seen).toContain('in_invio');
    const elenco = await core.router.dispatch('pratiche.elenco', undefined, { transport: 'test' });
    expect(elenco.ok).toBe(true);
    const pratica = elenco.ok ? (elenco.value as { id: string; idOperazioneComune: string; idOperazioneANPR: string }[]).find((p) => p.id === id) : undefined;
    expect(pratica?.idOperazioneComune).toMatch(/^\d{21}$/);
    expect(pratica?.idOperazioneANPR).toMatch(/^\d+$/);
    const ops = await sim.admin.operations();
    expect(ops.filter((op) => op.idOperazioneComune === pratica!.idOperazioneComune)).toEqual([expect.objectContaining({ servizio: '5005', effetti: 1 })]);
    expect(core.coda.canQuit().ok).toBe(true);
    await core.dispose();
  });
});
