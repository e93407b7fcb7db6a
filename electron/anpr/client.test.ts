import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestPki, type TestPki } from '../test-support/pki';
import { erroreXml, idOf, soapEnvelope, startSoapEndpoint, testataRisposta, type SoapEndpoint } from '../test-support/soap-endpoint';
import { testClock } from '../test-support/core';
import { createAnprClient, type AnprClient, type AnprClientConfig } from './client';
import { loadPkcs12 } from './security/keystore';
import { buildRequest } from './services/builders';
import { buildMtomResponse, xopInclude } from './mtom/mtom';
import { closeTransportAgents } from './transport/https-transport';
import { FULL } from './services/fixtures.test-data';

let pki: TestPki;
let endpoint: SoapEndpoint;
let client: AnprClient;
let baseConfig: AnprClientConfig;

const NS3 = 'http://sogei.it/ANPR/3000consultazione';
const NS5 = 'http://sogei.it/ANPR/5000mutazione';
const clock = { now: () => new Date() };

function makeClient(overrides: Partial<AnprClientConfig> = {}, p12 = 'comune.p12'): AnprClient {
  return createAnprClient({
    config: { ...baseConfig, ...overrides },
    keystores: {
      comune: loadPkcs12(pki.read(p12), pki.passphrase, { now: new Date() }),
      postazione: loadPkcs12(pki.read('postazione.p12'), pki.passphrase, { now: new Date() }),
    },
    clock,
    version: '1.2.3',
  });
}

const body3002 = () => buildRequest('3002', FULL['3002']);

beforeAll(async () => {
  pki = ensureTestPki();
  endpoint = await startSoapEndpoint(pki);
  baseConfig = {
    comune: pki.istat,
    postazione: `${pki.istat}-PC-0001`,
    applicazione: 'SPORTELLO',
    operatore: 'RSSMRA80A01H501U',
    ambiente: 'TEST',
    endpoint: endpoint.url,
    caPems: [pki.pem('ca.crt')],
    codDestinatario: 'ANPR05',
    timeouts: { default: 1500 },
  };
  client = makeClient();
});
afterAll(async () => {
  closeTransportAgents();
  await endpoint.close();
});

