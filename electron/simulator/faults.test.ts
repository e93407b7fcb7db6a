import { request } from 'node:https';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeTransportAgents } from '../anpr/transport/https-transport';
import type { Generalita } from '../anpr/services/types';
import type { PersonaSim } from './state/store';
import { oggi, startFixture, testata, type SimFixture } from './test-helpers';

let f: SimFixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  closeTransportAgents();
  await f.sim.close();
});
beforeEach(() => f.sim.admin.clearFaults());

/** `token`: undefined = the simulator's, null = none, a string = that one. */
function admin(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(f.sim.url + path, { method, ca: f.pki.pem('ca.crt'), headers: { ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}), ...(token === null ? {} : { Authorization: `Bearer ${token ?? f.sim.adminToken}` }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** Whether the simulator's port accepts a TCP connection now (no sleeps: tests poll this). */
function accetta(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = connect(Number(u.port), u.hostname);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const gen = (p: PersonaSim): Generalita => ({ codiceFiscale: p.codiceFiscale, cognome: p.cognome, nome: p.nome, idSchedaSoggettoANPR: p.idSchedaSoggettoANPR });
let n = 0;
/** A 5008 (altri dati) on a different subject each time: always accepted when no fault strikes. */
function mutazione(id: string, client = f.client) {
  const p = f.sim.admin.campione(undefined, 100)[n++ % 100]!;
  return client.send('5008', { testata, generalitaPerRicerca: gen(p), statoCivile: { statoCivile: p.statoCivile.codice }, datiControllo: { tipoMutazione: ['7'] } }, { idOperazioneComune: id, testata: { dataDecorrenza: oggi() } });
}
const effetti = (id: string) => f.sim.admin.operations().filter((o) => o.idOperazioneComune === id);

describe('fault injection', () => {
  it('admin endpoint: POST /__admin/faults sets faults, GET lists them, DELETE clears; bad faults are refused', async () => {
    const set = await admin('POST', '/__admin/faults', { faults: [{ tipo: 'latenza', ms: 10, servizio: '3002' }] });
    expect(set).toMatchObject({ status: 200, json: [{ tipo: 'latenza', ms: 10, servizio: '3002', usate: 0 }] });
    expect((await admin('GET', '/__admin/faults')).json).toHaveLength(1);
    expect((await admin('POST', '/__admin/faults', { tipo: 'boh' })).status).toBe(400);
    expect((await admin('DELETE', '/__admin/faults')).json).toEqual([]);
  });

  it('admin endpoint: refused without the per-run token or with a wrong one, even from loopback', async () => {
    expect((await admin('POST', '/__admin/faults', { tipo: 'latenza', ms: 10 }, null)).status).toBe(401);
    expect((await admin('GET', '/__admin/operations', undefined, null)).status).toBe(401);
    expect((await admin('POST', '/__admin/faults', { tipo: 'latenza', ms: 10 }, 'x'.repeat(f.sim.adminToken.length))).status).toBe(401);
    expect(f.sim.admin.faults()).toEqual([]);
  });

  it('latency: a second request with the same id while the first is in progress gets EN148', async () => {
    // Long enough for the second request to be signed and sent under load; the wait below is an event, not a guess.
    await admin('POST', '/__admin/faults', { tipo: 'latenza', ms: 4000, volte: 1 });
    // A client that waits longer than the latency, so the first request's answer is not a timeout under load.
    const paziente = f.makeClient('comune.p12', { timeouts: { default: 30_000 } });
    const id = f.nextId();
    const first = mutazione(id, paziente);
    await expect.poll(() => f.sim.admin.store.getOperazione(f.pki.istat, id)?.stato, { timeout: 10_000, interval: 20 }).toBe('in_elaborazione');
    const second = await mutazione(id, paziente);
    expect(second.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'in_elaborazione_en148' });
    expect((await first).outcome.kind).toBe('accolta');
  });

  it('connection dropped before commit: outcome unknown, nothing applied, the retry applies once', async () => {
    f.sim.admin.setFaults([{ tipo: 'caduta_prima', volte: 1 }]);
    closeTransportAgents(); // a fresh socket: no transparent stale-socket resend by the transport
    const id = f.nextId();
    const r = await mutazione(id);
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto' });
    expect(effetti(id)).toEqual([]);
    expect((await mutazione(id)).outcome.kind).toBe('accolta');
    expect(effetti(id)).toMatchObject([{ effetti: 1 }]);
  });

  it('connection dropped after commit: the retry with the same id replays the stored answer; one effect', async () => {
    f.sim.admin.setFaults([{ tipo: 'caduta_dopo', volte: 1 }]);
    closeTransportAgents();
    const id = f.nextId();
    expect((await mutazione(id)).outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'connessione_interrotta' });
    const stored = effetti(id);
    expect(stored).toMatchObject([{ servizio: '5008', effetti: 1 }]);
    const retry = await mutazione(id);
    expect(retry.outcome).toMatchObject({ kind: 'accolta', idOperazioneANPR: stored[0]!.idOperazioneANPR });
    const ops = (await admin('GET', '/__admin/operations')).json as { idOperazioneComune: string; effetti: number }[];
    expect(ops.filter((o) => o.idOperazioneComune === id)).toEqual([{ servizio: '5008', idOperazioneComune: id, idOperazioneANPR: stored[0]!.idOperazioneANPR, effetti: 1, operatore: 'RSSMRA80A01H501U' }]);
  });

  it('HTTP 500: outcome unknown (http_5xx)', async () => {
    f.sim.admin.setFaults([{ tipo: 'http500', volte: 1 }]);
    expect((await mutazione(f.nextId())).outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'http_5xx' });
  });

  it('999 with EN527: outcome unknown, both entries kept; the retry is processed', async () => {
    f.sim.admin.setFaults([{ tipo: 'errore999', servizio: '5008' }]);
    const id = f.nextId();
    const r = await mutazione(id);
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'errore_generico_999', errori: [{ codice: '999' }, { codice: 'EN527' }] });
    if (r.outcome.kind === 'esito_sconosciuto') expect(r.outcome.errori![1]!.testo).toMatch(/idOperazioneANPR \d+$/);
    f.sim.admin.clearFaults();
    expect((await mutazione(id)).outcome.kind).toBe('accolta');
  });

  it('malformed XML after commit: outcome unknown, the replay is well formed', async () => {
    f.sim.admin.setFaults([{ tipo: 'xml_malformato', volte: 1 }]);
    const id = f.nextId();
    expect((await mutazione(id)).outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'risposta_malformata' });
    expect((await mutazione(id)).outcome.kind).toBe('accolta');
    expect(effetti(id)).toMatchObject([{ effetti: 1 }]);
  });

  it('policy rejection: SOAP fault "Rejected by policy."', async () => {
    f.sim.admin.setFaults([{ tipo: 'rifiuto_policy', volte: 1 }]);
    const r = await mutazione(f.nextId());
    expect(r.outcome).toMatchObject({ kind: 'soap_fault', faultstring: 'Rejected by policy. (from client)' });
  });

  it('ANPR fermo: connections are refused (not delivered) until the fault ends', async () => {
    await admin('POST', '/__admin/faults', { tipo: 'anpr_fermo', durataMs: 60_000 });
    await expect.poll(() => accetta(f.sim.url), { timeout: 10_000, interval: 20 }).toBe(false);
    closeTransportAgents();
    const r = await mutazione(f.nextId());
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'connessione_rifiutata' });
    f.sim.admin.clearFaults();
    await expect.poll(() => accetta(f.sim.url), { timeout: 10_000, interval: 20 }).toBe(true);
    expect((await mutazione(f.nextId())).outcome.kind).toBe('accolta');
  });

  it('faults from the config apply from the start', async () => {
    const g = await startFixture({ faults: [{ tipo: 'errore999', servizio: '3002' }] });
    try {
      const p = g.sim.admin.campione()[0]!;
      const r = await g.client.send('3002', { testata, criteriRicerca: { codiceFiscale: p.codiceFiscale }, datiRichiesta: { schedaAnagraficaRichiesta: '1', dataRiferimentoRichiesta: oggi() } }, { idOperazioneComune: g.nextId() });
      expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'errore_generico_999' });
    } finally {
      await g.sim.close();
    }
  });
});
