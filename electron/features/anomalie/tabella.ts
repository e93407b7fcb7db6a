/**
 * A downloaded table (csv or xlsx) as rows of text cells, each with the line
 * number the clerk sees (the csv physical line; the Excel row number), so
 * unreadable rows can be reported by line.
 */
import { isUtf8 } from 'node:buffer';
import { leggiXlsx, sembraXlsx, verificaLimitiXlsx, XlsxNonLeggibile, XlsxRifiutato, type FoglioXlsx } from './xlsx';

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

/**
 * A csv file's text for the parser. A UTF-8 file is read byte for byte as
 * Latin-1 (`utf8`: the bytes, BOM excluded): the separators, quotes and line
 * breaks are ASCII, so they are found in place, and a cell holding a byte
 * above 0x7F — a whole UTF-8 sequence, as the cells end on ASCII — is
 * decoded from its bytes. The cells are the strings `decodificaTesto` would
 * give, but most are one-byte strings (decoding the whole file makes every
 * slice a two-byte string as soon as one character needs it, and every later
 * step on the cells slower). Any other encoding: `decodificaTesto`.
 */
interface TestoCsv {
  testo: string;
  utf8: Buffer | null;
}

function testoCsv(buf: Buffer): TestoCsv {
  if (!isUtf8(buf)) return { testo: decodificaTesto(buf), utf8: null };
  let da = 0;
  // Up to two BOMs, as decodificaTesto.
  for (let k = 0; k < 2 && buf[da] === 0xef && buf[da + 1] === 0xbb && buf[da + 2] === 0xbf; k++) da += 3;
  const utf8 = buf.subarray(da);
  return { testo: utf8.toString('latin1'), utf8 };
}

/** The separator `separatoreCsv` finds in the decoded text (it looks at its first 65,536 characters: at most 4 bytes each). */
function separatoreTestoCsv(t: TestoCsv): string {
  return separatoreCsv(t.utf8 === null ? t.testo : t.utf8.toString('utf8', 0, Math.min(t.utf8.length, 4 * 65_536)));
}

/** Position of the next character above 0x7F from `da` (a UTF-8 byte in a TestoCsv), or the text's length. */
function prossimoAlto(text: string, da: number): number {
  ALTO.lastIndex = da;
  const m = ALTO.exec(text);
  return m === null ? text.length : m.index;
}
const ALTO = /[\x80-\xff]/g;

/** A field of a TestoCsv with `utf8` as the string it stands for. */
function campoUtf8(field: string): string {
  return /[\x80-\xff]/.test(field) ? Buffer.from(field, 'latin1').toString('utf8') : field;
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
 * row). A record without a quote is split with `indexOf` (the common case of
 * an export: the next quote, separator and line break are each searched once
 * for the whole text); a record with a quote anywhere takes the full
 * RFC 4180 path (`recordRfc4180`). With `utf8` the text is that buffer read
 * as Latin-1 (see TestoCsv); with `soloNonVuote` blank rows are skipped.
 */
export function* righeCsvFlusso(
  text: string,
  sep = separatoreCsv(text),
  utf8: Buffer | null = null,
  soloNonVuote = false,
): Generator<RigaTabella, void, undefined> {
  const n = text.length;
  const pos = { i: 0, line: 1 };
  // The next quote, LF, CR and separator at or after the current position (n: none left).
  let virgoletta = -1;
  let lf = -1;
  let cr = -1;
  let separatore = -1;
  // With `utf8` (see TestoCsv): the next character above 0x7F.
  let alto = -1;
  while (pos.i < n) {
    const i = pos.i;
    if (virgoletta < i) virgoletta = prossimo(text, '"', i);
    if (lf < i) lf = prossimo(text, '\n', i);
    if (cr < i) cr = prossimo(text, '\r', i);
    // The record ends at the first CR or LF (CRLF counts as one), as in recordRfc4180.
    const fine = lf < cr ? lf : cr;
    if (virgoletta < fine) {
      const r = recordRfc4180(text, pos, sep.charCodeAt(0));
      if (r !== null) {
        if (utf8 !== null) for (let k = 0; k < r.celle.length; k++) r.celle[k] = campoUtf8(r.celle[k]!);
        if (!soloNonVuote || rigaNonVuota(r)) yield r;
      }
      continue;
    }
    const numero = pos.line;
    if (fine < n) {
      pos.i = fine === cr && text.charCodeAt(fine + 1) === 10 ? fine + 2 : fine + 1;
      pos.line++;
    } else pos.i = n;
    if (fine === i) continue; // blank line
    const celle: string[] = [];
    for (let a = i; ; ) {
      if (separatore < a) separatore = prossimo(text, sep, a);
      const b = separatore < fine ? separatore : fine;
      if (utf8 === null) celle.push(text.slice(a, b));
      else {
        if (alto < a) alto = prossimoAlto(text, a);
        celle.push(alto < b ? utf8.toString('utf8', a, b) : text.slice(a, b));
      }
      if (b === fine) break;
      a = b + 1;
    }
    const r = { numero, celle };
    if (!soloNonVuote || rigaNonVuota(r)) yield r;
  }
}

