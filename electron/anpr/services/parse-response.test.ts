import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMtomResponse, xopInclude } from '../mtom/mtom';
import { validateResponseBody } from '../xsd/validate';
import { parseHttpResponse, parseResponse } from './parse-response';
import { anprResourcePath } from '../xsd/resources';

const env = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const testata = (op: string, esito: string, idAnpr = '4294967297'): string =>
  `<testataRisposta><idOperazioneComune>2025032700000123</idOperazioneComune><codMittente>ANPR02</codMittente><codDestinatario>058091</codDestinatario>` +
  `<operazioneRichiesta>${op}</operazioneRichiesta><dataOraRichiesta>2025-03-27T10:20:11.543+01:00</dataOraRichiesta>` +
  `<idOperazioneANPR>${idAnpr}</idOperazioneANPR><esitoOperazione>${esito}</esitoOperazione></testataRisposta>`;

const err = (c: string, t: string, testo: string): string =>
  `<codiceErroreAnomalia>${c}</codiceErroreAnomalia><tipoErroreAnomalia>${t}</tipoErroreAnomalia><testoErroreAnomalia>${testo}</testoErroreAnomalia>`;

const NS5 = 'http://sogei.it/ANPR/5000mutazione';
const NSR = 'http://sogei.it/ANPR/rispostaComune';

const rispostaComune = (esito: string, anomalie = ''): string =>
  `<ns2:Risposta5005 xmlns:ns2="${NS5}"><ns3:Risposta_Comune xmlns:ns3="${NSR}">${testata('5005', esito)}` +
  `<listaSoggettiVariati><datiSoggetto><identificativi><idANPR>AB12345CD</idANPR></identificativi>` +
  `<generalitaAttuali><codiceFiscale><codFiscale>RSSMRA80A01H501U</codFiscale></codiceFiscale><cognome>ROSSI</cognome><nome>MARIO</nome><idSchedaSoggettoANPR>9007199254740993</idSchedaSoggettoANPR></generalitaAttuali>` +
  `<residenza><tipoIndirizzo>1</tipoIndirizzo><indirizzo><cap>00184</cap><comune><nomeComune>ROMA</nomeComune><codiceIstat>058091</codiceIstat><siglaProvinciaIstat>RM</siglaProvinciaIstat></comune>` +
  `<toponimo><specie>VIA</specie><denominazioneToponimo>NAZIONALE</denominazioneToponimo></toponimo><numeroCivico><numero>12</numero><esponente1>B</esponente1></numeroCivico></indirizzo></residenza>` +
  `</datiSoggetto></listaSoggettiVariati>${anomalie}</ns3:Risposta_Comune></ns2:Risposta5005>`;

