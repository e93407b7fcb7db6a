/**
 * `testataRichiesta` (tipoDatoTestataRichiesta) in XSD sequence order.
 */
import { el, leaf, serialize, type XmlElement } from '../../xml/writer';
import type { TestataRichiestaInput } from './tipi';

const two = (n: number): string => String(n).padStart(2, '0');

/** xs:dateTime with milliseconds and the local UTC offset, e.g. 2025-03-27T19:20:11.543+01:00. */
export function formatDateTimeXsd(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return (
    `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}` +
    `T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

/** xs:date (local calendar day), e.g. 2025-03-27. */
export function formatDateXsd(d: Date): string {
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** The element `testataRichiesta` (unqualified, children in XSD order). */
export function testataElement(t: TestataRichiestaInput): XmlElement {
  const dataOra = t.dataOraRichiesta instanceof Date ? formatDateTimeXsd(t.dataOraRichiesta) : t.dataOraRichiesta;
  return el(
    'testataRichiesta',
    leaf('idOperazioneComune', t.idOperazioneComune),
    leaf('codMittente', t.codMittente),
    leaf('codDestinatario', t.codDestinatario),
    leaf('operazioneRichiesta', t.operazioneRichiesta),
    leaf('dataOraRichiesta', dataOra),
    leaf('tipoOperazione', t.tipoOperazione),
    leaf('protocolloComune', t.protocolloComune),
    leaf('dataProtocolloComune', t.dataProtocolloComune),
    leaf('tipoInvio', t.tipoInvio),
    leaf('dataDecorrenza', t.dataDecorrenza),
    leaf('dataDefinizionePratica', t.dataDefinizionePratica),
    leaf('nomeApplicativo', t.nomeApplicativo),
    leaf('versioneApplicativo', t.versioneApplicativo),
    leaf('fornitoreApplicativo', t.fornitoreApplicativo),
  );
}

/** XML string of `<testataRichiesta>…</testataRichiesta>`, text escaped. */
export function buildTestataRichiesta(t: TestataRichiestaInput): string {
  return serialize(testataElement(t));
}

/** Order of the testata children (used by replaceTestata). */
export const TESTATA_ORDER = [
  'idOperazioneComune',
  'codMittente',
  'codDestinatario',
  'operazioneRichiesta',
  'dataOraRichiesta',
  'tipoOperazione',
  'protocolloComune',
  'dataProtocolloComune',
  'tipoInvio',
  'dataDecorrenza',
  'dataDefinizionePratica',
  'nomeApplicativo',
  'versioneApplicativo',
  'fornitoreApplicativo',
] as const satisfies readonly (keyof TestataRichiestaInput)[];
