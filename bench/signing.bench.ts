/**
 * Signing benchmark: median time per signed 3002 envelope for
 *   (a) the full ANPR WS-Security profile (electron/anpr/security/profile.ts:
 *       BinarySecurityToken + Timestamp + signed SAML assertion with
 *       IdPostazioneFirmato + message signature over Body and Timestamp);
 *   (b) soap's own WSSecurityCert.postProcess on an equivalent unsigned
 *       envelope (Timestamp + Body signature only: it does less work).
 *
 * Standalone: `node --import tsx bench/signing.bench.ts`
 */
import { pathToFileURL } from 'node:url';
import * as soap from 'soap';
import { loadPkcs12 } from '../electron/anpr/security/keystore';
import { signEnvelope, type SignEnvelopeParams } from '../electron/anpr/security/profile';
import { ensureTestPki } from '../electron/test-support/pki';
import { BODY_3002 } from '../electron/test-support/bodies';

import type { BenchResult } from './types';

function medianMs(fn: (i: number) => unknown, iterations: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  samples.sort();
  return iterations % 2 ? samples[iterations >> 1]! : (samples[iterations / 2 - 1]! + samples[iterations / 2]!) / 2;
}

export async function benchSigning(opts: { iterations?: number; warmup?: number } = {}): Promise<BenchResult[]> {
  const iterations = opts.iterations ?? 2000;
  const warmup = opts.warmup ?? 300;
  const pki = ensureTestPki();
  const now = new Date();
  const comune = loadPkcs12(pki.read('comune.p12'), pki.passphrase, { now });
  const postazione = loadPkcs12(pki.read('postazione.p12'), pki.passphrase, { now });

  const base: SignEnvelopeParams = {
    bodyXml: BODY_3002,
    comune,
    postazione,
    idSede: '058091',
    idPostazione: '058091-PC-0001',
    idApplicazione: '12345',
    operatoreCodiceFiscale: 'RSSMRA80A01H501U',
    clientIp: '203.0.113.7',
    now,
  };
  // Each envelope gets its own idOperazioneComune, as in real use.
  const bodies = Array.from({ length: 64 }, (_, i) => BODY_3002.replace('1000042', String(1_000_000 + i)));

  const profile = medianMs((i) => signEnvelope({ ...base, bodyXml: bodies[i % 64]!, now: new Date(now.getTime() + i) }), iterations, warmup);

  const unsigned = bodies.map(
    (b) => `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header></soap:Header><soap:Body>${b}</soap:Body></soap:Envelope>`,
  );
  const soapPath = medianMs(
    (i) =>
      new soap.WSSecurityCert(comune.privateKeyPem, comune.certificatePem, '', {
        hasTimeStamp: true,
        signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
        digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
        signerOptions: { idMode: 'wssecurity', prefix: 'ds' },
      }).postProcess(unsigned[i % 64]!, 'soap'),
    Math.max(200, iterations >> 2),
    Math.max(50, warmup >> 2),
  );

  const profileSha1 = medianMs(
    (i) => signEnvelope({ ...base, bodyXml: bodies[i % 64]!, now: new Date(now.getTime() + i), algorithms: { signature: 'rsa-sha1', digest: 'sha1' } }),
    Math.max(200, iterations >> 2),
    Math.max(50, warmup >> 2),
  );

  return [
    {
      name: 'signing: ANPR WS-Security profile, 3002 envelope',
      unit: 'ms',
      median: profile,
      baseline: soapPath,
      ratio: profile / soapPath,
      note: 'BST + Timestamp + signed SAML assertion + message signature (2 RSA-2048 signatures); target ≤ 1 ms; baseline = soap.WSSecurityCert (1 signature, no SAML)',
    },
    { name: 'signing: soap.WSSecurityCert.postProcess, 3002 envelope', unit: 'ms', median: soapPath, note: 'Timestamp + Body only' },
    { name: 'signing: ANPR profile, RSA-SHA1/SHA-1 (historic policy)', unit: 'ms', median: profileSha1 },
  ];
}

function print(results: BenchResult[]): void {
  for (const r of results) {
    const perSec = r.unit === 'ms' && r.median > 0 ? `${Math.round(1000 / r.median)} envelopes/s` : '';
    const vs = r.baseline !== undefined ? `, baseline ${r.baseline.toFixed(3)} ms, ratio ${r.ratio!.toFixed(2)}` : '';
    console.log(`${r.name}: median ${r.median.toFixed(3)} ${r.unit} (${perSec}${vs})${r.note ? `\n    ${r.note}` : ''}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchSigning().then(print, (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