/** The same records through the full RFC 4180 path only (the reference the fast split is tested against). */
export function* righeCsvRfc4180(text: string, sep = separatoreCsv(text)): Generator<RigaTabella, void, undefined> {
  const pos = { i: 0, line: 1 };
  while (pos.i < text.length) {
    const r = recordRfc4180(text, pos, sep.charCodeAt(0));
    if (r !== null) yield r;
  }
}

/** Position of the next `c` from `da`, or the text's length. */
function prossimo(text: string, c: string, da: number): number {
  const k = text.indexOf(c, da);
  return k < 0 ? text.length : k;
}

/**
 * One record from `pos` with the full rules (quoted fields, `""`, line breaks
 * inside quotes); advances `pos` past its line break. Null for a blank line.
 * Unquoted fields are sliced straight from the text.
 */
function recordRfc4180(text: string, pos: { i: number; line: number }, sepCode: number): RigaTabella | null {
  const n = text.length;
  let i = pos.i;
  let line = pos.line;
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
  pos.i = i;
  pos.line = line;
  return started ? { numero: startLine, celle } : null;
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
  /** False when `righe` will certainly give fewer than n rows (csv: fewer line breaks than n - 1). */
  forseAlmeno(n: number): boolean;
}

export async function leggiTabellaFlusso(
  buf: Buffer,
  sceltaFoglio: (fogli: FoglioXlsx[]) => FoglioXlsx | undefined = (fogli) => fogli.find((f) => f.righe.length > 0),
): Promise<TabellaFlusso> {
  if (sembraXlsx(buf)) {
    const t = await leggiTabella(buf, sceltaFoglio);
    return { formato: t.formato, foglio: t.foglio, righe: t.righe, forseAlmeno: (n) => t.righe.length >= n };
  }
  if (buf.includes(0)) throw new FileNonLeggibile('Il file non è un CSV né un file Excel (.xlsx).');
  const t = testoCsv(buf);
  return { formato: 'csv', foglio: '', righe: righeCsvFlusso(t.testo, separatoreTestoCsv(t), t.utf8, true), forseAlmeno: (n) => interruzioni(t.testo, n - 1) >= n - 1 };
}

/** Line breaks in the text (CRLF counts once; every csv record but the last ends with one), counted up to `fino`. */
function interruzioni(text: string, fino: number): number {
  let n = 0;
  for (let k = text.indexOf('\n'); k >= 0 && n < fino; k = text.indexOf('\n', k + 1)) n++;
  for (let k = text.indexOf('\r'); k >= 0 && n < fino; k = text.indexOf('\r', k + 1)) if (text.charCodeAt(k + 1) !== 10) n++;
  return n;
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
      if (error instanceof XlsxRifiutato) throw new FileNonLeggibile(error.message);
      if (!(error instanceof XlsxNonLeggibile)) throw error;
      // exceljs has no limits of its own: it gets only files whose every entry inflates within ours.
      try {
        verificaLimitiXlsx(buf);
      } catch (e) {
        if (e instanceof XlsxRifiutato) throw new FileNonLeggibile(e.message);
        throw new FileNonLeggibile('Il file Excel non può essere letto (formato non supportato, danneggiato o protetto da password).');
      }
      fogli = await leggiXlsxConExceljs(buf);
    }
    const foglio = sceltaFoglio(fogli);
    if (!foglio) throw new FileNonLeggibile('Il file Excel non contiene fogli con dati.');
    return { formato: 'xlsx', foglio: foglio.nome, righe: foglio.righe.filter((r) => r.celle.some((c) => c.trim() !== '')) };
  }
  if (buf.includes(0)) throw new FileNonLeggibile('Il file non è un CSV né un file Excel (.xlsx).');
  const t = testoCsv(buf);
  return { formato: 'csv', foglio: '', righe: [...righeCsvFlusso(t.testo, separatoreTestoCsv(t), t.utf8, true)] };
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
