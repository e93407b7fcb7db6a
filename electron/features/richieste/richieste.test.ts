import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestCore, testClock } from '../../test-support/core';
import { addGiorni, addGiorniLavorativi, giornoRoma } from '../../../shared/domain/date-it';
import type { ConteggiRichieste, DettaglioRichiesta, ElencoRichieste } from '../../../shared/ipc/contract';
import { finestre } from './richieste';
import { dovuto, sintesi } from './mappa';

const ctx = { transport: 'test' } as const;
type Core = ReturnType<typeof createTestCore>;

async function call<T>(core: Core, channel: string, request?: unknown): Promise<T> {
  const r = await core.router.dispatch(channel as never, request as never, ctx);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

const p001 = (core: Core) => core.anpr.simulatore()!.admin.operations().filter((o) => o.servizio === 'P001').length;

describe('finestre: P001 windows of at most 30 days', () => {
  it('covers every day once, 30 days at most each', () => {
    expect(finestre('2026-01-01', '2026-03-07')).toEqual([
      { dal: '2026-01-01', al: '2026-01-30' },
      { dal: '2026-01-31', al: '2026-03-01' },
      { dal: '2026-03-02', al: '2026-03-07' },
    ]);
    expect(finestre('2026-01-01', '2026-01-01')).toEqual([{ dal: '2026-01-01', al: '2026-01-01' }]);
  });
});

describe('deadlines', () => {
  const p001 = { codiceRichiesta: '1', idTipologia: '2', idStatoRichiesta: '2', dataApertura: '2026-12-04T10:00:00Z' };
  it('a residence declaration filed on a Friday before 8 December is taken in charge by Wednesday 9 (or ANPR’s earlier date)', () => {
    const s = sintesi({ p001, dettaglio: null }, '2026-12-04');
    expect(s.scadenze).toEqual({ presaInCarico: '2026-12-09', conclusione: '2027-01-18', anpr: null });
    expect(s.prossimaScadenza).toBe('2026-12-09');
    expect(s.dovuto).toBeNull();
    expect(sintesi({ p001, dettaglio: null }, '2026-12-07').dovuto).toBe('prossimo');
    expect(sintesi({ p001, dettaglio: null }, '2026-12-09').dovuto).toBe('oggi');
    expect(sintesi({ p001, dettaglio: null }, '2026-12-10').dovuto).toBe('scaduto');
    expect(sintesi({ p001: { ...p001, idStatoRichiesta: '5', dataChiusura: '2026-12-05' }, dettaglio: null }, '2027-02-01').dovuto).toBeNull();
  });
  it('a data correction has 30 days, ANPR’s date (with its extensions) when given', () => {
    const s = sintesi({ p001: { ...p001, idTipologia: '1' }, dettaglio: null }, '2026-12-04');
    expect(s.scadenze).toEqual({ presaInCarico: null, conclusione: '2027-01-03', anpr: null });
    expect(dovuto('2026-12-01', '2026-12-04', false)).toBe('scaduto');
  });
});

describe('citizens online requests, against the simulator', () => {
  let core: Core | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await core?.dispose();
    core = undefined;
  });

  it('reads 90 days back the first time, then from the last read: 65 days are 3 windows per type', async () => {
    const clock = testClock();
    core = createTestCore({ clock });
    await call(core, 'richieste.aggiorna');
    // 91 days (first and last included): 4 windows for each of the 5 types.
    expect(p001(core)).toBe(20);
    const sim = core.anpr.simulatore()!;
    const criteri = sim.admin.operations().filter((o) => o.servizio === 'P001');
    expect(criteri).toHaveLength(20);

    clock.advance(65 * 24 * 3600_000);
    const prima = p001(core);
    const esito = await core.richieste.aggiorna();
    expect(esito.messaggio).toBeNull();
    expect(p001(core) - prima).toBe(15);
  }, 120_000);

  it('a request filed now appears after richieste.aggiorna with its deadlines; detail and files served offline', async () => {
    core = createTestCore({ clock: testClock() });
    const eventi: ConteggiRichieste[] = [];
    core.events.subscribe((e, p) => e === 'richieste.cambiate' && eventi.push(p as ConteggiRichieste));
    await call(core, 'richieste.aggiorna');
    const sim = core.anpr.simulatore()!;
    const nuova = sim.admin.nuovaRichiesta('2') as { codice: string };
    const esito = await call<{ nuove: number; lettaIl: string | null }>(core, 'richieste.aggiorna');
    expect(esito.nuove).toBe(1);
    expect(eventi.length).toBeGreaterThan(0);

    const oggi = giornoRoma(core.options.clock.now());
    const elenco = await call<ElencoRichieste>(core, 'richieste.elenco', {});
    expect(elenco.lettaIl).toBe(esito.lettaIl);
    const riga = elenco.richieste.find((r) => r.codiceRichiesta === nuova.codice)!;
    expect(riga).toMatchObject({
      tipologia: '2',
      tipologiaTitolo: 'Dichiarazione di residenza',
      stato: '2',
      statoTitolo: 'Aperta',
      chiusa: false,
      scadenze: { presaInCarico: addGiorniLavorativi(oggi, 2), conclusione: addGiorni(oggi, 45) },
      prossimaScadenza: addGiorniLavorativi(oggi, 2),
    });
    expect(riga.richiedente).toMatch(/^[A-Z' ]+$/);
    // Newest first.
    expect(elenco.richieste[0]!.codiceRichiesta).toBe(nuova.codice);
    const dichiarazioni = await call<ElencoRichieste>(core, 'richieste.elenco', { tipologia: '2', stato: '2' });
    expect(dichiarazioni.richieste.every((r) => r.tipologia === '2' && r.stato === '2')).toBe(true);
    const conteggi = await call<ConteggiRichieste>(core, 'richieste.conteggi');
    expect(conteggi.daPrendereInCarico).toBeGreaterThanOrEqual(1);

    const online = await call<DettaglioRichiesta>(core, 'richieste.dettaglio', { codiceRichiesta: nuova.codice });
    expect(online.daArchivio).toBe(false);
    expect(online.statoCorrente.statoTitolo).toBe('Aperta');
    expect(online.componenti.length).toBeGreaterThan(0);
    expect(online.indirizzo.length).toBeGreaterThan(0);
    expect(online.allegati).toHaveLength(2);
    expect(online.riepilogo).toMatchObject({ mime: 'application/pdf' });

    sim.admin.setFaults([{ tipo: 'anpr_fermo', durataMs: 60_000 }]);
    await new Promise((r) => setImmediate(r));
    const offline = await call<DettaglioRichiesta>(core, 'richieste.dettaglio', { codiceRichiesta: nuova.codice });
    expect(offline.daArchivio).toBe(true);
    expect(offline.avviso).toContain('ANPR non raggiungibile');
    expect(offline.allegati).toEqual(online.allegati);
    expect(offline.sintesi.codiceRichiesta).toBe(nuova.codice);

    // A failed read keeps the list and says why.
    const fallita = await call<{ messaggio: string | null; lettaIl: string | null }>(core, 'richieste.aggiorna');
    expect(fallita.messaggio).toContain('Lettura da ANPR non riuscita');
    expect(fallita.lettaIl).toBe(esito.lettaIl);
    const dopo = await call<ElencoRichieste>(core, 'richieste.elenco', {});
    expect(dopo.richieste.length).toBe(elenco.richieste.length);
    expect(dopo.errore).toContain('Lettura da ANPR non riuscita');
    expect(dopo.lettaIl).toBe(esito.lettaIl);

    // Each archived file is served with its hash, from the archive (ANPR is down).
    for (const f of [...offline.allegati, offline.riepilogo!]) {
      const servito = await call<{ base64: string; sha256: string; mime: string }>(core, 'richieste.file', { id: f.id });
      const bytes = Buffer.from(servito.base64, 'base64');
      expect(bytes.length).toBe(f.byte);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      expect(servito.sha256).toBe(f.sha256);
      expect(servito.mime).toBe(f.mime);
    }
    const pdf = offline.allegati.find((f) => f.mime === 'application/pdf')!;
    expect(Buffer.from((await call<{ base64: string }>(core, 'richieste.file', { id: pdf.id })).base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    // A corrupted archived file is refused, not served.
    core.db.prepare("UPDATE richieste_file SET dati = X'00010203' WHERE id = ?").run(pdf.id);
    await expect(call(core, 'richieste.file', { id: pdf.id })).rejects.toMatchObject({ code: 'FILE_NON_INTEGRO' });
  }, 120_000);

  it('reads by itself after the first successful connection check, then at the interval of the setting, re-armed when it changes', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    core = createTestCore({ clock: { now: () => new Date() }, richiesteAutomatiche: true });
    await call(core, 'connessione.verifica');
    await vi.waitFor(() => expect(core!.richieste.conteggi().lettaIl).not.toBeNull(), { timeout: 30_000, interval: 50 });
    expect(p001(core)).toBe(20);
    // A read is over when its success is recorded (its P002s come after the P001s): a tick during a read joins it.
    const finita = async (prima: string | null) => {
      await vi.waitFor(() => expect(core!.richieste.conteggi().lettaIl).not.toBe(prima), { timeout: 30_000, interval: 50 });
      return core!.richieste.conteggi().lettaIl;
    };
    let lettaIl = core.richieste.conteggi().lettaIl;
    vi.advanceTimersByTime(10 * 60_000);
    lettaIl = await finita(lettaIl);
    // Same day: one window per type.
    expect(p001(core)).toBe(25);
    await call(core, 'impostazioni.salvaLetturaRichieste', { minutiAggiornamento: 3 });
    expect((await call<{ letturaRichieste: { minutiAggiornamento: number } }>(core, 'home.riepilogo')).letturaRichieste.minutiAggiornamento).toBe(3);
    vi.advanceTimersByTime(3 * 60_000);
    await finita(lettaIl);
    expect(p001(core)).toBe(30);
    await expect(call(core, 'impostazioni.salvaLetturaRichieste', { minutiAggiornamento: 1 })).rejects.toMatchObject({ code: expect.any(String) });
  }, 120_000);
});
