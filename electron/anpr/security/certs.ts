/**
 * Certificate-chain checks with node:crypto only (no forge), shared by the
 * CMS verifier and the WS-Security verifier. ANPR certificates are issued
 * directly by the ANPR CA, so the chain is leaf → trusted CA (one level).
 */
import { X509Certificate } from 'node:crypto';

export type ChainCheck =
  | { ok: true; cert: X509Certificate; ca: X509Certificate }
  | { ok: false; code: 'CA_NON_ATTENDIBILE' | 'CERTIFICATO_NON_VALIDO'; reason: string };

const caCache = new Map<string, X509Certificate>();

function parseCa(pem: string): X509Certificate {
  let ca = caCache.get(pem);
  if (!ca) {
    ca = new X509Certificate(pem);
    if (caCache.size > 64) caCache.clear();
    caCache.set(pem, ca);
  }
  return ca;
}

export function certValidity(cert: X509Certificate): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) };
}

/** One DER TLV at `off`: tag, content start and end. */
function tlv(der: Buffer, off: number): { tag: number; start: number; end: number } {
  if (off + 2 > der.length) throw new RangeError('DER truncated');
  const tag = der[off]!;
  let len = der[off + 1]!;
  let start = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > der.length) throw new RangeError('DER length not supported');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i]!;
    start += n;
  }
  if (start + len > der.length) throw new RangeError('DER truncated');
  return { tag, start, end: start + len };
}

function figli(der: Buffer, node: { start: number; end: number }): { tag: number; start: number; end: number }[] {
  const out = [];
  for (let p = node.start; p < node.end; ) {
    const t = tlv(der, p);
    out.push(t);
    p = t.end;
  }
  return out;
}

const KEY_USAGE_OID = Buffer.from([0x55, 0x1d, 0x0f]); // 2.5.29.15
const USI = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign'] as const;
export type UsoChiave = (typeof USI)[number];

/**
 * The keyUsage extension's bits (RFC 5280 §4.2.1.3), or null when the
 * certificate has none. node:crypto exposes only the extended key usage.
 */
export function usiChiave(cert: X509Certificate): Set<UsoChiave> | null {
  const der = cert.raw;
  const tbs = figli(der, tlv(der, 0))[0]!;
  const estensioni = figli(der, tbs).find((t) => t.tag === 0xa3);
  if (!estensioni) return null;
  for (const ext of figli(der, figli(der, estensioni)[0]!)) {
    const parti = figli(der, ext);
    const oid = parti[0]!;
    if (oid.tag !== 0x06 || !der.subarray(oid.start, oid.end).equals(KEY_USAGE_OID)) continue;
    const valore = parti[parti.length - 1]!;
    const bits = tlv(der, valore.start);
    if (bits.tag !== 0x03) throw new RangeError('keyUsage is not a BIT STRING');
    const out = new Set<UsoChiave>();
    USI.forEach((nome, i) => {
      const byte = der[bits.start + 1 + (i >> 3)];
      if (byte !== undefined && bits.start + 1 + (i >> 3) < bits.end && byte & (0x80 >> (i & 7))) out.add(nome);
    });
    return out;
  }
  return null;
}

/**
 * Checks that `certPem` is issued and signed by one of `trustedCaPems` and
 * that both are valid at `now`; the leaf must carry the key usage ANPR's
 * certificates carry for signing (digitalSignature), and a CA that declares
 * its key usage must declare keyCertSign.
 */
export function checkChain(certPem: string | X509Certificate, trustedCaPems: readonly string[], now: Date): ChainCheck {
  let cert: X509Certificate;
  try {
    cert = typeof certPem === 'string' ? new X509Certificate(certPem) : certPem;
  } catch (err) {
    return { ok: false, code: 'CERTIFICATO_NON_VALIDO', reason: `certificate cannot be parsed: ${(err as Error).message}` };
  }
  const t = now.getTime();
  for (const pem of trustedCaPems) {
    let ca: X509Certificate;
    try {
      ca = parseCa(pem);
    } catch {
      continue;
    }
    if (!cert.checkIssued(ca)) continue;
    if (!cert.verify(ca.publicKey)) continue;
    const caValidity = certValidity(ca);
    if (t < caValidity.notBefore.getTime() || t > caValidity.notAfter.getTime()) {
      return { ok: false, code: 'CA_NON_ATTENDIBILE', reason: `issuing CA "${ca.subject.replace(/\n/g, ', ')}" is outside its validity period` };
    }
    let usiCa: Set<UsoChiave> | null;
    let usi: Set<UsoChiave> | null;
    try {
      usiCa = usiChiave(ca);
      usi = usiChiave(cert);
    } catch (err) {
      return { ok: false, code: 'CERTIFICATO_NON_VALIDO', reason: `key usage cannot be read: ${(err as Error).message}` };
    }
    if (usiCa && !usiCa.has('keyCertSign')) {
      return { ok: false, code: 'CA_NON_ATTENDIBILE', reason: `issuing CA "${ca.subject.replace(/\n/g, ', ')}" does not have the keyCertSign key usage` };
    }
    if (!usi?.has('digitalSignature')) {
      return { ok: false, code: 'CERTIFICATO_NON_VALIDO', reason: `certificate "${cert.subject.replace(/\n/g, ', ')}" lacks the digitalSignature key usage ANPR's certificates carry` };
    }
    const v = certValidity(cert);
    if (t < v.notBefore.getTime()) {
      return { ok: false, code: 'CERTIFICATO_NON_VALIDO', reason: `certificate is not valid before ${v.notBefore.toISOString()}` };
    }
    if (t > v.notAfter.getTime()) {
      return { ok: false, code: 'CERTIFICATO_NON_VALIDO', reason: `certificate expired on ${v.notAfter.toISOString()}` };
    }
    return { ok: true, cert, ca };
  }
  return {
    ok: false,
    code: 'CA_NON_ATTENDIBILE',
    reason: `certificate "${cert.subject.replace(/\n/g, ', ')}" issued by "${cert.issuer.replace(/\n/g, ', ')}" does not chain to a trusted CA`,
  };
}
