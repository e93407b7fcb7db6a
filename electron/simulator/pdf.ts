/**
 * A minimal, valid PDF 1.4 written by hand (one A4 page, Helvetica,
 * WinAnsiEncoding) for the simulator's 6001 certificates, with a real,
 * scannable QR code (drawn as vector modules from the `qrcode` library's
 * matrix) carrying the protocol data, like ANPR's verification code.
 */
import QRCode from 'qrcode';

export interface CertificatoPdf {
  titolo: string;
  comune: string;
  intestatario: string;
  righe: string[];
  protocollo: string | null;
  anteprima: boolean;
  emessoIl: string;
}

/** WinAnsi (cp1252) bytes for the characters we use, escaped for a PDF string. */
function pdfString(s: string): string {
  let out = '';
  for (const ch of s) {
    let code = ch.charCodeAt(0);
    if (ch === '—') code = 0x97;
    else if (ch === '–') code = 0x96;
    else if (ch === '’') code = 0x92;
    else if (code > 0xff) code = 0x3f;
    const c = String.fromCharCode(code);
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : c;
  }
  return `(${out})`;
}

/** 25×25 modules: three finder patterns + data bits from a hash of `data`. */
/** QR code modules (true = dark) for `data`, error correction M. */
export function marcaQr(data: string): boolean[][] {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.modules.get(row, col) === 1));
}

export function buildCertificatoPdf(c: CertificatoPdf): Buffer {
  const ops: string[] = [];
  const text = (x: number, y: number, size: number, s: string, bold = false): void => {
    ops.push(`BT /${bold ? 'F2' : 'F1'} ${size} Tf ${x} ${y} Td ${pdfString(s)} Tj ET`);
  };
  // Diagonal watermark.
  ops.push('q 0.85 g BT /F2 44 Tf 0.7071 0.7071 -0.7071 0.7071 110 250 Tm (FAC-SIMILE) Tj ET Q');
  text(56, 790, 10, 'REPUBBLICA ITALIANA — ANAGRAFE NAZIONALE DELLA POPOLAZIONE RESIDENTE');
  text(56, 770, 12, `Comune di ${c.comune}`, true);
  text(56, 730, 16, c.titolo.toUpperCase(), true);
  text(56, 700, 11, `Intestatario: ${c.intestatario}`);
  let y = 675;
  for (const r of c.righe) {
    text(56, y, 10, r);
    y -= 16;
  }
  y -= 10;
  text(56, y, 10, c.protocollo ? `Numero di protocollo ANPR: ${c.protocollo}` : 'ANTEPRIMA — documento privo di numero di protocollo, non valido');
  text(56, y - 16, 10, `Emesso il ${c.emessoIl}`);
  text(56, 120, 12, 'FAC-SIMILE — ambiente di prova', true);
  text(56, 104, 8, 'Documento generato dal simulatore ANPR di Sportello ANPR: privo di qualsiasi valore legale.');
  if (c.anteprima) text(56, 88, 8, 'Emissione in anteprima (emissione = 3).');
  // QR code, bottom right (quiet zone included in the white page margin).
  const mod = 2;
  const qr = marcaQr(`${c.protocollo ?? 'anteprima'}|${c.intestatario}|${c.titolo}|${c.emessoIl}`);
  const x0 = 480;
  const y0 = 80 + qr.length * mod;
  ops.push('0 g');
  qr.forEach((row, r) => row.forEach((on, col) => on && ops.push(`${x0 + col * mod} ${y0 - (r + 1) * mod} ${mod} ${mod} re f`)));
  const content = Buffer.from(ops.join('\n'), 'latin1');

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    null,
    `<< /Title ${pdfString(`${c.titolo} — FAC-SIMILE`)} /Producer (Sportello ANPR - simulatore) >>`,
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let len = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(len);
    const b =
      o === null
        ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream\nendobj\n', 'latin1')])
        : Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1');
    chunks.push(b);
    len += b.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${len}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}
