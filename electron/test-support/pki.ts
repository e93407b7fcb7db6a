/**
 * Test PKI made with the real `openssl` command, as the project requires
 * (no pre-baked keys in the repo). One PKI is generated per directory and
 * reused when already present, so a test run pays for it once.
 *
 * Layout (all PEM unless noted):
 *   ca.crt/ca.key            "CA Postazioni Svil" stand-in: signs comune, postazione, server certs
 *   rogue-ca.crt/.key        an unrelated CA: signs rogue-*.crt
 *   server.crt/.key          TLS server cert for localhost / 127.0.0.1 (signed by ca)
 *   rogue-server.crt/.key    TLS server cert signed by rogue-ca (must be refused)
 *   comune.crt/.key          CN=<istat>-CO-9999, the comune certificate (signs messages)
 *   comune.p12               modern PKCS#12 (AES-256/PBKDF2), passphrase PKI_PASSPHRASE
 *   comune-legacy.p12        legacy PKCS#12 (RC2-40/3DES, SHA1 MAC), same passphrase
 *   postazione.crt/.key/.p12 CN=<istat>-PC-0001
 *   rogue-comune.crt/.key/.p12  a comune certificate issued by rogue-ca
 *   expired.crt/.key/.p12    comune certificate that expired in 2020
 *   future.crt/.key/.p12     comune certificate valid only from 2099
 *   expiring.crt/.key/.p12   comune certificate that expires in 10 days
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PKI_PASSPHRASE = 'segreto-di-prova';
export const TEST_ISTAT = '058091';

export interface TestPki {
  dir: string;
  passphrase: string;
  istat: string;
  path(name: string): string;
  read(name: string): Buffer;
  pem(name: string): string;
}

function openssl(cwd: string, args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

function subjectFor(cn: string, ou = 'Postazioni di lavoro'): string {
  return `/C=IT/O=Ministero dell'Interno/OU=Anagrafe Nazionale Popolazione Residente/OU=${ou}/CN=${cn}`;
}

const CLIENT_EXT =
  'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation,keyEncipherment\nextendedKeyUsage=clientAuth\n';
const SERVER_EXT =
  'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n';

function makeCa(dir: string, name: string, cn: string): void {
  openssl(dir, [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`,
    '-days', '3650', '-subj', `/C=IT/O=Test/OU=ANPR/CN=${cn}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

/**
 * A leaf valid from a day ago: tests sign "ten minutes ago" (expired
 * timestamps) with a PKI that may have been made a moment before.
 */
function makeLeaf(dir: string, name: string, ca: string, subject: string, ext: string, days = 825): void {
  const now = Date.now();
  makeLeafWithDates(dir, name, ca, subject, ymd(new Date(now - 86_400_000)), ymd(new Date(now + days * 86_400_000)), ext);
}

/** A leaf with explicit validity dates (YYYYMMDDHHMMSSZ), through `openssl ca`. */
function makeLeafWithDates(dir: string, name: string, ca: string, subject: string, start: string, end: string, ext = CLIENT_EXT): void {
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
  const caDir = join(dir, `${name}-cadb`);
  mkdirSync(caDir, { recursive: true });
  writeFileSync(join(caDir, 'index.txt'), '');
  writeFileSync(join(caDir, 'serial'), `${Date.now().toString(16).padStart(16, '0')}\n`);
  writeFileSync(
    join(caDir, 'ca.cnf'),
    [
      '[ ca ]', 'default_ca = testca', '[ testca ]', `dir = ${caDir}`, 'database = $dir/index.txt',
      'serial = $dir/serial', 'new_certs_dir = $dir', 'default_md = sha256', 'policy = anything',
      'unique_subject = no', 'copy_extensions = none', 'x509_extensions = leaf',
      '[ anything ]', 'commonName = supplied', 'countryName = optional', 'organizationName = optional',
      'organizationalUnitName = optional',
      '[ leaf ]', ...ext.trim().split('\n'),
    ].join('\n') + '\n',
  );
  openssl(dir, [
    'ca', '-batch', '-config', join(caDir, 'ca.cnf'), '-cert', `${ca}.crt`, '-keyfile', `${ca}.key`,
    '-in', `${name}.csr`, '-out', `${name}.crt`, '-startdate', start, '-enddate', end, '-notext',
  ]);
}

function makeP12(dir: string, name: string, ca: string, legacy = false, out = `${name}.p12`): void {
  openssl(dir, [
    'pkcs12', '-export', ...(legacy ? ['-legacy'] : []), '-inkey', `${name}.key`, '-in', `${name}.crt`,
    '-certfile', `${ca}.crt`, '-name', name, '-out', out, '-passout', `pass:${PKI_PASSPHRASE}`,
  ]);
}

function ymd(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

/** Creates (or reuses) the test PKI in `dir` (default: a shared folder under the OS temp dir). */
export function ensureTestPki(dir = join(tmpdir(), `sportello-anpr-test-pki-v2-${new Date().toISOString().slice(0, 10)}`)): TestPki {
  const done = join(dir, '.complete');
  if (!existsSync(done)) {
    mkdirSync(dir, { recursive: true });
    makeCa(dir, 'ca', 'CA Postazioni Svil (test)');
    makeCa(dir, 'rogue-ca', 'Rogue CA (test)');
    makeLeaf(dir, 'server', 'ca', '/CN=localhost', SERVER_EXT);
    makeLeaf(dir, 'rogue-server', 'rogue-ca', '/CN=localhost', SERVER_EXT);
    makeLeaf(dir, 'comune', 'ca', subjectFor(`${TEST_ISTAT}-CO-9999`), CLIENT_EXT);
    makeP12(dir, 'comune', 'ca');
    makeP12(dir, 'comune', 'ca', true, 'comune-legacy.p12');
    makeLeaf(dir, 'postazione', 'ca', subjectFor(`${TEST_ISTAT}-PC-0001`), CLIENT_EXT);
    makeP12(dir, 'postazione', 'ca');
    makeLeaf(dir, 'rogue-comune', 'rogue-ca', subjectFor(`${TEST_ISTAT}-CO-9999`), CLIENT_EXT);
    makeP12(dir, 'rogue-comune', 'rogue-ca');
    makeLeafWithDates(dir, 'expired', 'ca', subjectFor(`${TEST_ISTAT}-CO-9999`), '20190101000000Z', '20200101000000Z');
    makeP12(dir, 'expired', 'ca');
    makeLeafWithDates(dir, 'future', 'ca', subjectFor(`${TEST_ISTAT}-CO-9999`), '20990101000000Z', '20991231000000Z');
    makeP12(dir, 'future', 'ca');
    const now = Date.now();
    makeLeafWithDates(
      dir, 'expiring', 'ca', subjectFor(`${TEST_ISTAT}-CO-9999`),
      ymd(new Date(now - 300 * 86_400_000)), ymd(new Date(now + 10 * 86_400_000)),
    );
    makeP12(dir, 'expiring', 'ca');
    writeFileSync(done, new Date().toISOString());
  }
  return {
    dir,
    passphrase: PKI_PASSPHRASE,
    istat: TEST_ISTAT,
    path: (name) => join(dir, name),
    read: (name) => readFileSync(join(dir, name)),
    pem: (name) => readFileSync(join(dir, name), 'utf8'),
  };
}
