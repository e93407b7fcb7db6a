/**
 * A small, fast xlsx (Office Open XML spreadsheet) reader and writer for
 * tables of text: the official ANPR lists and the anomaly files downloaded
 * from the ANPR web application.
 *
 * Why not exceljs for everything: its reader runs at about 30,000 rows/s on
 * these machines (streaming) and its writer at about 12,000 rows/s, while an
 * anomaly file can hold 100,000 rows. This reader unzips with node:zlib and
 * scans the sheet XML with plain string search (~10× faster); exceljs
 * remains the fallback for workbooks this reader does not understand
 * (zip64, encrypted, strict OOXML) and the independent writer used by the
 * generator script, so the tests check this reader against another
 * implementation.
 *
 * Cells come back as text: shared and inline strings decoded, numbers as
 * written, date-formatted numbers as ISO dates (`YYYY-MM-DD`, with
 * `THH:MM:SS` when there is a time part).
 *
 * Files come from outside, so reading is bounded (`LIMITI_XLSX`): declared
 * sizes and ratios are checked before inflating, the inflater never writes
 * more than declared, and a missing closing tag ends the scan with
 * `XlsxRifiutato` instead of looping.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface FoglioXlsx {
  nome: string;
  /** Rows in sheet order; `numero` is the 1-based row number Excel shows. */
  righe: { numero: number; celle: string[] }[];
}

/** A layout this reader does not understand: the caller may try another reader. */
export class XlsxNonLeggibile extends Error {}

/**
 * A file refused outright (truncated, oversized, a zip bomb): no other reader
 * is tried. The message is Italian, for the clerk.
 */
export class XlsxRifiutato extends Error {}

/**
 * Bounds for a file that comes from outside. An anomaly file of 100,000 rows
 * is about 30 MB of sheet XML, compressed about 10:1; deflate cannot exceed
 * 1032:1, and bombs sit near that.
 */
export const LIMITI_XLSX = {
  /** Uncompressed bytes of one zip entry. */
  voce: 256 * 1024 * 1024,
  /** Uncompressed bytes of all the entries read. */
  totale: 512 * 1024 * 1024,
  /** Uncompressed / compressed, for entries over 1 MB. */
  rapporto: 200,
  /** Rows of one sheet (Excel's own maximum). */
  righe: 1_048_576,
  /** Columns of one row (Excel's own maximum). */
  colonne: 16_384,
};

const TRONCATO = 'Il file Excel è danneggiato o incompleto (troncato).';
const TROPPO_GRANDE = 'Il file Excel è troppo grande o anomalo (contenuto compresso sospetto): non viene letto.';

function troncato(): never {
  throw new XlsxRifiutato(TRONCATO);
}

// ───────────────────────────── zip ─────────────────────────────

interface VoceZip {
  nome: string;
  metodo: number;
  compresso: number;
  /** Uncompressed size the central directory declares. */
  dimensione: number;
  offsetLocale: number;
}

