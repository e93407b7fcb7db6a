/**
 * Generates a synthetic anomaly file (csv and/or xlsx) in the layout of the
 * files downloaded from the ANPR web application, for tests and benchmarks.
 * Nobody real is described (names from short lists, computed CF, ID ANPR
 * starting with ZZ), nor anybody of the training simulator: to practise, use
 * "Importa anomalie di esercitazione" in the Anomalie screen (training only,
 * electron/features/anomalie/formazione.ts).
 *
 *   node --import tsx scripts/genera-anomalie.ts [--righe 100000] [--errate 0]
 *        [--seed 20260302] [--formato csv|xlsx|entrambi] [--out test-results/anomalie]
 *
 * Writes <out>/anomalie-<righe>.csv (`;`-separated, UTF-8 with BOM) and/or
 * <out>/anomalie-<righe>.xlsx (sheet "Anomalie", written with exceljs).
 * Columns: Codice anomalia; Messaggio di errore; Severità; Codice fiscale;
 * Id ANPR; Cognome; Nome; Data nascita; Data segnalazione.
 * With --errate N, N rows are malformed on purpose (missing code, impossible
 * date, unknown severity) to exercise the error report.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scriviCsvGenerato, scriviXlsxGenerato } from '../electron/features/anomalie/genera';

const { values } = parseArgs({
  options: {
    righe: { type: 'string', default: '100000' },
    errate: { type: 'string', default: '0' },
    seed: { type: 'string', default: '20260302' },
    formato: { type: 'string', default: 'entrambi' },
    out: { type: 'string', default: join('test-results', 'anomalie') },
  },
});
const opzioni = { righe: Number(values.righe), righeErrate: Number(values.errate), seed: Number(values.seed) };
if (!Number.isInteger(opzioni.righe) || opzioni.righe < 1) throw new Error('--righe: a positive integer');
mkdirSync(values.out!, { recursive: true });
const base = join(values.out!, `anomalie-${opzioni.righe}`);
if (values.formato !== 'xlsx') {
  const t = performance.now();
  const esito = await scriviCsvGenerato(`${base}.csv`, opzioni);
  console.log(`${base}.csv: ${esito.righe} righe (${esito.errate} errate) in ${Math.round(performance.now() - t)} ms`);
}
if (values.formato !== 'csv') {
  const t = performance.now();
  const esito = await scriviXlsxGenerato(`${base}.xlsx`, opzioni);
  console.log(`${base}.xlsx: ${esito.righe} righe (${esito.errate} errate) in ${Math.round(performance.now() - t)} ms`);
}
