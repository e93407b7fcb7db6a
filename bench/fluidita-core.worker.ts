/**
 * bench/fluidita.bench.ts, third layout: the core off the serving thread, as
 * in Electron's utilityProcess (electron/main/core-process.ts), modelled by a
 * worker thread: the real relay (electron/core/worker/relay-core.ts) over a
 * node MessagePort, the core's own worker threads for the simulator and the
 * imports. Besides the relay, the bench asks on `parentPort` to queue and drain
 * pratiche (no IPC channel drains the queue on demand).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { systemClock } from '../electron/core/clock';
import { usaWorker } from '../electron/core/worker/layout';
import { serviCoreSuPorta } from '../electron/core/worker/relay-core';
import { portaNode } from '../electron/core/worker/relay-protocollo';
import { chiudiWorkerImportazioni } from '../electron/features/anomalie/importa-worker';
import { corpo5008 } from '../electron/features/coda/testing/bodies';
import { TRAINING_ISTAT } from '../electron/simulator/training';
import { oggiRoma } from '../electron/simulator/read';
import { createTestCore } from '../electron/test-support/core';

const padre = parentPort!;
usaWorker({ simulatore: true, importazioni: true });
const core = createTestCore({ clock: systemClock });
serviCoreSuPorta(portaNode((workerData as { porta: MessagePort }).porta), core);

padre.on('message', (m: { tipo: 'prepara'; n: number } | { tipo: 'drain' } | { tipo: 'fine' }) => {
  void (async () => {
    try {
      if (m.tipo === 'prepara') {
        await core.router.dispatch('anomalie.riepilogo', undefined, { transport: 'test' }); // signs in
        await core.anpr.client();
        const persone = core.anpr.simulatore()!.admin.campione(TRAINING_ISTAT, 300);
        const ambiente = await core.anpr.ambiente();
        const queue = await core.coda.queue();
        for (let k = 0; k < m.n; k++) {
          const p = persone[k % persone.length]!;
          await queue.aggiungi({ servizio: '5008', formato: 'xml', payload: { xml: corpo5008(p, ambiente.comune) }, soggettoKey: `ANPR:${p.idSchedaSoggettoANPR}`, dataDecorrenza: oggiRoma(new Date()) });
        }
        padre.postMessage({ tipo: 'pronto' });
      } else if (m.tipo === 'drain') {
        const queue = await core.coda.queue();
        const r = await queue.drain();
        padre.postMessage({ tipo: 'drenato', accolte: queue.conteggi().accolta, messaggio: r.messaggio ?? '' });
      } else {
        await core.dispose();
        await chiudiWorkerImportazioni();
        padre.postMessage({ tipo: 'chiuso' });
      }
    } catch (error) {
      padre.postMessage({ tipo: 'errore', messaggio: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  })();
});