function vociZip(buf: Buffer): Map<string, VoceZip> {
  // End of central directory: the last 22+ bytes (a comment may follow).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxRifiutato(TRONCATO);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (p === 0xffffffff) throw new XlsxNonLeggibile('zip64 not supported');
  const out = new Map<string, VoceZip>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new XlsxRifiutato(TRONCATO);
    const flags = buf.readUInt16LE(p + 8);
    if (flags & 1) throw new XlsxNonLeggibile('encrypted zip entry');
    const metodo = buf.readUInt16LE(p + 10);
    const compresso = buf.readUInt32LE(p + 20);
    const dimensione = buf.readUInt32LE(p + 24);
    if (compresso === 0xffffffff || dimensione === 0xffffffff) throw new XlsxNonLeggibile('zip64 entry not supported');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offsetLocale = buf.readUInt32LE(p + 42);
    const nome = buf.toString('utf8', p + 46, p + 46 + nameLen);
    out.set(nome, { nome, metodo, compresso, dimensione, offsetLocale });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Uncompressed bytes still allowed for one file (shared by all its entries). */
export interface BudgetXlsx {
  restante: number;
}

/**
 * One entry, inflated within the limits: the declared size is checked before
 * inflating (size, ratio, what is left of the budget) and the inflater never
 * writes more than the declared size, so a lying header cannot expand either.
 */
function leggiVoce(buf: Buffer, voce: VoceZip, budget: BudgetXlsx): Buffer {
  const p = voce.offsetLocale;
  if (p + 30 > buf.length) troncato();
  if (buf.readUInt32LE(p) !== 0x04034b50) throw new XlsxNonLeggibile('bad local header');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + voce.compresso > buf.length) troncato();
  const data = buf.subarray(start, start + voce.compresso);
  if (voce.metodo === 0) return data;
  if (voce.metodo !== 8) throw new XlsxNonLeggibile(`zip method ${voce.metodo} not supported`);
  const d = voce.dimensione;
  if (d > LIMITI_XLSX.voce || d > budget.restante || (d > 1024 * 1024 && d > voce.compresso * LIMITI_XLSX.rapporto)) {
    throw new XlsxRifiutato(TROPPO_GRANDE);
  }
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, d) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new XlsxRifiutato(TROPPO_GRANDE);
    troncato();
  }
  if (out.length !== d) troncato();
  budget.restante -= d;
  return out;
}

/**
 * Every entry inflated within the limits, the output discarded: the check
 * before handing a file to another reader that has no limits of its own.
 */
export function verificaLimitiXlsx(buf: Buffer): void {
  const budget = { restante: LIMITI_XLSX.totale };
  for (const voce of vociZip(buf).values()) leggiVoce(buf, voce, budget);
}

// ───────────────────────────── XML helpers ─────────────────────────────

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e]!,
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\r\n?/g, '\n');
}

function attr(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = tag.indexOf(`${name}="`, from);
    if (i < 0) return undefined;
    const before = tag.charCodeAt(i - 1);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const start = i + name.length + 2;
      return tag.slice(start, tag.indexOf('"', start));
    }
    from = i + 1;
  }
}

