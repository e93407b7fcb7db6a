import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../platform/db/database';
import { usaWorker } from '../../core/worker/layout';
import { scriviCsvGenerato } from './genera';
import { anomalieService } from './service';
import { FileNonLeggibile } from './tabella';
import { chiudiWorkerImportazioni } from './importa-worker';

const clock = { now: () => new Date('2026-03-02T10:00:00Z') };
const AMBIENTE = 'SIMULATORE:056003';
const ORD = { campo: 'rilevata', direzione: 'desc' } as const;
const dir = mkdtempSync(join(tmpdir(), 'anomalie-worker-'));
const aperti: Db[] = [];

function apri(nome: string): Db {
  const db = openDatabase(join(dir, nome));
  aperti.push(db);
  return db;
}

/** Imports `dati` into a fresh database, in a worker or not; the esito without its timing, and every row stored. */
async function importa(nome: string, inWorker: boolean, dati: Buffer, nomeFile = 'anomalie.csv') {
  usaWorker({ importazioni: inWorker });
  try {
    const db = apri(nome);
    const s = anomalieService(db, AMBIENTE, clock);
    // What the screen asks before an import: the worker's rows must show in it afterwards (memoised counts, caches).
    s.store.elenco({ filtri: {}, ordinamento: ORD, raggruppamento: 'nessuno', offset: 0, limite: 100, conTotale: true });
    s.store.elenco({ filtri: { stato: ['aperta', 'in_lavorazione'] }, ordinamento: ORD, raggruppamento: 'persona', offset: 0, limite: 100, conTotale: true });
    const esito = await s.importaFile(dati, nomeFile, 'anomalie', 'MARIO TEST');
    const righe = s.store.elenco({ filtri: {}, ordinamento: ORD, raggruppamento: 'nessuno', offset: 0, limite: 100_000, conTotale: true });
    const registro = db.prepare('SELECT ambiente_id, nome_file, formato, sha256, righe, inserite, gia_presenti, scartate, errori_json, operatore, quando FROM anomalie_importazioni').all();
    const { ms: _ms, ...resto } = esito;
    const perPersona = s.store.elenco({ filtri: { stato: ['aperta', 'in_lavorazione'] }, ordinamento: ORD, raggruppamento: 'persona', offset: 0, limite: 100, conTotale: true });
    return { esito: resto, totale: righe.totale, righe: righe.righe.map(({ id: _id, ...r }) => r), perPersona: { totale: perPersona.totale, gruppi: perPersona.gruppi, n: perPersona.righe.length }, registro, s };
  } finally {
    usaWorker({ importazioni: false });
  }
}

afterEach(() => usaWorker({ importazioni: false }));
afterAll(async () => {
  await chiudiWorkerImportazioni();
  for (const db of aperti) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the anomaly import in a worker thread', () => {
  it('stores exactly what the in-thread import stores, with the same answer and record', async () => {
    const file = join(dir, 'generato.csv');
    await scriviCsvGenerato(file, { righe: 3000, seed: 3, righeErrate: 97 });
    const dati = readFileSync(file);
    const qui = await importa('qui.sqlite', false, dati);
    const worker = await importa('worker.sqlite', true, dati);
    expect(worker.esito).toEqual(qui.esito);
    expect(worker.esito.inserite).toBeGreaterThan(2000);
    expect(worker.esito.scartate).toBeGreaterThan(0);
    expect(worker.totale).toBe(qui.totale);
    expect(worker.righe).toEqual(qui.righe);
    expect(worker.perPersona).toEqual(qui.perPersona);
    expect(worker.registro).toEqual(qui.registro);
    // The serving thread's caches follow a write of the worker's connection: a second import finds every row there.
    usaWorker({ importazioni: true });
    const ancora = await worker.s.importaFile(dati, 'anomalie.csv', 'anomalie', null);
    expect(ancora).toMatchObject({ inserite: 0, giaPresenti: qui.esito.inserite });
    usaWorker({ importazioni: false });
    const terza = await worker.s.importaFile(dati, 'anomalie.csv', 'anomalie', null);
    expect(terza).toMatchObject({ inserite: 0, giaPresenti: qui.esito.inserite });
  });

  it('reports unreadable rows and files with the same Italian messages', async () => {
    const testo = 'Codice anomalia;Messaggio di errore;Codice fiscale;Cognome;Nome\r\nEA029;Testo;RSSMRA80A01H501U;ROSSI;MARIO\r\n;senza codice;RSSMRA80A01H501U;ROSSI;MARIO\r\n';
    const qui = await importa('righe-qui.sqlite', false, Buffer.from(testo));
    const worker = await importa('righe-worker.sqlite', true, Buffer.from(testo));
    expect(worker.esito).toEqual(qui.esito);
    expect(worker.esito.errori).toEqual([{ riga: 3, motivo: 'codice anomalia mancante' }]);
    expect(worker.totale).toBe(1);
    expect(worker.righe).toEqual(qui.righe);
    const illeggibili = [Buffer.from('colonna;altra\r\n1;2\r\n'), Buffer.alloc(0)];
    for (const [i, dati] of illeggibili.entries()) {
      const atteso = await importa(`err-qui-${i}.sqlite`, false, dati).catch((e: unknown) => e);
      const avuto = await importa(`err-worker-${i}.sqlite`, true, dati).catch((e: unknown) => e);
      expect(atteso).toBeInstanceOf(FileNonLeggibile);
      expect(avuto).toBeInstanceOf(FileNonLeggibile);
      expect((avuto as Error).message).toBe((atteso as Error).message);
    }
  });

  it('runs two imports of the same database one after the other, and relays the progress', async () => {
    const file = join(dir, 'due.csv');
    await scriviCsvGenerato(file, { righe: 25_000, seed: 4 });
    const dati = readFileSync(file);
    usaWorker({ importazioni: true });
    const db = apri('due.sqlite');
    const s = anomalieService(db, AMBIENTE, clock);
    const { importaFileAnomalie } = await import('./importa');
    const avanzamenti: number[] = [];
    const [a, b] = await Promise.all([
      importaFileAnomalie(db, s.store, s.catalogo, dati, 'a.csv', { quando: '2026-03-02T10:00:00', operatore: null, avanzamento: (n) => avanzamenti.push(n) }),
      s.importaFile(dati, 'b.csv', 'anomalie', null),
    ]);
    expect(a.inserite + b.inserite).toBe(a.righe - a.scartate);
    expect(Math.min(a.inserite, b.inserite)).toBe(0);
    expect(avanzamenti).toEqual([10_000, 20_000, a.righe]);
  });
});
