import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCsv, parseCsv, parseCsvTable } from './csv';

describe('parseCsv', () => {
  it('handles RFC 4180 quoting', () => {
    expect(parseCsv('a,b,c\r\n1,"x,y","he said ""hi"""\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x,y', 'he said "hi"'],
    ]);
  });
  it('handles line breaks inside quotes, LF and CR endings, BOM, empty fields', () => {
    expect(parseCsv('\uFEFF"ID","D"\n1,"riga 1\nriga 2"\r2,\n,\n')).toEqual([
      ['ID', 'D'],
      ['1', 'riga 1\nriga 2'],
      ['2', ''],
      ['', ''],
    ]);
  });
  it('keeps a quote inside an unquoted field literally and has no trailing empty record', () => {
    expect(parseCsv('a"b,c')).toEqual([['a"b', 'c']]);
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('x\n\n\ny')).toEqual([['x'], ['y']]);
  });
  it('round-trips with formatCsv (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'è') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 10 }), (rows) => {
        expect(parseCsv(formatCsv(rows))).toEqual(rows);
      }),
      { numRuns: 1000 },
    );
  });
  it('parseCsvTable pads rows and finds columns case-insensitively', () => {
    const t = parseCsvTable('ID,Descrizione,X\n1,uno\n');
    expect(t.rows).toEqual([['1', 'uno', '']]);
    expect(t.column('DESCRIZIONE')).toBe(1);
    expect(t.column('nope')).toBe(-1);
  });
});
