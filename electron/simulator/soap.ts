/**
 * What the simulator writes on the wire: SOAP 1.1 envelopes (unsigned, as
 * ANPR's answers are), the policy fault, `testataRisposta`, error lists and
 * the `rispostaKO` of each family.
 */
import { el, leaf, serialize, type XmlChild, type XmlElement } from '../../shared/xml/writer';
import { SERVICES, type ServiceCode } from '../anpr/services/registry';

export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const RISPOSTA_COMUNE_NS = 'http://sogei.it/ANPR/rispostaComune';
/** Prefix used for namespace-qualified response elements. */
export const P = 'ns2';

/** The fault ANPR's gateway answers for every security-profile failure. */
export const POLICY_FAULTSTRING = 'Rejected by policy. (from client)';

export function envelope(bodyXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body>${bodyXml}</soap:Body></soap:Envelope>`;
}

function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function soapFault(faultcode: string, faultstring: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body><soap:Fault>` +
    `<faultcode>${escapeText(faultcode)}</faultcode><faultstring>${escapeText(faultstring)}</faultstring>` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}

export function policyFault(): string {
  return soapFault('soap:Client', POLICY_FAULTSTRING);
}

/** One entry of listaErrori / listaAnomalie / erroriAnomalie. */
export interface Errore {
  codice: string;
  tipo: 'E' | 'W';
  testo: string;
  oggetto?: string;
  campo?: string;
  valore?: string;
}

/** Fields echoed from testataRichiesta (already read from the signed body). */
export interface TestataRichiesta {
  idOperazioneComune: string;
  codMittente: string;
  codDestinatario: string;
  operazioneRichiesta: string;
  dataOraRichiesta: string;
  tipoOperazione: string;
  tipoInvio: string;
  protocolloComune?: string;
  dataProtocolloComune?: string;
  dataDecorrenza?: string;
}

const clip = (s: string | undefined, n = 240): string | undefined => (s === undefined ? undefined : s.length > n ? s.slice(0, n) : s);

/**
 * testataRisposta: codMittente is ANPR's own version code, codDestinatario the
 * comune (anpr-protocol.md §5.2); fields the XSD requires are always present.
 */
export function testataRisposta(t: TestataRichiesta, idOperazioneANPR: string, esito: string): XmlElement {
  return el(
    'testataRisposta',
    leaf('idOperazioneComune', t.idOperazioneComune || '0'),
    leaf('codMittente', t.codDestinatario || 'ANPR02'),
    leaf('codDestinatario', t.codMittente || '000000'),
    leaf('operazioneRichiesta', t.operazioneRichiesta || '0000'),
    leaf('dataOraRichiesta', t.dataOraRichiesta || '1970-01-01T00:00:00'),
    leaf('protocolloComune', t.protocolloComune),
    leaf('dataProtocolloComune', t.dataProtocolloComune),
    leaf('dataDecorrenza', t.dataDecorrenza),
    leaf('idOperazioneANPR', idOperazioneANPR),
    leaf('esitoOperazione', esito),
  );
}

export function erroreElement(name: string, e: Errore): XmlElement {
  return el(
    name,
    leaf('codiceErroreAnomalia', e.codice),
    leaf('tipoErroreAnomalia', e.tipo),
    leaf('testoErroreAnomalia', clip(e.testo) || e.codice),
    leaf('oggettoErroreAnomalia', clip(e.oggetto)),
    leaf('campoErroreAnomalia', clip(e.campo)),
    leaf('valoreErroreAnomalia', clip(e.valore)),
  );
}

export function listaErrori(errori: readonly Errore[]): XmlElement {
  return el('listaErrori', errori.map((e) => erroreElement('errore', e)));
}

/** Risposta<CODE> root in the family namespace, e.g. `<ns2:Risposta3002 xmlns:ns2=…>`. */
export function rispostaRoot(service: ServiceCode, ...children: XmlChild[]): XmlElement {
  const info = SERVICES[service];
  return { name: `${P}:${info.responseElement}`, attrs: { [`xmlns:${P}`]: info.namespace }, children };
}

/** A namespace-qualified child of the response root (ref= elements in the XSD). */
export function qualified(localName: string, ...children: XmlChild[]): XmlElement {
  return { name: `${P}:${localName}`, children };
}

/** Negative answer: rispostaKO (Risposta6001KO for 6001), esito XXXX. */
export function rispostaKoBody(service: ServiceCode, t: TestataRichiesta, idOperazioneANPR: string, errori: readonly Errore[]): string {
  const ko = service === '6001' ? 'Risposta6001KO' : 'rispostaKO';
  const inner = qualified(ko, testataRisposta(t, idOperazioneANPR, 'XXXX'), listaErrori(errori));
  if (service === 'TestConn') {
    // RispostaConnessione has no KO shape: the testata alone carries the esito.
    return serialize(rispostaRoot(service, testataRisposta(t, idOperazioneANPR, 'XXXX')));
  }
  return serialize(rispostaRoot(service, inner));
}

/** Risposta_Comune (registrations): `<ns2:Risposta1001><ns3:Risposta_Comune xmlns:ns3=…>`. */
export function rispostaComuneBody(
  service: ServiceCode,
  t: TestataRichiesta,
  idOperazioneANPR: string,
  soggettiVariati: XmlChild[],
  anomalie: readonly Errore[],
): string {
  const esito = anomalie.length > 0 ? '6' : '2';
  const comune: XmlElement = {
    name: 'ns3:Risposta_Comune',
    attrs: { 'xmlns:ns3': RISPOSTA_COMUNE_NS },
    children: [
      testataRisposta(t, idOperazioneANPR, esito),
      soggettiVariati.length > 0 ? el('listaSoggettiVariati', soggettiVariati) : undefined,
      anomalie.length > 0 ? el('listaAnomalie', anomalie.map((a) => erroreElement('anomalie', a))) : undefined,
    ],
  };
  return serialize(rispostaRoot(service, comune));
}
