/**
 * Synthetic anomaly files for tests and benchmarks, in the layout
 * the importer reads (see importa.ts): a comune of ~15,000 people carrying
 * `righe` anomalies, with real codes and texts from the official subentro
 * and Agenzia Entrate lists. Names are drawn from short lists and codici
 * fiscali are computed from them: nobody real is described, and nobody the
 * training simulator knows (the training file is formazione.ts).
 * Deterministic for a given seed.
 *
 * The xlsx is written with exceljs (streaming), not with our own writer, so
 * the import tests read a workbook produced by another implementation.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { calcolaCodiceFiscale } from '../../../shared/domain/codice-fiscale';
import { formatCsvField } from '../../../shared/domain/csv';
import { leggiRisorsaCatalogo, righeCatalogo } from '../../anpr/catalogue';

export const INTESTAZIONE_GENERATA = [
  'Codice anomalia',
  'Messaggio di errore',
  'Severità',
  'Codice fiscale',
  'Id ANPR',
  'Cognome',
  'Nome',
  'Data nascita',
  'Data segnalazione',
] as const;

const COGNOMI = ['ROSSI', 'RUSSO', 'FERRARI', 'ESPOSITO', 'BIANCHI', 'ROMANO', 'COLOMBO', 'RICCI', 'MARINO', 'GRECO', 'BRUNO', 'GALLO', 'CONTI', 'DE LUCA', 'MANCINI', 'COSTA', 'GIORDANO', 'RIZZO', 'LOMBARDI', 'MORETTI', 'BARBIERI', 'FONTANA', 'SANTORO', 'MARIANI', 'RINALDI', 'CARUSO', 'FERRARA', 'GALLI', 'MARTINI', 'LEONE', 'LONGO', 'GENTILE', 'MARTINELLI', 'VITALE', 'LOMBARDO', 'SERRA', 'COPPOLA', 'DE SANTIS', "D'ANGELO", 'MARCHETTI', 'PARISI', 'VILLA', 'CONTE', 'FERRO', 'FABBRI', 'BIANCO', 'MARINI', 'GRASSO', 'VALENTINI', 'MESSINA'];
const NOMI_M = ['MARIO', 'GIUSEPPE', 'LUCA', 'MARCO', 'FRANCESCO', 'ANDREA', 'GIOVANNI', 'ANTONIO', 'PAOLO', 'STEFANO', 'ALESSANDRO', 'MATTEO', 'LORENZO', 'DAVIDE', 'SIMONE', 'NICOLA', 'FABIO', 'ROBERTO', 'SERGIO', 'NICCOLÒ'];
const NOMI_F = ['MARIA', 'ANNA', 'GIULIA', 'FRANCESCA', 'CHIARA', 'SARA', 'LAURA', 'ELENA', 'PAOLA', 'SILVIA', 'VALENTINA', 'ALESSIA', 'MARTINA', 'GIORGIA', 'ROBERTA', 'MONICA', 'BARBARA', 'CRISTINA', 'FEDERICA', 'LUCIA'];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface OpzioniGenerazione {
  righe: number;
  /** ~one person per 6.7 anomalies by default (100,000 → 15,000 people). */
  persone?: number;
  seed?: number;
  /** Malformed rows to insert (every k-th row), for the error report; default 0. */
  righeErrate?: number;
}

export interface RigaGenerata {
  celle: string[];
  /** True for a deliberately malformed row. */
  errata: boolean;
}

interface Voce {
  codice: string;
  testo: string;
  severita: 'ERRORE' | 'WARNING';
  peso: number;
}

function vociAnomalia(): Voce[] {
  const subentro = righeCatalogo('anomalie_subentro', leggiRisorsaCatalogo('anomalie_subentro').rows).filter(
    (v) => !/Procedura 0(08|09|10)/.test(v.procedura ?? ''),
  );
  // Frequent in practice: the Agenzia Entrate checks on the codice fiscale.
  const frequenti = new Set(['EA029', 'EAA30', 'EAA40', 'EA038', 'EA042', 'EN306', 'EC007', 'ES092']);
  return subentro.map((v) => ({
    codice: v.codice,
    testo: v.descrizione,
    severita: v.severita === 'E' ? 'ERRORE' : 'WARNING',
    peso: frequenti.has(v.codice) ? 12 : 1,
  }));
}

