import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, createCircuitBreaker } from './backoff';
import { decidi, isIdInferiore } from './classify';
import { avanzamentoDopoRifiuto, compareIdOperazione, composeId, idTimeMs, nextLogicalMs, suffissoPostazione } from './id-operazione';
import { canTransition, STATI } from './states';
import { createHarness, type Harness } from './testing/harness';
import { corpoFinto } from './testing/fake-anpr';
import type { Queue } from './queue';
import type { QueueEvent } from './types';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const add = (q: Queue, pratica: string, o: { soggetto?: string; ko?: boolean; dataDecorrenza?: string; servizio?: '5005' | '1002' } = {}) =>
  q.aggiungi({
    servizio: o.servizio ?? '5005',
    formato: 'xml',
    payload: { xml: corpoFinto(o.servizio ?? '5005', pratica, o) },
    ...(o.soggetto ? { soggettoKey: o.soggetto } : {}),
    ...(o.dataDecorrenza ? { dataDecorrenza: o.dataDecorrenza } : {}),
  });

describe('idOperazioneComune scheme', () => {
  it('is 21 digits: UTC time to the millisecond plus a 4-digit workstation suffix', () => {
    const id = composeId(Date.UTC(2026, 10, 26, 9, 0, 0, 7), '0003');
    expect(id).toBe('202611260900000070003');
    expect(id).toMatch(/^[0-9]{21}$/);
    expect(idTimeMs(id)).toBe(Date.UTC(2026, 10, 26, 9, 0, 0, 7));
  });

  it('never goes backwards, even when the clock steps back', () => {
    let last: number | undefined;
    const ids: string[] = [];
    for (const now of [1_800_000_000_000, 1_800_000_000_000, 1_799_999_000_000, 1_800_000_000_500, 1_700_000_000_000]) {
      last = nextLogicalMs(last, now);
      ids.push(composeId(last, '0001'));
    }
    for (let i = 1; i < ids.length; i++) expect(compareIdOperazione(ids[i - 1]!, ids[i]!)).toBe(-1);
  });

  it('derives the suffix from the IdPostazione', () => {
    expect(suffissoPostazione('058091-CO-0003')).toBe('0003');
    expect(suffissoPostazione('058091-CO-12345')).toBe('2345');
    expect(suffissoPostazione('POSTAZIONE')).toMatch(/^\d{4}$/);
    expect(suffissoPostazione('x', '0042')).toBe('0042');
    expect(() => suffissoPostazione('x', '42')).toThrow(/4 cifre/);
  });

  it('compares digit strings numerically without losing precision', () => {
    expect(compareIdOperazione('99', '100')).toBe(-1);
    expect(compareIdOperazione('000123', '123')).toBe(0);
    expect(compareIdOperazione('202611260900000070003', '202611260900000070004')).toBe(-1);
  });

  it('after a lower-id refusal jumps past the id ANPR names, or steps ahead', () => {
    const other = composeId(Date.UTC(2026, 10, 26, 9, 0, 5), '9998');
    const t = `idOperazioneComune 1 inferiore all'ultimo inviato dal comune (${other})`;
    expect(avanzamentoDopoRifiuto([t], Date.UTC(2026, 10, 26, 9), 1)).toBe(Date.UTC(2026, 10, 26, 9, 0, 5));
    expect(avanzamentoDopoRifiuto(['inferiore'], 1000, 1)).toBe(2000);
    expect(avanzamentoDopoRifiuto(['inferiore'], 1000, 3)).toBe(5000);
  });
});

