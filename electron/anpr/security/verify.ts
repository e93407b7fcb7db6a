/**
 * Independent verifier of the ANPR WS-Security profile, for tests and for
 * the ANPR simulator. It does not share code with the signer beyond
 * constants: the signer emits hand-built canonical strings, while here every
 * signed part is canonicalised from the parsed DOM with xml-crypto's
 * exclusive c14n, digested and checked with node:crypto; the CMS is checked
 * with cms.ts, certificate chains with node:crypto.
 *
 * Reference processing (XML-DSig core validation) is done here on the one
 * parsed document, against the id index, instead of xml-crypto's SignedXml:
 * SignedXml re-parsed the whole message once per signature and located each
 * reference and its ancestors' namespaces with XPath scans of the whole
 * document, which cost ~20 ms per message (issue 14). The steps are the
 * same: the SignedInfo is canonicalised (exc-c14n, its ancestors' namespaces
 * for an InclusiveNamespaces list), its signature checked, the references
 * read back from the *signed canonical* SignedInfo, each referenced element
 * transformed (enveloped-signature, then exc-c14n with its PrefixList) and
 * digested.
 *
 * Signature-wrapping resistance: ids must be unique in the whole document,
 * the message signature must have exactly two references, resolving to the
 * Body that is the direct child of the Envelope and the Timestamp that is
 * the direct child of the (single) Security header; the assertion's
 * signature must reference the assertion that contains it; assertion values
 * are read from the signed (canonical) bytes, not from the received DOM.
 */
import { createHash, verify as cryptoVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { ExclusiveCanonicalization } from 'xml-crypto';
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

interface ReferenceShape {
  uri: string;
  transforms: string[];
  digest: string;
  digestValue: string;
  /** exc-c14n InclusiveNamespaces PrefixList of the reference's c14n transform. */
  prefixList: string[];
}

interface SignatureShape {
  signatureAlgorithm: string;
  references: ReferenceShape[];
}

function prefixListOf(el: Element): string[] {
  const inc = childrenNS(el, NS.ec, 'InclusiveNamespaces');
  if (inc.length > 1) reject('RIFERIMENTI_NON_VALIDI', 'more than one InclusiveNamespaces in a transform');
  return inc.length ? (inc[0]!.getAttribute('PrefixList') ?? '').split(/\s+/).filter(Boolean) : [];
}

/** Reads (and checks) a SignedInfo: c14n method, signature method, references with their transforms and digests. */
function readSignedInfo(si: Element, allowedTransforms: Set<string>, code: WsSecurityErrorCode, what: string): SignatureShape {
  for (const el of elementChildren(si)) {
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
    if (transformsEl.length > 1) reject('RIFERIMENTI_NON_VALIDI', `${what}: a reference has more than one Transforms`);
    const transformEls = transformsEl.length ? childrenNS(transformsEl[0]!, NS.ds, 'Transform') : [];
    const transforms = transformEls.map((t) => t.getAttribute('Algorithm') ?? '');
    for (const t of transforms) if (!allowedTransforms.has(t)) reject('RIFERIMENTI_NON_VALIDI', `${what}: transform ${t} is not allowed`);
    // The profile's chains: [exc-c14n] or [enveloped-signature, exc-c14n]; the octets digested are always exc-c14n's.
    const last = transforms[transforms.length - 1];
    const chainOk = last === ALG.excC14n && (transforms.length === 1 || (transforms.length === 2 && transforms[0] === ALG.enveloped));
    if (!chainOk) reject('RIFERIMENTI_NON_VALIDI', `${what}: the transforms must be exclusive c14n, optionally after enveloped-signature (found ${JSON.stringify(transforms)})`);
    const digest = one(ref, NS.ds, 'DigestMethod', code, `${what}/Reference`).getAttribute('Algorithm') ?? '';
    if (!DIGEST_ALGS.has(digest)) reject(code, `${what}: unsupported DigestMethod ${digest}`);
    const digestValue = textOf(one(ref, NS.ds, 'DigestValue', code, `${what}/Reference`)).replace(/\s+/g, '');
    return { uri: uri.slice(1), transforms, digest, digestValue, prefixList: prefixListOf(transformEls[transformEls.length - 1]!) };
  });
  return { signatureAlgorithm, references };
}

function readSignatureShape(sig: Element, allowedTransforms: Set<string>, code: WsSecurityErrorCode, what: string): SignatureShape {
  const si = one(sig, NS.ds, 'SignedInfo', code, what);
  // Only ds elements in ds:Signature (and in SignedInfo, checked by readSignedInfo).
  for (const el of elementChildren(sig)) {
    if (el.namespaceURI !== NS.ds) reject(code, `${what}: unexpected element {${el.namespaceURI}}${el.localName} in ds:Signature/SignedInfo`);
  }
  return readSignedInfo(si, allowedTransforms, code, what);
}

const exc = new ExclusiveCanonicalization();
const HASH_OF: Record<string, string> = { [ALG.rsaSha256]: 'sha256', [ALG.rsaSha1]: 'sha1', [ALG.sha256]: 'sha256', [ALG.sha1]: 'sha1' };

/** The namespaces declared on `node`'s ancestors, nearest first, as xml-crypto collects them for c14n. */
function ancestorNamespaces(node: Element): { prefix: string; namespaceURI: string }[] {
  const seen = new Set<string>();
  const out: { prefix: string; namespaceURI: string }[] = [];
  const own = new Set<string>([node.prefix ?? '']);
  for (let i = 0; i < node.attributes.length; i++) {
    const n = node.attributes[i]!.nodeName;
    if (n === 'xmlns' || n.startsWith('xmlns:')) own.add(n.replace(/^xmlns:?/, ''));
  }
  for (let p = node.parentNode; p && p.nodeType === 1; p = p.parentNode) {
    const el = p as Element;
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes[i]!;
      if (!/^xmlns:?/.test(a.nodeName)) continue;
      const prefix = a.nodeName.replace(/^xmlns:?/, '');
      if (seen.has(prefix)) continue;
      seen.add(prefix);
      if (a.nodeValue && !own.has(prefix)) out.push({ prefix, namespaceURI: a.nodeValue });
    }
  }
  return out;
}

