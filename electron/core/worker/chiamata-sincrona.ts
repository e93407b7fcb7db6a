/**
 * Synchronous calls from one thread into a worker thread: the caller posts
 * the call on a MessagePort, blocks on a SharedArrayBuffer with
 * `Atomics.wait`, and takes the answer with `receiveMessageOnPort`. Used for
 * the training simulator's admin interface (`SimulatorAdmin`, a synchronous
 * API used by the tests, the e2e hook and the training anomaly file) when the
 * simulator runs in a worker: the calls are rare and short, the serving
 * thread waits for one of them only (never for the simulator's requests,
 * which go over HTTPS as with ANPR).
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

interface Chiamata {
  id: number;
  percorso: string[];
  argomenti: unknown[];
}

type Risposta = { id: number; ok: true; valore: unknown } | { id: number; ok: false; nome: string; messaggio: string };

/** What the worker receives (in `workerData`, the port in the transfer list). */
export interface CanaleSincrono {
  porta: MessagePort;
  segnale: SharedArrayBuffer;
}

/** Longest wait for an answer (a worker that died does not answer). */
const ATTESA_MASSIMA_MS = 30_000;

/** The caller's side: `chiama(['store', 'residentiConAnomalie'], ['056003'])`; `canale` goes to the worker. */
export function creaChiamateSincrone(): { canale: CanaleSincrono; chiama(percorso: string[], argomenti: unknown[]): unknown; chiudi(): void } {
  const { port1, port2 } = new MessageChannel();
  const segnale = new SharedArrayBuffer(4);
  const stato = new Int32Array(segnale);
  let prossimo = 0;
  return {
    canale: { porta: port2, segnale },
    chiama(percorso, argomenti) {
      const id = ++prossimo;
      Atomics.store(stato, 0, 0);
      port1.postMessage({ id, percorso, argomenti } satisfies Chiamata);
      for (;;) {
        if (Atomics.wait(stato, 0, 0, ATTESA_MASSIMA_MS) === 'timed-out') throw new Error(`nessuna risposta dal worker per ${percorso.join('.')}`);
        const ricevuto = receiveMessageOnPort(port1);
        if (!ricevuto) {
          Atomics.store(stato, 0, 0);
          continue;
        }
        const r = ricevuto.message as Risposta;
        if (r.id !== id) continue;
        if (r.ok) return r.valore;
        const Classe = r.nome === 'RangeError' ? RangeError : r.nome === 'TypeError' ? TypeError : Error;
        throw new Classe(r.messaggio);
      }
    },
    chiudi: () => port1.close(),
  };
}

/** The worker's side: answers each call with `risolvi(percorso, argomenti)` (a value structured clone can copy). */
export function serviChiamateSincrone(canale: CanaleSincrono, risolvi: (percorso: string[], argomenti: unknown[]) => unknown): void {
  const stato = new Int32Array(canale.segnale);
  canale.porta.on('message', (c: Chiamata) => {
    let risposta: Risposta;
    try {
      risposta = { id: c.id, ok: true, valore: risolvi(c.percorso, c.argomenti) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      risposta = { id: c.id, ok: false, nome: e.name, messaggio: e.message };
    }
    try {
      canale.porta.postMessage(risposta);
    } catch (error) {
      canale.porta.postMessage({ id: c.id, ok: false, nome: 'Error', messaggio: `risposta non trasferibile: ${(error as Error).message}` } satisfies Risposta);
    }
    Atomics.store(stato, 0, 1);
    Atomics.notify(stato, 0);
  });
}

/**
 * An object whose method calls (also on nested objects: `admin.store.x()`)
 * become synchronous calls; `proprieta` lists the nested objects.
 */
export function proxySincrono<T extends object>(chiama: (percorso: string[], argomenti: unknown[]) => unknown, proprieta: readonly string[] = [], percorso: string[] = []): T {
  return new Proxy({} as T, {
    get(_t, nome) {
      if (typeof nome !== 'string' || nome === 'then') return undefined;
      if (percorso.length === 0 && proprieta.includes(nome)) return proxySincrono(chiama, [], [nome]);
      return (...argomenti: unknown[]) => chiama([...percorso, nome], argomenti);
    },
  });
}
