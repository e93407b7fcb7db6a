/**
 * The anomaly import off the serving thread (issue 14): a worker thread opens
 * its own better-sqlite3 connection to the same database file (WAL: the
 * serving thread keeps reading meanwhile) and runs the same import
 * (`importaFileAnomalieQui`: parse, checks, bulk insert in one transaction),
 * relaying its progress; the answer and the errors (`FileNonLeggibile`, with
 * the same Italian message) are the in-thread ones.
 *
 * One worker per process, started at the first import and kept while imports
 * follow each other (unreferenced while idle: it never keeps the process
 * alive), then ended after INATTIVITA_MS without imports (its isolate and
 * module graph cost tens of MB); it opens the database for each import and
 * closes it after. One writer at a
 * time: imports run one after the other (two would only contend for SQLite's
 * write lock). A write of the serving thread's connection while an import's
 * transaction is open waits for it (busy_timeout), as it would behind an
 * in-thread import.
 */
import type { Worker } from 'node:worker_threads';
import type { EsitoImportazione } from '../../../shared/ipc/domains/anomalie';
import { avviaWorker } from '../../core/worker/avvia';
import { FileNonLeggibile } from './tabella';
import type { OpzioniImportazione } from './importa';

export interface RichiestaImportazione {
  id: number;
  file: string;
  ambiente: string;
  dati: Uint8Array;
  nomeFile: string;
  quando: string;
  operatore: string | null;
}

export type MessaggioImportazione =
  | { id: number; tipo: 'avanzamento'; righe: number }
  | { id: number; tipo: 'esito'; esito: EsitoImportazione }
  | { id: number; tipo: 'errore'; nome: string; messaggio: string; leggibile: boolean };

interface InCorso {
  resolve(esito: EsitoImportazione): void;
  reject(error: Error): void;
  avanzamento?: (righe: number) => void;
}

/** An idle import worker ends after this long (the next import starts another, off the serving thread). */
const INATTIVITA_MS = 20_000;

let worker: Worker | null = null;
let spegnimento: NodeJS.Timeout | null = null;
const inCorso = new Map<number, InCorso>();
let prossimo = 0;
/** The last import queued: the next one starts after it. */
let coda: Promise<unknown> = Promise.resolve();

function ottieniWorker(): Worker {
  if (worker) return worker;
  const w = avviaWorker(new URL('./importa-anomalie.worker.ts', import.meta.url));
  w.on('message', (m: MessaggioImportazione) => {
    const c = inCorso.get(m.id);
    if (!c) return;
    if (m.tipo === 'avanzamento') {
      c.avanzamento?.(m.righe);
      return;
    }
    inCorso.delete(m.id);
    if (inCorso.size === 0) {
      w.unref();
      spegnimento = setTimeout(() => {
        if (worker === w && inCorso.size === 0) void chiudiWorkerImportazioni();
      }, INATTIVITA_MS);
      spegnimento.unref();
    }
    if (m.tipo === 'esito') c.resolve(m.esito);
    else c.reject(m.leggibile ? new FileNonLeggibile(m.messaggio) : Object.assign(new Error(m.messaggio), { name: m.nome }));
  });
  const perso = (motivo: Error) => {
    if (worker === w) worker = null;
    for (const c of inCorso.values()) c.reject(motivo);
    inCorso.clear();
  };
  w.on('error', perso);
  w.on('exit', (codice) => perso(new Error(`importazione interrotta (worker uscito con codice ${codice})`)));
  worker = w;
  return w;
}

export function importaNelWorker(file: string, ambiente: string, buf: Buffer, nomeFile: string, opzioni: OpzioniImportazione): Promise<EsitoImportazione> {
  const questa = coda.catch(() => undefined).then(
    () =>
      new Promise<EsitoImportazione>((resolve, reject) => {
        if (spegnimento) clearTimeout(spegnimento);
        spegnimento = null;
        const w = ottieniWorker();
        const id = ++prossimo;
        inCorso.set(id, { resolve, reject, ...(opzioni.avanzamento ? { avanzamento: opzioni.avanzamento } : {}) });
        // Referenced while an import runs: the process waits for its answer.
        w.ref();
        w.postMessage({ id, file, ambiente, dati: buf, nomeFile, quando: opzioni.quando, operatore: opzioni.operatore } satisfies RichiestaImportazione);
      }),
  );
  coda = questa;
  return questa;
}

/** Stops the import worker (tests, shutdown); the next import starts another. */
export async function chiudiWorkerImportazioni(): Promise<void> {
  const w = worker;
  worker = null;
  if (spegnimento) clearTimeout(spegnimento);
  spegnimento = null;
  if (w) await w.terminate();
}
