/**
 * The ANPR WS-Security profile (anpr-protocol.md §4.3): builds a complete,
 * signed SOAP 1.1 envelope around a request body.
 *
 * Performance: the Timestamp, the SAML assertion and both SignedInfo
 * elements are generated directly in their exclusive-c14n form (attribute
 * order and namespace declarations exactly as exc-c14n renders them), so the
 * strings we emit are the strings we digest and sign; only the caller's body
 * fragment is parsed (a small DOM) and canonicalised. Keys are parsed once
 * per keystore and the IdPostazioneFirmato CMS is reused (it signs a
 * constant string) for up to an hour.
 */
import { createHash, createPrivateKey, randomUUID, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { signIdPostazione } from './cms';
import type { LoadedKeystore } from './keystore';
import { ALG, assertXmlSafe, c14nAttr, c14nText, elementChildren, NS, parseXmlStrict, pemToBase64, WSS_BASE64, WSS_X509V3 } from './xml-util';

export type SignatureAlgorithm = 'rsa-sha256' | 'rsa-sha1';
export type DigestAlgorithm = 'sha256' | 'sha1';

export interface SignEnvelopeParams {
  /** One namespace-qualified element, e.g. `<ns2:Richiesta3002 xmlns:ns2="…">…</ns2:Richiesta3002>`. */
  bodyXml: string;
  /** Comune keystore (`nnnnnn-CO-9999`): signs the message and the assertion. */
  comune: LoadedKeystore;
  /** Postazione keystore: signs IdPostazioneFirmato (the comune key when absent). */
  postazione?: LoadedKeystore;
  /** ISTAT code of the comune. */
  idSede: string;
  idPostazione: string;
  idApplicazione: string;
  /** Codice fiscale of the operator (SAML NameID). */
  operatoreCodiceFiscale: string;
  /** Public IP of the client (SAML SubjectLocality). */
  clientIp: string;
  now: Date;
  /**
   * A ready IdPostazioneFirmato (base64 CMS), e.g. made by a gateway or a
   * smart card; when absent it is computed with the postazione (or comune) key.
   */
  idPostazioneFirmato?: string;
  /** Default RSA-SHA256 / SHA-256; RSA-SHA1 / SHA-1 is the historic policy (Basic128Rsa15). */
  algorithms?: { signature: SignatureAlgorithm; digest: DigestAlgorithm };
  /** Lifetime of Timestamp, assertion and session; default VALIDITY_MS (tests make longer ones to see them refused). */
  validitaMs?: number;
}

/** Validity of Timestamp, assertion and session. */
export const VALIDITY_MS = 5 * 60_000;
/** How long a cached IdPostazioneFirmato (its signingTime) is reused. */
const CMS_REUSE_MS = 60 * 60_000;

const SIG_URI: Record<SignatureAlgorithm, string> = { 'rsa-sha256': ALG.rsaSha256, 'rsa-sha1': ALG.rsaSha1 };
const SIG_HASH: Record<SignatureAlgorithm, string> = { 'rsa-sha256': 'sha256', 'rsa-sha1': 'sha1' };
const DIGEST_URI: Record<DigestAlgorithm, string> = { sha256: ALG.sha256, sha1: ALG.sha1 };

const NAMEID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
const CM_BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const ATTRNAME_UNSPECIFIED = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';
const AC_UNSPECIFIED = 'urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified';
export const SAML_ISSUER = 'XS';

interface KeyMaterial {
  key: KeyObject;
  certB64: string;
  cms: Map<string, { value: string; at: number }>;
}

const byObject = new WeakMap<LoadedKeystore, KeyMaterial>();
const byPem = new Map<string, KeyMaterial>();

function material(ks: LoadedKeystore): KeyMaterial {
  let m = byObject.get(ks);
  if (m) return m;
  const pemKey = ks.privateKeyPem + ks.certificatePem;
  m = byPem.get(pemKey);
  if (!m) {
    m = { key: createPrivateKey(ks.privateKeyPem), certB64: pemToBase64(ks.certificatePem), cms: new Map() };
    if (byPem.size >= 16) byPem.clear();
    byPem.set(pemKey, m);
  }
  byObject.set(ks, m);
  return m;
}

function idPostazioneFirmato(ks: LoadedKeystore, idPostazione: string, now: Date): string {
  const m = material(ks);
  const hit = m.cms.get(idPostazione);
  if (hit && Math.abs(now.getTime() - hit.at) < CMS_REUSE_MS) return hit.value;
  const value = signIdPostazione(idPostazione, m.key, ks.certificatePem, { signingTime: now });
  if (m.cms.size >= 16) m.cms.clear();
  m.cms.set(idPostazione, { value, at: now.getTime() });
  return value;
}

const canonicalizer = new ExclusiveCanonicalization();

/**
 * Returns the exclusive-c14n form of `<soap:Body wsu:Id=…>` + body: this
 * exact string is both placed in the envelope and digested.
 */
export function canonicalBody(bodyXml: string, bodyId: string): string {
  if (typeof bodyXml !== 'string' || !bodyXml.trim().startsWith('<')) throw new TypeError('bodyXml must be one XML element');
  const wrapped =
    `<soap:Body xmlns:soap="${NS.soap}" xmlns:wsu="${NS.wsu}" wsu:Id="${bodyId}">${bodyXml.trim()}</soap:Body>`;
  const doc = parseXmlStrict(wrapped);
  const body = doc.documentElement!;
  const kids = elementChildren(body);
  if (kids.length !== 1) throw new TypeError(`bodyXml must be exactly one element (found ${kids.length})`);
  if (!kids[0]!.namespaceURI) throw new TypeError('the body element must be namespace-qualified');
  for (let c = body.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3 && c.nodeValue?.trim()) throw new TypeError('bodyXml has text outside its element');
  }
  return canonicalizer.process(body as never, {}) as string;
}