/** Concatenated `<t>` texts of an `<si>` or `<is>` element, phonetic runs excluded. */
function testoRuns(xml: string): string {
  // The common case: one plain <t> (with or without xml:space).
  if (xml.startsWith('<t') && xml.indexOf('<t', 2) < 0) {
    const gt = xml.indexOf('>');
    const end = xml.indexOf('</t>', gt);
    if (gt > 0 && end > 0) return decodeXml(xml.slice(gt + 1, end));
  }
  if (xml.startsWith('<is>')) return testoRuns(xml.slice(4, xml.lastIndexOf('</is>')));
  const senzaPh = xml.indexOf('<rPh') >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(senzaPh))) out += m[1];
  return decodeXml(out);
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const s = xml.indexOf('<si', i);
    if (s < 0) break;
    const gt = xml.indexOf('>', s);
    if (gt < 0) troncato();
    if (xml.charCodeAt(gt - 1) === 47 /* / */) {
      out.push('');
      i = gt + 1;
      continue;
    }
    const e = xml.indexOf('</si>', s);
    if (e < 0) troncato();
    const inner = xml.slice(gt + 1, e);
    // The common case: a single <t>…</t>.
    if (inner.startsWith('<t>') && inner.indexOf('<', 3) === inner.length - 4) out.push(decodeXml(inner.slice(3, -4)));
    else out.push(testoRuns(inner));
    i = e + 5;
  }
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Style index → true when the style's number format is a date. */
function stiliData(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, boolean>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = decodeXml(attr(m[0], 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
    custom.set(id, /[dmyhs]/i.test(code) && !/^[#0.,%E+-]*$/.test(code));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? '0');
    out.push(BUILTIN_DATE_FORMATS.has(id) || custom.get(id) === true);
  }
  return out;
}

/** Excel serial (1900 system) → ISO date or date-time. */
export function serialeExcelInData(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

function colonna(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function leggiFoglio(xml: string, condivise: string[], date: boolean[]): FoglioXlsx['righe'] {
  const righe: FoglioXlsx['righe'] = [];
  const start = xml.indexOf('<sheetData');
  if (start < 0) return righe;
  let i = start;
  let numeroAtteso = 1;
  for (;;) {
    const r = xml.indexOf('<row', i);
    if (r < 0) break;
    const tagEnd = xml.indexOf('>', r);
    if (tagEnd < 0) troncato();
    if (righe.length >= LIMITI_XLSX.righe) throw new XlsxRifiutato(TROPPO_GRANDE);
    const rowTag = xml.slice(r, tagEnd + 1);
    const numero = Number(attr(rowTag, 'r') ?? numeroAtteso);
    numeroAtteso = numero + 1;
    if (rowTag.endsWith('/>')) {
      i = tagEnd + 1;
      continue;
    }
    const rowEnd = xml.indexOf('</row>', tagEnd);
    if (rowEnd < 0) troncato();
    const celle: string[] = [];
    let c = tagEnd + 1;
    let nextCol = 0;
    for (;;) {
      const cs = xml.indexOf('<c', c);
      if (cs < 0 || cs > rowEnd) break;
      const ce = xml.indexOf('>', cs);
      if (ce < 0 || ce > rowEnd) troncato();
      const cellTag = xml.slice(cs, ce + 1);
      const ref = attr(cellTag, 'r');
      const col = ref ? colonna(ref) : nextCol;
      if (col >= LIMITI_XLSX.colonne) throw new XlsxRifiutato(TROPPO_GRANDE);
      nextCol = col + 1;
      if (cellTag.endsWith('/>')) {
        c = ce + 1;
        continue;
      }
      const close = xml.indexOf('</c>', ce);
      if (close < 0 || close > rowEnd) troncato();
      const inner = xml.slice(ce + 1, close);
      c = close + 4;
      const tipo = attr(cellTag, 't');
      let valore: string;
      if (tipo === 'inlineStr') {
        valore = testoRuns(inner);
      } else {
        const vs = inner.indexOf('<v>');
        const raw = vs >= 0 ? inner.slice(vs + 3, inner.indexOf('</v>', vs)) : '';
        if (tipo === 's') valore = condivise[Number(raw)] ?? '';
        else if (tipo === 'str' || tipo === 'e' || tipo === 'd') valore = decodeXml(raw);
        else if (tipo === 'b') valore = raw === '1' ? 'TRUE' : 'FALSE';
        else {
          const stile = Number(attr(cellTag, 's') ?? '0');
          valore = raw !== '' && date[stile] && Number.isFinite(Number(raw)) ? serialeExcelInData(Number(raw)) : raw;
        }
      }
      while (celle.length < col) celle.push('');
      celle[col] = valore;
    }
    righe.push({ numero, celle });
    i = rowEnd + 6;
  }
  return righe;
}

/** All sheets of an xlsx file, in workbook order. */
export function leggiXlsx(buf: Buffer): FoglioXlsx[] {
  const voci = vociZip(buf);
  const budget = { restante: LIMITI_XLSX.totale };
  const testo = (nome: string): string | undefined => {
    const v = voci.get(nome);
    return v ? leggiVoce(buf, v, budget).toString('utf8') : undefined;
  };
  const workbook = testo('xl/workbook.xml');
  if (!workbook) throw new XlsxNonLeggibile('xl/workbook.xml missing');
  const rels = testo('xl/_rels/workbook.xml.rels') ?? '';
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const t = attr(m[0], 'Target');
    if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  const condivise = sharedStrings(testo('xl/sharedStrings.xml'));
  const date = stiliData(testo('xl/styles.xml'));
  const fogli: FoglioXlsx[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const nome = decodeXml(attr(m[0], 'name') ?? '');
    const rid = attr(m[0], 'r:id') ?? /\s\w+:id="([^"]*)"/.exec(m[0])?.[1];
    const path = rid ? target.get(rid) : undefined;
    const xml = path ? testo(path) : undefined;
    if (xml === undefined) continue;
    fogli.push({ nome, righe: leggiFoglio(xml, condivise, date) });
  }
  if (fogli.length === 0) throw new XlsxNonLeggibile('no worksheet');
  return fogli;
}

/** True when the bytes start like a zip archive (xlsx). */
export function sembraXlsx(buf: Buffer): boolean {
  return buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50;
}

// ───────────────────────────── writer ─────────────────────────────

function escapeXml(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '',
  );
}

function nomeColonna(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function scriviZip(files: { nome: string; dati: Buffer }[]): Buffer {
  const parti: Buffer[] = [];
  const centrale: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const nome = Buffer.from(f.nome, 'utf8');
    const compresso = deflateRawSync(f.dati, { level: 1 });
    const crc = crc32(f.dati);
    const locale = Buffer.alloc(30);
    locale.writeUInt32LE(0x04034b50, 0);
    locale.writeUInt16LE(20, 4);
    locale.writeUInt16LE(0x0800, 6); // UTF-8 names
    locale.writeUInt16LE(8, 8);
    locale.writeUInt16LE(0, 10);
    locale.writeUInt16LE(0x21, 12); // 1980-01-01
    locale.writeUInt32LE(crc, 14);
    locale.writeUInt32LE(compresso.length, 18);
    locale.writeUInt32LE(f.dati.length, 22);
    locale.writeUInt16LE(nome.length, 26);
    locale.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0, 12);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(compresso.length, 20);
    dir.writeUInt32LE(f.dati.length, 24);
    dir.writeUInt16LE(nome.length, 28);
    dir.writeUInt32LE(offset, 42);
    parti.push(locale, nome, compresso);
    centrale.push(dir, nome);
    offset += 30 + nome.length + compresso.length;
  }
  const dirBuf = Buffer.concat(centrale);
  const fine = Buffer.alloc(22);
  fine.writeUInt32LE(0x06054b50, 0);
  fine.writeUInt16LE(files.length, 8);
  fine.writeUInt16LE(files.length, 10);
  fine.writeUInt32LE(dirBuf.length, 12);
  fine.writeUInt32LE(offset, 16);
  return Buffer.concat([...parti, dirBuf, fine]);
}

export interface ColonnaXlsx {
  titolo: string;
  /** Width in characters. */
  larghezza?: number;
}

/**
 * One-sheet workbook: a bold, frozen, filterable header row, then text cells
 * (inline strings, so the file needs no shared-string table).
 */
export function scriviXlsx(nomeFoglio: string, colonne: readonly ColonnaXlsx[], righe: Iterable<readonly string[]>): Buffer {
  const parti: string[] = [];
  const cella = (r: number, c: number, v: string, stile = '') =>
    v === '' ? '' : `<c r="${nomeColonna(c)}${r}"${stile} t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
  parti.push(`<row r="1">${colonne.map((c, i) => cella(1, i, c.titolo, ' s="1"')).join('')}</row>`);
  let n = 1;
  for (const riga of righe) {
    n++;
    let s = `<row r="${n}">`;
    for (let i = 0; i < riga.length; i++) s += cella(n, i, riga[i] ?? '');
    parti.push(s + '</row>');
  }
  const ultima = nomeColonna(Math.max(0, colonne.length - 1));
  const sheet =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:${ultima}${n}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<cols>${colonne.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.larghezza ?? 14}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${parti.join('')}</sheetData>` +
    `<autoFilter ref="A1:${ultima}${n}"/>` +
    '</worksheet>';
  const nome = escapeXml(nomeFoglio.slice(0, 31));
  const files = [
    {
      nome: '[Content_Types].xml',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    },
    {
      nome: '_rels/.rels',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      nome: 'xl/workbook.xml',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets><sheet name="${nome}" sheetId="1" r:id="rId1"/></sheets>` +
        `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${nome.replace(/'/g, "''")}'!$A$1:$${ultima}$${n}</definedName></definedNames></workbook>`,
    },
    {
      nome: 'xl/_rels/workbook.xml.rels',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    },
    {
      nome: 'xl/styles.xml',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
        '</styleSheet>',
    },
    { nome: 'xl/worksheets/sheet1.xml', xml: sheet },
  ];
  return scriviZip(files.map((f) => ({ nome: f.nome, dati: Buffer.from(f.xml, 'utf8') })));
}
