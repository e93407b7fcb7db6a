/**
 * The training anomaly file: the open anomalies the training simulator keeps
 * on its own residents (seeded from the official lists, electron/simulator/
 * population/anomalie.ts, and listed by its 3002 in `erroriAnomalie`), in the
 * layout of the files downloaded from the ANPR web application (the columns
 * of genera.ts, which the importer reads). Every row names a real training
 * resident — codice fiscale, the public ID ANPR the simulator's 3002 gives
 * (so a later read of the person closes what it no longer lists), names,
 * birth date — so a clerk can go from the anomaly to the person and practise
 * the fix. genera.ts stays for the big synthetic files of the benches and
 * import tests.
 */
import { formatCsvField } from '../../../shared/domain/csv';
import { idAnpr } from '../../simulator/render';
import type { PersonaSim } from '../../simulator/state/store';
import { INTESTAZIONE_GENERATA } from './genera';

export const NOME_FILE_FORMAZIONE = 'anomalie-esercitazione.csv';

const SEVERITA = { E: 'ERRORE', W: 'WARNING' } as const;

/** The rows (header first): one per open anomaly of each resident, reported on `dataSegnalazione` (YYYY-MM-DD). */
export function righeFormazione(residenti: readonly PersonaSim[], dataSegnalazione: string): string[][] {
  const righe: string[][] = [[...INTESTAZIONE_GENERATA]];
  for (const p of residenti) {
    for (const a of p.anomalie) {
      righe.push([a.codice, a.testo, SEVERITA[a.tipo], p.codiceFiscale, idAnpr(p), p.cognome, p.nome, p.dataNascita, dataSegnalazione]);
    }
  }
  return righe;
}

/** The file itself: `;`-separated, UTF-8 with BOM, CRLF (as the ANPR web application writes it). */
export function csvFormazione(residenti: readonly PersonaSim[], dataSegnalazione: string): { dati: Buffer; righe: number } {
  const righe = righeFormazione(residenti, dataSegnalazione);
  const testo = '\ufeff' + righe.map((r) => r.map((c) => formatCsvField(c, ';')).join(';') + '\r\n').join('');
  return { dati: Buffer.from(testo, 'utf8'), righe: righe.length - 1 };
}
