import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWsSecurity } from '../../anpr/security/verify';
import { buildRequest } from '../../anpr/services/builders';
import { FULL } from '../../anpr/services/fixtures.test-data';
import { ensureTestPki, type TestPki } from '../../test-support/pki';
import { erroreXml, idOf, soapEnvelope, startSoapEndpoint, testataRisposta, type SoapEndpoint } from '../../test-support/soap-endpoint';
import { APP_ROOT } from '../../platform/paths';

const run = promisify(execFile);
let pki: TestPki;
let endpoint: SoapEndpoint;
let dir: string;

async function anpr(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(APP_ROOT, 'bin', 'anpr.mjs'), ...args], { cwd: APP_ROOT, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function writeConfig(name: string, overrides: Record<string, unknown> = {}): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      comune: pki.istat,
      postazione: `${pki.istat}-PC-0001`,
      applicazione: 'SPORTELLO',
      operatore: 'RSSMRA80A01H501U',
      ambiente: 'TEST',
      endpoint: endpoint.url,
      caFile: pki.path('ca.crt'),
      keystore: { p12: pki.path('comune.p12'), passphrase: pki.passphrase },
      postazioneKeystore: { p12: pki.path('postazione.p12'), passphrase: pki.passphrase },
      timeouts: { default: 3000 },
      ...overrides,
    }),
  );
  return file;
}

beforeAll(async () => {
  pki = ensureTestPki();
  endpoint = await startSoapEndpoint(pki);
  dir = mkdtempSync(join(tmpdir(), 'anpr-cli-'));
  writeFileSync(join(dir, 'body3002.xml'), buildRequest('3002', FULL['3002']));
  writeFileSync(join(dir, 'body5005.xml'), buildRequest('5005', FULL['5005']));
  writeFileSync(join(dir, 'bodyP001.xml'), buildRequest('P001', FULL.P001));
  writeFileSync(join(dir, 'bodyP003.xml'), buildRequest('P003', FULL.P003));
});
afterAll(async () => {
  await endpoint.close();
});

