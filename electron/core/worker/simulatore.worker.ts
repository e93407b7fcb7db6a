/**
 * Worker-thread entry of the training simulator (see simulatore-worker.ts):
 * the same `startSimulator` the tests run in-process, on its own event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator, type SimulatorHandle } from '../../simulator/server';
import type { ResolvedSimConfig } from '../../simulator/config';
import { serviChiamateSincrone, type CanaleSincrono } from './chiamata-sincrona';
import { loggerVersoPadre } from './log-worker';

export interface DatiSimulatoreWorker {
  config: ResolvedSimConfig;
  canale: CanaleSincrono;
}

export type MessaggioSimulatore =
  | { tipo: 'pronto'; url: string; port: number; adminToken: string }
  | { tipo: 'errore'; nome: string; messaggio: string }
  | { tipo: 'chiuso' };

const padre = parentPort!;
const dati = workerData as DatiSimulatoreWorker;
const invia = (m: MessaggioSimulatore) => padre.postMessage(m);

// No top-level await: the Electron bundle of this entry is CommonJS.
async function avvia(): Promise<void> {
  let handle: SimulatorHandle | null = null;
  try {
    handle = await startSimulator(dati.config, { logger: loggerVersoPadre(padre) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    invia({ tipo: 'errore', nome: e.name, messaggio: e.message });
  }
  if (handle) {
    const h = handle;
    serviChiamateSincrone(dati.canale, (percorso, argomenti) => {
      let oggetto: unknown = h.admin;
      for (const nome of percorso.slice(0, -1)) oggetto = (oggetto as Record<string, unknown>)[nome];
      const metodo = (oggetto as Record<string, unknown>)[percorso.at(-1)!];
      if (typeof metodo !== 'function') throw new TypeError(`admin: ${percorso.join('.')} non è un metodo`);
      return (metodo as (...a: unknown[]) => unknown).apply(oggetto, argomenti);
    });
    padre.on('message', (m: { tipo: string }) => {
      if (m.tipo !== 'chiudi') return;
      void h.close().finally(() => {
        invia({ tipo: 'chiuso' });
        dati.canale.porta.close();
        padre.close();
      });
    });
    invia({ tipo: 'pronto', url: h.url, port: h.port, adminToken: h.adminToken });
  }
}

void avvia();
