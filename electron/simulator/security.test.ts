import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequest } from '../anpr/services/builders';
import { loadPkcs12 } from '../anpr/security/keystore';
import { signEnvelope } from '../anpr/security/profile';
import { pemToBase64 } from '../anpr/security/xml-util';
import { parseResponse } from '../anpr/services/parse-response';
import { closeTransportAgents, postSoap } from '../anpr/transport/https-transport';
import { oggi, startFixture, testata, type SimFixture } from './test-helpers';

let f: SimFixture;
const OTHER = '056003';
beforeAll(async () => {
  f = await startFixture();
}, 120_000);
afterAll(async () => {
  closeTransportAgents();
  await f.sim.close();
});

// The fixture serves the test comune and a second one (for the IdSede ≠ codMittente case).
async function startTwo(): Promise<SimFixture> {
  const pki = (await import('../test-support/pki')).ensureTestPki();
  return startFixture({ comuni: [pki.istat, OTHER] });
}

const PATH = '/ANPR3000ServiziConsultazione/AnprService3000';

function body(cf: string, codMittente: string, id: string): string {
  return buildRequest('3002', {
    testata: { ...testata, codMittente, idOperazioneComune: id },
    criteriRicerca: { codiceFiscale: cf },
    datiRichiesta: { schedaAnagraficaRichiesta: '1', dataRiferimentoRichiesta: oggi(), ricercaNazionale: '1' },
  });
}

/** `p12`: a file of the test PKI, or an absolute path (a certificate made by one test). */
function sign(xml: string, opts: { p12?: string; postazioneP12?: string; idSede?: string; now?: Date; validitaMs?: number } = {}): string {
  const now = opts.now ?? new Date();
  const leggi = (nome: string) => (nome.startsWith('/') ? readFileSync(nome) : f.pki.read(nome));
  return signEnvelope({
    bodyXml: xml,
    comune: loadPkcs12(leggi(opts.p12 ?? 'comune.p12'), f.pki.passphrase, { now: opts.now ?? new Date() }),
    postazione: loadPkcs12(leggi(opts.postazioneP12 ?? 'postazione.p12'), f.pki.passphrase, { now: new Date() }),
    ...(opts.validitaMs !== undefined ? { validitaMs: opts.validitaMs } : {}),
    idSede: opts.idSede ?? f.pki.istat,
    idPostazione: `${f.pki.istat}-PC-0001`,
    idApplicazione: 'SPORTELLO',
    operatoreCodiceFiscale: 'RSSMRA80A01H501U',
    clientIp: '127.0.0.1',
    now,
  });
}

async function post(envelope: string, sim = f) {
  const r = await postSoap({ url: sim.sim.url + PATH, envelope, caPems: [sim.pki.pem('ca.crt')], timeoutMs: 5000 });
  if (!r.ok) throw new Error(`transport failure ${r.code}`);
  return { status: r.status, text: r.body.toString('utf8'), contentType: r.contentType };
}

function lastRejection(sim = f): Record<string, unknown> | undefined {
  return sim.logger.entries.filter((e) => e.message === 'security profile rejected').at(-1)?.fields;
}

async function expectPolicyRejection(envelope: string, code: string, sim = f): Promise<void> {
  const r = await post(envelope, sim);
  expect(r.status).toBe(500);
  expect(r.text).toContain('<faultstring>Rejected by policy. (from client)</faultstring>');
  expect(parseResponse('3002', r.text)).toMatchObject({ kind: 'soap_fault' });
  expect(lastRejection(sim)).toMatchObject({ code });
}

