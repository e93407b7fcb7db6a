import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCertificatoPdf } from './pdf';

const has = (command: string) => {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('simulator certificate PDF', () => {
  const pdf = buildCertificatoPdf({
    titolo: 'Certificato di residenza',
    comune: 'BAGNOREGIO',
    intestatario: 'ROSSI MARIO',
    righe: ['Nato a VITERBO il 01/01/1980'],
    protocollo: '987654321',
    anteprima: false,
    emessoIl: '26/11/2026',
  });

  it('is a PDF with the fac-simile mark', () => {
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.toString('latin1')).toContain('FAC-SIMILE');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  });

  // Renders the page with poppler and reads the QR code back with zbar (Debian packages; .ci/run installs them).
  it.runIf(has('pdftoppm') && has('zbarimg'))('carries a QR code that a reader decodes to the protocol data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qr-'));
    writeFileSync(join(dir, 'c.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'c.pdf'), join(dir, 'page')]);
    const decoded = execFileSync('zbarimg', ['-q', '--raw', join(dir, 'page.png')], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    expect(decoded).toBe('987654321|ROSSI MARIO|Certificato di residenza|26/11/2026');
  });
});
