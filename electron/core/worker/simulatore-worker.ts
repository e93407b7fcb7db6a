/**
 * The training simulator in a worker thread (issue 14): the HTTPS server on
 * 127.0.0.1, its SQLite file, the signature verification and the XSD
 * validation of every request run on the worker's event loop, so a drain
 * against it no longer shares the serving thread. The client still talks
 * HTTPS to it, exactly as to ANPR. The handle is the in-process one's
 * (`SimulatorHandle`): `admin` is relayed by synchronous calls
 * (chiamata-sincrona.ts), `/__admin` over HTTPS works as before.
 * `startSimulator` (electron/simulator) stays the in-process variant for tests.
 */
import type { ResolvedSimConfig } from '../../simulator/config';
import type { SimulatorAdmin, SimulatorHandle } from '../../simulator';
import type { Logger } from '../../platform/logger';
import { avviaWorker } from './avvia';
import { creaChiamateSincrone, proxySincrono } from './chiamata-sincrona';
import { eVoceLog } from './log-worker';
import type { DatiSimulatoreWorker, MessaggioSimulatore } from './simulatore.worker';

export async function avviaSimulatoreInWorker(config: ResolvedSimConfig, opts: { logger?: Logger } = {}): Promise<SimulatorHandle> {
  const sincrone = creaChiamateSincrone();
  const worker = avviaWorker(new URL('./simulatore.worker.ts', import.meta.url), {
    workerData: { config, canale: sincrone.canale } satisfies DatiSimulatoreWorker,
    transferList: [sincrone.canale.porta],
  });
  let chiuso: (() => void) | null = null;
  const pronto = new Promise<Extract<MessaggioSimulatore, { tipo: 'pronto' }>>((resolve, reject) => {
    worker.on('message', (m: unknown) => {
      if (eVoceLog(m)) {
        opts.logger?.log(m.level, m.message, m.fields);
        return;
      }
      const msg = m as MessaggioSimulatore;
      if (msg.tipo === 'pronto') resolve(msg);
      else if (msg.tipo === 'errore') reject(Object.assign(new Error(msg.messaggio), { name: msg.nome }));
      else if (msg.tipo === 'chiuso') chiuso?.();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`il simulatore ANPR si è fermato all'avvio (codice ${code})`));
      chiuso?.();
    });
  });
  let info: Awaited<typeof pronto>;
  try {
    info = await pronto;
  } catch (error) {
    sincrone.chiudi();
    await worker.terminate();
    throw error;
  }
  worker.on('error', (error) => opts.logger?.error('simulator worker failed', { error: error.message }));
  let chiusura: Promise<void> | null = null;
  return {
    url: info.url,
    port: info.port,
    adminToken: info.adminToken,
    admin: proxySincrono<SimulatorAdmin>(sincrone.chiama, ['store']),
    close() {
      chiusura ??= new Promise<void>((resolve) => {
        chiuso = resolve;
        worker.postMessage({ tipo: 'chiudi' });
      }).finally(() => {
        sincrone.chiudi();
        void worker.terminate();
      });
      return chiusura;
    },
  };
}
