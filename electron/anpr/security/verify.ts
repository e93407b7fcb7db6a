/**
 * Independent verifier of the ANPR WS-Security profile, for tests and for
 * the ANPR simulator. It does not share code with the signer beyond
 * constants: signatures are checked with xml-crypto's SignedXml, the CMS
 * with cms.ts, certificate chains with node:crypto.
 *
 * Signature-wrapping resistance: ids must be unique in the whole document,
 * the message signature must have exactly two references, resolving to the
 * Body that is the direct child of the Envelope and the Timestamp that is
 * the direct child of the (single) Security header; the assertion's
 * signature must reference the assertion that contains it; assertion values
 * are read from the signed (canonical) bytes, not from the received DOM.
 */
import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { checkChain } from './certs';
import { verifyIdPostazioneFirmato } from './cms';
import { ALG, base64ToPem, childrenNS, elementChildren, NS, parseXmlStrict, WSS_X509V3, type Document, type Element, type Node } from './xml-util';

export type WsSecurityErrorCode =
  | 'XML_NON_VALIDO'
  | 'SICUREZZA_NON_VALIDA'
  | 'TIMESTAMP_NON_VALIDO'
  | 'TIMESTAMP_SCADUTO'
  | 'FIRMA_NON_VALIDA'
  | 'RIFERIMENTI_NON_VALIDI'
  | 'CA_NON_ATTENDIBILE'
  | 'CERTIFICATO_NON_VALIDO'
  | 'ASSERZIONE_MANCANTE'
  | 'ASSERZIONE_NON_VALIDA'
  | 'ID_POSTAZIONE_FIRMATO_NON_VALIDO';

export interface VerifiedAssertion {
  id: string;
  issuer: string;
  nameId: string;
  idSede: string;
  idPostazione: string;
  idApplicazione: string;
  idPostazioneFirmato: string;
  subjectLocality: string | null;
  notBefore: string;
  notOnOrAfter: string;
  signerCertPem: string;
}

export type WsSecurityResult =
  | {
      ok: true;
      /** The message signer (BinarySecurityToken) certificate. */
      signerCertPem: string;
      assertion: VerifiedAssertion;
      /** The verified soap:Body (direct child of the Envelope) in the parsed document. */
      bodyElement: Element;
      /** Exclusive-c14n of the Body exactly as digested by the signature. */
      bodyCanonicalXml: string;
      timestamp: { created: string; expires: string };
      signatureAlgorithm: string;
    }
  | { ok: false; code: WsSecurityErrorCode; reason: string };

export interface VerifyOptions {
  trustedCaPems: string[];
  now: Date;
  /** Tolerance for Timestamp and assertion windows; default 30 s. */
  maxClockSkewSeconds?: number;
}

const SIGNATURE_ALGS = new Set<string>([ALG.rsaSha256, ALG.rsaSha1]);
const DIGEST_ALGS = new Set<string>([ALG.sha256, ALG.sha1]);
const MESSAGE_TRANSFORMS = new Set<string>([ALG.excC14n, ALG.enveloped]);
const ID_ATTRS = new Set(['Id', 'ID', 'id']);
const XSD_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

class Reject extends Error {
  constructor(
    readonly code: WsSecurityErrorCode,
    reason: string,
  ) {
    super(reason);
  }
}

function reject(code: WsSecurityErrorCode, reason: string): never {
  throw new Reject(code, reason);
}

function one(parent: Node, ns: string, local: string, code: WsSecurityErrorCode, where: string): Element {
  const found = childrenNS(parent, ns, local);
  if (found.length !== 1) reject(code, `expected exactly one ${local} in ${where}, found ${found.length}`);
  return found[0]!;
}

function parseDateTime(value: string | null, what: string, code: WsSecurityErrorCode): number {
  if (!value || !XSD_DATETIME.test(value.trim())) reject(code, `${what} is missing or not an xs:dateTime: ${JSON.stringify(value)}`);
  const t = Date.parse(value.trim());
  if (Number.isNaN(t)) reject(code, `${what} is not a valid date: ${value}`);
  return t;
}