function digestB64(alg: DigestAlgorithm, data: string): string {
  return createHash(alg).update(data, 'utf8').digest('base64');
}

function reference(uri: string, transforms: string, digestUri: string, digestValue: string): string {
  return (
    `<ds:Reference URI="#${uri}"><ds:Transforms>${transforms}</ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${digestUri}"></ds:DigestMethod><ds:DigestValue>${digestValue}</ds:DigestValue></ds:Reference>`
  );
}

/** SignedInfo content; the canonical (signed) form is `<ds:SignedInfo xmlns:ds=…>` + this + `</ds:SignedInfo>`. */
function signedInfoInner(sigUri: string, references: string): string {
  return (
    `<ds:CanonicalizationMethod Algorithm="${ALG.excC14n}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${sigUri}"></ds:SignatureMethod>` +
    references
  );
}

function signSignedInfo(inner: string, sigAlg: SignatureAlgorithm, key: KeyObject): string {
  const canonical = `<ds:SignedInfo xmlns:ds="${NS.ds}">${inner}</ds:SignedInfo>`;
  return cryptoSign(SIG_HASH[sigAlg], Buffer.from(canonical, 'utf8'), key).toString('base64');
}

function attribute(name: string, value: string): string {
  return (
    `<saml2:Attribute Name="${name}" NameFormat="${ATTRNAME_UNSPECIFIED}">` +
    `<saml2:AttributeValue xmlns:xsi="${NS.xsi}" xsi:type="xs:string">${c14nText(value)}</saml2:AttributeValue>` +
    `</saml2:Attribute>`
  );
}

