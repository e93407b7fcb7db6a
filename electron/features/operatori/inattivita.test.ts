import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/ipc/contract';
import type { Logger } from '../../platform/logger';
import { createMemoryLogger } from '../../platform/logger';
import { NON_ATTIVITA } from '../../core/permissions';
import { createTestCore, OPERATORE_TEST, testClock } from '../../test-support/core';

const web = { transport: 'web' as const };
const MINUTO = 60_000;

/** A test core on a settable clock, with a probe so `connessione.verifica` stays local. */
function core(opts: { accesso?: 'operatore' } = {}) {
  const clock = testClock();
  const logger = createMemoryLogger();
  const c = createTestCore({ clock, logger: logger as Logger, probe: async () => ({ raggiungibile: true, messaggio: null }) }, opts);
  return Object.assign(c, { clock, memoria: logger });
}

/** What the anomalies screen asks for when it reloads (its default view). */
const ELENCO_ANOMALIE = { filtri: {}, ordinamento: { campo: 'rilevata', direzione: 'desc' }, raggruppamento: 'nessuno', offset: 0, limite: 100, conTotale: true };

const scadute = (c: ReturnType<typeof core>) =>
  c.db.prepare("SELECT operatore, azione, dettaglio FROM audit_log WHERE azione = 'sessione_scaduta'").all() as { operatore: string; azione: string; dettaglio: string }[];

