/**
 * The ANPR CA bundle: the only trust anchors for the HTTPS connection to
 * ws*.anpr.interno.it. It is a plain PEM file kept OUTSIDE the code so it can
 * be replaced from the settings when ANPR rotates its CA (design-notes A.4:
 * anpr#4200, #1918, #5148) — no release needed, and never "trust all".
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

export interface CaCertInfo {
  /** Position in the file, from 1 (as shown to the clerk). */
  index: number;
  subject: string;
  issuer: string;
  /** Common name of the subject, for short displays. */
  commonName: string;
  validFrom: Date;
  validTo: Date;
  fingerprint256: string;
  /** basicConstraints CA:TRUE. */
  isCa: boolean;
  selfSigned: boolean;
  expired: boolean;
  notYetValid: boolean;
  pem: string;
}

export interface CaBundle {
  /** File path, or a label such as `impostazioni` when parsed from text. */
  source: string;
  /** Normalised PEM blocks, ready for `postSoap({ caPems })`. */
  pems: string[];
  certificates: CaCertInfo[];
  /** Italian, for the clerk: expired certificates, leaf certificates, stray keys. */
  warnings: string[];
}

export type CaBundleErrorCode = 'CA_FILE_MISSING' | 'CA_FILE_UNREADABLE' | 'CA_FILE_EMPTY' | 'CA_FILE_NO_CERTIFICATES' | 'CA_CERT_INVALID';

/** Error with an Italian, clerk-facing message. */
export class CaBundleError extends Error {
  constructor(
    readonly code: CaBundleErrorCode,
    message: string,
    readonly source: string,
  ) {
    super(message);
    this.name = 'CaBundleError';
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const SUGGERIMENTO =
  "Inserire la catena di certificati della CA di ANPR in formato PEM (blocchi -----BEGIN CERTIFICATE-----) e importarla in Impostazioni › Bundle CA di ANPR.";

function dataItaliana(d: Date): string {
  return d.toLocaleDateString('it-IT', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Rome' });
}

function commonNameOf(dn: string): string {
  const m = /(?:^|\n|,\s*)CN=([^\n,]+)/.exec(dn);
  return m?.[1]?.trim() ?? dn.split('\n')[0] ?? dn;
}

function describe(cert: X509Certificate, index: number, now: Date): CaCertInfo {
  const validFrom = new Date(cert.validFrom);
  const validTo = new Date(cert.validTo);
  return {
    index,
    subject: cert.subject,
    issuer: cert.issuer,
    commonName: commonNameOf(cert.subject),
    validFrom,
    validTo,
    fingerprint256: cert.fingerprint256,
    isCa: cert.ca,
    selfSigned: cert.subject === cert.issuer && cert.checkIssued(cert),
    expired: validTo.getTime() < now.getTime(),
    notYetValid: validFrom.getTime() > now.getTime(),
    pem: cert.toString(),
  };
}

/**
 * Parses bundle content. Accepts one or more PEM certificates (other PEM
 * blocks are ignored with a warning) or a single DER certificate.
 * Throws {@link CaBundleError} when nothing usable is found or any
 * certificate block is corrupt (a half-valid bundle is refused as a whole).
 */
export function parseCaBundle(content: string | Buffer, opts: { source?: string; now?: Date } = {}): CaBundle {
  const source = opts.source ?? 'bundle CA';
  const now = opts.now ?? new Date();
  const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const text = buf.toString('utf8');
  if (text.trim() === '') {
    throw new CaBundleError('CA_FILE_EMPTY', `Il bundle CA di ANPR (${source}) è vuoto. ${SUGGERIMENTO}`, source);
  }

  const warnings: string[] = [];
  const certificates: CaCertInfo[] = [];
  const blocks = [...text.matchAll(PEM_BLOCK)];

  if (blocks.length === 0) {
    // A single DER certificate (common when exported from Windows as .cer).
    if (buf[0] === 0x30) {
      try {
        const cert = new X509Certificate(buf);
        certificates.push(describe(cert, 1, now));
        warnings.push('Il bundle CA è in formato DER (binario): è stato letto un solo certificato. Si consiglia il formato PEM.');
      } catch {
        /* fall through to the generic error */
      }
    }
    if (certificates.length === 0) {
      throw new CaBundleError(
        'CA_FILE_NO_CERTIFICATES',
        `Il file ${source} non contiene certificati leggibili. ${SUGGERIMENTO}`,
        source,
      );
    }
  }

  let n = 0;
  for (const block of blocks) {
    const label = block[1] ?? '';
    if (label !== 'CERTIFICATE') {
      warnings.push(
        /PRIVATE KEY/.test(label)
          ? `Il bundle CA contiene una chiave privata (${label}), che è stata ignorata: il bundle deve contenere solo certificati pubblici. Rimuoverla dal file.`
          : `Il bundle CA contiene un blocco ${label}, che è stato ignorato.`,
      );
      continue;
    }
    n += 1;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block[0]);
    } catch (e) {
      throw new CaBundleError(
        'CA_CERT_INVALID',
        `Il certificato n. ${n} del bundle CA di ANPR (${source}) non è leggibile (${(e as Error).message}). Sostituire il file con una copia integra.`,
        source,
      );
    }
    certificates.push(describe(cert, n, now));
  }
  if (certificates.length === 0) {
    throw new CaBundleError('CA_FILE_NO_CERTIFICATES', `Il file ${source} non contiene certificati. ${SUGGERIMENTO}`, source);
  }

  for (const c of certificates) {
    if (c.expired) {
      warnings.push(`Il certificato n. ${c.index} del bundle CA (${c.commonName}) è scaduto il ${dataItaliana(c.validTo)}.`);
    } else if (c.notYetValid) {
      warnings.push(`Il certificato n. ${c.index} del bundle CA (${c.commonName}) sarà valido solo dal ${dataItaliana(c.validFrom)}.`);
    }
    if (!c.isCa) {
      warnings.push(
        `Il certificato n. ${c.index} del bundle CA (${c.commonName}) non è un certificato di CA: quando ANPR rinnoverà il certificato del server la connessione smetterà di funzionare. Usare la catena della CA.`,
      );
    }
  }
  if (certificates.every((c) => c.expired)) {
    warnings.push('Tutti i certificati del bundle CA sono scaduti: la connessione ad ANPR non potrà essere verificata.');
  }

  return { source, pems: certificates.map((c) => c.pem), certificates, warnings };
}

/** Reads and validates the bundle file; Italian {@link CaBundleError} on any problem. */
export function loadCaBundle(path: string, opts: { now?: Date } = {}): CaBundle {
  let content: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile()) {
      throw new CaBundleError('CA_FILE_UNREADABLE', `Il percorso del bundle CA di ANPR non è un file: ${path}.`, path);
    }
    content = readFileSync(path);
  } catch (e) {
    if (e instanceof CaBundleError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CaBundleError('CA_FILE_MISSING', `Il bundle CA di ANPR non è stato trovato: ${path}. ${SUGGERIMENTO}`, path);
    }
    throw new CaBundleError('CA_FILE_UNREADABLE', `Impossibile leggere il bundle CA di ANPR ${path} (${code ?? 'errore'}).`, path);
  }
  return parseCaBundle(content, { source: path, now: opts.now });
}
