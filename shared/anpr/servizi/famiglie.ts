/**
 * The WSDL families of the ANPR services the app calls: where their schemas
 * and WSDL are (under resources/anpr), their namespaces and endpoint paths.
 * From the official WSDL/XSD (2024-11 v9.0.3 for comuni, client-example 2018 for TestConn).
 */
export type Famiglia = '1000' | '2000' | '3000' | '5000' | '6001' | '7001' | 'P000' | 'TestConn';

export interface InfoFamiglia {
  famiglia: Famiglia;
  /** Folder under resources/anpr holding the family's XSDs. */
  cartellaSchemi: string;
  /** Main schema (imports the vocabolario, which imports tipoDato). */
  schemaPrincipale: string;
  /** targetNamespace of the main schema = namespace of the Richiesta/Risposta roots. */
  namespace: string;
  /** WSDL path under resources/anpr. */
  wsdl: string;
  /** WSDL targetNamespace. */
  namespaceWsdl: string;
  /** Endpoint path appended to the environment host. */
  percorso: string;
}

const COMUNI = 'wsdl/2024-11_v9.0.3/comuni';

function comuni(famiglia: Famiglia, schema: string, wsdl: string, servizio: string, percorso: string): InfoFamiglia {
  return {
    famiglia,
    cartellaSchemi: COMUNI,
    schemaPrincipale: schema,
    namespace: `http://sogei.it/ANPR/${schema.replace(/\.xsd$/, '')}`,
    wsdl: `${COMUNI}/${wsdl}`,
    namespaceWsdl: `http://sogei.it/ANPR/${servizio}AnprService`,
    percorso,
  };
}

export const FAMIGLIE: Readonly<Record<Famiglia, InfoFamiglia>> = {
  '1000': comuni('1000', '1000iscrizione.xsd', '1000serviziIscrizione.wsdl', '1000', '/ANPR1000ServiziIscrizione/AnprService1000'),
  '2000': comuni('2000', '2000cancellazione.xsd', '2000serviziCancellazione.wsdl', '2000', '/ANPR2000ServiziCancellazione/AnprService2000'),
  '3000': comuni('3000', '3000consultazione.xsd', '3000serviziConsultazione.wsdl', '3000', '/ANPR3000ServiziConsultazione/AnprService3000'),
  '5000': comuni('5000', '5000mutazione.xsd', '5000serviziMutazione.wsdl', '5000', '/ANPR5000ServiziMutazione/AnprService5000'),
  '6001': comuni('6001', '6001certificazione.xsd', '6001servizioCertificazione.wsdl', '6001', '/ANPR6001ServizioCertificazione/AnprService6001'),
  '7001': comuni('7001', '7001scaricoTabelle.xsd', '7001servizioScaricoTabelle.wsdl', '7001', '/ANPR7001ServizioScaricoTabelle/AnprService7001'),
  // Citizens' online requests (P001 elenco, P002 dettaglio, P003 aggiorna): schema namespace http://sogei.it/ANPR/P000sc.
  P000: comuni('P000', 'P000sc.xsd', 'P000ServiziCittadino.wsdl', 'P000', '/P000'),
  TestConn: {
    famiglia: 'TestConn',
    cartellaSchemi: 'wsdl/testconn',
    schemaPrincipale: 'connessione.xsd',
    namespace: 'http://sogei.it/ANPR/connessione',
    wsdl: 'wsdl/testconn/testConnettivita.wsdl',
    namespaceWsdl: 'http://sogei.it/ANPR/TestConn',
    percorso: '/ANPRTestConn/TestConn',
  },
};
