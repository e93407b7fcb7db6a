import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/database';
import { parseCsv } from '../../../shared/domain/csv';
import { registroCsv } from '../certificazione/registro-csv';
import type { CertificatoArchivio } from '../../../shared/ipc/contract';
import { anomalieService } from './service';
import { chiaveDi } from './store';

/** Issue #18, item 9: the CSV files the accounts office opens in Excel never carry a live formula. */

const OSTILI = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tTAB', '\rCR'];

/** Every cell starting with a formula character must be neutralised by a leading apostrophe. */
function celleAttive(righe: string[][]): string[] {
  return righe.flat().filter((c) => /^[=+\-@\t\r]/.test(c));
}

describe('formula-safe CSV exports', () => {
  it('neutralises formula-looking values in the anomaly export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'esporta-csv-'));
    const db = openDatabase(join(dir, 'sportello.sqlite'));
    try {
      const s = anomalieService(db, 'SIMULATORE:056003', { now: () => new Date('2026-03-02T10:00:00Z') });
      s.store.scrivi(
        OSTILI.map((testo, i) => ({
          chiave: chiaveDi(`EA00${i}|${testo}`),
          fonte: 'file' as const,
          codice: `EA00${i}`,
          severita: 'E' as const,
          testo,
          soggetto: { soggettoKey: `AAAAAA00A00A00${i}A`, codiceFiscale: `AAAAAA00A00A00${i}A`, cognome: OSTILI[i] },
          rilevata: '2026-03-01',
        })),
      );
      const csv = s.esporta({}, { campo: 'rilevata', direzione: 'desc' }, 'nessuno', 'csv');
      const righe = parseCsv(csv.dati.toString('utf8').replace(/^\ufeff/, ''), { separator: ';' });
      expect(righe.length - 1).toBe(OSTILI.length);
      expect(righe.flat()).toContain(`'=HYPERLINK("http://x","y")`);
      expect(celleAttive(righe)).toEqual([]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('neutralises formula-looking values in the certificate register', () => {
    const riga = (i: number): CertificatoArchivio => ({
      id: i + 1,
      idOperazioneComune: `100${i}`,
      stato: 'emesso',
      tipi: [{ codice: '1', descrizione: 'Residenza' }],
      intestatario: { idSchedaSoggettoANPR: '1', codiceFiscale: null, nominativo: OSTILI[i]! },
      richiedente: OSTILI[(i + 1) % OSTILI.length]!,
      paEstera: '',
      bolloCentesimi: 1600,
      bolloModalita: '',
      esenzioneBollo: '0',
      descrizioneEsenzioneBollo: '',
      dirittiEsenti: false,
      dirittiCentesimi: 52,
      operatore: { codiceFiscale: 'X', nominativo: OSTILI[(i + 2) % OSTILI.length]! },
      creato: '2026-03-02T09:00:00Z',
      emesso: '2026-03-02T09:00:01Z',
      giorno: '2026-03-02',
      protocolloAnpr: null,
      idOperazioneAnpr: null,
      sha256: null,
      byte: null,
      tentativi: 1,
      stampe: 0,
      errori: [],
      messaggio: null,
    });
    const buf = registroCsv({ data: '2026-03-02', operatore: '', righe: OSTILI.map((_, i) => riga(i)), totali: { certificati: 6, bolloCentesimi: 9600, dirittiCentesimi: 312 }, operatori: [] });
    const righe = parseCsv(buf.toString('utf8').replace(/^\ufeff/, ''), { separator: ';' });
    expect(righe[1]![5]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(celleAttive(righe)).toEqual([]);
  });
});