/** Exclusive c14n of `el` (a deep copy, so the document is untouched), optionally without the enveloped `signature`. */
function canonicalize(el: Element, prefixList: string[], enveloped?: Element): string {
  const copy = el.cloneNode(true) as Element;
  if (enveloped) {
    // The same position in the copy: the enveloped-signature transform removes exactly the signature being checked.
    const path: number[] = [];
    let n: Node = enveloped;
    while (n !== el) {
      const parent = n.parentNode;
      if (!parent) reject('RIFERIMENTI_NON_VALIDI', 'enveloped-signature transform on an element that does not contain the signature');
      path.push(Array.prototype.indexOf.call(parent.childNodes, n) as number);
      n = parent;
    }
    let target: Node = copy;
    for (const i of path.reverse()) target = target.childNodes[i]!;
    target.parentNode!.removeChild(target);
  }
  return exc.process(copy as never, { inclusiveNamespacesPrefixList: prefixList, ancestorNamespaces: ancestorNamespaces(el) }) as string;
}

function isDescendant(node: Node, ancestor: Node): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) if (p === ancestor) return true;
  return false;
}

/**
 * XML-DSig core validation of `sig` with `key`: every reference's digest, then the
 * SignatureValue over the canonical SignedInfo. References are taken from the signed
 * canonical SignedInfo (re-parsed) and must equal `shape`, the ones inspected.
 * Returns the canonical octets of each reference, in order.
 */
function checkXmlSignature(sig: Element, shape: SignatureShape, key: KeyObject, ids: Map<string, Element>, what: string): string[] {
  const si = childrenNS(sig, NS.ds, 'SignedInfo')[0]!;
  const siCanonical = canonicalize(si, prefixListOf(childrenNS(si, NS.ds, 'CanonicalizationMethod')[0]!));
  let signed: SignatureShape;
  try {
    signed = readSignedInfo(parseXmlStrict(siCanonical).documentElement!, MESSAGE_TRANSFORMS, 'FIRMA_NON_VALIDA', what);
  } catch (err) {
    if (err instanceof Reject) throw err;
    reject('FIRMA_NON_VALIDA', `${what}: canonical SignedInfo cannot be read (${(err as Error).message})`);
  }
  if (JSON.stringify(signed) !== JSON.stringify(shape)) reject('RIFERIMENTI_NON_VALIDI', `${what}: references checked by the signature differ from the inspected ones`);
  const canonicals = signed.references.map((ref) => {
    const target = ids.get(ref.uri);
    if (!target) reject('FIRMA_NON_VALIDA', `${what}: invalid signature: the signature references an element with uri #${ref.uri} but could not find such element in the xml`);
    const enveloped = ref.transforms.includes(ALG.enveloped) && isDescendant(sig, target) ? sig : undefined;
    const canonical = canonicalize(target, ref.prefixList, enveloped);
    const digest = createHash(HASH_OF[ref.digest]!).update(canonical, 'utf8').digest();
    if (!digest.equals(Buffer.from(ref.digestValue, 'base64'))) {
      reject('FIRMA_NON_VALIDA', `${what}: invalid signature: for uri #${ref.uri} calculated digest is ${digest.toString('base64')} but the xml to validate supplies digest ${ref.digestValue}`);
    }
    return canonical;
  });
  const valueEl = childrenNS(sig, NS.ds, 'SignatureValue');
  if (valueEl.length !== 1) reject('FIRMA_NON_VALIDA', `${what}: expected exactly one SignatureValue, found ${valueEl.length}`);
  const value = Buffer.from(textOf(valueEl[0]).replace(/\s+/g, ''), 'base64');
  let ok = false;
  try {
    ok = cryptoVerify(HASH_OF[signed.signatureAlgorithm]!, Buffer.from(siCanonical, 'utf8'), key, value);
  } catch (err) {
    reject('FIRMA_NON_VALIDA', `${what}: ${(err as Error).message}`);
  }
  if (!ok) reject('FIRMA_NON_VALIDA', `${what}: invalid signature: the signature value is incorrect`);
  return canonicals;
}

/** Parsed certificates by base64 DER (parsing is pure; the checks that depend on time run every time). */
const certCache = new Map<string, { pem: string; x509: X509Certificate }>();

function certFromBase64(b64: string, what: string): { pem: string; x509: X509Certificate } {
  const hit = certCache.get(b64);
  if (hit) return hit;
  try {
    const pem = base64ToPem(b64);
    const c = { pem, x509: new X509Certificate(pem) };
    if (certCache.size >= 64) certCache.clear();
    certCache.set(b64, c);
    return c;
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
  const verifiedRefs = checkXmlSignature(msgSig, shape, signer.x509.publicKey, ids, 'message signature');
  const bodyIndex = targets.indexOf(body);
  const bodyCanonicalXml = verifiedRefs[bodyIndex];
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
  let aRefs: string[];
  try {
    aRefs = checkXmlSignature(aSigs[0]!, aShape, aSigner.x509.publicKey, ids, 'assertion signature');
  } catch (err) {
    if (err instanceof Reject && (err.code === 'FIRMA_NON_VALIDA' || err.code === 'RIFERIMENTI_NON_VALIDI')) reject('ASSERZIONE_NON_VALIDA', err.message);
    throw err;
  }
  const signedAssertionXml = aRefs[0];
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
