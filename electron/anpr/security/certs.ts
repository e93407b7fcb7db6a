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

/** Checks that `certPem` is issued and signed by one of `trustedCaPems` and that both are valid at `now`. */
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