/** Builds and signs the complete SOAP envelope. Fresh ids, timestamp and assertion on every call. */
export function signEnvelope(params: SignEnvelopeParams): string {
  const { comune, idSede, idPostazione, idApplicazione, operatoreCodiceFiscale, clientIp, now } = params;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date');
  for (const [name, v] of Object.entries({ idSede, idPostazione, idApplicazione, operatoreCodiceFiscale })) {
    assertXmlSafe(name, v);
    if (!v) throw new TypeError(`${name} is required`);
  }
  if (isIP(clientIp) === 0) throw new TypeError(`clientIp is not an IP address: ${String(clientIp)}`);
  const sigAlg: SignatureAlgorithm = params.algorithms?.signature ?? 'rsa-sha256';
  const digAlg: DigestAlgorithm = params.algorithms?.digest ?? 'sha256';
  if (!(sigAlg in SIG_URI)) throw new TypeError(`unsupported signature algorithm ${String(sigAlg)}`);
  if (!(digAlg in DIGEST_URI)) throw new TypeError(`unsupported digest algorithm ${String(digAlg)}`);
  const sigUri = SIG_URI[sigAlg];
  const digUri = DIGEST_URI[digAlg];

  const km = material(comune);
  const firmato = params.idPostazioneFirmato ?? idPostazioneFirmato(params.postazione ?? comune, idPostazione, now);
  assertXmlSafe('idPostazioneFirmato', firmato);

  const created = now.toISOString();
  const expires = new Date(now.getTime() + (params.validitaMs ?? VALIDITY_MS)).toISOString();
  const tsId = `TS-${randomUUID()}`;
  const bodyId = `id-${randomUUID()}`;
  const bstId = `X509-${randomUUID()}`;
  const assertionId = `_${randomUUID()}`;
  const sigId = `SIG-${randomUUID()}`;
  const kiId = `KI-${randomUUID()}`;
  const strId = `STR-${randomUUID()}`;

  // Body (canonical) and Timestamp (canonical, emitted as-is).
  const body = canonicalBody(params.bodyXml, bodyId);
  const timestamp =
    `<wsu:Timestamp xmlns:wsu="${NS.wsu}" wsu:Id="${tsId}">` +
    `<wsu:Created>${created}</wsu:Created><wsu:Expires>${expires}</wsu:Expires></wsu:Timestamp>`;

  // SAML 2.0 assertion, canonical without its enveloped signature.
  const assertionOpen =
    `<saml2:Assertion xmlns:saml2="${NS.saml2}" xmlns:xs="${NS.xs}" ID="${assertionId}" IssueInstant="${created}" Version="2.0">` +
    `<saml2:Issuer>${SAML_ISSUER}</saml2:Issuer>`;
  const assertionRest =
    `<saml2:Subject>` +
    `<saml2:NameID Format="${NAMEID_UNSPECIFIED}">${c14nText(operatoreCodiceFiscale)}</saml2:NameID>` +
    `<saml2:SubjectConfirmation Method="${CM_BEARER}">` +
    `<saml2:SubjectConfirmationData NotBefore="${created}" NotOnOrAfter="${expires}"></saml2:SubjectConfirmationData>` +
    `</saml2:SubjectConfirmation></saml2:Subject>` +
    `<saml2:Conditions NotBefore="${created}" NotOnOrAfter="${expires}"></saml2:Conditions>` +
    `<saml2:AuthnStatement AuthnInstant="${created}" SessionNotOnOrAfter="${expires}">` +
    `<saml2:SubjectLocality Address="${c14nAttr(clientIp)}"></saml2:SubjectLocality>` +
    `<saml2:AuthnContext><saml2:AuthnContextClassRef>${AC_UNSPECIFIED}</saml2:AuthnContextClassRef></saml2:AuthnContext>` +
    `</saml2:AuthnStatement>` +
    `<saml2:AttributeStatement>` +
    attribute('IdSede', idSede) +
    attribute('IdPostazione', idPostazione) +
    attribute('IdPostazioneFirmato', firmato) +
    attribute('IdApplicazione', idApplicazione) +
    `</saml2:AttributeStatement></saml2:Assertion>`;
  const assertionDigest = digestB64(digAlg, assertionOpen + assertionRest);
  const assertionSi = signedInfoInner(
    sigUri,
    reference(
      assertionId,
      `<ds:Transform Algorithm="${ALG.enveloped}"></ds:Transform>` +
        `<ds:Transform Algorithm="${ALG.excC14n}"><ec:InclusiveNamespaces xmlns:ec="${NS.ec}" PrefixList="xs"></ec:InclusiveNamespaces></ds:Transform>`,
      digUri,
      assertionDigest,
    ),
  );
  const assertionSignature =
    `<ds:Signature xmlns:ds="${NS.ds}"><ds:SignedInfo>${assertionSi}</ds:SignedInfo>` +
    `<ds:SignatureValue>${signSignedInfo(assertionSi, sigAlg, km.key)}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${km.certB64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>`;
  const assertion = assertionOpen + assertionSignature + assertionRest;

  // Message signature over Timestamp and Body.
  const excOnly = `<ds:Transform Algorithm="${ALG.excC14n}"></ds:Transform>`;
  const messageSi = signedInfoInner(
    sigUri,
    reference(tsId, excOnly, digUri, digestB64(digAlg, timestamp)) + reference(bodyId, excOnly, digUri, digestB64(digAlg, body)),
  );
  const messageSignature =
    `<ds:Signature xmlns:ds="${NS.ds}" Id="${sigId}"><ds:SignedInfo>${messageSi}</ds:SignedInfo>` +
    `<ds:SignatureValue>${signSignedInfo(messageSi, sigAlg, km.key)}</ds:SignatureValue>` +
    `<ds:KeyInfo Id="${kiId}"><wsse:SecurityTokenReference wsu:Id="${strId}">` +
    `<wsse:Reference URI="#${bstId}" ValueType="${WSS_X509V3}"></wsse:Reference>` +
    `</wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature>`;

  const bst =
    `<wsse:BinarySecurityToken EncodingType="${WSS_BASE64}" ValueType="${WSS_X509V3}" wsu:Id="${bstId}">` +
    `${km.certB64}</wsse:BinarySecurityToken>`;

  return (
    `<soap:Envelope xmlns:soap="${NS.soap}"><soap:Header>` +
    `<wsse:Security xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}" soap:mustUnderstand="1">` +
    bst + timestamp + assertion + messageSignature +
    `</wsse:Security></soap:Header>` +
    body +
    `</soap:Envelope>`
  );
}
