/**
 * The write side of the citizens' online requests, through the real core, the
 * real queue (SQLite) and the in-process simulator (signatures verified, XSD
 * validated): each state change is one P003 pratica, sent exactly once; the
 * registration started from a request is pre-filled from P002 and linked both
 * ways; ANPR's refusals come back explained in Italian.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, testClock } from '../../test-support/core';
import type { DettaglioRichiesta, PraticaVista } from '../../../shared/ipc/contract';
import type { RichiestaSim } from '../../simulator/state/store';
import { addGiorniLavorativi } from '../../../shared/domain/date-it';

const ctx = { transport: 'test' } as const;
type Core = ReturnType<typeof createTestCore>;

async function call<T>(core: Core, channel: string, request?: unknown): Promise<T> {
  const r = await core.router.dispatch(channel as never, request as never, ctx);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

const scheda = (core: Core, codiceRichiesta: string) => call<DettaglioRichiesta>(core, 'richieste.dettaglio', { codiceRichiesta });
const cambia = (core: Core, codiceRichiesta: string, verso: string, extra: { note?: string; motivo?: string } = {}) =>
  call<{ pratica: { praticaId: string; stato: string }; messaggio: string }>(core, 'richieste.cambiaStato', { codiceRichiesta, verso, ...extra });
const invia = async (core: Core) => (await core.coda.queue()).drain({ maxAttesaMs: 0 });
const p003 = (core: Core) => core.anpr.simulatore()!.admin.operations().filter((o) => o.servizio === 'P003');
/** Resolves on the next `richieste.cambiate` (the re-read after an outcome). */
const prossimaRilettura = (core: Core) =>
  new Promise<void>((resolve) => {
    const stop = core.events.subscribe((e) => {
      if (e !== 'richieste.cambiate') return;
      stop();
      resolve();
    });
  });

async function nuovaRichiesta(core: Core, tipologia: string): Promise<RichiestaSim> {
  // The in-process simulator starts with the first call to ANPR.
  await call(core, 'richieste.aggiorna');
  const r = core.anpr.simulatore()!.admin.nuovaRichiesta(tipologia) as RichiestaSim;
  await call(core, 'richieste.aggiorna');
  return r;
}

