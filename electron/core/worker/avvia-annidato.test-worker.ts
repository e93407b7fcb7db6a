/** Test entry (avvia.test.ts): starts a worker of its own through avviaWorker and passes on its answer. */
import { parentPort } from 'node:worker_threads';
import { avviaWorker } from './avvia';

if (process.env.AVVIA_FOGLIA === '1') {
  parentPort!.postMessage({ annidato: 42 });
} else {
  const w = avviaWorker(new URL('./avvia-annidato.test-worker.ts', import.meta.url), { env: { ...process.env, AVVIA_FOGLIA: '1' } });
  w.once('message', (m: unknown) => {
    parentPort!.postMessage(m);
    void w.terminate();
  });
  w.once('error', (e) => parentPort!.postMessage({ errore: e.message }));
}
