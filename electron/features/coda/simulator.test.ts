/**
 * The queue against the real client and the ANPR training simulator (real
 * TLS, real WS-Security, real XSD checks): every injected fault ends in the
 * right state with a clear Italian message, and ANPR shows one effect per id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTransportAgents } from '../../anpr/transport/https-transport';
import { openDatabase, type Db } from '../../platform/db/database';
import type { FaultSpec } from '../../simulator/config';
import type { PersonaSim } from '../../simulator/state/store';
import { oggi, startFixture, type SimFixture } from '../../simulator/test-helpers';
import { lookup3003FromClient, sendFnFromClient } from './anpr-adapter';
import { compareIdOperazione } from './id-operazione';
import { createQueue, type Queue } from './queue';
import { corpo5008 } from './testing/bodies';
import type { QueueEvent, StatoPratica } from './types';

let f: SimFixture;
let dir: string;
let db: Db;
let queue: Queue;
let residenti: PersonaSim[];
let next = 0;
const events: QueueEvent[] = [];

beforeAll(async () => {
  f = await startFixture();
  dir = mkdtempSync(join(tmpdir(), 'coda-sim-'));
  db = openDatabase(join(dir, 'sportello.sqlite'));
  const client = f.makeClient('comune.p12', { timeouts: { default: 1_000 } });
  queue = createQueue({
    db,
    send: sendFnFromClient(client),
    lookup3003: lookup3003FromClient(client, { comune: f.pki.istat, codDestinatario: 'ANPR02', ambiente: 'TEST' }),
    clock: { now: () => new Date() },
    comune: f.pki.istat,
    ambiente: 'TEST',
    postazione: `${f.pki.istat}-PC-0001`,
    operatore: 'RSSMRA80A01H501U',
    codDestinatario: 'ANPR02',
    backoff: { baseMs: 100, maxMs: 1_000 },
    circuito: { soglia: 3, aperturaMs: 300 },
  });
  queue.subscribe((e) => events.push(e));
  residenti = f.sim.admin.campione(f.pki.istat, 40);
}, 120_000);

afterAll(async () => {
  db?.close();
  closeTransportAgents();
  await f?.sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function accoda(): Promise<string> {
  const p = residenti[next++]!;
  return queue.aggiungi({
    servizio: '5008',
    formato: 'xml',
    payload: { xml: corpo5008(p, f.pki.istat) },
    soggettoKey: `ANPR:${p.idSchedaSoggettoANPR}`,
    dataDecorrenza: oggi(),
  });
}

function messaggi(id: string): string[] {
  return events.flatMap((e) => (e.tipo === 'pratica' && e.praticaId === id && e.messaggio ? [e.messaggio] : []));
}

function effetti(idOperazioneComune: string): number | undefined {
  return f.sim.admin.operations().find((o) => o.idOperazioneComune === idOperazioneComune)?.effetti;
}

describe('queue against the simulator', () => {
  it('validates against the official XSD before pronta, then sends and is accepted', async () => {
    const bad = queue.salvaBozza({ servizio: '5008', formato: 'xml', payload: { xml: '<ns2:Richiesta5008 xmlns:ns2="http://sogei.it/ANPR/5000mutazione"><testataRichiesta/></ns2:Richiesta5008>' } });
    const v = await queue.rendiPronta(bad);
    expect(v.ok).toBe(false);
    queue.scarta(bad);
    const id = await accoda();
    expect((await queue.drain()).fine).toBe('vuota');
    const p = queue.get(id)!;
    expect(p.stato).toBe('accolta');
    expect(p.idOperazioneANPR).toMatch(/^\d+$/);
    expect(effetti(p.idOperazioneComune!)).toBe(1);
    expect(db.prepare("SELECT COUNT(*) FROM soggetti_locali WHERE fonte = 'risposta_registrazione'").pluck().get()).toBeGreaterThan(0);
  }, 60_000);

  const casi: [string, FaultSpec, StatoPratica, RegExp][] = [
    ['latency beyond the client timeout (then EN148/replay)', { tipo: 'latenza', ms: 1_500, volte: 1 }, 'accolta', /tempo|risposta|elaborazione|verificat/i],
    ['connection dropped before commit', { tipo: 'caduta_prima', volte: 1 }, 'accolta', /./],
    ['connection dropped after commit', { tipo: 'caduta_dopo', volte: 1 }, 'accolta', /./],
    ['HTTP 500', { tipo: 'http500', volte: 1 }, 'accolta', /./],
    ['999 + EN527', { tipo: 'errore999', volte: 1 }, 'accolta', /999|Operazione non effettuabile/],
    ['malformed XML answer', { tipo: 'xml_malformato', volte: 1 }, 'accolta', /non è leggibile/],
    ['ANPR down for a while', { tipo: 'anpr_fermo', durataMs: 1_200 }, 'accolta', /./],
  ];

  it.each(casi)('%s: ends %s with one effect and a clear Italian message', async (_name, fault, atteso, messaggio) => {
    const id = await accoda();
    f.sim.admin.addFault(fault);
    // "ANPR fermo" closes the port in a setImmediate queued by addFault: this one runs after it.
    await new Promise((r) => setImmediate(r));
    const r = await queue.drain({ maxAttesaMs: 30_000 });
    expect(r.fine).toBe('vuota');
    const p = queue.get(id)!;
    expect(p.stato).toBe(atteso);
    expect(effetti(p.idOperazioneComune!)).toBe(1);
    const m = messaggi(id);
    expect(m.some((x) => messaggio.test(x))).toBe(true);
    // Every retry used the same id: one submission, never closed with a second one.
    expect(queue.invii(id)).toHaveLength(1);
    f.sim.admin.clearFaults();
  }, 60_000);

  it('policy rejection: richiede intervento, the queue stops; «Riprova» sends the same id', async () => {
    const a = await accoda();
    const b = await accoda();
    f.sim.admin.addFault({ tipo: 'rifiuto_policy', volte: 1 });
    const r = await queue.drain({ maxAttesaMs: 10_000 });
    expect(r.fine).toBe('bloccata');
    const p = queue.get(a)!;
    expect(p.stato).toBe('richiede_intervento');
    expect(p.messaggio).toMatch(/Rejected by policy.*IP.*orologio/s);
    expect(queue.get(b)!.stato).toBe('pronta');
    queue.riprova(a);
    await queue.drain();
    expect(queue.get(a)!.stato).toBe('accolta');
    expect(queue.get(b)!.stato).toBe('accolta');
    expect(queue.invii(a)).toHaveLength(1);
    expect(effetti(queue.get(a)!.idOperazioneComune!)).toBe(1);
  }, 60_000);

  it('another workstation sending a higher id in between: SX002, the pratica gets a new id once', async () => {
    const a = await accoda();
    // Another workstation of the comune registers with an id ahead of ours.
    const altro = residenti[next++]!;
    const ahead = `${new Date(Date.now() + 2_000).toISOString().replace(/[-:TZ.]/g, '')}9998`;
    const other = await f.client.call('5008', corpo5008(altro, f.pki.istat), { idOperazioneComune: ahead, testata: { dataDecorrenza: oggi() } });
    expect(other.outcome.kind).toBe('accolta');
    await queue.drain();
    const p = queue.get(a)!;
    expect(p.stato).toBe('accolta');
    const invii = queue.invii(a);
    expect(invii.map((i) => i.chiusura)).toEqual(['id_inferiore', 'esito']);
    expect(compareIdOperazione(invii[1]!.id_operazione_comune, ahead)).toBe(1);
    expect(effetti(invii[0]!.id_operazione_comune)).toBeUndefined();
    expect(effetti(invii[1]!.id_operazione_comune)).toBe(1);
  }, 60_000);

  it('ids reached ANPR in increasing order, one effect each', () => {
    const ours = f.sim.admin.operations().filter((o) => o.idOperazioneComune.endsWith('0001') && o.servizio === '5008');
    const sent = db.prepare<[], string>("SELECT id_operazione_comune FROM invii WHERE chiusura = 'esito' ORDER BY id").pluck().all();
    expect([...sent].sort(compareIdOperazione)).toEqual(sent);
    for (const o of ours) expect(o.effetti).toBe(1);
  });
});
