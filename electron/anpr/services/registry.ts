/**
 * Static description of every ANPR service the app calls. Element names and
 * namespaces come from the official WSDL/XSD copied in `resources/anpr/wsdl/`
 * (2024-11 v9.0.3 for comuni, client-example 2018 for TestConn).
 */

export type ServiceFamily = '1000' | '2000' | '3000' | '5000' | '6001' | '7001' | 'TestConn';

export const SERVICE_CODES = [
  'TestConn',
  '3001',
  '3002',
  '3003',
  '3007',
  '1001',
  '1002',
  '1013',
  '2001',
  '2003',
  '2011',
  '5001',
  '5005',
  '5008',
  '5012',
  '6001',
  '7001',
] as const;

export type ServiceCode = (typeof SERVICE_CODES)[number];

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

const COMUNI = 'wsdl/2024-11_v9.0.3/comuni';

export const FAMILIES: Readonly<Record<ServiceFamily, FamilyInfo>> = {
  '1000': {
    family: '1000',
    schemaDir: COMUNI,
    mainSchema: '1000iscrizione.xsd',
    namespace: 'http://sogei.it/ANPR/1000iscrizione',
    wsdl: `${COMUNI}/1000serviziIscrizione.wsdl`,
    wsdlNamespace: 'http://sogei.it/ANPR/1000AnprService',
    endpointPath: '/ANPR1000ServiziIscrizione/AnprService1000',
  },
  '2000': {
    family: '2000',
    schemaDir: COMUNI,
    mainSchema: '2000cancellazione.xsd',
    namespace: 'http://sogei.it/ANPR/2000cancellazione',
    wsdl: `${COMUNI}/2000serviziCancellazione.wsdl`,
    wsdlNamespace: 'http://sogei.it/ANPR/2000AnprService',
    endpointPath: '/ANPR2000ServiziCancellazione/AnprService2000',
  },
  '3000': {
    family: '3000',
    schemaDir: COMUNI,
    mainSchema: '3000consultazione.xsd',
    namespace: 'http://sogei.it/ANPR/3000consultazione',
    wsdl: `${COMUNI}/3000serviziConsultazione.wsdl`,
    wsdlNamespace: 'http://sogei.it/ANPR/3000AnprService',
    endpointPath: '/ANPR3000ServiziConsultazione/AnprService3000',
  },
  '5000': {
    family: '5000',
    schemaDir: COMUNI,
    mainSchema: '5000mutazione.xsd',
    namespace: 'http://sogei.it/ANPR/5000mutazione',
    wsdl: `${COMUNI}/5000serviziMutazione.wsdl`,
    wsdlNamespace: 'http://sogei.it/ANPR/5000AnprService',
    endpointPath: '/ANPR5000ServiziMutazione/AnprService5000',
  },
  '6001': {
    family: '6001',
    schemaDir: COMUNI,
    mainSchema: '6001certificazione.xsd',
    namespace: 'http://sogei.it/ANPR/6001certificazione',
    wsdl: `${COMUNI}/6001servizioCertificazione.wsdl`,
    wsdlNamespace: 'http://sogei.it/ANPR/6001AnprService',
    endpointPath: '/ANPR6001ServizioCertificazione/AnprService6001',
  },
  '7001': {
    family: '7001',
    schemaDir: COMUNI,
    mainSchema: '7001scaricoTabelle.xsd',
    namespace: 'http://sogei.it/ANPR/7001scaricoTabelle',
    wsdl: `${COMUNI}/7001servizioScaricoTabelle.wsdl`,
    wsdlNamespace: 'http://sogei.it/ANPR/7001AnprService',
    endpointPath: '/ANPR7001ServizioScaricoTabelle/AnprService7001',
  },
  TestConn: {
    family: 'TestConn',
    schemaDir: 'wsdl/testconn',
    mainSchema: 'connessione.xsd',
    namespace: 'http://sogei.it/ANPR/connessione',
    wsdl: 'wsdl/testconn/testConnettivita.wsdl',
    wsdlNamespace: 'http://sogei.it/ANPR/TestConn',
    endpointPath: '/ANPRTestConn/TestConn',
  },
};

/**
 * How the response body is shaped:
 * - `comune`: Risposta<CODE> = Risposta_Comune | rispostaKO (registrations);
 * - `ok`: Risposta<CODE> = <okElement> | rispostaKO (queries);
 * - `6001`: Risposta6001 = Risposta6001OK | Risposta6001KO;
 * - `testconn`: RispostaConnessione{testataRisposta}.
 */
