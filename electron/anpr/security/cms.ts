/**
 * IdPostazioneFirmato: CMS SignedData (PKCS#7, OID 1.2.840.113549.1.7.2),
 * SHA-256 with RSA, content attached (the IdPostazione string), signer
 * certificate included — as the Sogei sample client (BouncyCastle) makes it.
 *
 * Signing builds the structure with node-forge but computes the RSA
 * signature with node:crypto; verification parses the ASN.1 with forge and
 * checks digests and signature with node:crypto (forge has no CMS verify).
 */
import { constants, createHash, createPrivateKey, privateEncrypt, verify as cryptoVerify, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { checkChain } from './certs';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
} as const;

const DIGEST_BY_OID: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};
const SIG_DIGEST_BY_OID: Record<string, string | null> = {
  [OID.rsaEncryption]: null, // digest from digestAlgorithm
  [OID.sha1WithRSA]: 'sha1',
  [OID.sha256WithRSA]: 'sha256',
  [OID.sha384WithRSA]: 'sha384',
  [OID.sha512WithRSA]: 'sha512',
};

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export interface SignIdPostazioneOptions {
  /** signingTime signed attribute; default: now. */
  signingTime?: Date;
}

/**
 * Returns base64 DER of a CMS SignedData over `idPostazione` (UTF-8),
 * signed attributes contentType, signingTime and messageDigest.
 */
export function signIdPostazione(
  idPostazione: string,
  keyPem: string | KeyObject,
  certPem: string,
  opts: SignIdPostazioneOptions = {},
): string {
  const key = typeof keyPem === 'string' ? createPrivateKey(keyPem) : keyPem;
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(forge.util.encodeUtf8(idPostazione));
  const cert = forge.pki.certificateFromPem(certPem);
  p7.addCertificate(cert);
  // forge calls key.sign(md, 'RSASSA-PKCS1-V1_5'); do the RSA operation with node:crypto.
  const nodeKey = {
    sign(md: forge.md.MessageDigest): string {
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const sig = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]));
      return sig.toString('binary');
    },
  };
  p7.addSigner({
    key: nodeKey as unknown as forge.pki.rsa.PrivateKey,
    certificate: cert,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
      { type: forge.pki.oids.signingTime!, value: (opts.signingTime ?? new Date()) as unknown as string },
      { type: forge.pki.oids.messageDigest! },
    ],
  });
  p7.sign({ detached: false });
  const der = forge.asn1.toDer(p7.toAsn1()).getBytes();
  return Buffer.from(der, 'binary').toString('base64');
}

export type CmsVerifyResult = { ok: true; signerCertPem: string; signingTime?: string } | { ok: false; reason: string };

type Asn1 = forge.asn1.Asn1;
const { Class, Type } = forge.asn1;

class CmsFormatError extends Error {}

function fail(msg: string): never {
  throw new CmsFormatError(msg);
}

function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value)) fail(`${what}: expected a constructed ASN.1 value`);
  return node.value as Asn1[];
}

function bytesOf(node: Asn1 | undefined, what: string): string {
  if (!node) fail(`${what}: missing`);
  if (typeof node.value === 'string') return node.value;
  // constructed OCTET STRING (BER): concatenate the pieces
  return children(node, what).map((c) => bytesOf(c, what)).join('');
}

function oidOf(node: Asn1 | undefined, what: string): string {
  if (!node || node.tagClass !== Class.UNIVERSAL || node.type !== Type.OID || typeof node.value !== 'string') fail(`${what}: expected an OID`);
  return forge.asn1.derToOid(node.value);
}

