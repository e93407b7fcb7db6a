/**
 * The citizens' online requests (P001 elenco, P002 dettaglio, P003 aggiorna)
 * against the real simulator over HTTPS: every state change the comune may
 * make, and every one it may not, for each type, table-driven from the one
 * transition structure (richieste/stati.ts) but asserting what ANPR answers
 * (the state P002 then shows, EN148 with its Esito); the 30-day window of
 * P001; requests arriving over time; the admin endpoint; the answers valid
 * against the official XSD.
 */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIPOLOGIE_RICHIESTA, type TipologiaRichiesta } from '../../shared/anpr/servizi/P001';
import type { RichiestaP003Input } from '../../shared/anpr/servizi/P003';
import { closeTransportAgents } from '../anpr/transport/https-transport';
import { validateResponseBody } from '../anpr/xsd/validate';
import { cambiaStato } from './handlers/richieste';
import { generaRichieste } from './richieste/genera';
import { MACCHINE, STATI_RICHIESTA, transizione, transizioniAmmesse, type StatoRichiesta } from '../../shared/anpr/richieste/stati';
import type { RichiestaSim } from './state/store';
import { startFixture, testata, type SimFixture } from './test-helpers';

let f: SimFixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  closeTransportAgents();
  await f.sim.close();
});

function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(
      f.sim.url + path,
      { method, ca: f.pki.pem('ca.crt'), headers: { ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}), Authorization: `Bearer ${f.sim.adminToken}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const body = (xml: Buffer | undefined): string => /<soap:Body>([\s\S]*)<\/soap:Body>/.exec(xml!.toString('utf8'))![1]!;

const elenco = (criteri: Record<string, unknown>) => f.client.send('P001', { testata, criteriRicerca: criteri as never }, { idOperazioneComune: f.nextId() });
const dettaglio = (codice: string) => f.client.send('P002', { testata, criteriRicerca: { codiceRichiesta: codice } }, { idOperazioneComune: f.nextId() });
const aggiorna = (c: Omit<RichiestaP003Input['criteriAggiornamento'], 'operatore'> & { operatore?: string }) =>
  f.client.send('P003', { testata, criteriAggiornamento: { operatore: 'VERDI ANNA', ...c } }, { idOperazioneComune: f.nextId() });

/** A fresh request of a type, put straight into a state (as if the earlier changes had been made). */
function inStato(tipologia: TipologiaRichiesta, stato: StatoRichiesta): RichiestaSim {
  const nuova = f.sim.admin.nuovaRichiesta(tipologia);
  const percorso = percorsoVerso(tipologia, stato);
  let r = nuova;
  for (const s of percorso) r = cambiaStato(r, s, 'PREPARAZIONE TEST', new Date(), 'preparazione');
  f.sim.admin.store.putRichiesta(r);
  return r;
}

/** States from 2 to `meta` through the comune's changes and the citizen's 6 → 7 (BFS). */
function percorsoVerso(tipologia: TipologiaRichiesta, meta: StatoRichiesta): StatoRichiesta[] {
  const passi = (da: StatoRichiesta): StatoRichiesta[] => [...Object.keys(MACCHINE[tipologia][da] ?? {}), ...(da === '6' ? ['7'] : [])] as StatoRichiesta[];
  const coda: StatoRichiesta[][] = [[]];
  const visti = new Set<string>(['2']);
  while (coda.length) {
    const p = coda.shift()!;
    const ultimo = p[p.length - 1] ?? '2';
    if (ultimo === meta) return p;
    for (const s of passi(ultimo)) {
      if (visti.has(s)) continue;
      visti.add(s);
      coda.push([...p, s]);
    }
  }
  throw new Error(`stato ${meta} irraggiungibile per la tipologia ${tipologia}`);
}

/** States a request of the type can be in (2 and every state reachable). */
function raggiungibili(tipologia: TipologiaRichiesta): StatoRichiesta[] {
  return (Object.keys(STATI_RICHIESTA) as StatoRichiesta[]).filter((s) => {
    try {
      percorsoVerso(tipologia, s);
      return true;
    } catch {
      return false;
    }
  });
}

const statoDopo = async (codice: string): Promise<string | undefined> => {
  const r = await dettaglio(codice);
  return r.outcome.kind === 'accolta' ? r.outcome.value.dettaglio?.statoCorrente.idStato : undefined;
};

const argomenti = (a: string) => ({ idStatoRichiesta: a, note: 'Verificato dall ufficio anagrafe', ...(a === '8' ? { idMotivoIrricevibile: '1' } : {}) });

describe('P001 elenco', () => {
  it('lists the requests of a type that have arrived in the window; the answer is XSD-valid', async () => {
    const r = await elenco({ dataIniziale: '2025-05-20', dataFinale: '2025-06-15', idTipologia: '2' });
    expect(r.outcome.kind).toBe('accolta');
    expect(await validateResponseBody(body(r.exchange.response), 'P001')).toEqual({ valid: true });
    if (r.outcome.kind !== 'accolta') return;
    expect(r.outcome.value.richieste.length).toBeGreaterThan(0);
    expect(r.outcome.value.richieste.every((x) => x.idTipologia === '2' && /^\d+$/.test(x.codiceRichiesta))).toBe(true);
    expect(r.outcome.value.criteriRicerca).toMatchObject({ idTipologia: '2', dataIniziale: '2025-05-20' });
  });

  it('refuses a window over 30 days with EN148 and ANPR’s text', async () => {
    const r = await elenco({ dataIniziale: '2025-05-01', dataFinale: '2025-06-15', idTipologia: '1' });
    expect(r.outcome.kind).toBe('respinta');
    if (r.outcome.kind !== 'respinta') return;
    expect(r.outcome.errori[0]).toMatchObject({ codice: 'EN148', testo: "La differenza tra la data iniziale e finale non puo' essere superiore a 30 giorni" });
    expect(await validateResponseBody(body(r.exchange.response), 'P001')).toEqual({ valid: true });
  });

  it('refuses a request without idTipologia (the XSD makes it mandatory)', async () => {
    const r = await elenco({ dataIniziale: '2025-05-20', dataFinale: '2025-06-15' });
    expect(r.outcome.kind).toBe('respinta');
    if (r.outcome.kind !== 'respinta') return;
    expect(r.outcome.errori[0]?.codice).toMatch(/^(SX001|EN081)$/);
  });

  it('filters by state and by deadline; a request not arrived yet is invisible', async () => {
    const n = f.sim.admin.nuovaRichiesta('1');
    const oggi = new Date().toISOString().slice(0, 10);
    const prima = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const tutte = await elenco({ dataIniziale: prima, dataFinale: oggi, idTipologia: '1', idStatoRichiesta: '2' });
    expect(tutte.outcome.kind === 'accolta' && tutte.outcome.value.richieste.map((x) => x.codiceRichiesta)).toContain(n.codice);
    const inLavorazione = await elenco({ dataIniziale: prima, dataFinale: oggi, idTipologia: '1', idStatoRichiesta: '3' });
    expect(inLavorazione.outcome.kind === 'accolta' && inLavorazione.outcome.value.richieste.map((x) => x.codiceRichiesta)).not.toContain(n.codice);
    // A residence declaration filed 3 days ago and not taken in charge is past its 2 working days.
    const vecchia = f.sim.admin.nuovaRichiesta('2');
    f.sim.admin.store.putRichiesta({ ...vecchia, arrivo: new Date(Date.now() - 3 * 86_400_000).toISOString(), scadenza: new Date(Date.now() - 86_400_000).toISOString() });
    const scadenza = await elenco({ dataIniziale: prima, dataFinale: oggi, idTipologia: '2', flagInScadenza: true });
    expect(scadenza.outcome.kind === 'accolta' && scadenza.outcome.value.richieste.map((x) => x.codiceRichiesta)).toContain(vecchia.codice);
    // Arriving tomorrow: not there yet.
    const futura = f.sim.admin.nuovaRichiesta('5');
    f.sim.admin.store.putRichiesta({ ...futura, arrivo: new Date(Date.now() + 86_400_000).toISOString() });
    const domani = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const l = await elenco({ dataIniziale: prima, dataFinale: domani, idTipologia: '5' });
    expect(l.outcome.kind === 'accolta' && l.outcome.value.richieste.map((x) => x.codiceRichiesta)).not.toContain(futura.codice);
    const d = await dettaglio(futura.codice);
    expect(d.outcome.kind === 'respinta' && d.outcome.errori[0]?.codice).toBe('EN122');
  });
});

describe('P002 dettaglio', () => {
  for (const t of TIPOLOGIE_RICHIESTA) {
    it(`type ${t}: everything, with a PDF and a JPEG attachment and the summary PDF; XSD-valid`, async () => {
      const n = f.sim.admin.nuovaRichiesta(t);
      const r = await dettaglio(n.codice);
      expect(await validateResponseBody(body(r.exchange.response), 'P002')).toEqual({ valid: true });
      expect(r.outcome.kind).toBe('accolta');
      if (r.outcome.kind !== 'accolta') return;
      const d = r.outcome.value.dettaglio!;
      expect(d).toMatchObject({ codiceRichiesta: n.codice, idTipologia: t, statoCorrente: { idStato: '2' } });
      expect(d.storicoStati).toHaveLength(1);
      expect(d.recapiti.length).toBeGreaterThan(0);
      expect(d.richiedente?.codiceFiscale).toMatch(/^[A-Z0-9]{16}$/);
      expect(Buffer.from(d.riepilogo!.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect(d.allegati.map((a) => a.formato)).toEqual(['1', '99']);
      expect(Buffer.from(d.allegati[1]!.base64, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      const blocco = { '1': 'datiRettifica', '2': 'datiDichiarazioneResidenza', '4': 'datiIscrizioneOnline', '5': 'datiRichiestaIscrizioneElettorale', '6': 'datiRettifica' }[t];
      expect(d.datiSpecifici?.tipo).toBe(blocco);
      if (t === '2' || t === '4') {
        expect(d.componenti.length).toBeGreaterThan(0);
        expect(d.indirizzoDichiarato).toHaveProperty('toponimo');
      }
    });
  }
});

describe('P003 aggiorna: the state machine of each type', () => {
  for (const t of TIPOLOGIE_RICHIESTA) {
    describe(`type ${t}`, () => {
      for (const { da, a, t: req } of transizioniAmmesse(t)) {
        it(`${da} ${STATI_RICHIESTA[da]} → ${a} ${STATI_RICHIESTA[a]} is allowed${req.note ? ' with notes (12004 without)' : ''}`, async () => {
          const r = inStato(t, da);
          if (req.note) {
            const senza = await aggiorna({ codiceRichiesta: r.codice, idStatoRichiesta: a, ...(req.motivo ? { idMotivoIrricevibile: '1' } : {}) });
            expect(senza.outcome.kind === 'respinta' && senza.outcome.errori[0]).toMatchObject({ codice: 'EN148', testo: "Errore nell'impostazione dello stato/proroga pratica. Esito: 12004" });
            expect(await statoDopo(r.codice)).toBe(da);
          }
          if (req.motivo) {
            const senza = await aggiorna({ codiceRichiesta: r.codice, idStatoRichiesta: a, note: 'Manca il motivo' });
            expect(senza.outcome.kind === 'respinta' && senza.outcome.errori[0]?.testo).toMatch(/Esito: 12004$/);
          }
          const ok = await aggiorna({ codiceRichiesta: r.codice, ...argomenti(a) });
          expect(ok.outcome.kind).toBe('accolta');
          expect(ok.outcome.kind === 'accolta' && ok.outcome.value.codiceEsito).toBe('0');
          expect(await validateResponseBody(body(ok.exchange.response), 'P003')).toEqual({ valid: true });
          expect(await statoDopo(r.codice)).toBe(a);
        });
      }

      it('every other change is refused with EN148 Esito 12003, the state unchanged (10 and 6 → 7 included)', async () => {
        const rifiutate: string[] = [];
        for (const da of raggiungibili(t)) {
          const r = inStato(t, da);
          for (const a of Object.keys(STATI_RICHIESTA) as StatoRichiesta[]) {
            if (transizione(t, da, a)) continue;
            const res = await aggiorna({ codiceRichiesta: r.codice, ...argomenti(a) });
            expect(res.outcome.kind === 'respinta' && res.outcome.errori[0], `${da} → ${a}`).toMatchObject({
              codice: 'EN148',
              testo: "Errore nell'impostazione dello stato/proroga pratica. Esito: 12003",
            });
            rifiutate.push(`${da}>${a}`);
          }
          expect(await statoDopo(r.codice)).toBe(da);
        }
        expect(rifiutate).toContain('6>7');
        expect(rifiutate).toContain('3>10');
        expect(rifiutate).not.toContain('2>3');
      });
    });
  }

  it('a residence declaration: irricevibile only before taking in charge; one suspension, then the citizen supplements, then 5 or 4', async () => {
    const r = inStato('2', '3');
    const irr = await aggiorna({ codiceRichiesta: r.codice, ...argomenti('8') });
    expect(irr.outcome.kind === 'respinta' && irr.outcome.errori[0]?.testo).toMatch(/12003$/);
    const s = inStato('2', '12');
    expect((await aggiorna({ codiceRichiesta: s.codice, ...argomenti('6') })).outcome.kind).toBe('accolta');
    expect((await admin('POST', `/__admin/richieste/${s.codice}/integra`)).status).toBe(200);
    expect(await statoDopo(s.codice)).toBe('7');
    expect((await admin('POST', `/__admin/richieste/${s.codice}/integra`)).status).toBe(409);
    const again = await aggiorna({ codiceRichiesta: s.codice, ...argomenti('6') });
    expect(again.outcome.kind === 'respinta' && again.outcome.errori[0]?.testo).toMatch(/12003$/);
    expect((await aggiorna({ codiceRichiesta: s.codice, ...argomenti('5') })).outcome.kind).toBe('accolta');
    const d = await dettaglio(s.codice);
    expect(d.outcome.kind === 'accolta' && d.outcome.value.dettaglio?.storicoStati.map((x) => x.idStato)).toEqual(['2', '3', '12', '6', '7', '5']);
    expect(d.outcome.kind === 'accolta' && d.outcome.value.dettaglio?.dataChiusura).toBeTruthy();
  });

  it('an extension: a data correction gets 30 more days, a residence declaration none', async () => {
    const r = inStato('1', '3');
    const prima = (await dettaglio(r.codice)).outcome;
    const ok = await aggiorna({ codiceRichiesta: r.codice, richiestaProroga: true });
    expect(ok.outcome.kind).toBe('accolta');
    const dopo = (await dettaglio(r.codice)).outcome;
    expect(dopo.kind === 'accolta' && dopo.value.dettaglio?.numeroProroghe).toBe(1);
    if (prima.kind === 'accolta' && dopo.kind === 'accolta') {
      expect(Date.parse(dopo.value.dettaglio!.dataScadenza!) - Date.parse(prima.value.dettaglio!.dataScadenza!)).toBe(30 * 86_400_000);
    }
    const no = await aggiorna({ codiceRichiesta: inStato('2', '3').codice, richiestaProroga: true });
    expect(no.outcome.kind === 'respinta' && no.outcome.errori[0]?.testo).toMatch(/12003$/);
  });
});

describe('the stream of requests and the admin endpoint', () => {
  it('is deterministic, of every type, spread before and after the reference date', () => {
    const tutte = f.sim.admin.store.tutteLeRichieste(f.pki.istat).filter((r) => Number(r.codice) < 30_000_100);
    expect(new Set(tutte.map((r) => r.tipologia))).toEqual(new Set(TIPOLOGIE_RICHIESTA));
    expect(tutte.some((r) => r.arrivo < '2025-06-01')).toBe(true);
    expect(tutte.some((r) => r.arrivo > '2025-06-02')).toBe(true);
    const a = generaRichieste(f.sim.admin.store, f.pki.istat, 'x', '2025-06-01').map((r) => ({ ...r, codice: '' }));
    const b = generaRichieste(f.sim.admin.store, f.pki.istat, 'x', '2025-06-01').map((r) => ({ ...r, codice: '' }));
    expect(a).toEqual(b);
  });

  it('POST /__admin/richieste files one now; a bad type is refused; /integra of an unknown request is 404', async () => {
    const r = await admin('POST', '/__admin/richieste', { tipologia: '2' });
    expect(r.status).toBe(201);
    const codice = (r.json as RichiestaSim).codice;
    expect(await statoDopo(codice)).toBe('2');
    expect((await admin('POST', '/__admin/richieste', { tipologia: '3' })).status).toBe(400);
    expect((await admin('POST', '/__admin/richieste/999999999/integra')).status).toBe(404);
  });
});
