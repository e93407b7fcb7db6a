import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AnprConfigError,
  DEFAULT_COD_DESTINATARIO,
  loadAnprConfig,
  parseAnprConfig,
  serviceUrl,
  timeoutFor,
  type AnprConfigFile,
} from './anpr-config';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'anpr-config-test-'));
  mkdirSync(join(dir, 'conf'), { recursive: true });
});

const valid = (): AnprConfigFile => ({
  comune: '058091',
  postazione: '058091-CO-9999',
  applicazione: '12345',
  operatore: 'rssmra80a01h501u',
  ambiente: 'TEST',
  endpoint: 'https://wstest.anpr.interno.it/',
  caFile: 'anpr-ca-bundle.pem',
  keystore: { p12: '../keys/058091-CO-9999.p12', passphraseEnv: 'ANPR_TEST_PASS' },
});

function writeConfig(name: string, content: unknown): string {
  const p = join(dir, 'conf', name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AnprConfigError);
    return (e as AnprConfigError).problemi;
  }
  throw new Error('expected AnprConfigError');
}

describe('loadAnprConfig', () => {
  it('loads a valid file, resolving relative paths against its folder', () => {
    const p = writeConfig('ok.json', {
      ...valid(),
      dataDir: 'dati',
      postazioneKeystore: { p12: '/assoluto/postazione.p12', passphrase: 'x' },
      timeouts: { default: 30_000, '6001': 120_000 },
      algorithms: { signature: 'rsa-sha256', digest: 'sha256' },
    });
    const c = loadAnprConfig(p, { env: { ANPR_TEST_PASS: 'segreto' } });
    expect(c.configPath).toBe(p);
    expect(c.caFile).toBe(join(dir, 'conf', 'anpr-ca-bundle.pem'));
    expect(c.keystore).toEqual({ p12: join(dir, 'keys', '058091-CO-9999.p12'), passphrase: 'segreto' });
    expect(c.postazioneKeystore).toEqual({ p12: '/assoluto/postazione.p12', passphrase: 'x' });
    expect(c.dataDir).toBe(join(dir, 'conf', 'dati'));
    expect(c.endpoint).toBe('https://wstest.anpr.interno.it');
    expect(c.operatore).toBe('RSSMRA80A01H501U');
    expect(c.codDestinatario).toBe(DEFAULT_COD_DESTINATARIO);
    expect(timeoutFor(c, '6001')).toBe(120_000);
    expect(timeoutFor(c, '3002')).toBe(30_000);
    expect(c.algorithms).toEqual({ signature: 'rsa-sha256', digest: 'sha256' });
  });

  it('defaults: codDestinatario ANPR05, 60 s timeout, no optional keystores', () => {
    const c = parseAnprConfig({ ...valid(), keystore: { p12: 'k.p12', passphrase: 'p' } }, join(dir, 'x.json'));
    expect(c.codDestinatario).toBe('ANPR05');
    expect(timeoutFor(c, '1001')).toBe(60_000);
    expect(c.postazioneKeystore).toBeUndefined();
    expect(c.dataDir).toBeUndefined();
  });

  it('accepts an 11-digit numeric operator code and a custom codDestinatario', () => {
    const c = parseAnprConfig(
      { ...valid(), operatore: '12345678901', codDestinatario: 'ANPR06', keystore: { p12: 'k.p12', passphrase: '' } },
      join(dir, 'x.json'),
    );
    expect(c.operatore).toBe('12345678901');
    expect(c.codDestinatario).toBe('ANPR06');
  });

  it('lists every invalid key in Italian', () => {
    const list = problems(() =>
      loadAnprConfig(
        writeConfig('bad.json', {
          ...valid(),
          comune: 58091,
          operatore: 'RSSMRA',
          endpoint: 'http://wstest.anpr.interno.it',
          ambiente: 'X'.repeat(21),
          keystore: { p12: 'k.p12' },
          timeouts: { '6001': 10, '60O1x': 5000 },
          codDestinatario: 'ANPR0005',
          enpdoint: 'typo',
        }),
      ),
    );
    const text = list.join('\n');
    expect(text).toContain('comune: deve essere il codice ISTAT');
    expect(text).toContain("operatore: deve essere il codice fiscale dell'operatore");
    expect(text).toContain('endpoint: deve iniziare con https://');
    expect(text).toContain('ambiente: al massimo 20 caratteri');
    expect(text).toContain('keystore: indicare esattamente uno tra passphrase e passphraseEnv');
    expect(text).toContain('timeouts.6001: almeno 1000 millisecondi');
    expect(text).toContain('timeouts.60O1x: chiave non valida: usare "default" o un codice servizio');
    expect(text).toContain('codDestinatario: deve essere la versione di interfaccia');
    expect(text).toContain('enpdoint: chiave non prevista');
  });

  it('reports missing required keys as "obbligatorio"', () => {
    const { caFile: _omit, keystore: _omit2, ...rest } = valid();
    const list = problems(() => parseAnprConfig(rest, join(dir, 'x.json')));
    expect(list).toContain('caFile: obbligatorio');
    expect(list).toContain('keystore: obbligatorio');
  });

  it('the error message names the file and one problem per line', () => {
    try {
      parseAnprConfig({ ...valid(), comune: 'abc' }, join(dir, 'conf', 'a.json'), { env: { ANPR_TEST_PASS: 'p' } });
      throw new Error('unreachable');
    } catch (e) {
      expect((e as Error).message).toBe(
        `Configurazione ANPR non valida (${join(dir, 'conf', 'a.json')}):\n- comune: deve essere il codice ISTAT del comune di 6 cifre (es. "058091")`,
      );
    }
  });

  it('an unset passphraseEnv variable is an error', () => {
    expect(problems(() => parseAnprConfig(valid(), join(dir, 'x.json'), { env: {} }))).toEqual([
      "keystore.passphraseEnv: la variabile d'ambiente ANPR_TEST_PASS non è impostata",
    ]);
  });

  it('missing file, invalid JSON and non-object JSON', () => {
    expect(problems(() => loadAnprConfig(join(dir, 'manca.json')))).toEqual(['il file di configurazione non esiste']);
    expect(problems(() => loadAnprConfig(writeConfig('rotto.json', '{ "comune": ')))[0]).toMatch(/^il file non è JSON valido/);
    expect(problems(() => loadAnprConfig(writeConfig('array.json', '[]')))).toEqual(['il file deve contenere un oggetto JSON']);
  });

  it('tolerates a UTF-8 BOM (Windows Notepad)', () => {
    const p = writeConfig('bom.json', '\uFEFF' + JSON.stringify(valid()));
    expect(loadAnprConfig(p, { env: { ANPR_TEST_PASS: 'p' } }).comune).toBe('058091');
  });
});

describe('serviceUrl', () => {
  it('joins endpoint and path with exactly one slash', () => {
    expect(serviceUrl({ endpoint: 'https://wstest.anpr.interno.it' }, '/ANPR3000ServiziConsultazione/AnprService3000')).toBe(
      'https://wstest.anpr.interno.it/ANPR3000ServiziConsultazione/AnprService3000',
    );
    expect(serviceUrl({ endpoint: 'https://gw.example.it/anpr/' }, 'ANPRTestConn/TestConn')).toBe(
      'https://gw.example.it/anpr/ANPRTestConn/TestConn',
    );
  });
});