describe('inactivity lock of the operator session', () => {
  it('an authorised call by the clerk restarts the limit', async () => {
    const c = core();
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) {
      c.clock.advance(14 * MINUTO);
      expect(await c.router.dispatch('operatori.elenco', undefined, web), `call ${i}`).toMatchObject({ ok: true });
    }
    // Exactly the limit since the last call: still open.
    c.clock.advance(15 * MINUTO);
    expect(c.accesso.corrente()?.codiceFiscale).toBe(OPERATORE_TEST.codiceFiscale);
    await c.dispose();
  });

  it('expires after the default 15 minutes without calls: refused with SESSIONE_SCADUTA, logged and audited', async () => {
    const c = core();
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true });
    c.clock.advance(15 * MINUTO + 1000);
    const refused = await c.router.dispatch('operatori.elenco', undefined, web);
    expect(refused).toEqual({ ok: false, error: { code: 'SESSIONE_SCADUTA', message: 'Sessione scaduta per inattività: accedere di nuovo.' } });
    expect(c.accesso.corrente()).toBeNull();
    // Every later call says the same, until someone signs in.
    expect(await c.router.dispatch('pratiche.salvaBozza', { servizio: '5005', payload: null }, web)).toMatchObject({ ok: false, error: { code: 'SESSIONE_SCADUTA' } });
    expect(await c.router.dispatch('sessione.stato', undefined, web)).toMatchObject({ ok: true, value: { operatore: null, scadutaPerInattivita: true } });
    // Once in the audit log, with the operator; in the application log without the codice fiscale.
    expect(scadute(c)).toEqual([{ operatore: OPERATORE_TEST.codiceFiscale, azione: 'sessione_scaduta', dettaglio: expect.stringContaining('15 minuti') }]);
    const righe = c.memoria.entries.filter((e) => e.message === 'session expired for inactivity');
    expect(righe).toHaveLength(1);
    expect(righe[0]!.fields).toMatchObject({ minuti: 15, ultimaAttivita: '2026-11-26T09:00:00.000Z' });
    expect(JSON.stringify(c.memoria.entries)).not.toContain(OPERATORE_TEST.codiceFiscale);
    await c.dispose();
  });

  it('background channels (screen refreshes, pushes, health checks, the session poll) do not keep it open', async () => {
    const c = core();
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true });
    const sfondo: [Channel, unknown][] = [
      ['sessione.stato', undefined],
      ['app.info', undefined],
      ['home.riepilogo', undefined],
      ['connessione.verifica', undefined],
      ['coda.stato', undefined],
      ['pratiche.elenco', undefined],
      ['pratiche.scadenze', { entroGiorni: 60 }],
      ['pratiche.apri', { id: 'inesistente' }],
      ['anomalie.riepilogo', undefined],
      ['anomalie.elenco', ELENCO_ANOMALIE],
      // The Scrivania's card and the in-tray reload on every richieste.cambiate.
      ['richieste.conteggi', undefined],
      ['richieste.elenco', {}],
    ];
    expect(new Set(sfondo.map(([channel]) => channel).filter((channel) => NON_ATTIVITA.has(channel)))).toEqual(NON_ATTIVITA);
    for (let minuto = 1; minuto <= 15; minuto++) {
      c.clock.advance(MINUTO);
      for (const [channel, payload] of sfondo) {
        const envelope = await c.router.dispatch(channel, payload, web);
        // Allowed (the handler may still refuse, e.g. an unknown pratica), but not counted.
        if (!envelope.ok) expect(envelope.error.code, channel).not.toMatch(/^(SESSIONE_SCADUTA|NON_AUTENTICATO|OPERAZIONE_NON_CONSENTITA)$/);
      }
    }
    c.clock.advance(1000);
    expect(await c.router.dispatch('home.riepilogo', undefined, web)).toMatchObject({ ok: false, error: { code: 'SESSIONE_SCADUTA' } });
    await c.dispose();
  });

  it('the anomalies screen reloading on every anomalie.cambiate does not keep an unattended session open (fake clock)', async () => {
    const c = core();
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true });
    // As the screen does: on every push, reload the summary and the list.
    const esiti: Promise<string>[] = [];
    const ricarica = async () => {
      for (const [channel, payload] of [['anomalie.riepilogo', undefined], ['anomalie.elenco', ELENCO_ANOMALIE]] as const) {
        const envelope = await c.router.dispatch(channel, payload, web);
        if (!envelope.ok) return envelope.error.code;
      }
      return 'ok';
    };
    const stacca = c.events.subscribe((event) => {
      if (event === 'anomalie.cambiate') esiti.push(ricarica());
    });
    // ANPR's answers keep arriving in the background, one a minute, for the whole limit.
    for (let minuto = 1; minuto <= 15; minuto++) {
      c.clock.advance(MINUTO);
      c.events.emit('anomalie.cambiate', { origine: 'risposta', inserite: 1, sanate: 0 });
      expect(await esiti.at(-1), `minute ${minuto}`).toBe('ok');
    }
    c.clock.advance(1000);
    c.events.emit('anomalie.cambiate', { origine: 'risposta', inserite: 1, sanate: 0 });
    expect(await esiti.at(-1)).toBe('SESSIONE_SCADUTA');
    expect(c.accesso.corrente()).toBeNull();
    stacca();
    await c.dispose();
  });

  it('the amministratore sets the limit (1–240 whole minutes); it applies to the open session at once', async () => {
    const c = core();
    expect(await c.router.dispatch('home.riepilogo', undefined, web)).toMatchObject({ ok: true, value: { sicurezza: { minutiInattivita: 15 } } });
    for (const minutiInattivita of [0, 241, 1.5]) {
      expect(await c.router.dispatch('impostazioni.salvaSicurezza', { minutiInattivita }, web), String(minutiInattivita)).toMatchObject({ ok: false, error: { code: 'RICHIESTA_NON_VALIDA' } });
    }
    expect(await c.router.dispatch('impostazioni.salvaSicurezza', { minutiInattivita: 1 }, web)).toEqual({ ok: true, value: { minutiInattivita: 1 } });
    expect(c.settings.get().sicurezza.minutiInattivita).toBe(1);
    c.clock.advance(MINUTO);
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true });
    c.clock.advance(MINUTO + 1000);
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: false, error: { code: 'SESSIONE_SCADUTA' } });
    expect(scadute(c)[0]?.dettaglio).toContain('oltre 1 minuti');
    await c.dispose();

    const operatore = core({ accesso: 'operatore' });
    expect(await operatore.router.dispatch('impostazioni.salvaSicurezza', { minutiInattivita: 240 }, web)).toMatchObject({ ok: false, error: { code: 'OPERAZIONE_NON_CONSENTITA' } });
    await operatore.dispose();
  });

  it('signing in again opens a fresh session; signing out is not an expiry', async () => {
    const c = core();
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true });
    c.clock.advance(16 * MINUTO);
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: false, error: { code: 'SESSIONE_SCADUTA' } });
    const accesso = await c.router.dispatch('sessione.accedi', { codiceFiscale: OPERATORE_TEST.codiceFiscale, password: OPERATORE_TEST.password }, web);
    expect(accesso).toMatchObject({ ok: true, value: { codiceFiscale: OPERATORE_TEST.codiceFiscale, dal: c.clock.now().toISOString() } });
    expect(await c.router.dispatch('sessione.stato', undefined, web)).toMatchObject({ ok: true, value: { operatore: { codiceFiscale: OPERATORE_TEST.codiceFiscale }, scadutaPerInattivita: false } });
    c.clock.advance(14 * MINUTO);
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true });
    expect(await c.router.dispatch('sessione.esci', undefined, web)).toMatchObject({ ok: true });
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: false, error: { code: 'NON_AUTENTICATO' } });
    expect(scadute(c)).toHaveLength(1);
    await c.dispose();
  });

  it('a system clock set back does not stretch the session beyond the limit', async () => {
    const c = core();
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true });
    c.clock.advance(-60 * MINUTO);
    expect(c.accesso.corrente()).not.toBeNull();
    c.clock.advance(15 * MINUTO + 1000);
    expect(c.accesso.corrente()).toBeNull();
    await c.dispose();
  });

  it('a restart starts with nobody signed in, so the last activity can stay in memory', async () => {
    const c = core();
    expect(await c.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true });
    await c.close();
    const again = createTestCore({ dataDir: c.options.dataDir }, { accesso: null });
    expect(again.accesso.corrente()).toBeNull();
    expect(await again.router.dispatch('sessione.stato', undefined, web)).toMatchObject({ ok: true, value: { configurato: true, operatore: null, scadutaPerInattivita: false } });
    await again.dispose();
  });
});
