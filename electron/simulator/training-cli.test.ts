import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnprClient } from '../anpr/client';
import { loadPkcs12 } from '../anpr/security/keystore';
import { closeTransportAgents } from '../anpr/transport/https-transport';
import { ensureTestPki } from '../test-support/pki';
import { startSimulator } from './server';
import { ensureTrainingEnvironment, TRAINING_ISTAT } from './training';

afterAll(() => closeTransportAgents());

function httpsGet(url: string, ca: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

describe('training mode', () => {
  it('creates a training PKI without openssl, starts the in-process simulator and the client talks to it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sportello-training-'));
    const env = ensureTrainingEnvironment(dataDir);
    expect(env.istat).toBe(TRAINING_ISTAT);
    expect(ensureTrainingEnvironment(dataDir).caPem).toBe(env.caPem); // created once
    const sim = await startSimulator(env.simConfig);
    try {
      const comune = loadPkcs12(env.comuneP12, env.passphrase, { now: new Date() });
      expect(comune.info.commonName).toBe('056003-CO-9999');
      const client = createAnprClient({
        config: {
          comune: env.idSede, postazione: env.idPostazione, applicazione: env.idApplicazione, operatore: env.operatoreCodiceFiscale,
          ambiente: env.tipoInvio, endpoint: sim.url, caPems: [env.caPem], codDestinatario: env.codDestinatario,
        },
        keystores: { comune },
        clock: { now: () => new Date() },
      });
      expect((await client.testConnection('1')).outcome.kind).toBe('accolta');
      const p = sim.admin.campione()[0]!;
      const r = await client.send(
        '3002',
        { testata: { codMittente: '', codDestinatario: '', dataOraRichiesta: new Date(), tipoOperazione: 'C', tipoInvio: 'TEST', idOperazioneComune: '2' }, criteriRicerca: { codiceFiscale: p.codiceFiscale }, datiRichiesta: { schedaAnagraficaRichiesta: '1', dataRiferimentoRichiesta: '2025-01-01' } },
        { idOperazioneComune: '2' },
      );
      expect(r.outcome.kind).toMatch(/^accolta/);
      expect(p.comuneIstat).toBe('056003');
      // The official WSDL is served at ?wsdl with the simulator's address, its schemas next to it.
      const wsdl = await httpsGet(`${sim.url}/ANPR3000ServiziConsultazione/AnprService3000?wsdl`, env.caPem);
      expect(wsdl.status).toBe(200);
      expect(wsdl.text).toContain(`location="${sim.url}/ANPR3000ServiziConsultazione/AnprService3000"`);
      const xsd = await httpsGet(`${sim.url}/ANPR3000ServiziConsultazione/3000consultazione.xsd`, env.caPem);
      expect(xsd.text).toContain('Richiesta3002');
    } finally {
      await sim.close();
    }
  });
});

describe('npx anpr sim', () => {
  it('prints exactly one "listening" line, serves, and stops cleanly on SIGTERM', async () => {
    const pki = ensureTestPki();
    const dir = mkdtempSync(join(tmpdir(), 'simcfg-'));
    const rel = (name: string) => relative(dir, pki.path(name));
    writeFileSync(
      join(dir, 'sim.json'),
      JSON.stringify({ host: '127.0.0.1', port: 0, tls: { cert: rel('server.crt'), key: rel('server.key') }, trustedCa: rel('ca.crt'), dataDir: 'stato', population: { size: 50, seed: 3 }, comuni: [pki.istat] }),
    );
    const child = spawn(process.execPath, ['bin/anpr.mjs', 'sim', '--config', join(dir, 'sim.json')], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    expect(line).toMatch(/^listening https:\/\/127\.0\.0\.1:\d+\n$/);
    const url = line.trim().slice('listening '.length);
    const wsdl = await httpsGet(`${url}/ANPRTestConn/TestConn?wsdl`, pki.pem('ca.crt'));
    expect(wsdl.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(out).toBe(line);
  }, 60_000);

  /** Starts `anpr sim` on a config; resolves with the first stdout line, or the exit code and stderr if it exits first. */
  function avvia(config: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'simcfg-'));
    writeFileSync(join(dir, 'sim.json'), JSON.stringify(config));
    const child = spawn(process.execPath, ['bin/anpr.mjs', 'sim', '--config', join(dir, 'sim.json')], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const esito = new Promise<{ riga: string } | { code: number | null; stderr: string }>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve({ riga: out });
      });
      child.on('exit', (code) => resolve({ code, stderr: err }));
    });
    const ferma = async () => {
      if (child.exitCode !== null) return child.exitCode;
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exit;
    };
    return { esito, ferma };
  }

  it('accepts a plain population count as shorthand for { "size": N }', async () => {
    const pki = ensureTestPki();
    const sim = avvia({ tls: { cert: pki.path('server.crt'), key: pki.path('server.key') }, trustedCa: pki.path('ca.crt'), dataDir: mkdtempSync(join(tmpdir(), 'simstato-')), population: 40, comuni: [pki.istat] });
    try {
      expect(await sim.esito).toMatchObject({ riga: expect.stringMatching(/^listening https:\/\/127\.0\.0\.1:\d+\n$/) });
    } finally {
      expect(await sim.ferma()).toBe(0);
    }
  }, 60_000);

  it('an unexpected error prints one Italian line (no stack trace); the stack goes to the log', async () => {
    const pki = ensureTestPki();
    const dati = mkdtempSync(join(tmpdir(), 'cli-dati-'));
    // A certificate with another certificate's key: node:tls throws, not a CliError.
    const sim = avvia({ tls: { cert: pki.path('server.crt'), key: pki.path('comune.key') }, trustedCa: pki.path('ca.crt'), dataDir: join(dati, 'stato'), comuni: [pki.istat] }, { SPORTELLO_DATA_DIR: dati });
    const esito = await sim.esito;
    expect(esito).toMatchObject({ code: 1 });
    const stderr = (esito as { stderr: string }).stderr;
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^anpr: errore imprevisto \(dettagli in .*anpr-cli\.log\): .*key values mismatch\n$/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dati, 'logs', 'anpr-cli.log'), 'utf8')).toMatch(/"stack":"Error: .*key values mismatch\\n\s+at /);
  }, 60_000);
});
