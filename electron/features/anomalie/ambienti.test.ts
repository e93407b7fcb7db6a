import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../platform/db/database';
import { createTestCore } from '../../test-support/core';
import type { Core } from '../../core/create-core';
import { ambienteLocale } from '../../platform/impostazioni';
import { parseCsv } from '../../../shared/domain/csv';
import type { DettaglioAnomalia, ElencoAnomalie, EsitoImportazione, FiltriAnomalie, RiepilogoAnomalie } from '../../../shared/ipc/domains/anomalie';
import { anomalieService } from './service';
import { registraAnomalie3002, registraAnomalieDaRisposta } from './registra';
import { scriviCsvGenerato } from './genera';
import { condizioni, INDICI_AMBIENTE, nomeIndice, SOGLIA_BLOCCO } from './store';

const web = { transport: 'web' as const };
const ORD = { campo: 'rilevata', direzione: 'desc' } as const;
const SIMULATORE = 'SIMULATORE:056003';
const PRODUZIONE = 'PRODUZIONE:056003';
const clock = { now: () => new Date('2026-03-02T10:00:00Z') };

/** A small anomaly file: two people, one of them (BIANCHI MARIA) twice. */
const FILE = Buffer.from(
  [
    'Codice anomalia;Messaggio di errore;Severità;Codice fiscale;Cognome;Nome;Data segnalazione',
    'EA029;;E;BNCMRA70A01H501Y;BIANCHI;MARIA;2026-03-01',
    'EN306;Presenza del coniuge e assenza del matrimonio;W;BNCMRA70A01H501Y;BIANCHI;MARIA;2026-03-01',
    'ES092;;E;VRDLCU85M01H501Z;VERDI;LUCA;2026-02-27',
  ].join('\r\n') + '\r\n',
  'utf8',
);

async function call<T>(core: Core, channel: string, payload?: unknown): Promise<T> {
  const r = await core.router.dispatch(channel, payload, web);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

async function rifiuto(core: Core, channel: string, payload: unknown): Promise<string> {
  const r = await core.router.dispatch(channel, payload, web);
  if (r.ok) throw new Error(`${channel}: accepted`);
  return `${r.error.code}: ${r.error.message}`;
}

const elenco = (core: Core, filtri: FiltriAnomalie = {}) =>
  call<ElencoAnomalie>(core, 'anomalie.elenco', { filtri, ordinamento: ORD, raggruppamento: 'nessuno', offset: 0, limite: 100, conTotale: true });

async function importa(core: Core, file: Buffer): Promise<EsitoImportazione> {
  const { caricamentoId } = await call<{ caricamentoId: string }>(core, 'anomalie.caricaBlocco', { nomeFile: 'monitoraggio.csv', bloccoBase64: file.toString('base64') });
  return call<EsitoImportazione>(core, 'anomalie.importaFile', { caricamentoId, destinazione: 'anomalie' });
}

async function esportaCsv(core: Core): Promise<string[][]> {
  const f = await call<{ base64: string; righe: number }>(core, 'anomalie.esporta', { filtri: {}, ordinamento: ORD, raggruppamento: 'nessuno', formato: 'csv' });
  return parseCsv(Buffer.from(f.base64, 'base64').toString('utf8').replace(/^\ufeff/, ''), { separator: ';' }).slice(1);
}

/** What the clerk sees in one environment, through the router. */
async function vista(core: Core) {
  const tutte = await elenco(core);
  return {
    totale: tutte.totale,
    righe: tutte.righe.map((r) => ({ id: r.id, codice: r.codice, stato: r.stato, persona: r.persona })),
    bianchi: (await elenco(core, { q: 'bianchi' })).righe.map((r) => r.id),
    riepilogo: await call<RiepilogoAnomalie>(core, 'anomalie.riepilogo'),
    esportate: (await esportaCsv(core)).length,
  };
}

function apri(): { db: Db; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'anomalie-ambienti-'));
  return { db: openDatabase(join(dir, 'sportello.sqlite')), dir };
}