describe('registration responses (Risposta_Comune / rispostaKO)', () => {
  it('accolta (esito 2)', async () => {
    const body = rispostaComune('2');
    expect(await validateResponseBody(body, '5005')).toEqual({ valid: true });
    const o = parseResponse('5005', env(body));
    expect(o.kind).toBe('accolta');
    if (o.kind !== 'accolta') return;
    expect(o.idOperazioneANPR).toBe('4294967297');
    expect(o.value.soggettiVariati[0]!.generalitaAttuali!.idSchedaSoggettoANPR).toBe('9007199254740993');
    expect(o.value.soggettiVariati[0]!.residenza[0]!.testo).toBe('VIA NAZIONALE 12/B, 00184 ROMA (RM)');
  });

  it('accolta con avvisi (esito 6 + listaAnomalie)', async () => {
    const body = rispostaComune('6', `<listaAnomalie><anomalie>${err('EN111', 'W', 'Indicare il procedimento collegato al servizio')}</anomalie></listaAnomalie>`);
    expect(await validateResponseBody(body, '5005')).toEqual({ valid: true });
    const o = parseResponse('5005', env(body));
    expect(o.kind).toBe('accolta_con_avvisi');
    if (o.kind === 'accolta_con_avvisi') expect(o.anomalie).toEqual([{ codice: 'EN111', tipo: 'W', testo: 'Indicare il procedimento collegato al servizio' }]);
  });

  it('respinta with several errors incl. EN527; missing text filled from the catalogue', async () => {
    const body =
      `<ns2:Risposta1001 xmlns:ns2="http://sogei.it/ANPR/1000iscrizione"><ns2:rispostaKO>${testata('1001', 'XXXX')}<listaErrori>` +
      `<errore><codiceErroreAnomalia>EN122</codiceErroreAnomalia><tipoErroreAnomalia>E</tipoErroreAnomalia><testoErroreAnomalia></testoErroreAnomalia><campoErroreAnomalia>cognome</campoErroreAnomalia></errore>` +
      `<errore>${err('EN527', 'E', 'Informazioni sull\'operazione da fornire in caso di assistenza : data 27/03/2025, idOperazioneANPR 4294967297')}</errore>` +
      `</listaErrori></ns2:rispostaKO></ns2:Risposta1001>`;
    expect(await validateResponseBody(body, '1001')).toEqual({ valid: true });
    const o = parseResponse('1001', env(body));
    expect(o.kind).toBe('respinta');
    if (o.kind !== 'respinta') return;
    expect(o.errori.map((e) => e.codice)).toEqual(['EN122', 'EN527']);
    expect(o.errori[0]!.testo).toBe('La richiesta effettuata non produce alcun risultato');
    expect(o.errori[0]!.campo).toBe('cognome');
    expect(o.esitoOperazione).toBe('XXXX');
  });

  it('generic 999 → esito_sconosciuto', () => {
    const body = `<ns2:Risposta2001 xmlns:ns2="http://sogei.it/ANPR/2000cancellazione"><ns2:rispostaKO>${testata('2001', 'XXXX')}<listaErrori><errore>${err('999', 'E', 'Operazione non effettuabile')}</errore></listaErrori></ns2:rispostaKO></ns2:Risposta2001>`;
    const o = parseResponse('2001', env(body));
    expect(o).toMatchObject({ kind: 'esito_sconosciuto', causa: 'errore_generico_999', idOperazioneComune: '2025032700000123' });
  });

  it('EN148 → esito_sconosciuto in_elaborazione', () => {
    const body = `<ns2:Risposta5008 xmlns:ns2="${NS5}"><ns2:rispostaKO>${testata('5008', 'XXXX')}<listaErrori><errore>${err('EN148', 'W', 'Operazione in elaborazione')}</errore></listaErrori></ns2:rispostaKO></ns2:Risposta5008>`;
    expect(parseResponse('5008', env(body))).toMatchObject({ kind: 'esito_sconosciuto', causa: 'in_elaborazione_en148' });
  });

  it('EN148 warning beside a real blocking error → respinta', () => {
    const body = `<ns2:Risposta5008 xmlns:ns2="${NS5}"><ns2:rispostaKO>${testata('5008', 'XXXX')}<listaErrori><errore>${err('EN148', 'W', 'Utilizzare ID ANPR')}</errore><errore>${err('EN122', 'E', 'La richiesta effettuata non produce alcun risultato')}</errore></listaErrori></ns2:rispostaKO></ns2:Risposta5008>`;
    expect(parseResponse('5008', env(body))).toMatchObject({ kind: 'respinta' });
  });
});