describe('classification of ANPR answers', () => {
  it('treats only the lower-id refusal as proof of non-execution (EN240/EN389 are about dates)', () => {
    expect(isIdInferiore({ codice: 'SX002', tipo: 'E', testo: 'x' })).toBe(true);
    expect(isIdInferiore({ codice: 'EN999', tipo: 'E', testo: "idOperazioneComune 5 inferiore all'ultimo inviato" })).toBe(true);
    expect(isIdInferiore({ codice: 'EN240', tipo: 'E', testo: "La data decorrenza dell'operazione non puo' essere inferiore alla data decorrenza dell'ultima operazione" })).toBe(false);
    expect(isIdInferiore({ codice: 'EN389', tipo: 'E', testo: "La data decorrenza @ dell'operazione non puo' essere inferiore alla data decorrenza @ dell'ultima operazione" })).toBe(false);
  });

  it('maps outcomes to decisions', () => {
    expect(decidi({ kind: 'non_consegnata', causa: 'dns', messaggio: 'm', dettaglio: 'd' }, '1')).toMatchObject({ tipo: 'ritenta', incerto: false });
    expect(decidi({ kind: 'esito_sconosciuto', causa: 'errore_generico_999', messaggio: 'm', dettaglio: 'd' }, '1')).toMatchObject({ tipo: 'ritenta', incerto: true });
    expect(decidi({ kind: 'soap_fault', faultcode: 'soap:Client', faultstring: 'Rejected by policy. (from client)', messaggio: 'm', dettaglio: 'd' }, '1')).toMatchObject({ tipo: 'intervento', chiudi: false });
    expect(decidi({ kind: 'soap_fault', faultcode: 'soap:Server', faultstring: 'Internal Error (from server)', messaggio: 'm', dettaglio: 'd' }, '1')).toMatchObject({ tipo: 'ritenta', incerto: true });
    expect(decidi({ kind: 'respinta', errori: [{ codice: 'EN079', tipo: 'E', testo: 'x' }], idOperazioneComune: '1' }, '1')).toMatchObject({ tipo: 'intervento', chiudi: true });
    expect(decidi({ kind: 'accolta', value: null, anomalie: [], idOperazioneComune: '2' }, '1')).toMatchObject({ tipo: 'ritenta', incerto: true });
  });

  it('backs off ×1.9 up to 15 minutes; the breaker opens after 5 transport failures', () => {
    expect(backoffMs(1)).toBe(1000);
    expect(backoffMs(2)).toBe(1900);
    expect(backoffMs(3)).toBe(3610);
    expect(backoffMs(40)).toBe(15 * 60_000);
    const c = createCircuitBreaker();
    for (let i = 0; i < 4; i++) c.fallimento(0);
    expect(c.aperto(0)).toBe(false);
    c.fallimento(0);
    expect(c.attesaMs(0)).toBe(30_000);
    c.successo();
    expect(c.aperto(0)).toBe(false);
  });

  it('allows only the documented transitions', () => {
    expect(canTransition('bozza', 'in_invio')).toBe(false);
    expect(canTransition('accolta', 'bozza')).toBe(false);
    expect(canTransition('respinta', 'bozza')).toBe(true);
    for (const s of STATI) expect(canTransition('accolta', s)).toBe(false);
  });
});

describe('database', () => {
  it('audit log is append-only and only one submission may be open per environment', async () => {
    h = createHarness();
    await add(h.queue, 'P1');
    await h.queue.drain();
    expect(() => h!.db.prepare("UPDATE audit_log SET azione = 'x'").run()).toThrow(/sola aggiunta/);
    expect(() => h!.db.prepare('DELETE FROM audit_log').run()).toThrow(/sola aggiunta/);
    const ins = h.db.prepare(
      "INSERT INTO invii (pratica_id, revisione, ambiente, id_operazione_comune, servizio, corpo_xml, corpo_sha256, aperto, allocato) VALUES (?, 1, 'TEST', ?, '5005', 'x', 'x', 1, 'now')",
    );
    const p = h.queue.list()[0]!.id;
    ins.run(p, 'A1');
    expect(() => ins.run(p, 'A2')).toThrow(/UNIQUE/);
  });
});