describe('npx anpr', () => {
  it('envelope prints the signed envelope send would post, with the given id', async () => {
    const config = writeConfig('ok.json');
    const result = await anpr(['envelope', '--config', config, '--service', '3002', '--body', join(dir, 'body3002.xml'), '--id', '20261126000000000001']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<idOperazioneComune>20261126000000000001</idOperazioneComune>');
    const verification = verifyWsSecurity(result.stdout.trim(), { trustedCaPems: [pki.pem('ca.crt')], now: new Date() });
    expect(verification).toMatchObject({ ok: true, assertion: { idSede: pki.istat } });
  });

  it('envelope and send work for the citizens’ requests (P001, P003) like for every other service', async () => {
    const config = writeConfig('ok.json');
    const env = await anpr(['envelope', '--config', config, '--service', 'P001', '--body', join(dir, 'bodyP001.xml'), '--id', '20261126000000000002']);
    expect(env.code).toBe(0);
    expect(env.stdout).toContain('RichiestaP001');
    expect(verifyWsSecurity(env.stdout.trim(), { trustedCaPems: [pki.pem('ca.crt')], now: new Date() })).toMatchObject({ ok: true });
    endpoint.reply((request) => ({
      body: soapEnvelope(
        `<ns2:RispostaP003 xmlns:ns2="http://sogei.it/ANPR/P000sc"><ns2:rispostaKO>${testataRisposta('P003', 'XXXX', idOf(request.xml), '1889264171')}<listaErrori>${erroreXml('EN148', 'E', "Errore nell'impostazione dello stato/proroga pratica. Esito: 12003")}</listaErrori></ns2:rispostaKO></ns2:RispostaP003>`,
      ),
    }));
    const sent = await anpr(['send', '--config', config, '--service', 'P003', '--body', join(dir, 'bodyP003.xml'), '--id', '778']);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ esito: 'respinta', idOperazioneComune: '778', errori: [{ codice: 'EN148' }] });
  });

  it('send prints one JSON object; a refusal still exits 0', async () => {
    endpoint.reply((request) => ({
      body: soapEnvelope(`<ns2:Risposta5005 xmlns:ns2="http://sogei.it/ANPR/5000mutazione"><ns2:rispostaKO>${testataRisposta('5005', 'XXXX', idOf(request.xml), '5000000001')}<listaErrori>${erroreXml('EF016', 'E', 'Tipo scheda non valido')}</listaErrori></ns2:rispostaKO></ns2:Risposta5005>`),
    }));
    const result = await anpr(['send', '--config', writeConfig('ok.json'), '--service', '5005', '--body', join(dir, 'body5005.xml'), '--id', '777']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ esito: 'respinta', idOperazioneComune: '777', idOperazioneANPR: '5000000001', errori: [{ codice: 'EF016', tipo: 'E', testo: 'Tipo scheda non valido' }] });
  });

  it('send allocates an increasing id when none is given', async () => {
    endpoint.reply((request) => ({ body: soapEnvelope(`<ns2:Risposta3002 xmlns:ns2="http://sogei.it/ANPR/3000consultazione"><ns2:Risposta3002_OK>${testataRisposta('3002', '2', idOf(request.xml))}</ns2:Risposta3002_OK></ns2:Risposta3002>`) }));
    const first = JSON.parse((await anpr(['send', '--config', writeConfig('ok.json'), '--service', '3002', '--body', join(dir, 'body3002.xml')])).stdout) as { idOperazioneComune: string; esito: string };
    const second = JSON.parse((await anpr(['send', '--config', writeConfig('ok.json'), '--service', '3002', '--body', join(dir, 'body3002.xml')])).stdout) as { idOperazioneComune: string };
    expect(first.esito).toBe('accolta');
    expect(first.idOperazioneComune).toMatch(/^\d{21}$/);
    expect(first.idOperazioneComune.endsWith('0001')).toBe(true);
    expect(second.idOperazioneComune > first.idOperazioneComune).toBe(true);
  });

  it('takes ids from the queue sequence when the config has a dataDir', async () => {
    endpoint.reply((request) => ({ body: soapEnvelope(`<ns2:Risposta3002 xmlns:ns2="http://sogei.it/ANPR/3000consultazione"><ns2:Risposta3002_OK>${testataRisposta('3002', '2', idOf(request.xml))}</ns2:Risposta3002_OK></ns2:Risposta3002>`) }));
    const config = writeConfig('with-data.json', { dataDir: join(dir, 'dati') });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((JSON.parse((await anpr(['send', '--config', config, '--service', '3002', '--body', join(dir, 'body3002.xml')])).stdout) as { idOperazioneComune: string }).idOperazioneComune);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'dati', 'sportello.sqlite'), { readonly: true });
    expect(db.prepare('SELECT ultimo_id FROM sequenze_id_operazione').pluck().get()).toBe(ids[2]);
    db.close();
  });

  it('a TLS failure exits 1 with one clear line on stderr', async () => {
    const rogue = await startSoapEndpoint(pki, { serverCert: 'rogue-server.crt', serverKey: 'rogue-server.key' });
    const result = await anpr(['send', '--config', writeConfig('rogue.json', { endpoint: rogue.url }), '--service', '3002', '--body', join(dir, 'body3002.xml')]);
    await rogue.close();
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^anpr: .*certificato del server ANPR non è attendibile/);
  });

  it('a policy rejection exits 1 with the explanation', async () => {
    endpoint.reply(() => ({ status: 500, body: soapEnvelope('<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Rejected by policy. (from client)</faultstring></soapenv:Fault>') }));
    const result = await anpr(['test-connection', '--config', writeConfig('ok.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/soap_fault/);
  });

  it('test-connection succeeds against an answering endpoint', async () => {
    endpoint.reply((request) => ({
      body: soapEnvelope(`<ns2:RispostaConnessione xmlns:ns2="http://sogei.it/ANPR/connessione">${testataRisposta('OP01', '2', idOf(request.xml))}</ns2:RispostaConnessione>`),
    }));
    const result = await anpr(['test-connection', '--config', writeConfig('ok.json')]);
    expect(endpoint.received.at(-1)!.path).toBe('/ANPRTestConn/TestConn');
    expect(endpoint.received.at(-1)!.verification.ok).toBe(true);
    expect(JSON.parse(result.stdout)).toMatchObject({ esito: 'accolta' });
    expect(result.code).toBe(0);
  });

  it.each([
    ['a wrong passphrase', { keystore: { p12: 'PKI:comune.p12', passphrase: 'sbagliata' } }, /password del certificato non è corretta/],
    ['an expired certificate', { keystore: { p12: 'PKI:expired.p12', passphrase: 'PASS' } }, /scadut/],
    ['a missing CA file', { caFile: '/nonexistent/ca.pem' }, /CA|certificat/i],
    ['an unknown config key', { enpdoint: 'x' }, /enpdoint/],
  ])('refuses %s with one Italian line', async (_name, overrides, message) => {
    const resolved = JSON.parse(JSON.stringify(overrides).replace(/PKI:([\w.-]+)/g, (_m, file: string) => pki.path(file)).replace('"PASS"', JSON.stringify(pki.passphrase))) as Record<string, unknown>;
    const result = await anpr(['envelope', '--config', writeConfig('bad.json', resolved), '--service', '3002', '--body', join(dir, 'body3002.xml')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
