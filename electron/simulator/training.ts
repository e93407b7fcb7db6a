/**
 * Training mode ("Ambiente di prova locale"): creates once, in the app's data
 * folder, a training PKI made with node:crypto + node-forge (clerks' Windows
 * machines have no `openssl`): a CA, a 127.0.0.1 server certificate and the
 * PKCS#12 of the default training comune (056003 Bagnoregio), then returns
 * what the app needs to start the in-process simulator and point its client
 * at it. The certificates are worthless outside the simulator.
 */
import { X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { calcolaCodiceFiscale } from '../../shared/domain/codice-fiscale';
import { VERSIONI_PREDEFINITE, type ResolvedSimConfig } from './config';
import { VERSIONE_INTERFACCIA } from '../../shared/anpr/versione-interfaccia';

export const TRAINING_ISTAT = '056003';
/** The fictitious operator of the training environment (PROVA OPERATORE). */
export const OPERATORE_PROVA_CODICE_FISCALE = calcolaCodiceFiscale({ cognome: 'PROVA', nome: 'OPERATORE', sesso: 'M', dataNascita: '1980-01-01', belfiore: 'A577' });
const VERSION = 1;

export interface TrainingEnvironment {
  dir: string;
  istat: string;
  /** Ready for startSimulator (port 0 = any free loopback port). */
  simConfig: ResolvedSimConfig;
  /** Trust anchor for the client transport (issuer of the server certificate). */
  caPem: string;
  comuneP12: Buffer;
  comuneP12Path: string;
  passphrase: string;
  idSede: string;
  idPostazione: string;
  idApplicazione: string;
  /** Fictitious operator codice fiscale for the SAML NameID. */
  operatoreCodiceFiscale: string;
  codDestinatario: string;
  tipoInvio: string;
}

interface Meta {
  version: number;
  istat: string;
  passphrase: string;
  createdAt: string;
}

const DAY = 86_400_000;

function keyPair(): { pub: forge.pki.PublicKey; priv: forge.pki.PrivateKey; privPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { pub: forge.pki.publicKeyFromPem(publicKey), priv: forge.pki.privateKeyFromPem(privateKey), privPem: privateKey };
}

function cert(opts: {
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.CertificateField[];
  pub: forge.pki.PublicKey;
  signer: forge.pki.PrivateKey;
  days: number;
  now: Date;
  extensions: object[];
}): forge.pki.Certificate {
  const c = forge.pki.createCertificate();
  c.publicKey = opts.pub;
  c.serialNumber = '01' + randomBytes(15).toString('hex');
  c.validity.notBefore = new Date(opts.now.getTime() - DAY);
  c.validity.notAfter = new Date(opts.now.getTime() + opts.days * DAY);
  c.setSubject(opts.subject);
  c.setIssuer(opts.issuer);
  c.setExtensions(opts.extensions);
  c.sign(opts.signer as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return c;
}

function comuneSubject(cn: string): forge.pki.CertificateField[] {
  return [
    { shortName: 'C', value: 'IT' },
    { shortName: 'O', value: "Ministero dell'Interno" },
    { shortName: 'OU', value: 'Anagrafe Nazionale Popolazione Residente' },
    { shortName: 'OU', value: 'Postazioni di lavoro' },
    { shortName: 'CN', value: cn },
  ];
}

function create(dir: string, istat: string, now: Date): Meta {
  const ca = keyPair();
  const caName = [
    { shortName: 'C', value: 'IT' },
    { shortName: 'O', value: 'Sportello ANPR' },
    { shortName: 'OU', value: 'Ambiente di prova locale' },
    { shortName: 'CN', value: 'CA Ambiente di prova (simulatore ANPR)' },
  ];
  const caCert = cert({
    subject: caName, issuer: caName, pub: ca.pub, signer: ca.priv, days: 3650, now,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const srv = keyPair();
  const srvCert = cert({
    subject: [{ shortName: 'CN', value: '127.0.0.1' }], issuer: caName, pub: srv.pub, signer: ca.priv, days: 1825, now,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  const co = keyPair();
  const coCert = cert({
    subject: comuneSubject(`${istat}-CO-9999`), issuer: caName, pub: co.pub, signer: ca.priv, days: 1825, now,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  const passphrase = randomBytes(12).toString('base64url');
  const p12 = forge.pkcs12.toPkcs12Asn1(co.priv as forge.pki.rsa.PrivateKey, [coCert, caCert], passphrase, { algorithm: 'aes256', friendlyName: `${istat}-CO-9999` });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ca.crt'), forge.pki.certificateToPem(caCert));
  writeFileSync(join(dir, 'server.crt'), forge.pki.certificateToPem(srvCert));
  writeFileSync(join(dir, 'server.key'), srv.privPem, { mode: 0o600 });
  writeFileSync(join(dir, 'comune.p12'), Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), { mode: 0o600 });
  const meta: Meta = { version: VERSION, istat, passphrase, createdAt: now.toISOString() };
  writeFileSync(join(dir, 'ambiente-prova.json'), JSON.stringify(meta, null, 2), { mode: 0o600 });
  return meta;
}

function usable(dir: string, istat: string, now: Date): Meta | undefined {
  const metaFile = join(dir, 'ambiente-prova.json');
  if (!['ca.crt', 'server.crt', 'server.key', 'comune.p12'].every((f) => existsSync(join(dir, f))) || !existsSync(metaFile)) return undefined;
  try {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    if (meta.version !== VERSION || meta.istat !== istat) return undefined;
    for (const f of ['ca.crt', 'server.crt']) {
      const x = new X509Certificate(readFileSync(join(dir, f)));
      if (new Date(x.validTo).getTime() - now.getTime() < 30 * DAY) return undefined;
    }
    return meta;
  } catch {
    return undefined;
  }
}

/**
 * Creates (once) and returns the training environment under `<dataDir>/ambiente-prova`.
 * Idempotent: later calls reuse the files (regenerated only when near expiry).
 */
/** Viterbo: the comune the training population moves from. */
const COMUNE_VICINO = '056059';

export function ensureTrainingEnvironment(dataDir: string, opts: { istat?: string; now?: Date; populationSize?: number } = {}): TrainingEnvironment {
  const istat = opts.istat ?? TRAINING_ISTAT;
  const now = opts.now ?? new Date();
  const dir = join(dataDir, 'ambiente-prova');
  const meta = usable(dir, istat, now) ?? create(dir, istat, now);
  const caPem = readFileSync(join(dir, 'ca.crt'), 'utf8');
  const comuneP12Path = join(dir, 'comune.p12');
  return {
    dir,
    istat,
    simConfig: {
      host: '127.0.0.1',
      port: 0,
      tls: { certPem: readFileSync(join(dir, 'server.crt'), 'utf8'), keyPem: readFileSync(join(dir, 'server.key'), 'utf8') },
      trustedCaPems: [caPem],
      dataDir: join(dir, 'stato'),
      // Viterbo's residents, not served: the people who move here from another comune (5005).
      population: {
        size: opts.populationSize ?? 300,
        seed: 'sportello-anpr-prova',
        cap: { [istat]: istat === TRAINING_ISTAT ? '01022' : '00000' },
        altriComuni: istat === COMUNE_VICINO ? [] : [{ istat: COMUNE_VICINO, size: 60 }],
      },
      comuni: [istat],
      faults: [],
      versioni: VERSIONI_PREDEFINITE,
    },
    caPem,
    comuneP12: readFileSync(comuneP12Path),
    comuneP12Path,
    passphrase: meta.passphrase,
    idSede: istat,
    idPostazione: `${istat}-CO-9999`,
    idApplicazione: 'SPORTELLO-ANPR-PROVA',
    operatoreCodiceFiscale: OPERATORE_PROVA_CODICE_FISCALE,
    // The training client speaks the version the app speaks everywhere.
    codDestinatario: VERSIONE_INTERFACCIA.codDestinatario,
    tipoInvio: 'TEST',
  };
}