describe('security profile enforcement', () => {
  let cf: string;
  beforeAll(() => {
    cf = f.sim.admin.campione()[0]!.codiceFiscale;
  });

  it('accepts a correctly signed request', async () => {
    const r = await post(sign(body(cf, f.pki.istat, f.nextId())));
    expect(r.status).toBe(200);
    expect(parseResponse('3002', r.text).kind).toBe('accolta');
  });

  it('rejects a body tampered with after signing', async () => {
    const env = sign(body(cf, f.pki.istat, f.nextId())).replace(`<codiceFiscale>${cf}</codiceFiscale>`, '<codiceFiscale>RSSMRA80A01H501U</codiceFiscale>');
    await expectPolicyRejection(env, 'FIRMA_NON_VALIDA');
  });

  it('rejects an expired timestamp', async () => {
    await expectPolicyRejection(sign(body(cf, f.pki.istat, f.nextId()), { now: new Date(Date.now() - 10 * 60_000) }), 'TIMESTAMP_SCADUTO');
  });

  it('rejects a Timestamp valid for more than 300 s (ANPR messages live five minutes)', async () => {
    await expectPolicyRejection(sign(body(cf, f.pki.istat, f.nextId()), { validitaMs: 2 * 3600_000 }), 'TIMESTAMP_NON_VALIDO');
    expect(String(lastRejection()?.reason)).toMatch(/lifetime 7200s exceeds 300s/);
    // Exactly five minutes, as our signer makes them, is accepted.
    expect((await post(sign(body(cf, f.pki.istat, f.nextId()), { validitaMs: 300_000 }))).status).toBe(200);
  });

  /** A certificate of the test CA whose key usage lacks digitalSignature (keyEncipherment only), as a PKCS#12. */
  function senzaFirmaDigitale(cn: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'senza-ku-'));
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.key', '-out', 'k.csr', '-subj', `/C=IT/O=Ministero dell'Interno/CN=${cn}`]);
    writeFileSync(join(dir, 'k.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,keyEncipherment\nextendedKeyUsage=clientAuth\n');
    run(['x509', '-req', '-in', 'k.csr', '-CA', f.pki.path('ca.crt'), '-CAkey', f.pki.path('ca.key'), '-CAcreateserial', '-CAserial', join(dir, 'ca.srl'), '-out', 'k.crt', '-days', '30', '-sha256', '-extfile', 'k.ext']);
    run(['pkcs12', '-export', '-inkey', 'k.key', '-in', 'k.crt', '-certfile', f.pki.path('ca.crt'), '-out', 'k.p12', '-passout', `pass:${f.pki.passphrase}`]);
    return join(dir, 'k.p12');
  }

  it('rejects a message signer without the digitalSignature key usage', async () => {
    const p12 = senzaFirmaDigitale(`${f.pki.istat}-CO-9999`);
    await expectPolicyRejection(sign(body(cf, f.pki.istat, f.nextId()), { p12 }), 'CERTIFICATO_NON_VALIDO');
    expect(String(lastRejection()?.reason)).toMatch(/digitalSignature/);
  });

  it('rejects an IdPostazioneFirmato (CMS) whose signer lacks the digitalSignature key usage', async () => {
    const p12 = senzaFirmaDigitale(`${f.pki.istat}-PC-0001`);
    await expectPolicyRejection(sign(body(cf, f.pki.istat, f.nextId()), { postazioneP12: p12 }), 'ID_POSTAZIONE_FIRMATO_NON_VALIDO');
    expect(String(lastRejection()?.reason)).toMatch(/digitalSignature/);
  });

  it('rejects a signer issued by a rogue CA', async () => {
    await expectPolicyRejection(sign(body(cf, f.pki.istat, f.nextId()), { p12: 'rogue-comune.p12' }), 'CA_NON_ATTENDIBILE');
  });

  it('rejects a message without the SAML assertion', async () => {
    const env = sign(body(cf, f.pki.istat, f.nextId())).replace(/<saml2:Assertion[\s\S]*<\/saml2:Assertion>/, '');
    await expectPolicyRejection(env, 'ASSERZIONE_MANCANTE');
  });

  it('rejects a wrapped signature (signed Body moved into the header, another Body sent)', async () => {
    const env = sign(body(cf, f.pki.istat, f.nextId()));
    const signedBody = /<soap:Body[\s\S]*<\/soap:Body>/.exec(env)![0];
    const evil = `<soap:Body>${body('RSSMRA80A01H501U', f.pki.istat, f.nextId())}</soap:Body>`;
    const wrapped = env.replace(signedBody, evil).replace('</soap:Header>', `<w:Wrapper xmlns:w="urn:attacker">${signedBody}</w:Wrapper></soap:Header>`);
    await expectPolicyRejection(wrapped, 'RIFERIMENTI_NON_VALIDI');
  });

  it('rejects IdSede different from codMittente, and an IdSede the simulator does not serve', async () => {
    const two = await startTwo();
    try {
      const cf2 = two.sim.admin.campione()[0]!.codiceFiscale;
      await expectPolicyRejection(sign(body(cf2, two.pki.istat, two.nextId()), { idSede: OTHER }), 'IDSEDE_DIVERSO', two);
      await expectPolicyRejection(sign(body(cf2, '001001', two.nextId()), { idSede: '001001' }), 'SEDE_NON_SERVITA', two);
      // A served comune signing as itself is fine.
      const ok = await post(sign(body(cf2, two.pki.istat, two.nextId())), two);
      expect(ok.status).toBe(200);
    } finally {
      await two.sim.close();
    }
  });

  it('accepts a request signed by an independent implementation (xmlsec1 + openssl cms)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmlsec-'));
    const istat = f.pki.istat;
    writeFileSync(join(dir, 'idpost.txt'), `${istat}-PC-0001`);
    execFileSync('openssl', ['cms', '-sign', '-nodetach', '-binary', '-md', 'sha256', '-outform', 'DER', '-signer', f.pki.path('postazione.crt'), '-inkey', f.pki.path('postazione.key'), '-in', join(dir, 'idpost.txt'), '-out', join(dir, 'idpost.p7')]);
    const firmato = readFileSync(join(dir, 'idpost.p7')).toString('base64');
    const now = new Date();
    const created = now.toISOString();
    const expires = new Date(now.getTime() + 5 * 60_000).toISOString();
    const certB64 = pemToBase64(f.pki.pem('comune.crt'));
    const NS = {
      soap: 'http://schemas.xmlsoap.org/soap/envelope/',
      wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
      wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
    };
    const alg = {
      c14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
      rsa: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      sha: 'http://www.w3.org/2001/04/xmlenc#sha256',
      env: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
    };
    const attr = (n: string, v: string) =>
      `<saml2:Attribute Name="${n}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified"><saml2:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${v}</saml2:AttributeValue></saml2:Attribute>`;
    const template =
      `<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="${NS.soap}" xmlns:wsu="${NS.wsu}"><soap:Header><wsse:Security xmlns:wsse="${NS.wsse}" soap:mustUnderstand="1">` +
      `<wsse:BinarySecurityToken EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary" ValueType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3" wsu:Id="BST-xmlsec">${certB64}</wsse:BinarySecurityToken>` +
      `<wsu:Timestamp wsu:Id="TS-xmlsec"><wsu:Created>${created}</wsu:Created><wsu:Expires>${expires}</wsu:Expires></wsu:Timestamp>` +
      `<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="_xmlsec-assertion" IssueInstant="${created}" Version="2.0"><saml2:Issuer>XS</saml2:Issuer>` +
      `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${alg.c14n}"/><ds:SignatureMethod Algorithm="${alg.rsa}"/>` +
      `<ds:Reference URI="#_xmlsec-assertion"><ds:Transforms><ds:Transform Algorithm="${alg.env}"/><ds:Transform Algorithm="${alg.c14n}"/></ds:Transforms><ds:DigestMethod Algorithm="${alg.sha}"/><ds:DigestValue/></ds:Reference></ds:SignedInfo>` +
      `<ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>` +
      `<saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">RSSMRA80A01H501U</saml2:NameID><saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData NotBefore="${created}" NotOnOrAfter="${expires}"/></saml2:SubjectConfirmation></saml2:Subject>` +
      `<saml2:Conditions NotBefore="${created}" NotOnOrAfter="${expires}"/>` +
      `<saml2:AuthnStatement AuthnInstant="${created}"><saml2:SubjectLocality Address="127.0.0.1"/><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>` +
      `<saml2:AttributeStatement>${attr('IdSede', istat)}${attr('IdPostazione', `${istat}-PC-0001`)}${attr('IdPostazioneFirmato', firmato)}${attr('IdApplicazione', 'XMLSEC')}</saml2:AttributeStatement></saml2:Assertion>` +
      `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="SIG-xmlsec"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${alg.c14n}"/><ds:SignatureMethod Algorithm="${alg.rsa}"/>` +
      `<ds:Reference URI="#TS-xmlsec"><ds:Transforms><ds:Transform Algorithm="${alg.c14n}"/></ds:Transforms><ds:DigestMethod Algorithm="${alg.sha}"/><ds:DigestValue/></ds:Reference>` +
      `<ds:Reference URI="#BODY-xmlsec"><ds:Transforms><ds:Transform Algorithm="${alg.c14n}"/></ds:Transforms><ds:DigestMethod Algorithm="${alg.sha}"/><ds:DigestValue/></ds:Reference></ds:SignedInfo>` +
      `<ds:SignatureValue/><ds:KeyInfo><wsse:SecurityTokenReference><wsse:Reference URI="#BST-xmlsec" ValueType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"/></wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature>` +
      `</wsse:Security></soap:Header><soap:Body wsu:Id="BODY-xmlsec">${body(cf, istat, f.nextId())}</soap:Body></soap:Envelope>\n`;
    writeFileSync(join(dir, 'tmpl.xml'), template);
    const key = `${f.pki.path('comune.key')},${f.pki.path('comune.crt')}`;
    execFileSync('xmlsec1', ['--sign', '--privkey-pem', key, '--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion', '--node-xpath', "//*[local-name()='Assertion']/*[local-name()='Signature']", '--output', join(dir, 'step1.xml'), join(dir, 'tmpl.xml')], { stdio: 'pipe' });
    execFileSync(
      'xmlsec1',
      ['--sign', '--privkey-pem', key, '--id-attr:Id', `${NS.wsu}:Timestamp`, '--id-attr:Id', `${NS.soap}:Body`, '--node-xpath', "//*[local-name()='Security']/*[local-name()='Signature']", '--output', join(dir, 'signed.xml'), join(dir, 'step1.xml')],
      { stdio: 'pipe' },
    );
    const signed = readFileSync(join(dir, 'signed.xml'), 'utf8');
    expect(signed).not.toContain('<ds:SignatureValue/>');
    const r = await post(signed);
    if (r.status !== 200) throw new Error(`refused: ${JSON.stringify(lastRejection())}`);
    expect(parseResponse('3002', r.text).kind).toBe('accolta');
  });
});