describe('dispatcher', () => {
  it('sends in order, one id per pratica, archives and audits, updates the local copy from the answer', async () => {
    h = createHarness();
    const events: QueueEvent[] = [];
    h.queue.subscribe((e) => events.push(e));
    const ids = [await add(h.queue, 'P1', { soggetto: 'S1', dataDecorrenza: '2026-01-02' }), await add(h.queue, 'P2'), await add(h.queue, 'P3')];
    expect(h.db.prepare('SELECT COUNT(*) FROM soggetti_locali').pluck().get()).toBe(0);
    const r = await h.queue.drain();
    expect(r).toMatchObject({ fine: 'vuota', inviate: 3 });
    const list = h.queue.list();
    expect(list.map((p) => p.stato)).toEqual(['accolta', 'accolta', 'accolta']);
    expect(list.map((p) => p.id)).toEqual(ids);
    const sent = list.map((p) => p.idOperazioneComune!);
    expect([...sent].sort(compareIdOperazione)).toEqual(sent);
    expect(new Set(sent).size).toBe(3);
    expect(list.every((p) => typeof p.idOperazioneANPR === 'string' && Number(p.idOperazioneANPR) > 2 ** 31)).toBe(true);
    expect(h.db.prepare('SELECT COUNT(*) FROM messaggi_anpr').pluck().get()).toBe(3);
    expect(h.db.prepare("SELECT COUNT(*) FROM audit_log WHERE azione = 'id_allocato'").pluck().get()).toBe(3);
    expect(h.db.prepare('SELECT soggetto_key, fonte FROM soggetti_locali').all()).toEqual([{ soggetto_key: 'ANPR:S1', fonte: 'risposta_registrazione' }]);
    expect(events.some((e) => e.tipo === 'pratica' && e.stato === 'in_invio')).toBe(true);
    expect(events.some((e) => e.tipo === 'coda' && e.stato === 'inattiva')).toBe(true);
  });

  it('a draft can be saved incomplete; only a valid one becomes pronta', async () => {
    h = createHarness();
    const id = h.queue.salvaBozza({ servizio: '5005', payload: { generalitaSchedaFamiglia: {} } });
    expect(h.queue.get(id)!.stato).toBe('bozza');
    const r = await h.queue.rendiPronta(id);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problemi.join('\n')).toMatch(/datiControllo/);
    expect(h.queue.get(id)!.stato).toBe('bozza');
    await expect(h.queue.aggiungi({ servizio: '3002', payload: {} })).rejects.toThrow(/non è un'operazione di registrazione/);
  });

  it('a refused pratica goes back to the clerk; editing it makes a new submission with a new id', async () => {
    h = createHarness();
    const id = await add(h.queue, 'P1', { ko: true });
    await h.queue.drain();
    const refused = h.queue.get(id)!;
    expect(refused.stato).toBe('respinta');
    expect(refused.errori).toEqual([expect.objectContaining({ codice: 'EN122', tipo: 'E' })]);
    expect(refused.messaggio).toMatch(/ANPR ha respinto la pratica/);
    h.queue.modifica(id, { payload: { xml: corpoFinto('5005', 'P1') } });
    expect(await h.queue.rendiPronta(id)).toEqual({ ok: true });
    await h.queue.drain();
    const ok = h.queue.get(id)!;
    expect(ok.stato).toBe('accolta');
    expect(ok.revisione).toBe(2);
    const invii = h.queue.invii(id);
    expect(invii).toHaveLength(2);
    expect(compareIdOperazione(invii[0]!.id_operazione_comune, invii[1]!.id_operazione_comune)).toBe(-1);
  });

  it('an uncertain answer blocks the queue, is resent with the same id and body, then asked to 3003', async () => {
    h = createHarness();
    const a = await add(h.queue, 'A');
    const b = await add(h.queue, 'B');
    // A: 999 after commit, then 999 again on the resend (→ 3003 finds it)
    h.faults.push('errore999', 'errore999');
    const order: string[] = [];
    h.queue.subscribe((e) => {
      if (e.tipo === 'pratica') order.push(`${e.praticaId === a ? 'A' : 'B'}:${e.stato}`);
    });
    await h.queue.drain();
    expect(h.queue.get(a)!.stato).toBe('accolta');
    expect(h.queue.get(b)!.stato).toBe('accolta');
    expect(order.indexOf('B:in_invio')).toBeGreaterThan(order.lastIndexOf('A:esito_incerto'));
    const callsA = h.anpr.chiamate.filter((c) => c.pratica === 'A');
    expect(new Set(callsA.map((c) => c.id)).size).toBe(1);
    expect(h.anpr.effetti.filter((e) => e.pratica === 'A')).toHaveLength(1);
    expect(h.db.prepare("SELECT COUNT(*) FROM audit_log WHERE azione IN ('verifica_3003')").pluck().get()).toBeGreaterThanOrEqual(1);
    const bodies = h.db.prepare('SELECT corpo_sha256 FROM invii WHERE pratica_id = ?').pluck().all(a);
    expect(bodies).toHaveLength(1);
  });

  it('only a lower-than-last refusal gives a pratica a new id', async () => {
    h = createHarness();
    const a = await add(h.queue, 'A');
    h.faults.push('altra_postazione');
    await h.queue.drain();
    const p = h.queue.get(a)!;
    expect(p.stato).toBe('accolta');
    const invii = h.queue.invii(a);
    expect(invii.map((i) => i.chiusura)).toEqual(['id_inferiore', 'esito']);
    expect(compareIdOperazione(invii[0]!.id_operazione_comune, invii[1]!.id_operazione_comune)).toBe(-1);
    expect(compareIdOperazione(invii[1]!.id_operazione_comune, h.anpr.nuoviId[0]!)).toBe(1);
  });

  it('a policy rejection stops the queue with a clear message; «Riprova» resends the same id', async () => {
    h = createHarness();
    const a = await add(h.queue, 'A');
    const b = await add(h.queue, 'B');
    h.faults.push('rifiuto_policy');
    const r = await h.queue.drain();
    expect(r.fine).toBe('bloccata');
    const p = h.queue.get(a)!;
    expect(p.stato).toBe('richiede_intervento');
    expect(p.messaggio).toMatch(/Rejected by policy/);
    expect(h.queue.get(b)!.stato).toBe('pronta');
    h.queue.riprova(a);
    await h.queue.drain();
    expect(h.queue.get(a)!.stato).toBe('accolta');
    expect(h.queue.invii(a)).toHaveLength(1);
    expect(h.queue.get(b)!.stato).toBe('accolta');
  });

  it('waits while ANPR is down (circuit breaker) and after 24 h asks for a person, keeping the id', async () => {
    h = createHarness();
    const a = await add(h.queue, 'A');
    for (let i = 0; i < 200; i++) h.faults.push('anpr_fermo');
    const r = await h.queue.drain({ maxAttesaMs: 60_000 });
    expect(r.fine).toBe('in_attesa');
    expect(h.queue.get(a)!.stato).toBe('in_invio');
    expect(h.queue.get(a)!.messaggio).toMatch(/ANPR non raggiungibile/);
    const r2 = await h.queue.drain();
    expect(r2.fine).toBe('bloccata');
    const p = h.queue.get(a)!;
    expect(p.stato).toBe('richiede_intervento');
    expect(p.messaggio).toMatch(/24 ore/);
    h.faults.length = 0;
    h.queue.riprova(a);
    await h.queue.drain();
    expect(h.queue.get(a)!.stato).toBe('accolta');
    expect(new Set(h.anpr.chiamate.map((c) => c.id)).size).toBe(1);
  });

  it('waits while offline', async () => {
    let online = false;
    h = createHarness({ isOnline: () => online });
    const a = await add(h.queue, 'A');
    const r = await h.queue.drain({ maxAttesaMs: 1_000 });
    expect(r).toMatchObject({ fine: 'in_attesa' });
    expect(r.messaggio).toMatch(/Nessuna connessione/);
    expect(h.queue.get(a)!.stato).toBe('pronta');
    online = true;
    await h.queue.drain();
    expect(h.queue.get(a)!.stato).toBe('accolta');
  });

  it('a crash while in invio is reconciled at start-up with the same id', async () => {
    h = createHarness();
    const a = await add(h.queue, 'A');
    const b = await add(h.queue, 'B');
    h.faults.push('crash_dopo');
    let crashed!: () => void;
    const crash = new Promise<void>((r) => (crashed = r));
    h.anpr.onCrash(crashed);
    await Promise.race([h.queue.drain(), crash]);
    expect(h.db.prepare('SELECT stato FROM pratiche WHERE id = ?').pluck().get(a)).toBe('in_invio');
    const q = h.restart();
    expect(q.get(a)!.stato).toBe('esito_incerto');
    expect(q.get(a)!.messaggio).toMatch(/interrotto/);
    await q.drain();
    expect(q.get(a)!.stato).toBe('accolta');
    expect(q.get(b)!.stato).toBe('accolta');
    expect(new Set(h.anpr.chiamate.filter((c) => c.pratica === 'A').map((c) => c.id)).size).toBe(1);
    expect(h.anpr.effetti).toHaveLength(2);
  });

  it('refuses to quit while a request is on the wire and offers to wait', async () => {
    h = createHarness();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let onTheWire!: () => void;
    const sending = new Promise<void>((r) => (onTheWire = r));
    const anpr = h.anpr;
    h.db.close();
    h.db = (await import('../../platform/db/database')).openDatabase(h.file);
    const { createQueue } = await import('./queue');
    const q = createQueue({
      db: h.db,
      send: async (s, b, id) => {
        onTheWire();
        await gate;
        return anpr.send(s, b, id);
      },
      clock: h.clock,
      comune: '058091',
      ambiente: 'TEST',
      postazione: '058091-CO-0001',
      operatore: 'OP',
      codDestinatario: 'ANPR05',
      validateXml: null,
    });
    await add(q, 'A');
    const d = q.drain();
    await sending;
    expect(q.canQuit()).toMatchObject({ ok: false, messaggio: expect.stringMatching(/Attendere/) });
    const idle = q.waitIdle();
    release();
    await idle;
    expect(q.canQuit().ok).toBe(true);
    await d;
  });

  it('pause and resume', async () => {
    h = createHarness();
    const a = await add(h.queue, 'A');
    h.queue.pause();
    expect((await h.queue.drain()).fine).toBe('in_pausa');
    expect(h.queue.get(a)!.stato).toBe('pronta');
    h.queue.resume();
    await h.queue.drain();
    expect(h.queue.get(a)!.stato).toBe('accolta');
  });

  it('while draining, each outcome and the next allocation share one transaction (one fsync)', async () => {
    h = createHarness();
    const ids = [await add(h.queue, 'A'), await add(h.queue, 'B'), await add(h.queue, 'C')];
    const db = h.db;
    const original = db.transaction.bind(db);
    let commits = 0;
    db.transaction = ((fn: (...a: unknown[]) => unknown) => {
      const tx = original(fn);
      return Object.assign((...a: unknown[]) => {
        if (!db.inTransaction) commits++;
        return tx(...a);
      }, tx);
    }) as typeof db.transaction;
    const summary = await h.queue.drain();
    db.transaction = original;
    expect(summary.inviate).toBe(3);
    for (const id of ids) expect(h.queue.get(id)!.stato).toBe('accolta');
    // A's allocation, then A's outcome + B's allocation, B's outcome + C's allocation, C's outcome.
    expect(commits).toBe(4);
    for (const id of ids) expect(h.queue.invii(id)).toMatchObject([{ tentativi: 1, aperto: 0, esito: 'accolta' }]);
  });

  it('a pause right after an outcome keeps the next pratica allocated; on resume it goes with the same id', async () => {
    h = createHarness();
    const a = await add(h.queue, 'A');
    const b = await add(h.queue, 'B');
    const q = h.queue;
    const off = q.subscribe((e) => {
      if (e.tipo === 'pratica' && e.praticaId === a && e.stato === 'accolta') q.pause();
    });
    expect((await q.drain()).fine).toBe('in_pausa');
    off();
    expect(q.get(a)!.stato).toBe('accolta');
    const allocated = q.invii(b);
    expect(allocated).toMatchObject([{ aperto: 1, tentativi: 1 }]);
    expect(h.anpr.nuoviId).not.toContain(allocated[0]!.id_operazione_comune);
    q.resume();
    await q.drain();
    expect(q.get(b)!.stato).toBe('accolta');
    expect(q.invii(b)).toMatchObject([{ id_operazione_comune: allocated[0]!.id_operazione_comune, tentativi: 1, aperto: 0 }]);
  });

  it('the background dispatcher picks up new work and stops cleanly', async () => {
    const harness = createHarness({ sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))) });
    h = harness;
    harness.queue.start();
    const a = await add(harness.queue, 'A');
    await expect.poll(() => harness.queue.get(a)!.stato, { timeout: 10_000, interval: 5 }).toBe('accolta');
    await harness.queue.stop();
  });

  it('per subject, sends in dataDecorrenza order and never overtakes an unfinished one', async () => {
    h = createHarness();
    const late = await add(h.queue, 'L', { soggetto: 'S', dataDecorrenza: '2026-03-01' });
    const early = await add(h.queue, 'E', { soggetto: 'S', dataDecorrenza: '2026-02-01', ko: true });
    const other = await add(h.queue, 'O', { soggetto: 'T', dataDecorrenza: '2026-01-01' });
    await h.queue.drain();
    expect(h.queue.get(early)!.stato).toBe('respinta');
    expect(h.queue.get(late)!.stato).toBe('pronta');
    expect(h.queue.get(other)!.stato).toBe('accolta');
    h.queue.scarta(early);
    await h.queue.drain();
    expect(h.queue.get(late)!.stato).toBe('accolta');
    expect(h.anpr.chiamate.map((c) => c.pratica)).toEqual(['E', 'O', 'L']);
  });

  it('applies archive retention', async () => {
    h = createHarness({ conservazioneArchivioGiorni: 30 });
    await add(h.queue, 'A');
    await h.queue.drain();
    expect(h.queue.pulisciArchivio()).toBe(0);
    h.clock.advance(31 * 86_400_000);
    expect(h.queue.pulisciArchivio()).toBe(1);
  });
});