describe('SOAP faults and malformed input', () => {
  it('Rejected by policy → Italian explanation with the three causes', () => {
    const xml = env(`<soapenv:Fault><faultcode>env:Client</faultcode><faultstring>Rejected by policy. (from client)</faultstring></soapenv:Fault>`);
    const o = parseResponse('3002', xml);
    expect(o.kind).toBe('soap_fault');
    if (o.kind !== 'soap_fault') return;
    expect(o.faultcode).toBe('env:Client');
    expect(o.messaggio).toMatch(/IP/);
    expect(o.messaggio).toMatch(/orologio/);
    expect(o.messaggio).toMatch(/certificato/);
  });
  it('DOCTYPE, garbage, wrong root → risposta_malformata', () => {
    expect(parseResponse('3002', '<!DOCTYPE x><x/>')).toMatchObject({ kind: 'esito_sconosciuto', causa: 'risposta_malformata' });
    expect(parseResponse('3002', '<<<')).toMatchObject({ kind: 'esito_sconosciuto', causa: 'risposta_malformata' });
    expect(parseResponse('3002', env('<a:Risposta3001 xmlns:a="x"/>'))).toMatchObject({ kind: 'esito_sconosciuto', causa: 'risposta_malformata' });
  });
});

describe('query responses', () => {
  it('official Risposta3002 rispostaKO EN122 example', () => {
    const p = anprResourcePath('esempi', 'client-example', 'Risposta3002_rispostaKO_EN122.soap.xml');
    const o = parseResponse('3002', fs.readFileSync(p, 'utf8'));
    expect(o).toMatchObject({
      kind: 'respinta',
      idOperazioneComune: '999997',
      idOperazioneANPR: '735529',
      esitoOperazione: 'XXXX',
      errori: [{ codice: 'EN122', tipo: 'E', testo: 'La richiesta effettuata non produce alcun risultato' }],
    });
  });

  it('Risposta3002_OK with a big id kept exact, family, anomalies per subject', async () => {
    const body =
      `<ns2:Risposta3002 xmlns:ns2="http://sogei.it/ANPR/3000consultazione"><ns2:Risposta3002_OK>${testata('3002', '2')}<listaSoggetti><datiSoggetto>` +
      `<identificativi><idANPR>AB12345CD</idANPR></identificativi>` +
      `<generalita><codiceFiscale><codFiscale>RSSMRA80A01H501U</codFiscale><validitaCF>1</validitaCF></codiceFiscale><cognome>ROSSI</cognome><nome>MARIO</nome><sesso>M</sesso><dataNascita>1980-01-01</dataNascita>` +
      `<luogoNascita><comune><nomeComune>ROMA</nomeComune><codiceIstat>058091</codiceIstat><siglaProvinciaIstat>RM</siglaProvinciaIstat></comune></luogoNascita><idSchedaSoggettoANPR>9007199254740993</idSchedaSoggettoANPR></generalita>` +
      `<statoCivile><statoCivile>2</statoCivile></statoCivile><cittadinanza><descrizioneStato>ITALIA</descrizioneStato><codiceStato>100</codiceStato></cittadinanza>` +
      `<residenza><tipoIndirizzo>1</tipoIndirizzo><indirizzo><cap>00184</cap><comune><nomeComune>ROMA</nomeComune><siglaProvinciaIstat>RM</siglaProvinciaIstat></comune><toponimo><specie>VIA</specie><denominazioneToponimo>NAZIONALE</denominazioneToponimo></toponimo><numeroCivico><numero>12</numero></numeroCivico></indirizzo></residenza>` +
      `<legameSoggetto><tipoLegame>3</tipoLegame><dataDecorrenza>2010-05-01</dataDecorrenza><codiceLegame>1</codiceLegame></legameSoggetto>` +
      `<famigliaConvivenza><idFamigliaConvivenzaANPR>98765432109876543210</idFamigliaConvivenzaANPR><tipoScheda>1</tipoScheda></famigliaConvivenza>` +
      `<erroriAnomalie>${err('ES092', 'E', 'Soggetto senza scheda famiglia/convivenza associata')}</erroriAnomalie>` +
      `</datiSoggetto></listaSoggetti>` +
      `<datiFamigliaConvivenza><famigliaConvivenza><idFamigliaConvivenzaANPR>98765432109876543210</idFamigliaConvivenzaANPR><tipoScheda>1</tipoScheda></famigliaConvivenza></datiFamigliaConvivenza>` +
      `</ns2:Risposta3002_OK></ns2:Risposta3002>`;
    expect(await validateResponseBody(body, '3002')).toEqual({ valid: true });
    const o = parseResponse('3002', env(body));
    expect(o.kind).toBe('accolta');
    if (o.kind !== 'accolta') return;
    const s = o.value.soggetti[0]!;
    expect(s.generalita.idSchedaSoggettoANPR).toBe('9007199254740993');
    expect(s.generalita).toMatchObject({ codiceFiscale: 'RSSMRA80A01H501U', cognome: 'ROSSI', nome: 'MARIO', sesso: 'M', dataNascita: '1980-01-01' });
    expect(s.generalita.luogoNascita!.comune!.codiceIstat).toBe('058091');
    expect(s.idANPR).toBe('AB12345CD');
    expect(s.statoCivile!.statoCivile).toBe('2');
    expect(s.cittadinanza[0]!.codiceStato).toBe('100');
    expect(s.residenza[0]!.testo).toBe('VIA NAZIONALE 12, 00184 ROMA (RM)');
    expect(s.famiglia!.legame!.codiceLegame).toBe('1');
    expect(s.famiglia!.famigliaConvivenza!.idFamigliaConvivenzaANPR).toBe('98765432109876543210');
    expect(s.erroriAnomalie[0]!.codice).toBe('ES092');
    expect(o.value.datiFamigliaConvivenza!.famigliaConvivenza!.tipoScheda).toBe('1');
  });

  it('Risposta3001_OK', () => {
    const body = `<a:Risposta3001 xmlns:a="http://sogei.it/ANPR/3000consultazione"><a:Risposta3001_OK>${testata('3001', '2')}<elencoSoggettiPadre><genitore><generalita><cognome>ROSSI</cognome><nome>MARIO</nome></generalita></genitore></elencoSoggettiPadre></a:Risposta3001_OK></a:Risposta3001>`;
    const o = parseResponse('3001', env(body));
    expect(o.kind === 'accolta' && o.value.padri[0]!.genitore!.generalita!.cognome).toBe('ROSSI');
  });

  it('Risposta3003_OK decodes xmlRisposta', () => {
    const inner = `<ns2:Risposta5005 xmlns:ns2="${NS5}"/>`;
    const body = `<a:Risposta3003 xmlns:a="http://sogei.it/ANPR/3000consultazione"><a:Risposta3003_OK>${testata('3003', '2')}<comuneRichiesta><nomeComune>ROMA</nomeComune><codiceIstat>058091</codiceIstat><siglaProvinciaIstat>RM</siglaProvinciaIstat></comuneRichiesta><elencoRisposte><statoLavorazione>2</statoLavorazione><tipoOperazione>5005</tipoOperazione><xmlRisposta>${Buffer.from(inner).toString('base64')}</xmlRisposta></elencoRisposte></a:Risposta3003_OK></a:Risposta3003>`;
    const o = parseResponse('3003', env(body));
    expect(o.kind === 'accolta' && o.value.elencoRisposte[0]).toEqual({ statoLavorazione: '2', tipoOperazione: '5005', xmlRisposta: inner });
  });

  it('Risposta3007_OK', () => {
    const body = `<a:Risposta3007 xmlns:a="http://sogei.it/ANPR/3000consultazione"><a:Risposta3007_OK>${testata('3007', '2')}<comuneRichiesta><nomeComune>ROMA</nomeComune><codiceIstat>058091</codiceIstat><siglaProvinciaIstat>RM</siglaProvinciaIstat></comuneRichiesta><listaOperazioniAnpr><operazioneANPR><statoLavorazione>7</statoLavorazione><tipoOperazione>N010</tipoOperazione><idOperazioneANPR>123456789012345678901</idOperazioneANPR></operazioneANPR></listaOperazioniAnpr></a:Risposta3007_OK></a:Risposta3007>`;
    const o = parseResponse('3007', env(body));
    expect(o.kind === 'accolta' && o.value.operazioni[0]!.idOperazioneANPR).toBe('123456789012345678901');
  });

  it('RispostaMultipla7001 and TestConn', () => {
    const b7 = `<a:Risposta7001 xmlns:a="http://sogei.it/ANPR/7001scaricoTabelle"><a:RispostaMultipla7001>${testata('7001', '2')}<datiDettaglioRisposta><idTabella>001</idTabella><xmlFile>${Buffer.from('<t/>').toString('base64')}</xmlFile></datiDettaglioRisposta></a:RispostaMultipla7001></a:Risposta7001>`;
    const o7 = parseResponse('7001', env(b7));
    expect(o7.kind === 'accolta' && o7.value.xmlFile[0]!.toString()).toBe('<t/>');
    const bt = `<a:RispostaConnessione xmlns:a="http://sogei.it/ANPR/connessione">${testata('OP01', '2')}</a:RispostaConnessione>`;
    expect(parseResponse('TestConn', env(bt))).toMatchObject({ kind: 'accolta', idOperazioneANPR: '4294967297' });
  });
});