/** Every element carrying an Id/ID/id attribute (any namespace), refusing duplicates. */
function indexIds(doc: Document): Map<string, Element> {
  const ids = new Map<string, Element>();
  const walk = (el: Element): void => {
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes[i]!;
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      if (!ID_ATTRS.has(a.localName ?? a.name)) continue;
      if (ids.has(a.value)) reject('RIFERIMENTI_NON_VALIDI', `duplicate id "${a.value}" in the document (possible signature wrapping)`);
      ids.set(a.value, el);
    }
    for (const c of elementChildren(el)) walk(c);
  };
  walk(doc.documentElement!);
  return ids;
}

interface SignatureShape {
  signatureAlgorithm: string;
  references: { uri: string; transforms: string[]; digest: string }[];
}

function readSignatureShape(sig: Element, allowedTransforms: Set<string>, code: WsSecurityErrorCode, what: string): SignatureShape {
  const si = one(sig, NS.ds, 'SignedInfo', code, what);
  // xml-crypto matches SignedInfo children by local name only: refuse anything outside ds.
  for (const el of [...elementChildren(sig), ...elementChildren(si)]) {
    if (el.namespaceURI !== NS.ds) reject(code, `${what}: unexpected element {${el.namespaceURI}}${el.localName} in ds:Signature/SignedInfo`);
  }
  const c14n = one(si, NS.ds, 'CanonicalizationMethod', code, `${what}/SignedInfo`).getAttribute('Algorithm');
  if (c14n !== ALG.excC14n) reject(code, `${what}: CanonicalizationMethod must be exclusive c14n, found ${c14n}`);
  const signatureAlgorithm = one(si, NS.ds, 'SignatureMethod', code, `${what}/SignedInfo`).getAttribute('Algorithm') ?? '';
  if (!SIGNATURE_ALGS.has(signatureAlgorithm)) reject(code, `${what}: unsupported SignatureMethod ${signatureAlgorithm}`);
  const references = childrenNS(si, NS.ds, 'Reference').map((ref) => {
    const uri = ref.getAttribute('URI') ?? '';
    if (!/^#[^'"]+$/.test(uri)) reject('RIFERIMENTI_NON_VALIDI', `${what}: reference URI must be a same-document id (#id), found ${JSON.stringify(uri)}`);
    const transformsEl = childrenNS(ref, NS.ds, 'Transforms');
    const transforms = transformsEl.length ? childrenNS(transformsEl[0]!, NS.ds, 'Transform').map((t) => t.getAttribute('Algorithm') ?? '') : [];
    for (const t of transforms) if (!allowedTransforms.has(t)) reject('RIFERIMENTI_NON_VALIDI', `${what}: transform ${t} is not allowed`);
    const digest = one(ref, NS.ds, 'DigestMethod', code, `${what}/Reference`).getAttribute('Algorithm') ?? '';
    if (!DIGEST_ALGS.has(digest)) reject(code, `${what}: unsupported DigestMethod ${digest}`);
    return { uri: uri.slice(1), transforms, digest };
  });
  return { signatureAlgorithm, references };
}

function checkXmlSignature(sigNode: Element, publicCertPem: string, rawXml: string, idMode: 'wssecurity' | undefined, what: string): SignedXml {
  const sx = new SignedXml({ publicCert: publicCertPem, ...(idMode ? { idMode } : {}) });
  try {
    sx.loadSignature(sigNode as never);
    const ok = sx.checkSignature(rawXml);
    if (!ok) {
      const errs = sx.getReferences().map((r) => r.validationError?.message).filter(Boolean);
      reject('FIRMA_NON_VALIDA', `${what}: ${errs.join('; ') || 'a reference digest does not match'}`);
    }
  } catch (err) {
    if (err instanceof Reject) throw err;
    reject('FIRMA_NON_VALIDA', `${what}: ${(err as Error).message}`);
  }
  return sx;
}

function certFromBase64(b64: string, what: string): { pem: string; x509: X509Certificate } {
  try {
    const pem = base64ToPem(b64);
    return { pem, x509: new X509Certificate(pem) };
  } catch (err) {
    reject('CERTIFICATO_NON_VALIDO', `${what}: not an X.509 certificate (${(err as Error).message})`);
  }
}

function chainOrReject(x509: X509Certificate, opts: VerifyOptions, what: string): void {
  const res = checkChain(x509, opts.trustedCaPems, opts.now);
  if (!res.ok) reject(res.code, `${what}: ${res.reason}`);
}

/** ANPR's messages live five minutes: a longer-lived Timestamp could be replayed for hours. */
export const MAX_TIMESTAMP_LIFETIME_MS = 300_000;

function textOf(el: Element | undefined): string {
  return (el?.textContent ?? '').trim();
}

function verifyInner(rawXml: string, opts: VerifyOptions): WsSecurityResult {
  if (typeof rawXml !== 'string' || !rawXml.trim()) reject('XML_NON_VALIDO', 'empty message');
  let doc: Document;
  try {
    doc = parseXmlStrict(rawXml);
  } catch (err) {
    reject('XML_NON_VALIDO', (err as Error).message);
  }
  const skewMs = (opts.maxClockSkewSeconds ?? 30) * 1000;
  const now = opts.now.getTime();

  // --- SOAP structure -------------------------------------------------------------------------
  const envelope = doc.documentElement!;
  if (envelope.namespaceURI !== NS.soap || envelope.localName !== 'Envelope') {
    reject('XML_NON_VALIDO', `document element is {${envelope.namespaceURI}}${envelope.localName}, not a SOAP 1.1 Envelope`);
  }
  const envKids = elementChildren(envelope);
  if (envKids.length !== 2 || envKids[0]!.namespaceURI !== NS.soap || envKids[0]!.localName !== 'Header' || envKids[1]!.namespaceURI !== NS.soap || envKids[1]!.localName !== 'Body') {
    reject('XML_NON_VALIDO', 'Envelope must contain exactly soap:Header followed by soap:Body');
  }
  const header = envKids[0]!;
  const body = envKids[1]!;
  const allSecurity = doc.getElementsByTagNameNS(NS.wsse, 'Security');
  if (allSecurity.length !== 1) reject('SICUREZZA_NON_VALIDA', `expected exactly one wsse:Security in the document, found ${allSecurity.length}`);
  const security = one(header, NS.wsse, 'Security', 'SICUREZZA_NON_VALIDA', 'soap:Header');
  const ids = indexIds(doc);

  // --- Timestamp -------------------------------------------------------------------------------
  const tsAll = childrenNS(security, NS.wsu, 'Timestamp');
  if (tsAll.length !== 1) reject('TIMESTAMP_NON_VALIDO', `expected exactly one wsu:Timestamp in wsse:Security, found ${tsAll.length}`);
  const timestamp = tsAll[0]!;
  const createdEl = childrenNS(timestamp, NS.wsu, 'Created');
  const expiresEl = childrenNS(timestamp, NS.wsu, 'Expires');
  if (createdEl.length !== 1 || expiresEl.length !== 1) reject('TIMESTAMP_NON_VALIDO', 'Timestamp must have exactly one Created and one Expires');
  const created = textOf(createdEl[0]);
  const expires = textOf(expiresEl[0]);
  const createdT = parseDateTime(created, 'Timestamp/Created', 'TIMESTAMP_NON_VALIDO');
  const expiresT = parseDateTime(expires, 'Timestamp/Expires', 'TIMESTAMP_NON_VALIDO');
  if (expiresT <= createdT) reject('TIMESTAMP_NON_VALIDO', `Timestamp Expires ${expires} is not after Created ${created}`);
  if (expiresT - createdT > MAX_TIMESTAMP_LIFETIME_MS) {
    reject('TIMESTAMP_NON_VALIDO', `Timestamp lifetime ${(expiresT - createdT) / 1000}s exceeds ${MAX_TIMESTAMP_LIFETIME_MS / 1000}s (Created ${created}, Expires ${expires})`);
  }
  if (createdT > now + skewMs) reject('TIMESTAMP_NON_VALIDO', `Timestamp Created ${created} is in the future (now ${opts.now.toISOString()}, skew ${skewMs / 1000}s)`);
  if (expiresT <= now - skewMs) reject('TIMESTAMP_SCADUTO', `Timestamp expired at ${expires} (now ${opts.now.toISOString()}, skew ${skewMs / 1000}s)`);

  // --- Message signature: shape and references ---------------------------------------------------
  const sigs = childrenNS(security, NS.ds, 'Signature');
  if (sigs.length !== 1) reject('FIRMA_NON_VALIDA', `expected exactly one ds:Signature in wsse:Security, found ${sigs.length}`);
  const msgSig = sigs[0]!;
  const shape = readSignatureShape(msgSig, MESSAGE_TRANSFORMS, 'FIRMA_NON_VALIDA', 'message signature');
  if (shape.references.length !== 2) {
    reject('RIFERIMENTI_NON_VALIDI', `message signature must have exactly 2 references (Body, Timestamp), found ${shape.references.length}`);
  }
  const targets = shape.references.map((r) => ids.get(r.uri));
  const coversBody = targets.filter((t) => t === body).length === 1;
  const coversTs = targets.filter((t) => t === timestamp).length === 1;
  if (!coversBody || !coversTs) {
    const where = shape.references.map((r, i) => `#${r.uri} → ${targets[i] ? `${targets[i]!.parentNode?.nodeName}/${targets[i]!.nodeName}` : 'nothing'}`).join(', ');
    reject('RIFERIMENTI_NON_VALIDI', `signed references must be the Envelope's soap:Body and the Security header's wsu:Timestamp (${where})`);
  }

  // --- Token: KeyInfo/SecurityTokenReference → BinarySecurityToken --------------------------------
  const keyInfo = one(msgSig, NS.ds, 'KeyInfo', 'FIRMA_NON_VALIDA', 'message signature');
  const str = one(keyInfo, NS.wsse, 'SecurityTokenReference', 'FIRMA_NON_VALIDA', 'message signature KeyInfo');
  const strRef = one(str, NS.wsse, 'Reference', 'FIRMA_NON_VALIDA', 'SecurityTokenReference');
  const tokenUri = strRef.getAttribute('URI') ?? '';
  const bst = tokenUri.startsWith('#') ? ids.get(tokenUri.slice(1)) : undefined;
  if (!bst || bst.parentNode !== security || bst.namespaceURI !== NS.wsse || bst.localName !== 'BinarySecurityToken') {
    reject('FIRMA_NON_VALIDA', `SecurityTokenReference ${JSON.stringify(tokenUri)} does not point to a BinarySecurityToken in wsse:Security`);
  }
  if (bst.getAttribute('ValueType') !== WSS_X509V3) reject('FIRMA_NON_VALIDA', `BinarySecurityToken ValueType is not X509v3: ${bst.getAttribute('ValueType')}`);
  const signer = certFromBase64(textOf(bst), 'BinarySecurityToken');
  chainOrReject(signer.x509, opts, 'message signer');

  // --- Message signature: cryptography ------------------------------------------------------------
  const msgSx = checkXmlSignature(msgSig, signer.pem, rawXml, 'wssecurity', 'message signature');
  const verifiedRefs = msgSx.getReferences();
  if (verifiedRefs.length !== 2 || verifiedRefs.some((r, i) => (r.uri ?? '').replace(/^#/, '') !== shape.references[i]!.uri)) {
    reject('RIFERIMENTI_NON_VALIDI', 'references checked by the signature differ from the inspected ones');
  }
  const bodyIndex = targets.indexOf(body);
  const bodyCanonicalXml = verifiedRefs[bodyIndex]!.signedReference;
  if (typeof bodyCanonicalXml !== 'string') reject('FIRMA_NON_VALIDA', 'Body reference was not validated');

  // --- SAML assertion -----------------------------------------------------------------------------
  const assertions = childrenNS(security, NS.saml2, 'Assertion');
  if (assertions.length === 0) reject('ASSERZIONE_MANCANTE', 'no saml2:Assertion in wsse:Security');
  if (assertions.length > 1) reject('ASSERZIONE_NON_VALIDA', `expected one saml2:Assertion, found ${assertions.length}`);
  if (doc.getElementsByTagNameNS(NS.saml2, 'Assertion').length !== 1) reject('ASSERZIONE_NON_VALIDA', 'saml2:Assertion elements found outside wsse:Security');
  const assertion = assertions[0]!;
  const assertionId = assertion.getAttribute('ID') ?? '';
  if (!assertionId || ids.get(assertionId) !== assertion) reject('ASSERZIONE_NON_VALIDA', 'assertion has no (unique) ID');
  const aSigs = childrenNS(assertion, NS.ds, 'Signature');
  if (aSigs.length !== 1) reject('ASSERZIONE_NON_VALIDA', `assertion must contain exactly one enveloped ds:Signature, found ${aSigs.length}`);
  const aShape = readSignatureShape(aSigs[0]!, MESSAGE_TRANSFORMS, 'ASSERZIONE_NON_VALIDA', 'assertion signature');
  if (aShape.references.length !== 1 || aShape.references[0]!.uri !== assertionId) {
    reject('ASSERZIONE_NON_VALIDA', `assertion signature must have exactly one reference, to #${assertionId}`);
  }
  if (!aShape.references[0]!.transforms.includes(ALG.enveloped)) reject('ASSERZIONE_NON_VALIDA', 'assertion signature lacks the enveloped-signature transform');
  const x509El = aSigs[0]!.getElementsByTagNameNS(NS.ds, 'X509Certificate');
  if (x509El.length !== 1) reject('ASSERZIONE_NON_VALIDA', 'assertion signature must carry exactly one KeyInfo/X509Data/X509Certificate');
  const aSigner = certFromBase64(textOf(x509El[0] as Element), 'assertion signer');
  chainOrReject(aSigner.x509, opts, 'assertion signer');
  let aSx: SignedXml;
  try {
    aSx = checkXmlSignature(aSigs[0]!, aSigner.pem, rawXml, undefined, 'assertion signature');
  } catch (err) {
    if (err instanceof Reject && err.code === 'FIRMA_NON_VALIDA') reject('ASSERZIONE_NON_VALIDA', err.message);
    throw err;
  }
  const aRefs = aSx.getReferences();
  if (aRefs.length !== 1 || aRefs[0]!.uri !== `#${assertionId}`) reject('ASSERZIONE_NON_VALIDA', 'references checked by the assertion signature differ from the inspected ones');
  const signedAssertionXml = aRefs[0]!.signedReference;
  if (typeof signedAssertionXml !== 'string') reject('ASSERZIONE_NON_VALIDA', 'assertion reference was not validated');
  const verified = readSignedAssertion(signedAssertionXml, now, skewMs);

  // --- IdPostazioneFirmato ------------------------------------------------------------------------
  const cms = verifyIdPostazioneFirmato(verified.idPostazioneFirmato, verified.idPostazione, opts.trustedCaPems, opts.now);
  if (!cms.ok) reject('ID_POSTAZIONE_FIRMATO_NON_VALIDO', `IdPostazioneFirmato: ${cms.reason}`);

  return {
    ok: true,
    signerCertPem: signer.pem,
    assertion: { ...verified, id: assertionId, signerCertPem: aSigner.pem },
    bodyElement: body,
    bodyCanonicalXml,
    timestamp: { created, expires },
    signatureAlgorithm: shape.signatureAlgorithm,
  };
}

/** Reads the assertion values from its signed canonical form and checks its time windows. */
function readSignedAssertion(xml: string, now: number, skewMs: number): Omit<VerifiedAssertion, 'id' | 'signerCertPem'> {
  let a: Element;
  try {
    a = parseXmlStrict(xml).documentElement!;
  } catch (err) {
    reject('ASSERZIONE_NON_VALIDA', `signed assertion cannot be parsed: ${(err as Error).message}`);
  }
  const bad = (msg: string): never => reject('ASSERZIONE_NON_VALIDA', msg);
  if (a.namespaceURI !== NS.saml2 || a.localName !== 'Assertion') bad('signed reference is not a saml2:Assertion');
  if (a.getAttribute('Version') !== '2.0') bad(`assertion Version is ${a.getAttribute('Version')}, expected 2.0`);
  const issuer = textOf(one(a, NS.saml2, 'Issuer', 'ASSERZIONE_NON_VALIDA', 'assertion'));
  const subject = one(a, NS.saml2, 'Subject', 'ASSERZIONE_NON_VALIDA', 'assertion');
  const nameId = textOf(one(subject, NS.saml2, 'NameID', 'ASSERZIONE_NON_VALIDA', 'Subject'));
  if (!nameId) bad('Subject/NameID is empty');
  const sc = one(subject, NS.saml2, 'SubjectConfirmation', 'ASSERZIONE_NON_VALIDA', 'Subject');
  if (sc.getAttribute('Method') !== 'urn:oasis:names:tc:SAML:2.0:cm:bearer') bad(`SubjectConfirmation Method is ${sc.getAttribute('Method')}, expected bearer`);
  const scd = one(sc, NS.saml2, 'SubjectConfirmationData', 'ASSERZIONE_NON_VALIDA', 'SubjectConfirmation');
  const conditions = one(a, NS.saml2, 'Conditions', 'ASSERZIONE_NON_VALIDA', 'assertion');
  let notBefore = '';
  let notOnOrAfter = '';
  for (const [el, what] of [[scd, 'SubjectConfirmationData'], [conditions, 'Conditions']] as const) {
    const nb = el.getAttribute('NotBefore');
    const na = el.getAttribute('NotOnOrAfter');
    const nbT = parseDateTime(nb, `${what}/@NotBefore`, 'ASSERZIONE_NON_VALIDA');
    const naT = parseDateTime(na, `${what}/@NotOnOrAfter`, 'ASSERZIONE_NON_VALIDA');
    if (nbT > now + skewMs) bad(`${what} NotBefore ${nb} is in the future`);
    if (naT <= now - skewMs) bad(`${what} expired at ${na}`);
    if (what === 'Conditions') {
      notBefore = nb!;
      notOnOrAfter = na!;
    }
  }
  const authn = childrenNS(a, NS.saml2, 'AuthnStatement');
  let subjectLocality: string | null = null;
  if (authn.length) {
    const loc = childrenNS(authn[0]!, NS.saml2, 'SubjectLocality');
    subjectLocality = loc.length ? loc[0]!.getAttribute('Address') : null;
  }
  const attrs = new Map<string, string>();
  for (const st of childrenNS(a, NS.saml2, 'AttributeStatement')) {
    for (const at of childrenNS(st, NS.saml2, 'Attribute')) {
      const name = at.getAttribute('Name') ?? '';
      const values = childrenNS(at, NS.saml2, 'AttributeValue');
      if (values.length !== 1) bad(`attribute ${name} must have exactly one value`);
      if (attrs.has(name)) bad(`attribute ${name} is repeated`);
      attrs.set(name, textOf(values[0]));
    }
  }
  const need = (n: string): string => {
    const v = attrs.get(n);
    if (!v) bad(`attribute ${n} is missing or empty`);
    return v!;
  };
  return {
    issuer,
    nameId,
    idSede: need('IdSede'),
    idPostazione: need('IdPostazione'),
    idApplicazione: need('IdApplicazione'),
    idPostazioneFirmato: need('IdPostazioneFirmato'),
    subjectLocality,
    notBefore,
    notOnOrAfter,
  };
}

/** Verifies a received SOAP message against the ANPR WS-Security profile. Never throws. */
export function verifyWsSecurity(rawXml: string, opts: VerifyOptions): WsSecurityResult {
  try {
    return verifyInner(rawXml, opts);
  } catch (err) {
    if (err instanceof Reject) return { ok: false, code: err.code, reason: err.message };
    return { ok: false, code: 'XML_NON_VALIDO', reason: `unexpected verifier error: ${(err as Error).message}` };
  }
}
