/**
 * A downloaded table (csv or xlsx) as rows of text cells, each with the line
 * number the clerk sees (the csv physical line; the Excel row number), so
 * unreadable rows can be reported by line.
 */
import { isUtf8 } from 'node:buffer';
import { leggiXlsx, sembraXlsx, XlsxNonLeggibile, type FoglioXlsx } from './xlsx';

export interface RigaTabella {
  numero: number;
  celle: string[];
}

export interface Tabella {
  formato: 'csv' | 'xlsx';
  /** Sheet name (xlsx) or '' (csv). */
  foglio: string;
  righe: RigaTabella[];
}

export class FileNonLeggibile extends Error {}

/** UTF-8 when valid (BOM removed), otherwise Windows-1252 as Italian Excel writes it. */
export function decodificaTesto(buf: Uint8Array): string {
  if (Buffer.isBuffer(buf) && isUtf8(buf)) {
    // The same text as the fatal TextDecoder below (which drops one leading BOM), several times faster.
    let s = buf.toString('utf8');
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  } catch {
    return new TextDecoder('windows-1252').decode(buf);
  }
}

/** `;` (Italian Excel), tab or `,`: whichever occurs most, outside quotes, in the first lines (title rows have none). */
export function separatoreCsv(text: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && i < 65_536 && lines < 20; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') lines++;
    else if (!quoted && c in counts) counts[c]!++;
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ',';
}

/**
 * RFC 4180 records with the physical line each starts on (same rules as
 * shared/domain/csv.ts: quoted fields may span lines, `""` is a quote,
 * blank lines are skipped).
 */
export function righeCsv(text: string, sep = separatoreCsv(text)): RigaTabella[] {
  return [...righeCsvFlusso(text, sep)];
}

/**
 * The same records one at a time (the import streams them: no array of every
 * row). Unquoted fields are sliced straight from the text; a quoted field
 * takes the full RFC 4180 path.
 */
export function* righeCsvFlusso(text: string, sep = separatoreCsv(text)): Generator<RigaTabella, void, undefined> {
  const sepCode = sep.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const celle: string[] = [];
    let started = false;
    for (;;) {
      // one field
      let field = '';
      if (text.charCodeAt(i) === 34) {
        i++;
        let from = i;
        for (;;) {
          const q = text.indexOf('"', i);
          const end = q < 0 ? n : q;
          for (let k = i; k < end; k++) if (text.charCodeAt(k) === 10) line++;
          if (q < 0) {
            field += text.slice(from);
            i = n;
            break;
          }
          if (text.charCodeAt(q + 1) === 34) {
            field += text.slice(from, q + 1);
            i = q + 2;
            from = i;
            continue;
          }
          field += text.slice(from, q);
          i = q + 1;
          break;
        }
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === sepCode || d === 10 || d === 13) break;
          field += text[i];
          i++;
        }
        started = true;
      } else {
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === sepCode || d === 10 || d === 13) break;
          j++;
        }
        if (j > i) started = true;
        field = text.slice(i, j);
        i = j;
      }
      celle.push(field);
      if (i < n && text.charCodeAt(i) === sepCode) {
        started = true;
        i++;
        continue;
      }
      break;
    }
    // end of record
    if (i < n) {
      if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else i++;
      line++;
    }
    if (started) yield { numero: startLine, celle };
  }
}

/** A row with at least one non-blank cell (blank rows are skipped everywhere). */
export function rigaNonVuota(r: RigaTabella): boolean {
  for (const c of r.celle) if (c.trim() !== '') return true;
  return false;
}

/** A table read lazily: csv records are parsed as `righe` is iterated (once). */
export interface TabellaFlusso {
  formato: 'csv' | 'xlsx';
  foglio: string;
  /** Non-blank rows. */
  righe: Iterable<RigaTabella>;
}

export async function leggiTabellaFlusso(
  buf: Buffer,
  sceltaFoglio: (fogli: FoglioXlsx[]) => FoglioXlsx | undefined = (fogli) => fogli.find((f) => f.righe.length > 0),
): Promise<TabellaFlusso> {
  if (sembraXlsx(buf)) {
    const t = await leggiTabella(buf, sceltaFoglio);
    return { formato: t.formato, foglio: t.foglio, righe: t.righe };
  }
  if (buf.includes(0)) throw new FileNonLeggibile('Il file non è un CSV né un file Excel (.xlsx).');
  const text = decodificaTesto(buf);
  function* nonVuote(): Generator<RigaTabella, void, undefined> {
    for (const r of righeCsvFlusso(text)) if (rigaNonVuota(r)) yield r;
  }
  return { formato: 'csv', foglio: '', righe: nonVuote() };
}

/**
 * Reads a csv or xlsx file. For xlsx, `sceltaFoglio` picks the sheet from its
 * rows (e.g. the first one whose header is recognised); default the first
 * non-empty sheet.
 */
export async function leggiTabella(
  buf: Buffer,
  sceltaFoglio: (fogli: FoglioXlsx[]) => FoglioXlsx | undefined = (fogli) => fogli.find((f) => f.righe.length > 0),
): Promise<Tabella> {
  if (sembraXlsx(buf)) {
    let fogli: FoglioXlsx[];
    try {
      fogli = leggiXlsx(buf);
    } catch (error) {
      if (!(error instanceof XlsxNonLeggibile)) throw error;
      fogli = await leggiXlsxConExceljs(buf);
    }
    const foglio = sceltaFoglio(fogli);
    if (!foglio) throw new FileNonLeggibile('Il file Excel non contiene fogli con dati.');
    return { formato: 'xlsx', foglio: foglio.nome, righe: foglio.righe.filter((r) => r.celle.some((c) => c.trim() !== '')) };
  }
  if (buf.includes(0)) throw new FileNonLeggibile('Il file non è un CSV né un file Excel (.xlsx).');
  return { formato: 'csv', foglio: '', righe: righeCsv(decodificaTesto(buf)).filter(rigaNonVuota) };
}

/** Fallback for workbooks the fast reader refuses (zip64, unusual packaging). */
async function leggiXlsxConExceljs(buf: Buffer): Promise<FoglioXlsx[]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new FileNonLeggibile('Il file Excel non può essere letto (danneggiato o protetto da password).');
  }
  return wb.worksheets.map((ws) => {
    const righe: FoglioXlsx['righe'] = [];
    ws.eachRow({ includeEmpty: false }, (row, numero) => {
      const celle: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value;
        celle[col - 1] =
          v instanceof Date
            ? v.toISOString().endsWith('T00:00:00.000Z')
              ? v.toISOString().slice(0, 10)
              : v.toISOString().slice(0, 19)
            : v === null || v === undefined
              ? ''
              : typeof v === 'object'
                ? 'richText' in v
                  ? v.richText.map((r) => r.text).join('')
                  : 'text' in v
                    ? String(v.text)
                    : 'result' in v
                      ? String(v.result ?? '')
                      : ''
                : String(v);
      });
      for (let k = 0; k < celle.length; k++) celle[k] ??= '';
      righe.push({ numero, celle });
    });
    return { nome: ws.name, righe };
  });
}
