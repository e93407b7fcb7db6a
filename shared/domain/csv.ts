/**
 * Minimal RFC 4180 CSV parser (pure, no Node/DOM imports).
 *
 * - fields separated by `,` (configurable), records by CRLF, LF or CR;
 * - quoted fields may contain separators, line breaks and doubled quotes (`""`);
 * - a leading UTF-8 BOM is removed;
 * - a trailing line break does not produce an empty record.
 *
 * Lenient on malformed input in the way spreadsheets are: a quote inside an
 * unquoted field is kept literally; characters after a closing quote are appended.
 */

export interface CsvOptions {
  separator?: string;
}

export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const sep = options.separator ?? ',';
  if (sep.length !== 1) throw new Error('CSV separator must be a single character');
  const sepCode = sep.charCodeAt(0);
  let src = text;
  if (src.charCodeAt(0) === 0xfeff) src = src.slice(1);

  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = src.length;
  // true when the current record has started (at least one char or separator seen)
  let recordStarted = false;

  while (i < n) {
    const c = src.charCodeAt(i);
    // a quote opens a quoted field only at the very start of the field
    if (c === 34 /* " */ && field.length === 0) {
      // quoted field
      recordStarted = true;
      i++;
      let start = i;
      let value = '';
      for (;;) {
        const q = src.indexOf('"', i);
        if (q === -1) {
          // unterminated quote: take the rest
          value += src.slice(start);
          i = n;
          break;
        }
        if (src.charCodeAt(q + 1) === 34) {
          value += src.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        value += src.slice(start, q);
        i = q + 1;
        break;
      }
      field = value;
      // anything up to the next separator / EOL is appended verbatim (lenient)
      while (i < n) {
        const d = src.charCodeAt(i);
        if (d === sepCode || d === 10 || d === 13) break;
        field += src[i];
        i++;
      }
      continue;
    }
    if (c === sepCode) {
      row.push(field);
      field = '';
      recordStarted = true;
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      // blank lines are skipped (RFC 4180 does not define them)
      if (recordStarted || field.length > 0) {
        row.push(field);
        rows.push(row);
      }
      row = [];
      field = '';
      recordStarted = false;
      if (c === 13 && src.charCodeAt(i + 1) === 10) i += 2;
      else i++;
      continue;
    }
    // unquoted run
    let j = i + 1;
    while (j < n) {
      const d = src.charCodeAt(j);
      if (d === sepCode || d === 10 || d === 13) break;
      j++;
    }
    field += src.slice(i, j);
    recordStarted = true;
    i = j;
  }
  if (recordStarted || field.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface CsvTable {
  header: string[];
  /** Data rows as arrays, padded with '' to the header length. */
  rows: string[][];
  /** Index of a header name (exact match first, then case-insensitive), -1 if absent. */
  column(name: string): number;
}

/** Parses a CSV whose first record is the header. */
export function parseCsvTable(text: string, options: CsvOptions = {}): CsvTable {
  const all = parseCsv(text, options);
  const header = (all[0] ?? []).map((h) => h.trim());
  const rows = all.slice(1).map((r) => {
    if (r.length >= header.length) return r;
    const padded = r.slice();
    while (padded.length < header.length) padded.push('');
    return padded;
  });
  const lower = header.map((h) => h.toLowerCase());
  return {
    header,
    rows,
    column(name: string): number {
      const exact = header.indexOf(name);
      return exact !== -1 ? exact : lower.indexOf(name.toLowerCase());
    },
  };
}

/** Serialises one field per RFC 4180 (quotes only when needed). */
export function formatCsvField(value: string, separator = ','): string {
  if (value.includes('"') || value.includes(separator) || value.includes('\n') || value.includes('\r')) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

export function formatCsv(rows: readonly (readonly string[])[], separator = ','): string {
  return rows.map((r) => r.map((f) => formatCsvField(f, separator)).join(separator)).join('\r\n') + '\r\n';
}

/**
 * A value a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR
 * first) gets a leading apostrophe, so Excel shows it as text instead of
 * running it (OWASP "CSV injection").
 */
export function neutralizzaFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** `formatCsv` for files people open in Excel: every field formula-safe. */
export function formatCsvPerFoglio(rows: readonly (readonly string[])[], separator = ';'): string {
  return formatCsv(
    rows.map((r) => r.map(neutralizzaFormula)),
    separator,
  );
}
