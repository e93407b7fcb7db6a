/**
 * The protocol's view of the service catalogue (`shared/anpr/servizi`): the
 * same definitions under the names the transport, signing, XSD and simulator
 * code use. Nothing here is written by hand: a service is added in its
 * definition file.
 */
import { CODICI_SERVIZIO, FAMIGLIE, SERVIZIO, isCodiceServizio, type CodiceServizio, type DefinizioneServizio, type Famiglia, type FormaRisposta, type InfoFamiglia } from '../../../shared/anpr/servizi';

export type ServiceFamily = Famiglia;
export type ServiceCode = CodiceServizio;
export const SERVICE_CODES: readonly ServiceCode[] = CODICI_SERVIZIO;
export type ResponseShape = FormaRisposta;

export interface FamilyInfo {
  family: ServiceFamily;
  /** Folder under resources/anpr holding the family's XSDs. */
  schemaDir: string;
  /** Main schema (imports the vocabolario, which imports tipoDato). */
  mainSchema: string;
  /** targetNamespace of the main schema = namespace of Richiesta/Risposta roots. */
  namespace: string;
  /** WSDL path under resources/anpr. */
  wsdl: string;
  /** WSDL targetNamespace. */
  wsdlNamespace: string;
  /** Endpoint path appended to the environment host. */
  endpointPath: string;
}

export interface ServiceInfo extends FamilyInfo {
  code: ServiceCode;
  /** Value of testataRichiesta/operazioneRichiesta. */
  operazioneRichiesta: string;
  /** WSDL operation name. */
  operation: string;
  requestElement: string;
  responseElement: string;
  /** For shape 'ok', the success child (e.g. Risposta3002_OK). */
  okElement?: string;
  responseShape: ResponseShape;
  /** HTTP timeout, ms. */
  timeoutMs: number;
  /** Registrations, annulments and revocations go through the queue and are reconciled with 3003. */
  registration: boolean;
  /** The response may be MTOM multipart (6001). */
  mtom: boolean;
  /** The service's one Italian title. */
  descrizione: string;
}

function family(f: InfoFamiglia): FamilyInfo {
  return {
    family: f.famiglia,
    schemaDir: f.cartellaSchemi,
    mainSchema: f.schemaPrincipale,
    namespace: f.namespace,
    wsdl: f.wsdl,
    wsdlNamespace: f.namespaceWsdl,
    endpointPath: f.percorso,
  };
}

function service(d: DefinizioneServizio<ServiceCode>): ServiceInfo {
  return {
    ...family(d),
    code: d.codice,
    operazioneRichiesta: d.operazioneRichiesta,
    operation: d.operazione,
    requestElement: d.elementoRichiesta,
    responseElement: d.elementoRisposta,
    ...(d.elementoOk ? { okElement: d.elementoOk } : {}),
    responseShape: d.formaRisposta,
    timeoutMs: d.timeoutMs,
    registration: d.inCoda,
    mtom: d.mtom,
    descrizione: d.titolo,
  };
}

export const FAMILIES: Readonly<Record<ServiceFamily, FamilyInfo>> = Object.fromEntries(
  Object.entries(FAMIGLIE).map(([k, f]) => [k, family(f)]),
) as Record<ServiceFamily, FamilyInfo>;

export const SERVICES: Readonly<Record<ServiceCode, ServiceInfo>> = Object.fromEntries(
  SERVICE_CODES.map((c) => [c, service(SERVIZIO[c])]),
) as Record<ServiceCode, ServiceInfo>;

export const isServiceCode = isCodiceServizio;

export function serviceInfo(code: ServiceCode): ServiceInfo {
  return SERVICES[code];
}