describe('anomaly lists per environment', () => {
  it('rows recorded in training are invisible in PRODUZIONE and back on return; reads and changes stay in their environment', async () => {
    const core = createTestCore({ clock });
    try {
      // Training (the app's first start): a file, an answer's errors, a 3002 read.
      expect(ambienteLocale(core.settings.get())).toBe(SIMULATORE);
      expect(await importa(core, FILE)).toMatchObject({ righe: 3, inserite: 3, giaPresenti: 0 });
      registraAnomalieDaRisposta(core.db, SIMULATORE, {
        soggettoKey: 'BNCMRA70A01H501Y',
        idOperazioneComune: '1000042',
        servizio: '5008',
        errori: [{ codice: 'EN151', tipo: 'E', testo: 'Soggetto non trovato' }],
      });
      registraAnomalie3002(core.db, SIMULATORE, {
        soggetti: [
          {
            idANPR: 'AB12345CD',
            generalita: { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'ROSSI', nome: 'MARIO', dataNascita: '1980-01-01' },
            cittadinanza: [],
            residenza: [],
            erroriAnomalie: [{ codice: 'EA001', tipo: 'W', testo: '' }],
          },
        ],
      });
      const training = await vista(core);
      expect(training.totale).toBe(5);
      expect(training.bianchi).toHaveLength(3);
      expect(training.riepilogo).toMatchObject({ totale: 5, perStato: { aperta: 5, in_lavorazione: 0, sanata: 0 }, ultimaImportazione: { inserite: 3 } });
      expect(training.esportate).toBe(5);
      const idTraining = training.righe[0]!.id;

      // PRODUZIONE, switched the way the Impostazioni screen does: nothing of training shows, nor can be changed.
      expect(await call(core, 'ambiente.salva', { tipo: 'PRODUZIONE', conferma: 'PRODUZIONE' })).toMatchObject({ tipo: 'PRODUZIONE' });
      expect(ambienteLocale(core.settings.get())).toBe(PRODUZIONE);
      expect(await vista(core)).toEqual({
        totale: 0,
        righe: [],
        bianchi: [],
        riepilogo: expect.objectContaining({ totale: 0, perStato: { aperta: 0, in_lavorazione: 0, sanata: 0 }, perSeverita: { E: 0, W: 0, '?': 0 }, codici: [], ultimaImportazione: null }),
        esportate: 0,
      });
      for (const q of ['EA029', 'rossi', 'RSSMRA80A01H501U', 'coniuge']) expect((await elenco(core, { q })).totale, q).toBe(0);
      expect((await elenco(core, { soggettoKey: 'BNCMRA70A01H501Y' })).totale).toBe(0);
      expect(await rifiuto(core, 'anomalie.dettaglio', { id: idTraining })).toBe('ANOMALIA_NON_TROVATA: Anomalia non trovata.');
      expect(await rifiuto(core, 'anomalie.cambiaStato', { id: idTraining, stato: 'sanata' })).toBe('ANOMALIA_NON_TROVATA: Anomalia non trovata.');

      // The same file again, in PRODUZIONE: new rows (the dedupe key is per environment); its search, detail, workflow.
      expect(await importa(core, FILE)).toMatchObject({ righe: 3, inserite: 3, giaPresenti: 0 });
      expect(await importa(core, FILE)).toMatchObject({ inserite: 0, giaPresenti: 3 });
      const produzione = await vista(core);
      expect(produzione.totale).toBe(3);
      const idProduzione = produzione.righe.map((r) => r.id);
      expect(idProduzione.filter((id) => training.righe.some((r) => r.id === id))).toEqual([]);
      expect(produzione.bianchi.sort()).toEqual(produzione.righe.filter((r) => r.persona === 'BIANCHI MARIA').map((r) => r.id).sort());
      const dettaglio = await call<DettaglioAnomalia>(core, 'anomalie.dettaglio', { id: produzione.bianchi[0]! });
      // The other anomaly of the same person in this environment only (training has two more of hers).
      expect(dettaglio.altreDelSoggetto).toBe(1);
      expect(await call<DettaglioAnomalia>(core, 'anomalie.cambiaStato', { id: idProduzione[0]!, stato: 'sanata', nota: 'verificata' })).toMatchObject({ anomalia: { stato: 'sanata' } });
      expect((await call<RiepilogoAnomalie>(core, 'anomalie.riepilogo'))).toMatchObject({ totale: 3, perStato: { aperta: 2, sanata: 1 } });
      expect(await esportaCsv(core)).toHaveLength(3);

      // Back to training: everything as it was, PRODUZIONE's rows out of reach in turn.
      expect(await call(core, 'ambiente.salva', { tipo: 'SIMULATORE' })).toMatchObject({ tipo: 'SIMULATORE' });
      const ancora = await vista(core);
      expect(ancora).toEqual(training);
      expect(await call<DettaglioAnomalia>(core, 'anomalie.dettaglio', { id: idTraining })).toMatchObject({ anomalia: { id: idTraining, stato: 'aperta' } });
      expect(await rifiuto(core, 'anomalie.dettaglio', { id: idProduzione[0]! })).toBe('ANOMALIA_NON_TROVATA: Anomalia non trovata.');
      expect(await rifiuto(core, 'anomalie.cambiaStato', { id: idProduzione[1]!, stato: 'in_lavorazione' })).toBe('ANOMALIA_NON_TROVATA: Anomalia non trovata.');
      expect(core.db.prepare("SELECT count(*) FROM anomalie_storico WHERE a = 'in_lavorazione'").pluck().get()).toBe(0);
    } finally {
      await core.dispose();
    }
  });

  it('a training 3002 read neither closes nor relabels the same person’s anomalies in PRODUZIONE', async () => {
    const h = apri();
    try {
      const prod = anomalieService(h.db, PRODUZIONE, clock);
      const sim = anomalieService(h.db, SIMULATORE, clock);
      // PRODUZIONE: the file gave the person's CF only.
      const soloCf = Buffer.from('Codice anomalia;Severità;Codice fiscale\r\nEA029;E;VRDLCU85M01H501Z\r\nEN306;W;VRDLCU85M01H501Z\r\n');
      expect(await prod.importaFile(soloCf, 'cf.csv', 'anomalie', null)).toMatchObject({ inserite: 2 });
      {
        const lettura = (codici: string[]) => ({
          soggetti: [
            {
              generalita: { codiceFiscale: 'VRDLCU85M01H501Z', cognome: 'VERDINI', nome: 'LUCIO', dataNascita: '1985-08-01' },
              cittadinanza: [],
              residenza: [],
              erroriAnomalie: codici.map((codice) => ({ codice, tipo: 'W', testo: '' })),
            },
          ],
        });
        // Training reads the "same" person (the simulator's population) with other names, then without EN306.
        expect(registraAnomalie3002(h.db, SIMULATORE, lettura(['EA029', 'EN306']))).toMatchObject({ inserite: 2, sanate: 0 });
        expect(registraAnomalie3002(h.db, SIMULATORE, lettura(['EA029']))).toMatchObject({ inserite: 0, sanate: 1 });
        const righe = (s: typeof prod) => s.store.elenco({ filtri: { soggettoKey: 'VRDLCU85M01H501Z' }, ordinamento: ORD, raggruppamento: 'nessuno', offset: 0, limite: 10, conTotale: true }).righe;
        expect(righe(sim).map((r) => [r.codice, r.stato, r.persona]).sort()).toEqual([
          ['EA029', 'aperta', 'VERDINI LUCIO'],
          ['EN306', 'sanata', 'VERDINI LUCIO'],
        ]);
        expect(righe(prod).map((r) => [r.codice, r.stato, r.persona]).sort()).toEqual([
          ['EA029', 'aperta', 'VRDLCU85M01H501Z'],
          ['EN306', 'aperta', 'VRDLCU85M01H501Z'],
        ]);
        expect(prod.store.riepilogo().perStato).toEqual({ aperta: 2, in_lavorazione: 0, sanata: 0 });
        // The same answer registered in two environments: rows in both, once each.
        const risposta = { idOperazioneComune: '1000001', servizio: '5005', errori: [{ codice: 'EN237', tipo: 'E', testo: 'Data decorrenza non valida' }] };
        expect(registraAnomalieDaRisposta(h.db, SIMULATORE, risposta)).toEqual({ inserite: 1, giaPresenti: 0 });
        expect(registraAnomalieDaRisposta(h.db, PRODUZIONE, risposta)).toEqual({ inserite: 1, giaPresenti: 0 });
        expect(registraAnomalieDaRisposta(h.db, PRODUZIONE, risposta)).toEqual({ inserite: 0, giaPresenti: 1 });
      }
    } finally {
      h.db.close();
      rmSync(h.dir, { recursive: true, force: true });
    }
  });

  it('a bulk import in one environment leaves the other’s rows and indexes as they were; each list reads its own indexes', { timeout: 120_000 }, async () => {
    const h = apri();
    try {
      const grande = join(h.dir, 'grande.csv');
      const altro = join(h.dir, 'altro.csv');
      await scriviCsvGenerato(grande, { righe: SOGLIA_BLOCCO + 5_000 });
      await scriviCsvGenerato(altro, { righe: SOGLIA_BLOCCO + 5_000, seed: 11 });
      const sim = anomalieService(h.db, SIMULATORE, clock);
      const prod = anomalieService(h.db, PRODUZIONE, clock);
      expect((await sim.importaFile(readFileSync(grande), 'grande.csv', 'anomalie', null)).inserite).toBe(SOGLIA_BLOCCO + 5_000);
      const righeSim = () =>
        h.db.prepare(`SELECT * FROM anomalie WHERE ambiente_id = ${sim.store.ambienteId} ORDER BY id`).safeIntegers(true).all();
      const prima = righeSim();
      // Bulk writes in PRODUZIONE (each drops and rebuilds its indexes only): the training file — all new there —, then
      // another one (some of its anomalies are the first's: the generator draws from the same names).
      expect(await prod.importaFile(readFileSync(grande), 'grande.csv', 'anomalie', null)).toMatchObject({ inserite: SOGLIA_BLOCCO + 5_000, giaPresenti: 0 });
      const secondo = await prod.importaFile(readFileSync(altro), 'altro.csv', 'anomalie', null);
      expect(secondo.inserite).toBeGreaterThan(SOGLIA_BLOCCO / 2);
      expect(await sim.importaFile(readFileSync(grande), 'grande.csv', 'anomalie', null)).toMatchObject({ inserite: 0, giaPresenti: SOGLIA_BLOCCO + 5_000 });
      expect(righeSim()).toEqual(prima);
      expect([sim.store.conta(), prod.store.conta()]).toEqual([SOGLIA_BLOCCO + 5_000, SOGLIA_BLOCCO + 5_000 + secondo.inserite]);
      expect(h.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(h.db.pragma('foreign_key_check')).toEqual([]);
      h.db.prepare("INSERT INTO anomalie_soggetti_fts (anomalie_soggetti_fts, rank) VALUES ('integrity-check', 1)").run();
      // Each environment has its own set of indexes, holding its rows only.
      for (const s of [sim, prod]) {
        for (const i of INDICI_AMBIENTE) {
          const nome = nomeIndice(i.nome, s.store.ambienteId);
          expect(h.db.prepare(`SELECT count(*) FROM anomalie INDEXED BY ${nome} WHERE ambiente_id = ${s.store.ambienteId}`).pluck().get(), nome).toBe(s.store.conta());
        }
      }

      // The lists' counts and searches go through the environment's indexes, never a scan of the table.
      const cf = h.db.prepare(`SELECT codice_fiscale FROM anomalie_soggetti WHERE ambiente_id = ${prod.store.ambienteId} AND persona = 'ROSSI MARIO'`).pluck().get() as string;
      const filtri: FiltriAnomalie[] = [
        {},
        { severita: ['E'] },
        { codice: 'EA029' },
        { dal: '2024-01-01', al: '2024-01-31' },
        { q: 'EA02' },
        { q: 'rossi mario' },
        { q: cf },
        { q: 'coniuge', severita: ['W'] },
        { soggettoKey: cf },
      ];
      for (const f of filtri) {
        for (const s of [sim, prod]) {
          const where = condizioni(s.store.ambienteId, f);
          const piano = (h.db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM anomalie a ${where.sql}`).all(...where.params) as { detail: string }[]).map((r) => r.detail);
          const letture = piano.filter((d) => / a( |$)/.test(d));
          expect(letture.length, JSON.stringify(f)).toBeGreaterThan(0);
          for (const d of letture) expect(d, `${JSON.stringify(f)}: ${piano.join(' | ')}`).toMatch(new RegExp(`USING (COVERING )?INDEX anomalie_[a-z]+_a${s.store.ambienteId}\\b`));
          // The type-ahead alone: through its alternatives' indexes (with another filter SQLite may start from that one's).
          if (f.q && Object.keys(f).length === 1) expect(piano, JSON.stringify(f)).toContain('MULTI-INDEX OR');
          // And the same rows as a plain scan of the environment.
          const totale = s.store.elenco({ filtri: f, ordinamento: ORD, raggruppamento: 'nessuno', offset: 0, limite: 10, conTotale: true }).totale;
          expect(totale, JSON.stringify(f)).toBe(
            h.db.prepare(`SELECT count(*) FROM anomalie a NOT INDEXED ${where.sql}`).pluck().get(...where.params),
          );
        }
      }
    } finally {
      h.db.close();
      rmSync(h.dir, { recursive: true, force: true });
    }
  });
});