describe('6001 certificates', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\r\n'), Buffer.from([0, 255, 13, 10, 45, 45]), Buffer.from('\r\n%%EOF')]);
  const ok = (file: string): string =>
    `<ns2:Risposta6001 xmlns:ns2="http://sogei.it/ANPR/6001certificazione"><ns2:Risposta6001OK>${testata('6001', '2')}` +
    `<listaTipiCertificato><tipoCertificato>8</tipoCertificato></listaTipiCertificato><protocolloANPR><numeroProtocolloANPR>88800123456789</numeroProtocolloANPR></protocolloANPR>` +
    `<parametriRichiesta><tipoRichiedente>2</tipoRichiedente><tipoRichiesta>1</tipoRichiesta><paEstera>0</paEstera><emissione>1</emissione><bollo>1600</bollo><diritti>52</diritti></parametriRichiesta>` +
    `<file><certificatoPdf>${file}</certificatoPdf></file></ns2:Risposta6001OK></ns2:Risposta6001>`;

  it('MTOM response: PDF bytes from the xop:Include attachment', () => {
    const built = buildMtomResponse(env(ok(xopInclude('pdf-1@sogei.it'))), [{ contentId: 'pdf-1@sogei.it', data: pdf, contentType: 'application/pdf' }]);
    const o = parseHttpResponse('6001', built.contentType, built.body);
    expect(o.kind).toBe('accolta');
    if (o.kind !== 'accolta') return;
    expect(o.value.protocolloANPR).toBe('88800123456789');
    expect(o.value.certificatoPdf!.equals(pdf)).toBe(true);
  });

  it('plain response with inline base64 (validates against the XSD)', async () => {
    const body = ok(pdf.toString('base64'));
    expect(await validateResponseBody(body, '6001')).toEqual({ valid: true });
    const o = parseHttpResponse('6001', 'text/xml; charset=utf-8', Buffer.from(env(body)));
    expect(o.kind === 'accolta' && o.value.certificatoPdf!.equals(pdf)).toBe(true);
  });

  it('xop:Include without its MIME part → risposta_malformata', () => {
    expect(parseResponse('6001', env(ok(xopInclude('missing'))))).toMatchObject({ kind: 'esito_sconosciuto', causa: 'risposta_malformata' });
  });

  it('Risposta6001KO → respinta', () => {
    const body = `<ns2:Risposta6001 xmlns:ns2="http://sogei.it/ANPR/6001certificazione"><ns2:Risposta6001KO>${testata('6001', 'XXXX')}<listaErrori><errore>${err('EN062', 'E', 'Il Certificato di stato di famiglia non può essere emesso perché non risulta presente un intestatario')}</errore></listaErrori></ns2:Risposta6001KO></ns2:Risposta6001>`;
    const o = parseResponse('6001', env(body));
    expect(o).toMatchObject({ kind: 'respinta', errori: [{ codice: 'EN062' }] });
  });
});
