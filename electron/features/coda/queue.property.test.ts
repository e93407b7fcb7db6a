/**
 * Property tests (fast-check) of the state machine and the dispatcher under
 * random transport failures, random crashes/restarts (before or after ANPR
 * commits, also during a 3003 lookup), other workstations sending in between,
 * the clock stepping back, and clerks fixing refused pratiche.
 *
 * A crash is modelled at the only places where the dispatcher awaits (the
 * request and the 3003 lookup): the call never returns, the database
 * connection is dropped and a new queue opens the same file. Everything the
 * dispatcher commits is one synchronous SQLite transaction, so there is no
 * other point where a kill could leave a different state (the real-process
 * SIGKILL test covers the rest).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { compareIdOperazione } from './id-operazione';
import { canTransition, STATI, STATI_FINALI } from './states';
import { corpoFinto, type FaultKind } from './testing/fake-anpr';
import { createHarness, type Harness } from './testing/harness';
import type { StatoPratica } from './types';

const FAULTS: FaultKind[] = [
  'ok',
  'caduta_prima',
  'caduta_dopo',
  'http500',
  'errore999',
  'en148',
  'xml_malformato',
  'rifiuto_policy',
  'anpr_fermo',
  'crash_prima',
  'crash_dopo',
  'altra_postazione',
  'orologio_indietro',
];

const praticaArb = fc.record({
  soggetto: fc.option(fc.constantFrom('S1', 'S2', 'S3'), { nil: undefined }),
  giorno: fc.integer({ min: 1, max: 28 }),
  ko: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
});

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const runs = Number(process.env.QUEUE_PROPERTY_RUNS ?? 60);

describe('queue properties', () => {
  it('state machine: final states are terminal except through the clerk, every state reachable from bozza', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATI), { maxLength: 30 }), (path) => {
        let s: StatoPratica = 'bozza';
        for (const next of path) if (canTransition(s, next)) s = next;
        if (s === 'accolta' || s === 'accolta_con_avvisi') expect(STATI.some((x) => canTransition(s, x))).toBe(false);
      }),
    );
    const reach = new Set<StatoPratica>(['bozza']);
    for (let i = 0; i < STATI.length; i++) for (const a of [...reach]) for (const b of STATI) if (canTransition(a, b)) reach.add(b);
    expect([...reach].sort()).toEqual([...STATI].sort());
  });

  it(
    'no pratica lost, never two ids for one submission, ids increasing in send order, everything ends accolta',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(praticaArb, { minLength: 1, maxLength: 10 }),
          fc.array(fc.constantFrom(...FAULTS), { maxLength: 40 }),
          fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
          async (pratiche, faults, addLater) => {
            h?.dispose();
            h = createHarness({ backoff: { baseMs: 500 } });
            h.faults.push(...faults);
            const ko = new Map<string, boolean>();
            const marker = new Map<string, string>();
            // A pratica drafted later is also dated later (an earlier date for a subject ANPR already
            // moved past is a legitimate EN240 refusal the clerk must resolve, not a queue property).
            let tardive = 0;
            const addOne = async (i: number, tardiva = false) => {
              const p = pratiche[i]!;
              const m = `P${i}`;
              const id = await h!.queue.aggiungi({
                servizio: '5005',
                formato: 'xml',
                payload: { xml: corpoFinto('5005', m, { soggetto: p.soggetto, ko: p.ko }) },
                ...(p.soggetto ? { soggettoKey: p.soggetto } : {}),
                dataDecorrenza: tardiva ? `2026-03-${String(10 + tardive++)}` : `2026-02-${String(p.giorno).padStart(2, '0')}`,
              });
              ko.set(id, p.ko);
              marker.set(id, m);
            };
            // Some pratiche are drafted while earlier ones are being sent (after a restart).
            const later = new Set(addLater.filter((i) => i < pratiche.length));
            for (let i = 0; i < pratiche.length; i++) if (!later.has(i)) await addOne(i);

            let rounds = 0;
            for (;;) {
              expect(rounds++).toBeLessThan(400);
              let crashed = false;
              let onCrash!: () => void;
              const crash = new Promise<'crash'>((r) => (onCrash = () => ((crashed = true), r('crash'))));
              h.anpr.onCrash(onCrash);
              const res = await Promise.race([h.queue.drain(), crash]);
              if (crashed || res === 'crash') {
                h.restart();
                const next = [...later][0];
                if (next !== undefined) {
                  later.delete(next);
                  await addOne(next, true);
                }
                continue;
              }
              // Never more than one submission open.
              expect(h.db.prepare("SELECT COUNT(*) FROM invii WHERE aperto = 1").pluck().get()).toBeLessThanOrEqual(1);
              if (res.fine === 'bloccata') {
                const blocked = h.queue.list({ stati: ['richiede_intervento'] }).find((p) => h!.queue.invii(p.id).some((i) => i.aperto === 1))!;
                expect(blocked.messaggio).toBeTruthy();
                h.queue.riprova(blocked.id);
                continue;
              }
              expect(res.fine).toBe('vuota');
              // Nothing is left on the wire or uncertain when the queue is idle.
              expect(h.queue.list({ stati: ['in_invio', 'esito_incerto'] })).toEqual([]);
              if (later.size) {
                for (const i of later) await addOne(i, true);
                later.clear();
                continue;
              }
              // The clerk fixes refused pratiche and retries the ones needing a person.
              let acted = false;
              for (const p of h.queue.list()) {
                if (p.stato === 'respinta') {
                  h.queue.modifica(p.id, { payload: { xml: corpoFinto('5005', marker.get(p.id)!, { soggetto: p.soggettoKey ?? undefined }) } });
                  expect(await h.queue.rendiPronta(p.id)).toEqual({ ok: true });
                  acted = true;
                } else if (p.stato === 'richiede_intervento') {
                  h.queue.riprova(p.id);
                  acted = true;
                }
              }
              if (!acted) break;
            }

            const list = h.queue.list();
            // No pratica lost; every one ends accolta (the clerk fixed the refused ones).
            expect(list).toHaveLength(pratiche.length);
            for (const p of list) expect(p.stato).toBe('accolta');
            for (const p of list) expect(STATI_FINALI.has(p.stato)).toBe(true);

            for (const p of list) {
              const invii = h.queue.invii(p.id);
              // Distinct ids, all closed; within one revision only a lower-id refusal leads to another id.
              expect(new Set(invii.map((i) => i.id_operazione_comune)).size).toBe(invii.length);
              expect(invii.every((i) => i.aperto === 0)).toBe(true);
              for (let k = 0; k < invii.length - 1; k++) {
                const cur = invii[k]!;
                const nxt = invii[k + 1]!;
                if (cur.revisione === nxt.revisione) expect(['id_inferiore', 'intervento']).toContain(cur.chiusura);
                else expect(cur.esito).toBe('respinta');
              }
              // Every call for one id carried the same body.
              for (const i of invii) {
                const bodies = new Set(h.anpr.chiamate.filter((c) => c.id === i.id_operazione_comune).map((c) => c.corpo));
                expect(bodies.size).toBeLessThanOrEqual(1);
                if (bodies.size) expect([...bodies][0]).toBe(i.corpo_xml);
              }
              // Exactly one effect at ANPR, under the pratica's final id.
              const eff = h.anpr.effetti.filter((e) => e.pratica === marker.get(p.id));
              expect(eff).toHaveLength(1);
              expect(eff[0]!.id).toBe(p.idOperazioneComune);
              expect(p.idOperazioneANPR).toBe((eff[0]!.outcome as { idOperazioneANPR?: string }).idOperazioneANPR);
              // Ids refused as lower were never applied.
              for (const i of invii.filter((x) => x.chiusura === 'id_inferiore')) expect(h.anpr.registro.get(i.id_operazione_comune)).toBeUndefined();
            }
            // Ids were first sent in strictly increasing order, and ANPR accepted new ids in increasing order.
            for (const seq of [h.anpr.nuoviId, h.anpr.accettati]) {
              for (let k = 1; k < seq.length; k++) expect(compareIdOperazione(seq[k - 1]!, seq[k]!)).toBe(-1);
            }
            // Per subject, ANPR applied operations in dataDecorrenza order and never refused one for order.
            const bySubject = new Map<string, string[]>();
            for (const e of h.anpr.effetti) if (e.soggetto) bySubject.set(e.soggetto, [...(bySubject.get(e.soggetto) ?? []), e.dataDecorrenza!]);
            for (const dates of bySubject.values()) expect([...dates].sort()).toEqual(dates);
            for (const r of h.anpr.registro.values()) if (r.outcome.kind === 'respinta') expect(r.outcome.errori.map((e) => e.codice)).not.toContain('EN240');
            // The local copy changed only from ANPR's answers.
            const local = h.db.prepare<[], { soggetto_key: string; fonte: string }>('SELECT soggetto_key, fonte FROM soggetti_locali').all();
            expect(local.every((r) => r.fonte === 'risposta_registrazione')).toBe(true);
            expect(new Set(local.map((r) => r.soggetto_key))).toEqual(new Set(h.anpr.effetti.filter((e) => e.soggetto).map((e) => `ANPR:${e.soggetto}`)));
          },
        ),
        { numRuns: runs },
      );
    },
    120_000,
  );
});
