/**
 * The day's register of certificates as a small PDF 1.4 for the accounts
 * office: A4 landscape, Helvetica (WinAnsi), a table that continues over as
 * many pages as needed, totals of bollo and diritti, "pagina n di m".
 * Drawn with the project's small PDF writer (electron/platform/pdf-writer.ts): the register is
 * our document, unlike the certificates, which are ANPR's.
 */
import type { RegistroCertificati } from '../../../shared/ipc/domains/certificazione';
import { euroCsv, oraRoma } from './registro-csv';
import { assemblePdf, pdfString } from '../../platform/pdf-writer';

const W = 842;
const H = 595;
const M = 36;

/** Rough Helvetica width: enough to truncate cells safely. */
function larghezza(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[MWmw@]/.test(ch) ? 0.85 : /[A-Z0-9€]/.test(ch) ? 0.65 : /[il.,:;'| ]/.test(ch) ? 0.28 : 0.52;
  return w * size;
}

function taglia(s: string, max: number, size: number): string {
  if (larghezza(s, size) <= max) return s;
  let t = s;
  while (t.length > 1 && larghezza(`${t}…`, size) > max) t = t.slice(0, -1);
  return `${t}…`;
}

interface Colonna {
  titolo: string;
  w: number;
  destra?: boolean;
}

const COLONNE: Colonna[] = [
  { titolo: 'N.', w: 24 },
  { titolo: 'Ora', w: 34 },
  { titolo: 'Protocollo ANPR', w: 78 },
  { titolo: 'Certificato', w: 170 },
  { titolo: 'Intestatario', w: 150 },
  { titolo: 'Richiedente', w: 110 },
  { titolo: 'Esenz.', w: 36 },
  { titolo: 'Bollo €', w: 50, destra: true },
  { titolo: 'Diritti €', w: 50, destra: true },
  { titolo: 'Operatore', w: 68 },
];

export function registroPdf(reg: RegistroCertificati, opts: { comune: string; generatoIl: Date }): Buffer {
  const pagine: string[][] = [];
  let ops: string[] = [];
  let y = 0;
  const text = (x: number, yy: number, size: number, s: string, bold = false) => ops.push(`BT /${bold ? 'F2' : 'F1'} ${size} Tf ${x.toFixed(1)} ${yy.toFixed(1)} Td ${pdfString(s)} Tj ET`);
  const cella = (x: number, yy: number, c: Colonna, s: string, size: number, bold = false) => {
    const t = taglia(s, c.w - 6, size);
    text(c.destra ? x + c.w - 3 - larghezza(t, size) : x + 3, yy, size, t, bold);
  };
  const dataIt = reg.data.split('-').reverse().join('/');
  const intestazioneTabella = () => {
    ops.push('0.9 0.93 0.97 rg', `${M} ${y - 5} ${W - 2 * M} 16 re f`, '0 g');
    let x = M;
    for (const c of COLONNE) {
      cella(x, y, c, c.titolo, 8, true);
      x += c.w;
    }
    y -= 18;
  };
  const nuovaPagina = () => {
    if (ops.length) pagine.push(ops);
    ops = [];
    y = H - M;
    text(M, y - 4, 14, `Comune di ${opts.comune} — Registro dei certificati anagrafici emessi`, true);
    y -= 22;
    const filtro = reg.operatore ? `operatore ${reg.righe[0]?.operatore.nominativo ?? reg.operatore}` : 'tutti gli operatori';
    text(M, y, 9, `Giorno ${dataIt} · ${filtro} · certificati emessi da ANPR (servizio 6001)`);
    y -= 22;
    intestazioneTabella();
  };
  nuovaPagina();
  reg.righe.forEach((r, i) => {
    if (y < M + 60) nuovaPagina();
    if (i % 2 === 1) ops.push('0.97 g', `${M} ${y - 4} ${W - 2 * M} 14 re f`, '0 g');
    const valori = [
      String(i + 1),
      oraRoma(r.emesso),
      r.protocolloAnpr ?? '',
      r.tipi.map((t) => t.descrizione).join(' + '),
      r.intestatario.nominativo,
      r.richiedente,
      r.esenzioneBollo === '0' ? '' : r.esenzioneBollo,
      euroCsv(r.bolloCentesimi),
      euroCsv(r.dirittiCentesimi),
      r.operatore.nominativo,
    ];
    let x = M;
    COLONNE.forEach((c, k) => {
      cella(x, y, c, valori[k] ?? '', 8);
      x += c.w;
    });
    y -= 14;
  });
  if (reg.righe.length === 0) {
    text(M + 3, y, 9, 'Nessun certificato emesso in questo giorno.');
    y -= 14;
  }
  if (y < M + 50) nuovaPagina();
  ops.push('0 G 0.8 w', `${M} ${y + 8} m ${W - M} ${y + 8} l S`);
  y -= 6;
  const xBollo = M + COLONNE.slice(0, 7).reduce((n, c) => n + c.w, 0);
  text(M + 3, y, 9, `Totale: ${reg.totali.certificati} ${reg.totali.certificati === 1 ? 'certificato' : 'certificati'}`, true);
  cella(xBollo, y, COLONNE[7]!, euroCsv(reg.totali.bolloCentesimi), 9, true);
  cella(xBollo + COLONNE[7]!.w, y, COLONNE[8]!, euroCsv(reg.totali.dirittiCentesimi), 9, true);
  y -= 28;
  text(M, y, 9, 'Firma dell\'ufficiale d\'anagrafe ______________________________');
  pagine.push(ops);

  const generato = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }).format(opts.generatoIl);
  const pagineFinite = pagine.map((p, i) => ({
    width: W,
    height: H,
    ops: [...p, `BT /F1 7 Tf ${M} 20 Td ${pdfString(`Sportello ANPR · generato il ${generato} · pagina ${i + 1} di ${pagine.length}`)} Tj ET`],
  }));
  return assemblePdf(pagineFinite, { title: `Registro certificati ${dataIt}`, producer: 'Sportello ANPR' });
}