describe('state changes of a request as P003 pratiche of the queue', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
  });

  it('a residence declaration: taken in charge once per click, the pre-filled 5005 linked both ways, then accolta con riserva', async () => {
    core = createTestCore({ clock: testClock() });
    const r = await nuovaRichiesta(core, '2');
    const aperta = await scheda(core, r.codice);
    expect(aperta.azioni.map((a) => [a.verso, a.etichetta, a.noteObbligatorie, a.motivoObbligatorio])).toEqual([
      ['3', 'Prendi in carico', false, false],
      ['8', 'Dichiara irricevibile', true, true],
    ]);

    // Refused before anything is queued: not allowed from 2, notes or motive missing.
    await expect(cambia(core, r.codice, '12')).rejects.toMatchObject({ code: 'CAMBIO_NON_CONSENTITO', message: expect.stringContaining('«Aperta»') });
    await expect(cambia(core, r.codice, '8', { motivo: '1' })).rejects.toMatchObject({ code: 'NOTE_OBBLIGATORIE' });
    await expect(cambia(core, r.codice, '8', { note: 'Documento mancante' })).rejects.toMatchObject({ code: 'MOTIVO_OBBLIGATORIO' });
    await expect(cambia(core, r.codice, 'proroga')).rejects.toMatchObject({ code: 'CAMBIO_NON_CONSENTITO' });

    // Two clicks in the same instant: one P003, the second refused while the first waits.
    const [primo, secondo] = await Promise.allSettled([cambia(core, r.codice, '3'), cambia(core, r.codice, '3')]);
    expect(primo).toMatchObject({ status: 'fulfilled', value: { pratica: { stato: 'pronta' } } });
    expect(secondo).toMatchObject({ status: 'rejected', reason: { code: 'CAMBIO_IN_CODA' } });
    const inCoda = await scheda(core, r.codice);
    expect(inCoda.cambioInCoda).toMatchObject({ servizio: 'P003', ruolo: 'cambio_stato', descrizione: 'Passaggio a «In lavorazione»', stato: 'pronta' });
    expect(inCoda.azioni).toEqual([]);

    const riletta = prossimaRilettura(core);
    await invia(core);
    await riletta;
    expect(p003(core)).toHaveLength(1);
    // The operator ANPR records is the signed-in clerk, by name.
    expect(core.anpr.simulatore()!.admin.store.getRichiesta(r.codice)!.storico.at(-1)).toMatchObject({ idStato: '3', operatore: 'TEST MARIO' });
    const presa = await scheda(core, r.codice);
    expect(presa.sintesi.stato).toBe('3');
    expect(presa.cambioInCoda).toBeNull();
    expect(presa.pratiche).toEqual([expect.objectContaining({ servizio: 'P003', stato: 'accolta', descrizione: 'Passaggio a «In lavorazione»' })]);
    expect(presa.azioni.map((a) => a.verso)).toEqual(['12']);
    expect(presa.praticaDaAvviare).toMatchObject({ servizio: '5005', variante: null, praticaId: null });
    expect(presa.suggerita).toBeNull();

    // The pratica the declaration asks for, pre-filled from P002; started once.
    const pratica = await call<PraticaVista>(core, 'richieste.avviaPratica', { codiceRichiesta: r.codice });
    expect(pratica).toMatchObject({ servizio: '5005', stato: 'bozza', richiesta: { codiceRichiesta: r.codice, tipologiaTitolo: 'Dichiarazione di residenza' } });
    expect((await call<PraticaVista>(core, 'richieste.avviaPratica', { codiceRichiesta: r.codice })).id).toBe(pratica.id);
    const aperto = await call<{ pratica: PraticaVista }>(core, 'pratiche.apri', { id: pratica.id });
    const valori = aperto.pratica.valoriModulo as { idFamigliaConvivenzaANPR: string; soggettoRiferimento: string; indirizzo: Record<string, string> };
    expect(valori.idFamigliaConvivenzaANPR).toBe(r.famiglia);
    // The change of residence runs from the day of the declaration.
    expect((valori as unknown as { dataDecorrenza: string }).dataDecorrenza).toBe(r.arrivo.slice(0, 10).split('-').reverse().join('/'));
    expect(aperto.pratica).toMatchObject({ dataDecorrenza: r.arrivo.slice(0, 10), dataProtocollo: r.arrivo.slice(0, 10), scadenza: addGiorniLavorativi(r.arrivo.slice(0, 10), 2) });
    expect(valori.soggettoRiferimento).toBe(r.interessato);
    expect(valori.indirizzo).toMatchObject({ denominazione: r.indirizzo!.denominazioneToponimo, specie: r.indirizzo!.specie, numero: r.indirizzo!.civico, cap: r.indirizzo!.cap, piano: r.indirizzo!.piano ?? '' });
    expect(aperto.pratica.richiesta).toMatchObject({ codiceRichiesta: r.codice });
    expect((await scheda(core, r.codice)).praticaDaAvviare).toMatchObject({ servizio: '5005', praticaId: pratica.id });

    // The clerk confirms it; ANPR accepts it; the sheet suggests the next step.
    const pronta = await call<{ ok: boolean; problemi: unknown[] }>(core, 'pratiche.rendiPronta', { id: pratica.id, conferma: true });
    expect(pronta).toMatchObject({ ok: true, problemi: [] });
    await invia(core);
    const registrata = await scheda(core, r.codice);
    expect(registrata.pratiche.find((p) => p.praticaId === pratica.id)).toMatchObject({ ruolo: 'registrazione', stato: expect.stringMatching(/^accolta/) });
    expect(registrata.suggerita).toMatchObject({ verso: '12', perche: expect.stringContaining('Accolta con riserva') });

    await cambia(core, r.codice, '12');
    await invia(core);
    const conRiserva = await scheda(core, r.codice);
    expect(conRiserva.sintesi.statoTitolo).toBe('Accolta con riserva');
    expect(conRiserva.suggerita).toBeNull();
    expect(conRiserva.azioni.map((a) => a.verso).sort()).toEqual(['5', '6', '9']);
    expect(p003(core)).toHaveLength(2);
  }, 120_000);

  it('a change refused by ANPR (the state moved elsewhere) is explained in Italian and the sheet re-read', async () => {
    core = createTestCore({ clock: testClock() });
    const r = await nuovaRichiesta(core, '2');
    expect((await scheda(core, r.codice)).sintesi.stato).toBe('2');
    // Meanwhile someone takes it in charge in the ANPR web application.
    core.anpr.simulatore()!.admin.impostaStatoRichiesta(r.codice, '3');
    // From what this workstation last read (2), irricevibile is allowed: ANPR refuses it.
    await cambia(core, r.codice, '8', { note: 'Dichiarazione priva di firma', motivo: '2' });
    const riletta = prossimaRilettura(core);
    await invia(core);
    await riletta;
    const s = await scheda(core, r.codice);
    const rifiutata = s.pratiche.find((p) => p.ruolo === 'cambio_stato')!;
    expect(rifiutata.stato).toBe('respinta');
    expect(rifiutata.messaggio).toContain('esito 12003');
    expect(rifiutata.messaggio).toContain('La scheda è stata riletta da ANPR');
    expect(s.sintesi.stato).toBe('3');
    expect(s.azioni.map((a) => a.verso)).toEqual(['12']);
    // The pratica itself explains the refusal the same way.
    const aperta = await call<{ errori: { codice: string; catalogo: { suggerimento: string | null } | null }[] }>(core, 'pratiche.apri', { id: rifiutata.praticaId });
    expect(aperta.errori.find((e) => e.codice === 'EN148')?.catalogo?.suggerimento).toContain('esito 12003');
    // A P003 is never drafted by hand.
    await expect(call(core, 'pratiche.salvaBozza', { servizio: 'P003', payload: null })).rejects.toMatchObject({ code: 'SERVIZIO_DALLA_RICHIESTA' });
  }, 120_000);

  it('offline the change waits in the queue; a connection dropped after ANPR applied it is replayed with the same id, one effect', async () => {
    core = createTestCore({ clock: testClock() });
    const r = await nuovaRichiesta(core, '1');
    await scheda(core, r.codice);
    const sim = core.anpr.simulatore()!;
    sim.admin.setFaults([{ tipo: 'anpr_fermo', durataMs: 60_000 }]);
    const { pratica } = await cambia(core, r.codice, '3');
    expect(pratica.stato).toBe('pronta');
    await invia(core);
    expect((await core.coda.queue()).get(pratica.praticaId)!.stato).not.toBe('accolta');
    expect(p003(core)).toHaveLength(0);

    sim.admin.setFaults([{ tipo: 'caduta_dopo', servizio: 'P003', volte: 1 }]);
    const queue = await core.coda.queue();
    // The queue's circuit breaker and backoff wait on the test clock: advance it until the change is accepted.
    for (let i = 0; i < 40 && queue.get(pratica.praticaId)!.stato !== 'accolta'; i++) {
      (core.options.clock as ReturnType<typeof testClock>).advance(60_000);
      await invia(core);
    }
    expect(queue.get(pratica.praticaId)!.stato).toBe('accolta');
    const invii = queue.invii(pratica.praticaId);
    expect(invii).toHaveLength(1);
    expect(invii[0]!.tentativi).toBeGreaterThanOrEqual(2);
    expect(p003(core)).toHaveLength(1);
    expect(p003(core)[0]!.effetti).toBe(1);
    expect(sim.admin.store.getRichiesta(r.codice)!.storico.filter((x: { idStato: string }) => x.idStato === '3')).toHaveLength(1);
  }, 120_000);

  it('a data correction runs through its own states: in charge, suspended with notes, supplemented by the citizen, accepted', async () => {
    core = createTestCore({ clock: testClock() });
    const r = await nuovaRichiesta(core, '1');
    const passa = async (verso: string, extra: { note?: string } = {}) => {
      await cambia(core!, r.codice, verso, extra);
      await invia(core!);
      return scheda(core!, r.codice);
    };
    expect((await passa('3')).azioni.map((a) => a.verso)).toEqual(['4', '5', '6', 'proroga']);
    await expect(cambia(core, r.codice, '6')).rejects.toMatchObject({ code: 'NOTE_OBBLIGATORIE' });
    const sospesa = await passa('6', { note: 'Allegare copia del documento di identita' });
    expect(sospesa.sintesi.statoTitolo).toBe('Sospesa');
    // Only the citizen supplements it: no state change for the comune, only the extension.
    expect(sospesa.azioni.map((a) => a.verso)).toEqual(['proroga']);
    core.anpr.simulatore()!.admin.integraRichiesta(r.codice);
    const integrata = await scheda(core, r.codice);
    expect(integrata.sintesi.statoTitolo).toBe('Integrata');
    expect(integrata.azioni.map((a) => a.verso)).toEqual(['4', '5', 'proroga']);
    const prorogata = await passa('proroga');
    expect(prorogata.numeroProroghe).toBe(1);
    const accolta = await passa('5');
    expect(accolta.sintesi).toMatchObject({ statoTitolo: 'Accolta definitivamente', chiusa: true });
    expect(accolta.azioni).toEqual([]);
    await expect(cambia(core, r.codice, '4', { note: 'x' })).rejects.toMatchObject({ code: 'RICHIESTA_CHIUSA' });
    expect(accolta.pratiche.map((p) => p.descrizione)).toEqual(['Passaggio a «Accolta definitivamente»', 'Proroga della scadenza', 'Passaggio a «Sospesa»', 'Passaggio a «In lavorazione»']);
  }, 120_000);
});
