import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodificaTesto, leggiTabella, leggiTabellaFlusso, rigaNonVuota, righeCsvFlusso, righeCsvRfc4180, type RigaTabella } from './tabella';

/**
 * The csv fast path (records without quotes split with indexOf; UTF-8 read
 * as Latin-1 with the cells holding other characters decoded from their
 * bytes) against the full RFC 4180 parser on the decoded text.
 */

/** Cells an export may hold: plain, quoted (separators, doubled quotes, line breaks inside), stray quotes, accents, blanks. */
const cella = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'EA029',
    ' en306 ',
    'WARNING',
    '2024-01-31',
    '31/02/2024',
    'NICCOLÒ',
    'à',
    '–',
    '€',
    '😀',
    'straße',
    '\u00a0',
    'ab"c',
    '"quoted; with separator"',
    '"a ""b"" c"',
    '"multi\r\nline ñ"',
    '"lf\nonly"',
    '"unterminated',
    'x\ry',
  ),
  fc.string({ maxLength: 6 }),
  fc.string({ maxLength: 4, unit: 'binary' }),
);
const fineRiga = fc.constantFrom('\n', '\r\n', '\r', '');
const testo = fc
  .tuple(fc.array(fc.tuple(fc.array(cella, { maxLength: 9 }), fineRiga), { maxLength: 25 }), fc.constantFrom(';', ',', '\t'))
  .map(([righe, sep]) => righe.map(([celle, fine]) => celle.join(sep) + fine).join(''));

describe('csv records', () => {
  it('the indexOf split gives exactly the records of the full RFC 4180 parser (quoted, unquoted, CRLF, lone CR, any separator)', () => {
    fc.assert(
      fc.property(testo, (t) => {
        expect([...righeCsvFlusso(t)]).toEqual([...righeCsvRfc4180(t)]);
        expect([...righeCsvFlusso(t, undefined, null, true)]).toEqual([...righeCsvRfc4180(t)].filter(rigaNonVuota));
      }),
      { numRuns: 2000 },
    );
    // Lines as the clerk sees them: a quoted line break does not start a record.
    expect([...righeCsvFlusso('a;b\r\n"x\r\ny";z\r\n\r\nc;d')].map((r: RigaTabella) => [r.numero, r.celle])).toEqual([
      [1, ['a', 'b']],
      [2, ['x\r\ny', 'z']],
      [5, ['c', 'd']],
    ]);
  });

  it('reads a file (UTF-8 with or without BOM, or Windows-1252) as the decoded text through the full parser', async () => {
    await fc.assert(
      fc.asyncProperty(testo, fc.integer({ min: 0, max: 2 }), fc.constantFrom('utf8', 'latin1'), async (t, bom, codifica) => {
        const buf = Buffer.from('\ufeff'.repeat(bom) + t, codifica as BufferEncoding);
        if (buf.includes(0) || buf.subarray(0, 2).toString('latin1') === 'PK') return;
        const attese = [...righeCsvRfc4180(decodificaTesto(buf))].filter(rigaNonVuota);
        expect((await leggiTabella(buf)).righe).toEqual(attese);
        const flusso = await leggiTabellaFlusso(buf);
        expect([...flusso.righe]).toEqual(attese);
        // The bound the import decides on is never below the rows.
        for (let n = 0; n <= attese.length; n++) expect(flusso.forseAlmeno(n)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