export type ResponseShape = 'comune' | 'ok' | '6001' | 'testconn';

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
  /** Registrations go through the queue and are reconciled with 3003. */
  registration: boolean;
  /** The response may be MTOM multipart (6001). */
  mtom: boolean;
  /** Short Italian label for the clerk. */
  descrizione: string;
}

const QUERY_MS = 30_000;
const REG_MS = 60_000;
const CERT_MS = 90_000;

function svc(
  code: ServiceCode,
  family: ServiceFamily,
  operation: string,
  descrizione: string,
  opts: Partial<Pick<ServiceInfo, 'okElement' | 'responseShape' | 'timeoutMs' | 'registration' | 'mtom' | 'requestElement' | 'responseElement' | 'operazioneRichiesta'>> = {},
): ServiceInfo {
  const registration = opts.registration ?? false;
  return {
    ...FAMILIES[family],
    code,
    operazioneRichiesta: opts.operazioneRichiesta ?? code,
    operation,
    requestElement: opts.requestElement ?? `Richiesta${code}`,
    responseElement: opts.responseElement ?? `Risposta${code}`,
    ...(opts.okElement ? { okElement: opts.okElement } : {}),
    responseShape: opts.responseShape ?? (registration ? 'comune' : 'ok'),
    timeoutMs: opts.timeoutMs ?? (registration ? REG_MS : QUERY_MS),
    registration,
    mtom: opts.mtom ?? false,
    descrizione,
  };
}

export const SERVICES: Readonly<Record<ServiceCode, ServiceInfo>> = {
  TestConn: svc('TestConn', 'TestConn', 'testConnessione', 'Test di connessione', {
    operazioneRichiesta: 'OP01',
    requestElement: 'RichiestaConnessione',
    responseElement: 'RispostaConnessione',
    responseShape: 'testconn',
  }),
  '3001': svc('3001', '3000', 'richiesta_paternita_maternita', 'Ricerca paternità/maternità', { okElement: 'Risposta3001_OK' }),
  '3002': svc('3002', '3000', 'interrogazioneCittadino_famiglia_convivenza', 'Interrogazione soggetto/famiglia/convivenza', {
    okElement: 'Risposta3002_OK',
  }),
  '3003': svc('3003', '3000', 'gestione_richieste', 'Gestione richieste (esiti precedenti)', { okElement: 'Risposta3003_OK' }),
  '3007': svc('3007', '3000', 'ricerca_identificativi_anpr', 'Ricerca identificativi ANPR', { okElement: 'Risposta3007_OK' }),
  '1001': svc('1001', '1000', 'iscrizione_nascita', 'Iscrizione per nascita', { registration: true }),
  '1002': svc('1002', '1000', 'iscrizione_altriMotivi', 'Iscrizione per altri motivi', { registration: true }),
  '1013': svc('1013', '1000', 'annullamento_iscrizione', 'Annullamento iscrizione', { registration: true }),
  '2001': svc('2001', '2000', 'decesso', 'Cancellazione per decesso', { registration: true }),
  '2003': svc('2003', '2000', 'cancellazione_AltriMotivi', 'Cancellazione per altri motivi', { registration: true }),
  '2011': svc('2011', '2000', 'annullamento_Cancellazione', 'Annullamento cancellazione', { registration: true }),
  '5001': svc('5001', '5000', 'mutazione_famiglia_convivenza', 'Mutazione famiglia/convivenza', { registration: true }),
  '5005': svc('5005', '5000', 'mutazione_residenza', 'Mutazione residenza', { registration: true }),
  '5008': svc('5008', '5000', 'mutazione_scheda', 'Mutazione dati individuali', { registration: true }),
  '5012': svc('5012', '5000', 'annullamento_mutazione', 'Annullamento mutazione', { registration: true }),
  '6001': svc('6001', '6001', 'emissioneCertificato', 'Emissione certificato', {
    responseShape: '6001',
    okElement: 'Risposta6001OK',
    timeoutMs: CERT_MS,
    mtom: true,
  }),
  '7001': svc('7001', '7001', 'scarica_tabelle', 'Scarico tabelle di decodifica', { okElement: 'RispostaMultipla7001' }),
};

export function isServiceCode(x: string): x is ServiceCode {
  return (SERVICE_CODES as readonly string[]).includes(x);
}

export function serviceInfo(code: ServiceCode): ServiceInfo {
  return SERVICES[code];
}