/** The rows (header first) of a generated file. */
export function* righeGenerate(opzioni: OpzioniGenerazione): Generator<RigaGenerata> {
  const rnd = prng(opzioni.seed ?? 20260302);
  const nPersone = opzioni.persone ?? Math.max(1, Math.round(opzioni.righe / 6.67));
  const voci = vociAnomalia();
  const pesoTotale = voci.reduce((s, v) => s + v.peso, 0);
  const scegliVoce = () => {
    let x = rnd() * pesoTotale;
    for (const v of voci) if ((x -= v.peso) < 0) return v;
    return voci[voci.length - 1]!;
  };
  const persone: string[][] = [];
  for (let i = 0; i < nPersone; i++) {
    const sesso = rnd() < 0.5 ? 'M' : 'F';
    const cognome = COGNOMI[Math.floor(rnd() * COGNOMI.length)]!;
    const nome = (sesso === 'M' ? NOMI_M : NOMI_F)[Math.floor(rnd() * 20)]!;
    const anno = 1930 + Math.floor(rnd() * 90);
    const data = `${anno}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const cf = calcolaCodiceFiscale({ cognome, nome, sesso, dataNascita: data, belfiore: 'H501' });
    // Synthetic ID ANPR: 2 letters, 5 digits, 2 letters.
    const idAnpr = `ZZ${String(i).padStart(5, '0')}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}`;
    persone.push([cf, idAnpr, cognome, nome, data]);
  }
  yield { celle: [...INTESTAZIONE_GENERATA], errata: false };
  const ogniK = opzioni.righeErrate ? Math.max(2, Math.floor(opzioni.righe / opzioni.righeErrate)) : 0;
  let errate = 0;
  const usate = new Set<string>();
  for (let i = 0; i < opzioni.righe; i++) {
    // Every person gets at least one anomaly; then they are spread at random.
    // Each (person, code) pair is used once, so the count check is exact.
    let pi = i < nPersone ? i : Math.floor(rnd() * nPersone);
    let v = scegliVoce();
    while (usate.has(`${pi}|${v.codice}`)) {
      pi = Math.floor(rnd() * nPersone);
      v = scegliVoce();
    }
    usate.add(`${pi}|${v.codice}`);
    const p = persone[pi]!;
    const giorno = 1 + Math.floor(rnd() * 730);
    const data = new Date(Date.UTC(2023, 0, 1) + giorno * 86_400_000).toISOString().slice(0, 10);
    const celle = [v.codice, v.testo, v.severita, p[0]!, p[1]!, p[2]!, p[3]!, p[4]!, data];
    if (ogniK && (i + 1) % ogniK === 0 && errate < (opzioni.righeErrate ?? 0)) {
      errate++;
      const tipo = errate % 3;
      if (tipo === 0) celle[0] = '';
      else if (tipo === 1) celle[8] = '31/02/2024';
      else celle[2] = 'GRAVE';
      yield { celle, errata: true };
    } else {
      yield { celle, errata: false };
    }
  }
}

export async function scriviCsvGenerato(file: string, opzioni: OpzioniGenerazione): Promise<{ righe: number; errate: number }> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let buffer = '\ufeff';
  let righe = 0;
  let errate = 0;
  for (const r of righeGenerate(opzioni)) {
    buffer += r.celle.map((c) => formatCsvField(c, ';')).join(';') + '\r\n';
    righe++;
    if (r.errata) errate++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return { righe: righe - 1, errate };
}

export async function scriviXlsxGenerato(file: string, opzioni: OpzioniGenerazione): Promise<{ righe: number; errate: number }> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Anomalie');
  let righe = 0;
  let errate = 0;
  for (const r of righeGenerate(opzioni)) {
    ws.addRow(r.celle).commit();
    righe++;
    if (r.errata) errate++;
  }
  ws.commit();
  await wb.commit();
  return { righe: righe - 1, errate };
}
