import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createDeflateRaw, crc32, inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriviXlsx, scriviZip } from './xlsx';

/**
 * Hostile xlsx files (issue #18, item 8): truncated sheet XML and zip bombs,
 * each made here. Every one must be refused with an Italian message within a
 * second and without the memory growing with what the file claims to hold.
 */

const FIGLIO = join(import.meta.dirname, 'xlsx-ostili.child.ts');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xlsx-ostili-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function leggiNelFiglio(buf: Buffer): { errore?: string; righe?: number; ms: number; crescitaMb: number } {
  const file = join(dir, `f-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, buf);
  const r = spawnSync(process.execPath, ['--import', 'tsx', FIGLIO, file], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`reader did not finish (signal ${r.signal}, status ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim()) as { errore?: string; ms: number; crescitaMb: number };
}

/** A valid workbook (the writer's own parts) with its sheet (and optionally a shared-string table) replaced. */
function cartella(sheet: string, sharedStrings?: string): Buffer {
  const base = scriviXlsx('Anomalie', [{ titolo: 'Codice' }], [['EA001']]);
  // Re-zip: read the writer's parts back from its own layout (local headers in order).
  const parti: { nome: string; dati: Buffer }[] = [];
  let p = 0;
  while (base.readUInt32LE(p) === 0x04034b50) {
    const comp = base.readUInt32LE(p + 18);
    const nl = base.readUInt16LE(p + 26);
    const nome = base.toString('utf8', p + 30, p + 30 + nl);
    const dati = inflateRawSync(base.subarray(p + 30 + nl, p + 30 + nl + comp));
    parti.push({ nome, dati });
    p += 30 + nl + comp;
  }
  const out = parti.map((f) => (f.nome === 'xl/worksheets/sheet1.xml' ? { nome: f.nome, dati: Buffer.from(sheet) } : f));
  if (sharedStrings !== undefined) {
    out.push({ nome: 'xl/sharedStrings.xml', dati: Buffer.from(sharedStrings) });
    const i = out.findIndex((f) => f.nome === 'xl/_rels/workbook.xml.rels');
    out[i] = {
      nome: out[i]!.nome,
      dati: Buffer.from(
        out[i]!.dati
          .toString()
          .replace(
            '</Relationships>',
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
          ),
      ),
    };
  }
  return scriviZip(out);
}

const TESTA = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

/**
 * A zip with one huge sheet of zeros, deflated as a stream (the test never
 * holds the expanded bytes). `dichiarata` is the size the headers claim
 * (a lying header claims little).
 */
async function bomba(mb: number, dichiarata?: number): Promise<Buffer> {
  const file = join(dir, `bomba-${mb}.bin`);
  const zero = Buffer.alloc(1024 * 1024);
  async function* zeri() {
    for (let i = 0; i < mb; i++) yield zero;
  }
  await pipeline(Readable.from(zeri()), createDeflateRaw({ level: 9 }), createWriteStream(file));
  const compresso = readFileSync(file);
  const vera = mb * 1024 * 1024;
  const valida = cartella(TESTA + '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>');
  // Replace the sheet entry's data with the bomb: rebuild the zip by hand around it.
  return sostituisciVoce(valida, 'xl/worksheets/sheet1.xml', compresso, dichiarata ?? vera);
}

function sostituisciVoce(zip: Buffer, nomeVoce: string, compresso: Buffer, dimensione: number): Buffer {
  const locali: Buffer[] = [];
  const centrali: Buffer[] = [];
  let p = 0;
  let offset = 0;
  while (zip.readUInt32LE(p) === 0x04034b50) {
    const comp = zip.readUInt32LE(p + 18);
    const nl = zip.readUInt16LE(p + 26);
    const nome = zip.subarray(p + 30, p + 30 + nl);
    const suo = nome.toString() === nomeVoce;
    const dati = suo ? compresso : zip.subarray(p + 30 + nl, p + 30 + nl + comp);
    const testa = Buffer.from(zip.subarray(p, p + 30));
    if (suo) {
      testa.writeUInt32LE(crc32(''), 14);
      testa.writeUInt32LE(dati.length, 18);
      testa.writeUInt32LE(dimensione, 22);
    }
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    zip.copy(dir, 8, p + 6, p + 30); // flags … name/extra lengths, same layout from offset 6 of the local header
    dir.writeUInt16LE(0, 30); // extra length
    dir.writeUInt32LE(offset, 42);
    locali.push(testa, nome, dati);
    centrali.push(dir, nome);
    offset += 30 + nl + dati.length;
    p += 30 + nl + comp;
  }
  const cd = Buffer.concat(centrali);
  const fine = Buffer.alloc(22);
  fine.writeUInt32LE(0x06054b50, 0);
  fine.writeUInt16LE(centrali.length / 2, 8);
  fine.writeUInt16LE(centrali.length / 2, 10);
  fine.writeUInt32LE(cd.length, 12);
  fine.writeUInt32LE(offset, 16);
  return Buffer.concat([...locali, cd, fine]);
}

describe('hostile xlsx files (bounded reader)', () => {
  it('reads the well-formed control file (the harness itself works)', () => {
    const r = leggiNelFiglio(cartella(TESTA + '<row r="1"><c r="A1" t="inlineStr"><is><t>EA001</t></is></c></row></sheetData></worksheet>'));
    expect(r.errore).toBeUndefined();
    expect(r.righe).toBe(1);
  });

  const troncati: [string, () => Buffer][] = [
    ['a row without </row>', () => cartella(TESTA + '<row r="1"><c r="A1" t="inlineStr"><is><t>EA001</t></is></c>')],
    ['a cell without </c>', () => cartella(TESTA + '<row r="1"><c r="A1" t="inlineStr"><is><t>EA001</t></is>')],
    ['a shared string without </si>', () => cartella(TESTA + '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>', '<sst><si><t>EA001</t>')],
    ['a zip cut in half', () => cartella(TESTA + '<row r="1"><c r="A1" t="inlineStr"><is><t>EA001</t></is></c></row></sheetData></worksheet>').subarray(0, 300)],
    ['a cell in column 10 million', () => cartella(TESTA + '<row r="1"><c r="VZZZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')],
  ];
  for (const [nome, file] of troncati) {
    it(`refuses ${nome} within a second, in Italian`, () => {
      const r = leggiNelFiglio(file());
      expect(r.errore).toMatch(/^FileNonLeggibile: Il file Excel è (danneggiato|troppo grande)/);
      expect(r.ms).toBeLessThan(1000);
    });
  }

  it('refuses a 200 MB zip bomb (honest header) within a second without inflating it', { timeout: 60_000 }, async () => {
    const r = leggiNelFiglio(await bomba(200));
    expect(r.errore).toMatch(/^FileNonLeggibile: Il file Excel è troppo grande o anomalo/);
    expect(r.ms).toBeLessThan(1000);
    expect(r.crescitaMb).toBeLessThan(32);
  });

  it('refuses a 200 MB zip bomb whose header claims 1 KB, memory growth bounded', { timeout: 60_000 }, async () => {
    const r = leggiNelFiglio(await bomba(200, 1024));
    expect(r.errore).toMatch(/^FileNonLeggibile: Il file Excel è troppo grande o anomalo/);
    expect(r.ms).toBeLessThan(1000);
    expect(r.crescitaMb).toBeLessThan(32);
  });
});
