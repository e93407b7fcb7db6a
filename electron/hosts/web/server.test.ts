import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../test-support/core';
import { startWebHost, type WebHost } from './server';

const staticDir = mkdtempSync(join(tmpdir(), 'renderer-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>ok</title>');
mkdirSync(join(staticDir, 'assets'));
writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'secret');

let core: ReturnType<typeof createTestCore>;
let host: WebHost;

beforeAll(async () => {
  core = createTestCore();
  host = await startWebHost({ core, staticDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  await core.dispose();
});

/** Raw HTTP, so the test controls Host and Origin exactly. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const api = (channel: string, request: unknown, headers: Record<string, string> = {}) =>
  raw(`/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
    body: JSON.stringify({ request }),
  });

const comuneSalvato = () => core.settings.get().comune;

describe('web host', () => {
  it('binds to loopback and prints a tokenised URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.openUrl).toBe(`${host.url}#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers the contract with the same envelope as IPC', async () => {
    const response = await api('home.riepilogo', undefined);
    expect(response.status).toBe(200);
    const envelope = JSON.parse(response.body) as { ok: boolean; value: { comune: { codiceIstat: string } } };
    expect(envelope.ok).toBe(true);
    expect(envelope.value.comune.codiceIstat).toBe(comuneSalvato().codiceIstat);
  });

  it('applies a valid change', async () => {
    const response = await api('impostazioni.salvaComune', { codiceIstat: '056009', denominazione: 'Bomarzo' });
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { codiceIstat: '056009', denominazione: 'Bomarzo' } });
    expect(comuneSalvato()).toEqual({ codiceIstat: '056009', denominazione: 'Bomarzo' });
  });

  it('refuses a wrong or missing token, with no side effect', async () => {
    const before = comuneSalvato();
    for (const authorization of [`Bearer ${host.token}x`, 'Bearer ', '', `Basic ${host.token}`]) {
      const response = await raw('/api/impostazioni.salvaComune', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
        body: JSON.stringify({ request: { codiceIstat: '001001', denominazione: 'Intruso' } }),
      });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'NON_AUTENTICATO' } });
    }
    expect(comuneSalvato()).toEqual(before);
  });

  it('refuses a foreign Origin even with the token, with no side effect', async () => {
    const before = comuneSalvato();
    const response = await api('impostazioni.salvaComune', { codiceIstat: '001001', denominazione: 'Intruso' }, { Origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'ORIGINE_NON_AUTORIZZATA' } });
    expect(comuneSalvato()).toEqual(before);
    const sameOrigin = await api('home.riepilogo', undefined, { Origin: host.url.slice(0, -1) });
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses an unexpected Host header (DNS rebinding)', async () => {
    const response = await api('home.riepilogo', undefined, { Host: `evil.example:${host.port}` });
    expect(response.status).toBe(421);
    const staticResponse = await raw('/', { headers: { Host: 'evil.example' } });
    expect(staticResponse.status).toBe(421);
  });

  it('refuses an unknown channel', async () => {
    const response = await api('shell.exec', 'rm -rf /');
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'CANALE_SCONOSCIUTO' } });
  });

  it('refuses a malformed payload with the field errors, with no side effect', async () => {
    const before = comuneSalvato();
    const response = await api('impostazioni.salvaComune', { codiceIstat: '12', denominazione: '' });
    const envelope = JSON.parse(response.body) as { ok: false; error: { code: string; details: { path: string; message: string }[] } };
    expect(envelope.ok).toBe(false);
    expect(envelope.error.code).toBe('RICHIESTA_NON_VALIDA');
    expect(envelope.error.details.map((issue) => issue.message)).toContain('Il codice ISTAT è formato da 6 cifre.');
    expect(comuneSalvato()).toEqual(before);

    const notJson = await raw('/api/impostazioni.salvaComune', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
    expect(comuneSalvato()).toEqual(before);
  });

  it('refuses non-JSON content types and oversized bodies', async () => {
    const form = await raw('/api/home.riepilogo', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${host.token}` },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const big = await api('impostazioni.salvaComune', { codiceIstat: '056003', denominazione: 'x'.repeat(2_000_000) });
    expect(big.status).toBe(413);
  });

  it('serves the renderer with a CSP and never a file outside its folder', async () => {
    const index = await raw('/');
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await raw('/assets/app.js')).status).toBe(200);
    for (const path of ['/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/assets/..%2f..%2foutside-secret.txt']) {
      const response = await raw(path);
      expect(response.status).toBe(403);
      expect(response.body).not.toContain('secret');
    }
  });

  it('streams core events to an authenticated client only', async () => {
    const unauthorised = await raw('/api/events');
    expect(unauthorised.status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: host.port, path: '/api/events', headers: { Authorization: `Bearer ${host.token}` } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('connessione.cambiata')) {
              req.destroy();
              resolve(text);
            }
          });
          setTimeout(() => core.connection.record(true, null), 50);
        },
      );
      req.on('error', (error) => (String(error).includes('socket hang up') ? undefined : reject(error)));
      req.end();
    });
    expect(received).toContain('event: connessione.cambiata');
    expect(received).toContain('"stato":"raggiungibile"');
  });
});

describe('web host shutdown', () => {
  it('closes promptly even with an event stream and a kept-alive socket open', async () => {
    const own = createTestCore();
    const other = await startWebHost({ core: own, staticDir, port: 0 });
    const { Agent, request } = await import('node:http');
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: other.port, path: '/api/events', agent, headers: { Authorization: `Bearer ${other.token}` } }, (res) => {
        res.once('data', () => resolve());
        res.on('error', () => undefined);
      });
      req.on('error', () => undefined);
      req.end();
    });
    const started = Date.now();
    await other.close();
    // Liveness, not speed: before the fix this waited for the stream to end, i.e. forever.
    expect(Date.now() - started).toBeLessThan(10_000);
    agent.destroy();
    await own.dispose();
  });
});
