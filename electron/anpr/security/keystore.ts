/**
 * PKCS#12 loading with node-forge (Node has no PKCS#12 API and cannot read
 * legacy RC2/3DES files without --openssl-legacy-provider). Private keys are
 * returned as PEM for main-process use only.
 */
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';

export interface CertificateInfo {
  /** e.g. `C=IT, O=Ministero dell'Interno, OU=…, CN=058091-CO-9999` */
  subject: string;
  commonName: string;
  /** ISTAT code from a CN `nnnnnn-CO-9999` / `nnnnnn-PC-000x`, else null. */
  codiceIstat: string | null;
  tipo: 'comune' | 'postazione' | 'altro';
  /** Upper-case hex. */
  serialNumber: string;
  issuer: string;
  /** ISO 8601 */
  notBefore: string;
  notAfter: string;
  /** Whole days left (floor); negative once expired. */
  daysToExpiry: number;
  /** True from 30 days before expiry. */
  expiryWarning: boolean;
}

export interface LoadedKeystore {
  privateKeyPem: string;
  certificatePem: string;
  /** The other certificates in the file (CA chain), PEM. */
  chainPem: string[];
  info: CertificateInfo;
}

export type KeystoreErrorCode =
  | 'PASSPHRASE_ERRATA'
  | 'FILE_NON_VALIDO'
  | 'CHIAVE_ASSENTE'
  | 'CERTIFICATO_SCADUTO'
  | 'CERTIFICATO_NON_ANCORA_VALIDO'
  | 'KEYSTORE_ASSENTE';

/** `message` is Italian for the clerk, `detail` is English for the log. */
export class KeystoreError extends Error {
  override readonly name = 'KeystoreError';
  constructor(
    readonly code: KeystoreErrorCode,
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/** dd/mm/yyyy in Italian local time. */
export function formatDataIt(d: Date): string {
  return new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

const CN_RE = /^(\d{6})-(CO|PC)-(\d{4})$/;

/** Builds {@link CertificateInfo} from a PEM certificate, relative to `now`. */
export function describeCertificate(certPem: string, now: Date): CertificateInfo {
  const x = new X509Certificate(certPem);
  const notBefore = new Date(x.validFrom);
  const notAfter = new Date(x.validTo);
  const cnLine = x.subject.split('\n').find((l) => l.startsWith('CN='));
  const commonName = cnLine ? cnLine.slice(3) : '';
  const m = CN_RE.exec(commonName);
  const msLeft = notAfter.getTime() - now.getTime();
  return {
    subject: x.subject.split('\n').join(', '),
    commonName,
    codiceIstat: m ? m[1]! : null,
    tipo: m ? (m[2] === 'CO' ? 'comune' : 'postazione') : 'altro',
    serialNumber: x.serialNumber.toUpperCase(),
    issuer: x.issuer.split('\n').join(', '),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysToExpiry: Math.floor(msLeft / DAY_MS),
    expiryWarning: msLeft <= EXPIRY_WARNING_DAYS * DAY_MS,
  };
}

/** Throws CERTIFICATO_SCADUTO / CERTIFICATO_NON_ANCORA_VALIDO when `now` is outside the validity. */
export function assertCertificateValid(info: CertificateInfo, now: Date): void {
  const notBefore = new Date(info.notBefore);
  const notAfter = new Date(info.notAfter);
  if (now.getTime() > notAfter.getTime()) {
    throw new KeystoreError(
      'CERTIFICATO_SCADUTO',
      `Il certificato ${info.commonName} è scaduto il ${formatDataIt(notAfter)}: richiedere un nuovo certificato ad ANPR.`,
      `certificate ${info.commonName} (serial ${info.serialNumber}) expired at ${info.notAfter}`,
    );
  }
  if (now.getTime() < notBefore.getTime()) {
    throw new KeystoreError(
      'CERTIFICATO_NON_ANCORA_VALIDO',
      `Il certificato ${info.commonName} sarà valido solo dal ${formatDataIt(notBefore)}: verificare la data e l'ora del computer.`,
      `certificate ${info.commonName} (serial ${info.serialNumber}) is not valid before ${info.notBefore}`,
    );
  }
}

function invalidFile(detail: string): KeystoreError {
  return new KeystoreError('FILE_NON_VALIDO', 'Il file selezionato non è un certificato PKCS#12 (.p12/.pfx) valido.', detail);
}

/**
 * Opens a PKCS#12 file (modern AES/PBKDF2 or legacy RC2/3DES), picks the
 * certificate matching the private key and checks its validity at `now`.
 */
export function loadPkcs12(p12: Buffer, passphrase: string, opts: { now: Date }): LoadedKeystore {
  if (!Buffer.isBuffer(p12) || p12.length === 0) throw invalidFile('empty or missing PKCS#12 buffer');
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
  } catch (err) {
    throw invalidFile(`not DER: ${(err as Error).message}`);
  }
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (err) {
    const msg = (err as Error).message ?? String(err);
    if (/MAC could not be verified|Invalid password/i.test(msg)) {
      throw new KeystoreError('PASSPHRASE_ERRATA', 'La password del certificato non è corretta.', `PKCS#12 MAC check failed: ${msg}`);
    }
    if (/pkcs12|PFX|ASN\.1|Cannot read|unsupported|Unknown/i.test(msg)) {
      // A wrong passphrase on a file without MAC shows up as a decryption/ASN.1 failure of the bags.
      throw invalidFile(`PKCS#12 parse failed: ${msg}`);
    }
    throw invalidFile(`PKCS#12 parse failed: ${msg}`);
  }

  const keyBags = [
    ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(pfx.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const key = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) {
    throw new KeystoreError(
      'CHIAVE_ASSENTE',
      'Il file non contiene la chiave privata del certificato: esportarlo di nuovo includendo la chiave privata.',
      'PKCS#12 holds no (shrouded) key bag',
    );
  }
  if (!key.n) {
    throw invalidFile('private key is not RSA (only RSA keys are supported by the ANPR profile)');
  }
  const certs = (pfx.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  const leaf = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return !!pub.n && pub.n.equals(key.n) && pub.e.equals(key.e);
  });
  if (!leaf) {
    throw new KeystoreError(
      'CHIAVE_ASSENTE',
      'Il file non contiene il certificato corrispondente alla chiave privata.',
      `PKCS#12 holds ${certs.length} certificate(s), none matches the private key`,
    );
  }
  const certificatePem = forge.pki.certificateToPem(leaf);
  const chainPem = certs.filter((c) => c !== leaf).map((c) => forge.pki.certificateToPem(c));
  const privateKeyPem = forge.pki.privateKeyToPem(key);
  const info = describeCertificate(certificatePem, opts.now);
  assertCertificateValid(info, opts.now);
  return { privateKeyPem, certificatePem, chainPem, info };
}
