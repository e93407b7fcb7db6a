/**
 * The day's register as CSV for the accounts office: semicolon-separated,
 * decimal comma, UTF-8 with BOM (what Italian spreadsheets open directly),
 * one row per certificate and a totals row.
 */
import { formatCsvPerFoglio } from '../../../shared/domain/csv';
import type { RegistroCertificati } from '../../../shared/ipc/domains/certificazione';

export const euroCsv = (centesimi: number) => (centesimi / 100).toFixed(2).replace('.', ',');

export function oraRoma(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function registroCsv(reg: RegistroCertificati): Buffer {
  const rows: string[][] = [
    ['N.', 'Data', 'Ora', 'Protocollo ANPR', 'Certificato', 'Intestatario', 'Codice fiscale', 'Richiedente', 'Bollo (EUR)', 'Esenzione bollo', 'Diritti (EUR)', 'Operatore', 'Id operazione comune', 'SHA-256 PDF'],
  ];
  reg.righe.forEach((r, i) =>
    rows.push([
      String(i + 1),
      r.giorno ?? '',
      oraRoma(r.emesso),
      r.protocolloAnpr ?? '',
      r.tipi.map((t) => t.descrizione).join(' + '),
      r.intestatario.nominativo,
      r.intestatario.codiceFiscale ?? '',
      r.richiedente,
      euroCsv(r.bolloCentesimi),
      r.esenzioneBollo === '0' ? '' : r.esenzioneBollo,
      euroCsv(r.dirittiCentesimi),
      r.operatore.nominativo,
      r.idOperazioneComune,
      r.sha256 ?? '',
    ]),
  );
  rows.push(['', '', '', '', `Totale: ${reg.totali.certificati} certificati`, '', '', '', euroCsv(reg.totali.bolloCentesimi), '', euroCsv(reg.totali.dirittiCentesimi), '', '', '']);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(formatCsvPerFoglio(rows, ';'), 'utf8')]);
}