function der(node: Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

function parseTime(node: Asn1 | undefined): string | undefined {
  if (!node || typeof node.value !== 'string') return undefined;
  try {
    if (node.type === Type.UTCTIME) return forge.asn1.utcTimeToDate(node.value).toISOString();
    if (node.type === Type.GENERALIZEDTIME) return forge.asn1.generalizedTimeToDate(node.value).toISOString();
  } catch {
    return undefined;
  }
  return undefined;
}

/** issuer Name and serial INTEGER of a certificate's tbsCertificate. */
function issuerAndSerial(certAsn1: Asn1): { issuer: Buffer; serial: string } {
  const tbs = children(children(certAsn1, 'certificate')[0], 'tbsCertificate');
  const idx = tbs[0]?.tagClass === Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { serial: bytesOf(tbs[idx], 'serialNumber'), issuer: der(tbs[idx + 2]!) };
}

/**
 * Verifies an IdPostazioneFirmato: a CMS SignedData with attached content
 * equal to `expectedIdPostazione`, valid signed attributes and RSA
 * signature, signed by a certificate (included in the CMS) issued by one of
 * `trustedCaPems` and valid at `now`.
 */
export function verifyIdPostazioneFirmato(
  base64: string,
  expectedIdPostazione: string,
  trustedCaPems: readonly string[],
  now: Date,
): CmsVerifyResult {
  try {
    return verifyInner(base64, expectedIdPostazione, trustedCaPems, now);
  } catch (err) {
    if (err instanceof CmsFormatError) return { ok: false, reason: err.message };
    return { ok: false, reason: `malformed CMS: ${(err as Error).message}` };
  }
}

/**
 * The time-independent part of the check (structure, content, digest, RSA
 * signature) is a pure function of the bytes: its successes are kept, since
 * a client reuses the same IdPostazioneFirmato for many messages. The chain
 * and validity at `now` are checked on every call.
 */
const verified = new Map<string, { signerCert: X509Certificate; signingTime?: string }>();

function verifyInner(base64: string, expected: string, trustedCaPems: readonly string[], now: Date): CmsVerifyResult {
  const key = `${expected}\u0000${base64}`;
  let hit = verified.get(key);
  if (!hit) {
    const r = verifySignature(base64, expected);
    if ('reason' in r) return r;
    hit = r;
    if (verified.size >= 64) verified.clear();
    verified.set(key, hit);
  }
  const chain = checkChain(hit.signerCert, trustedCaPems, now);
  if (!chain.ok) return { ok: false, reason: chain.reason };
  return { ok: true, signerCertPem: hit.signerCert.toString(), ...(hit.signingTime ? { signingTime: hit.signingTime } : {}) };
}

function verifySignature(base64: string, expected: string): { ok: false; reason: string } | { signerCert: X509Certificate; signingTime?: string } {
  const clean = (base64 ?? '').replace(/\s+/g, '');
  if (!clean || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) return { ok: false, reason: 'value is not base64' };
  const raw = Buffer.from(clean, 'base64');
  let root: Asn1;
  try {
    root = forge.asn1.fromDer(forge.util.createBuffer(raw.toString('binary')), { strict: true, parseAllBytes: true, decodeBitStrings: false } as never);
  } catch (err) {
    return { ok: false, reason: `not DER ASN.1: ${(err as Error).message}` };
  }
  const ci = children(root, 'ContentInfo');
  if (oidOf(ci[0], 'ContentInfo.contentType') !== OID.signedData) return { ok: false, reason: 'ContentInfo is not SignedData (1.2.840.113549.1.7.2)' };
  const sd = children(children(ci[1], 'ContentInfo.content')[0], 'SignedData');
  // SignedData: version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
  const encap = children(sd[2], 'encapContentInfo');
  if (oidOf(encap[0], 'eContentType') !== OID.data) return { ok: false, reason: 'eContentType is not id-data' };
  if (!encap[1]) return { ok: false, reason: 'content is detached (no eContent)' };
  const eContent = Buffer.from(bytesOf(children(encap[1], 'eContent')[0], 'eContent'), 'binary');
  const expectedBytes = Buffer.from(expected, 'utf8');
  if (!eContent.equals(expectedBytes)) {
    return { ok: false, reason: `signed content "${eContent.toString('utf8').slice(0, 64)}" differs from IdPostazione "${expected}"` };
  }
  let certsNode: Asn1 | undefined;
  let signerInfosNode: Asn1 | undefined;
  for (const n of sd.slice(3)) {
    if (n.tagClass === Class.CONTEXT_SPECIFIC && n.type === 0) certsNode = n;
    else if (n.tagClass === Class.UNIVERSAL && n.type === Type.SET) signerInfosNode = n;
  }
  const signerInfos = children(signerInfosNode, 'signerInfos');
  if (signerInfos.length !== 1) return { ok: false, reason: `expected exactly one SignerInfo, found ${signerInfos.length}` };
  const si = children(signerInfos[0], 'SignerInfo');
  // SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs?, signatureAlgorithm, signature, [1] unsignedAttrs?
  const sid = si[1]!;
  const digestOid = oidOf(children(si[2], 'digestAlgorithm')[0], 'digestAlgorithm');
  const hash = DIGEST_BY_OID[digestOid];
  if (!hash) return { ok: false, reason: `unsupported digest algorithm ${digestOid}` };
  let i = 3;
  let signedAttrs: Asn1 | undefined;
  if (si[i]?.tagClass === Class.CONTEXT_SPECIFIC && si[i]?.type === 0) signedAttrs = si[i++];
  const sigAlgOid = oidOf(children(si[i++], 'signatureAlgorithm')[0], 'signatureAlgorithm');
  if (!(sigAlgOid in SIG_DIGEST_BY_OID)) return { ok: false, reason: `unsupported signature algorithm ${sigAlgOid}` };
  const sigHash = SIG_DIGEST_BY_OID[sigAlgOid] ?? hash;
  if (sigHash !== hash) return { ok: false, reason: `signature algorithm ${sigAlgOid} does not match digest ${digestOid}` };
  const signature = Buffer.from(bytesOf(si[i], 'signature'), 'binary');

  // Signer certificate: match the sid against the included certificates.
  const certs = certsNode ? children(certsNode, 'certificates') : [];
  let signerCert: X509Certificate | undefined;
  for (const c of certs) {
    if (c.tagClass !== Class.UNIVERSAL || c.type !== Type.SEQUENCE) continue;
    if (sid.tagClass === Class.UNIVERSAL && sid.type === Type.SEQUENCE) {
      const [sidIssuer, sidSerial] = children(sid, 'IssuerAndSerialNumber');
      const ias = issuerAndSerial(c);
      if (ias.serial === bytesOf(sidSerial, 'serial') && ias.issuer.equals(der(sidIssuer!))) {
        signerCert = new X509Certificate(der(c));
        break;
      }
    } else {
      // SubjectKeyIdentifier sids are not produced by ANPR clients (BouncyCastle uses issuerAndSerialNumber).
      return { ok: false, reason: 'SignerInfo does not identify the signer by issuerAndSerialNumber (not supported)' };
    }
  }
  if (!signerCert) return { ok: false, reason: 'signer certificate is not included in the CMS' };

  let signedBytes: Buffer;
  let signingTime: string | undefined;
  if (signedAttrs) {
    let contentTypeOk = false;
    let digestOk: boolean | undefined;
    for (const attr of children(signedAttrs, 'signedAttrs')) {
      const [typeNode, valuesNode] = children(attr, 'Attribute');
      const type = oidOf(typeNode, 'Attribute.type');
      const values = children(valuesNode, 'Attribute.values');
      if (values.length !== 1) return { ok: false, reason: `signed attribute ${type} must have exactly one value` };
      if (type === OID.contentType) contentTypeOk = oidOf(values[0], 'contentType') === OID.data;
      else if (type === OID.messageDigest) {
        const md = Buffer.from(bytesOf(values[0], 'messageDigest'), 'binary');
        digestOk = md.equals(createHash(hash).update(eContent).digest());
      } else if (type === OID.signingTime) signingTime = parseTime(values[0]);
    }
    if (!contentTypeOk) return { ok: false, reason: 'signed attribute contentType missing or not id-data' };
    if (digestOk === undefined) return { ok: false, reason: 'signed attribute messageDigest missing' };
    if (!digestOk) return { ok: false, reason: 'messageDigest does not match the content' };
    // The signature covers the DER of the attributes as a SET OF (tag 0x31), not [0] IMPLICIT.
    signedBytes = der(signedAttrs);
    signedBytes[0] = 0x31;
  } else {
    signedBytes = eContent;
  }
  if (!cryptoVerify(hash, signedBytes, signerCert.publicKey, signature)) {
    return { ok: false, reason: 'RSA signature over the signed attributes is not valid' };
  }
  return { signerCert, ...(signingTime ? { signingTime } : {}) };
}
