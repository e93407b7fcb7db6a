/**
 * Worker-thread entry of the anomaly imports (importa-worker.ts): for each
 * request its own connection, the environment's store and the catalogue
 * lookups read from the same database, then the in-thread import as it is.
 */
import { parentPort } from 'node:worker_threads';
import { openDatabase } from '../../platform/db/database';
import { severitaDaCatalogo, testoDaCatalogo } from './catalogo';
import { importaFileAnomalieQui } from './importa';
import type { MessaggioImportazione, RichiestaImportazione } from './importa-worker';
import { createAnomalieStore } from './store';
import { FileNonLeggibile } from './tabella';

const padre = parentPort!;
const invia = (m: MessaggioImportazione) => padre.postMessage(m);

async function importa(r: RichiestaImportazione): Promise<void> {
  let db: ReturnType<typeof openDatabase> | null = null;
  try {
    db = openDatabase(r.file);
    const store = createAnomalieStore(db, r.ambiente);
    const severita = severitaDaCatalogo(db);
    const testo = testoDaCatalogo(db);
    const buf = Buffer.from(r.dati.buffer, r.dati.byteOffset, r.dati.byteLength);
    const esito = await importaFileAnomalieQui(db, store, { severita, testo }, buf, r.nomeFile, {
      quando: r.quando,
      operatore: r.operatore,
      avanzamento: (righe) => invia({ id: r.id, tipo: 'avanzamento', righe }),
    });
    invia({ id: r.id, tipo: 'esito', esito });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    invia({ id: r.id, tipo: 'errore', nome: e.name, messaggio: e.message, leggibile: error instanceof FileNonLeggibile });
  } finally {
    db?.close();
  }
}

// One at a time, in the order received (the parent queues them too).
let coda: Promise<void> = Promise.resolve();
padre.on('message', (r: RichiestaImportazione) => {
  coda = coda.then(() => importa(r));
});
