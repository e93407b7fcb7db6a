/**
 * The smallest useful PDF 1.4 writer: pages of content streams drawn with
 * Helvetica (F1) and Helvetica-Bold (F2), WinAnsi encoding. Used for our own
 * documents (the certificate register) and the simulator's fac-simile
 * certificates — never for ANPR's certificates, which are archived as sent.
 */

/** WinAnsi (cp1252) bytes for a JS string, escaped as a PDF literal string. */
export function pdfString(s: string): string {
  let out = '';
  for (const ch of s) {
    let code = ch.charCodeAt(0);
    if (ch === '—') code = 0x97;
    else if (ch === '–') code = 0x96;
    else if (ch === '’') code = 0x92;
    else if (ch === '…') code = 0x85;
    else if (ch === '€') code = 0x80;
    else if (code > 0xff) code = 0x3f;
    const c = String.fromCharCode(code);
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : c;
  }
  return `(${out})`;
}

export interface PdfPage {
  width: number;
  height: number;
  /** Content-stream operators, one per line. */
  ops: string[];
}

/** Assembles the pages into a PDF file (catalog, pages, two fonts, info, then page/content pairs). */
export function assemblePdf(pages: readonly PdfPage[], info: { title: string; producer: string }): Buffer {
  const kids = pages.map((_, i) => `${6 + 2 * i} 0 R`).join(' ');
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`, 'latin1'),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>', 'latin1'),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>', 'latin1'),
    Buffer.from(`<< /Title ${pdfString(info.title)} /Producer ${pdfString(info.producer)} >>`, 'latin1'),
  ];
  pages.forEach((page, i) => {
    const content = Buffer.from(page.ops.join('\n'), 'latin1');
    objects.push(
      Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page.width} ${page.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${7 + 2 * i} 0 R >>`, 'latin1'),
      Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]),
    );
  });
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), object, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}
