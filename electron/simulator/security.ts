/**
 * Enforces ANPR's security profile on a received envelope: the independent
 * verifier (signature over Body and Timestamp with wrapping checks, SAML
 * assertion signature, chain to the trusted CA, time windows,
 * IdPostazioneFirmato CMS), then that the assertion's IdSede is a comune
 * this simulator serves. The request body is taken from the *signed*
 * canonical Body only, never from the received DOM.
 */
import { X509Certificate } from 'node:crypto';
import { verifyWsSecurity, type VerifiedAssertion } from '../anpr/security/verify';
import { elementChildren, parseXmlSafely, serializeXml, type Element } from '../anpr/xml/safe';

export type SecurityCheck =
  | { ok: true; assertion: VerifiedAssertion; bodyRoot: Element; bodyXml: string; signerSubject: string }
  | { ok: false; code: string; reason: string };

export interface SecurityOptions {
  trustedCaPems: string[];
  now: Date;
  comuni: readonly string[];
  maxClockSkewSeconds?: number;
}

export function checkSecurity(rawXml: string, opts: SecurityOptions): SecurityCheck {
  const res = verifyWsSecurity(rawXml, {
    trustedCaPems: opts.trustedCaPems,
    now: opts.now,
    ...(opts.maxClockSkewSeconds !== undefined ? { maxClockSkewSeconds: opts.maxClockSkewSeconds } : {}),
  });
  if (!res.ok) return { ok: false, code: res.code, reason: res.reason };
  if (!opts.comuni.includes(res.assertion.idSede)) {
    return { ok: false, code: 'SEDE_NON_SERVITA', reason: `IdSede ${res.assertion.idSede} is not a comune served by this simulator (${opts.comuni.join(', ')})` };
  }
  // The Body exactly as digested (exc-c14n carries every namespace it uses).
  let bodyRoot: Element | undefined;
  try {
    const body = parseXmlSafely(res.bodyCanonicalXml).documentElement!;
    const kids = elementChildren(body);
    if (kids.length !== 1) return { ok: false, code: 'XML_NON_VALIDO', reason: `soap:Body must contain exactly one element, found ${kids.length}` };
    bodyRoot = kids[0]!;
  } catch (err) {
    return { ok: false, code: 'XML_NON_VALIDO', reason: `signed Body cannot be parsed: ${(err as Error).message}` };
  }
  const subject = /CN=([^\n,]+)/.exec(certSubject(res.signerCertPem))?.[1] ?? '?';
  return { ok: true, assertion: res.assertion, bodyRoot, bodyXml: serializeXml(bodyRoot), signerSubject: subject };
}

/** Subjects by certificate PEM: parsing a certificate costs ~1 ms and clients send the same one every time. */
const subjects = new Map<string, string>();

function certSubject(pem: string): string {
  let subject = subjects.get(pem);
  if (subject === undefined) {
    try {
      subject = new X509Certificate(pem).subject;
    } catch {
      subject = '';
    }
    if (subjects.size >= 64) subjects.clear();
    subjects.set(pem, subject);
  }
  return subject;
}
