/**
 * A minimal, valid PDF 1.4 written by hand (one A4 page, Helvetica,
 * WinAnsiEncoding) for the simulator's 6001 certificates, with a real,
 * scannable QR code (drawn as vector modules from the `qrcode` library's
 * matrix) carrying the protocol data, like ANPR's verification code.
 */
import QRCode from 'qrcode';
import { assemblePdf, pdfString } from '../platform/pdf-writer';

export interface CertificatoPdf {
  titolo: string;
  comune: string;
  intestatario: string;
  righe: string[];
  protocollo: string | null;
  anteprima: boolean;
  emessoIl: string;
}

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
  return assemblePdf([{ width: 595, height: 842, ops }], { title: `${c.titolo} — FAC-SIMILE`, producer: 'Sportello ANPR - simulatore' });
}