describe('ANPR client over real TLS', () => {
  it('sends a signed 3002 the verifier accepts, with the testata filled from the config', async () => {
    endpoint.reply((request) => ({
      body: soapEnvelope(`<ns2:Risposta3002 xmlns:ns2="${NS3}"><ns2:Risposta3002_OK>${testataRisposta('3002', '2', idOf(request.xml), '9007199254740993')}</ns2:Risposta3002_OK></ns2:Risposta3002>`),
    }));
    const result = await client.call('3002', body3002(), { idOperazioneComune: '202611260900000000001' });
    const request = endpoint.received.at(-1)!;
    expect(request.path).toBe('/ANPR3000ServiziConsultazione/AnprService3000');
    expect(request.headers.soapaction).toBe('""');
    expect(request.verification).toMatchObject({ ok: true, assertion: { idSede: pki.istat, idPostazione: `${pki.istat}-PC-0001`, nameId: 'RSSMRA80A01H501U', idApplicazione: 'SPORTELLO' } });
    expect(request.xml).toContain('<idOperazioneComune>202611260900000000001</idOperazioneComune>');
    expect(request.xml).toContain(`<codMittente>${pki.istat}</codMittente>`);
    expect(request.xml).toContain('<tipoInvio>TEST</tipoInvio>');
    expect(request.xml).toContain('<versioneApplicativo>1.2.3</versioneApplicativo>');
    expect(result.outcome).toMatchObject({ kind: 'accolta', idOperazioneANPR: '9007199254740993', idOperazioneComune: '202611260900000000001' });
    expect(result.exchange).toMatchObject({ servizio: '3002', httpStatus: 200, idOperazioneComune: '202611260900000000001' });
    expect(result.exchange.request).toBe(request.xml);
  });

  it('every call is signed afresh (new assertion and timestamp ids)', async () => {
    endpoint.reply((request) => ({ body: soapEnvelope(`<ns2:Risposta3002 xmlns:ns2="${NS3}"><ns2:Risposta3002_OK>${testataRisposta('3002', '2', idOf(request.xml))}</ns2:Risposta3002_OK></ns2:Risposta3002>`) }));
    await client.call('3002', body3002(), { idOperazioneComune: '1' });
    await client.call('3002', body3002(), { idOperazioneComune: '2' });
    const [a, b] = endpoint.received.slice(-2).map((request) => request.verification);
    expect(a!.ok && b!.ok).toBe(true);
    if (a!.ok && b!.ok) expect(a!.assertion.id).not.toBe(b!.assertion.id);
  });

  it('signs with a legacy-encoded (RC2/3DES) PKCS#12 too', async () => {
    const legacy = makeClient({}, 'comune-legacy.p12');
    endpoint.reply((request) => ({ body: soapEnvelope(`<ns2:Risposta3002 xmlns:ns2="${NS3}"><ns2:Risposta3002_OK>${testataRisposta('3002', '2', idOf(request.xml))}</ns2:Risposta3002_OK></ns2:Risposta3002>`) }));
    const result = await legacy.call('3002', body3002(), { idOperazioneComune: '3' });
    expect(endpoint.received.at(-1)!.verification.ok).toBe(true);
    expect(result.outcome.kind).toBe('accolta');
  });

  it('accolta con avvisi keeps every warning', async () => {
    endpoint.reply((request) => ({
      body: soapEnvelope(`<ns2:Risposta5005 xmlns:ns2="${NS5}"><ns3:Risposta_Comune xmlns:ns3="http://sogei.it/ANPR/rispostaComune">${testataRisposta('5005', '6', idOf(request.xml))}<listaAnomalie>${erroreXml('EN111', 'W', 'Indicare il procedimento collegato al servizio').replace(/<\/?errore>/g, (tag) => tag.replace('errore', 'anomalie'))}</listaAnomalie></ns3:Risposta_Comune></ns2:Risposta5005>`),
    }));
    const result = await client.send('5005', FULL['5005'], { idOperazioneComune: '4' });
    expect(result.outcome.kind).toBe('accolta_con_avvisi');
    if (result.outcome.kind === 'accolta_con_avvisi') expect(result.outcome.anomalie.map((anomalia) => anomalia.codice)).toEqual(['EN111']);
  });

  it('a refusal carries the full error list', async () => {
    endpoint.reply((request) => ({
      body: soapEnvelope(`<ns2:Risposta5005 xmlns:ns2="${NS5}"><ns2:rispostaKO>${testataRisposta('5005', 'XXXX', idOf(request.xml))}<listaErrori>${erroreXml('EF016', 'E', 'Tipo scheda non valido')}${erroreXml('EN527', 'E', 'Informazioni sull\'operazione da fornire in caso di assistenza')}</listaErrori></ns2:rispostaKO></ns2:Risposta5005>`),
    }));
    const result = await client.send('5005', FULL['5005'], { idOperazioneComune: '5' });
    expect(result.outcome.kind).toBe('respinta');
    if (result.outcome.kind === 'respinta') expect(result.outcome.errori.map((errore) => errore.codice)).toEqual(['EF016', 'EN527']);
  });

  it('Rejected by policy becomes a SOAP fault explained in Italian', async () => {
    endpoint.reply(() => ({
      status: 500,
      body: soapEnvelope('<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Rejected by policy. (from client)</faultstring></soapenv:Fault>'),
    }));
    const result = await client.call('3002', body3002(), { idOperazioneComune: '6' });
    expect(result.outcome.kind).toBe('soap_fault');
    if (result.outcome.kind === 'soap_fault') expect(result.outcome.messaggio).toMatch(/IP|orologio|certificato/i);
  });

  it('a 6001 MTOM answer yields the PDF bytes exactly', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\r\n'), Buffer.from([0, 255, 13, 10, 45, 45]), Buffer.from('\r\n%%EOF')]);
    endpoint.reply((request) => {
      const xml = soapEnvelope(
        `<ns2:Risposta6001 xmlns:ns2="http://sogei.it/ANPR/6001certificazione"><ns2:Risposta6001OK>${testataRisposta('6001', '2', idOf(request.xml))}<protocolloANPR><numeroProtocolloANPR>123456</numeroProtocolloANPR></protocolloANPR><file><certificatoPdf>${xopInclude('pdf@anpr')}</certificatoPdf></file></ns2:Risposta6001OK></ns2:Risposta6001>`,
      );
      const mtom = buildMtomResponse(xml, [{ contentId: 'pdf@anpr', contentType: 'application/pdf', data: pdf }]);
      return { contentType: mtom.contentType, body: mtom.body };
    });
    const result = await client.send('6001', FULL['6001'], { idOperazioneComune: '7' });
    expect(result.outcome.kind).toBe('accolta');
    if (result.outcome.kind === 'accolta') expect(Buffer.compare(result.outcome.value.certificatoPdf!, pdf)).toBe(0);
  });

  it.each([
    ['a timeout after the request was sent', () => 'hang' as const, 'esito_sconosciuto', 'timeout'],
    ['a connection dropped after the request was sent', () => 'destroy' as const, 'esito_sconosciuto', 'connessione_interrotta'],
    ['a 5xx without SOAP fault', () => ({ status: 503, contentType: 'text/html', body: '<html>Service Unavailable</html>' }), 'esito_sconosciuto', 'http_5xx'],
    ['a malformed answer', () => ({ body: '<soapenv:Envelope><unclosed>' }), 'esito_sconosciuto', 'risposta_malformata'],
  ])('classifies %s', async (_name, reply, kind, causa) => {
    endpoint.reply(reply);
    const result = await client.call('3002', body3002(), { idOperazioneComune: '8' });
    expect(result.outcome).toMatchObject({ kind, causa });
    if ('messaggio' in result.outcome) expect(result.outcome.messaggio.length).toBeGreaterThan(10);
  });

  it('classifies an oversized answer as outcome unknown and stops reading', async () => {
    const small = makeClient({ maxResponseBytes: 10_000 });
    endpoint.reply(() => ({ body: soapEnvelope('<x>' + 'a'.repeat(200_000) + '</x>') }));
    const result = await small.call('3002', body3002(), { idOperazioneComune: '9' });
    expect(result.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'risposta_troppo_grande' });
  });

  it('refuses a server whose certificate does not chain to the configured CA (nothing delivered)', async () => {
    const rogue = await startSoapEndpoint(pki, { serverCert: 'rogue-server.crt', serverKey: 'rogue-server.key' });
    const before = rogue.received.length;
    const result = await makeClient({ endpoint: rogue.url }).call('3002', body3002(), { idOperazioneComune: '10' });
    expect(result.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'certificato_server_non_attendibile' });
    expect(rogue.received.length).toBe(before);
    await rogue.close();
  });

  it('warns about clock skew from the server Date header', async () => {
    const skewed = createAnprClient({
      config: baseConfig,
      keystores: { comune: loadPkcs12(pki.read('comune.p12'), pki.passphrase, { now: new Date() }) },
      clock: testClock(new Date(Date.now() + 90_000)),
    });
    endpoint.reply((request) => ({ body: soapEnvelope(`<ns2:Risposta3002 xmlns:ns2="${NS3}"><ns2:Risposta3002_OK>${testataRisposta('3002', '2', idOf(request.xml))}</ns2:Risposta3002_OK></ns2:Risposta3002>`) }));
    const result = await skewed.call('3002', body3002(), { idOperazioneComune: '11' });
    expect(result.exchange.clockSkewSeconds).toBeGreaterThan(60);
    expect(result.avvisoOrologio).toMatch(/orologio/);
    // ...and the verifier on the other side rejects the future timestamp, as ANPR would.
    expect(endpoint.received.at(-1)!.verification).toMatchObject({ ok: false });
  });
});
