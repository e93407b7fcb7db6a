import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestPki, type TestPki } from '../../test-support/pki';
import {
  classifyTransportError,
  closeTransportAgents,
  durataItaliana,
  looksLikeSoapFault,
  postSoap,
  type FailureContext,
  type PostSoapOptions,
  type TransportFailure,
  type TransportResult,
  type TransportSuccess,
} from './https-transport';

let pki: TestPki;
beforeAll(() => {
  pki = ensureTestPki();
});

const ENVELOPE =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><x>città</x></soapenv:Body></soapenv:Envelope>';
const FAULT =
  '<?xml version="1.0"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><env:Fault>' +
  '<faultcode>env:Client</faultcode><faultstring>Rejected by policy. (from client)</faultstring></env:Fault></env:Body></env:Envelope>';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  socketId: number;
}

interface TestServer {
  port: number;
  url: (path?: string) => string;
  received: Received[];
  connections: number;
  close(): Promise<void>;
}

const servers: TestServer[] = [];
const rawServers: net.Server[] = [];

afterEach(async () => {
  closeTransportAgents();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(
    rawServers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))),
  );
});

type Handler = (req: IncomingMessage, res: ServerResponse, body: string, rec: Received) => void;

async function startServer(
  handler: Handler,
  opts: { cert?: 'server' | 'rogue-server'; host?: string; requireClientCert?: boolean; readBody?: boolean } = {},
): Promise<TestServer> {
  const cert = opts.cert ?? 'server';
  const host = opts.host ?? '127.0.0.1';
  const received: Received[] = [];
  const sockets = new Set<net.Socket>();
  let socketSeq = 0;
  const ids = new WeakMap<object, number>();
  const server = https.createServer(
    {
      key: pki.pem(`${cert}.key`),
      cert: pki.pem(`${cert}.crt`),
      ...(opts.requireClientCert ? { requestCert: true, rejectUnauthorized: true, ca: [pki.pem('ca.crt')] } : {}),
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rec: Received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), socketId: ids.get(req.socket) ?? -1 };
        received.push(rec);
        handler(req, res, rec.body, rec);
      });
    },
  );
  server.on('secureConnection', (s: TLSSocket) => {
    ids.set(s, ++socketSeq);
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const t: TestServer = {
    port,
    url: (path = '/ANPR3000ServiziConsultazione/AnprService3000') => `https://${host === '127.0.0.1' ? '127.0.0.1' : host}:${port}${path}`,
    received,
    get connections() {
      return socketSeq;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  servers.push(t);
  return t;
}

function base(url: string, extra: Partial<PostSoapOptions> = {}): PostSoapOptions {
  return { url, envelope: ENVELOPE, caPems: [pki.pem('ca.crt')], timeoutMs: 1000, ...extra };
}

function expectFailure(r: TransportResult): TransportFailure {
  if (r.ok) throw new Error(`expected failure, got status ${r.status}`);
  return r;
}
function expectSuccess(r: TransportResult): TransportSuccess {
  if (!r.ok) throw new Error(`expected success, got ${r.outcome.kind}/${r.outcome.causa}: ${r.outcome.dettaglio}`);
  return r;
}

describe('postSoap: success', () => {
  it('posts the envelope with SOAP 1.1 headers and returns the body, server date and clock skew', async () => {
    const srv = await startServer((_req, res, body) => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(`<ok len="${Buffer.byteLength(body)}"/>`);
    });
    const r = expectSuccess(await postSoap(base(srv.url())));
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('text/xml; charset=utf-8');
    expect(r.body.toString()).toBe(`<ok len="${Buffer.byteLength(ENVELOPE)}"/>`);
    expect(r.attempts).toBe(1);
    expect(r.serverDate).toBeInstanceOf(Date);
    expect(Math.abs(r.clockSkew!.skewSeconds)).toBeLessThanOrEqual(1);
    expect(r.clockSkew!.warning).toBeUndefined();

    const got = srv.received[0]!;
    expect(got.body).toBe(ENVELOPE);
    expect(got.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(got.headers['soapaction']).toBe('""');
    expect(got.headers['content-length']).toBe(String(Buffer.byteLength(ENVELOPE)));
  });

  it('computes the skew from the Date header and warns above the threshold', async () => {
    const srv = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml', Date: new Date(Date.now() - 45_000).toUTCString() });
      res.end('<ok/>');
    });
    const r = expectSuccess(await postSoap(base(srv.url())));
    expect(r.clockSkew!.skewSeconds).toBeGreaterThanOrEqual(44);
    expect(r.clockSkew!.skewSeconds).toBeLessThanOrEqual(46);
    expect(r.clockSkew!.warning).toMatch(/L'orologio di questo computer differisce di 4\d secondi da quello di ANPR/);
  });

  it('reuses one keep-alive connection for consecutive calls', async () => {
    const srv = await startServer((_req, res) => res.end('<ok/>'));
    for (let i = 0; i < 3; i++) expectSuccess(await postSoap(base(srv.url())));
    expect(srv.connections).toBe(1);
  });

  it('accepts a Buffer envelope', async () => {
    const srv = await startServer((_req, res, body) => res.end(body));
    const r = expectSuccess(await postSoap(base(srv.url(), { envelope: Buffer.from(ENVELOPE, 'utf8') })));
    expect(r.body.toString('utf8')).toBe(ENVELOPE);
  });
});

describe('postSoap: HTTP status handling', () => {
  it('returns HTTP 500 with a SOAP Fault body as ok:true so the parser can build soap_fault', async () => {
    const srv = await startServer((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(FAULT);
    });
    const r = expectSuccess(await postSoap(base(srv.url())));
    expect(r.status).toBe(500);
    expect(r.body.toString()).toContain('Rejected by policy');
  });

  it('classifies HTTP 503 with a non-SOAP body as esito_sconosciuto http_5xx', async () => {
    const srv = await startServer((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end('<html><body>There was no endpoint listening</body></html>');
    });
    const r = expectFailure(await postSoap(base(srv.url())));
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'http_5xx', httpStatus: 503 });
    expect(r.outcome.messaggio).toContain('HTTP 503');
    expect(r.outcome.messaggio).toContain('Verrà verificata con lo stesso identificativo');
    expect(r.requestSent).toBe(true);
    expect(r.status).toBe(503);
    expect(srv.received).toHaveLength(1);
  });

  it('classifies a non-SOAP 404 as non_consegnata configurazione', async () => {
    const srv = await startServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    });
    const r = expectFailure(await postSoap(base(srv.url('/sbagliato'))));
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'configurazione' });
    expect(r.outcome.messaggio).toContain('HTTP 404');
  });

  it('returns a 4xx SOAP Fault as ok:true', async () => {
    const srv = await startServer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'text/xml' });
      res.end(FAULT);
    });
    expect(expectSuccess(await postSoap(base(srv.url()))).status).toBe(401);
  });
});

describe('postSoap: certainly not delivered', () => {
  it('connection refused (closed port)', async () => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));

    const r = expectFailure(await postSoap(base(`https://127.0.0.1:${port}/x`)));
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'connessione_rifiutata' });
    expect(r.outcome.messaggio).toMatch(/^ANPR non raggiungibile: connessione rifiutata/);
    expect(r.outcome.dettaglio).toContain('code=ECONNREFUSED');
    expect(r.outcome.dettaglio).toContain('phase=connect');
    expect(r.requestSent).toBe(false);
  });

  it('DNS failure on a .invalid host', async () => {
    const r = expectFailure(await postSoap(base('https://ws.anpr.invalid/ANPRTestConn/TestConn')));
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'dns' });
    expect(r.outcome.messaggio).toContain('ws.anpr.invalid');
    expect(r.outcome.dettaglio).toMatch(/code=(ENOTFOUND|EAI_AGAIN)/);
    expect(r.requestSent).toBe(false);
  });

  it('server certificate from another CA → certificato_server_non_attendibile, nothing received', async () => {
    const srv = await startServer((_req, res) => res.end('<ok/>'), { cert: 'rogue-server' });
    const r = expectFailure(await postSoap(base(srv.url())));
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'certificato_server_non_attendibile' });
    expect(r.outcome.messaggio).toBe(
      'Il certificato del server ANPR non è attendibile: la catena non porta alla CA ANPR configurata. Se ANPR ha cambiato CA, aggiornare il bundle CA nelle impostazioni. La richiesta non è stata inviata.',
    );
    expect(r.outcome.dettaglio).toMatch(/code=(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
    expect(r.requestSent).toBe(false);
    expect(srv.received).toHaveLength(0);
  });

  it('does not fall back to the system trust store: a CA bundle without the server CA fails', async () => {
    const srv = await startServer((_req, res) => res.end('<ok/>'));
    const r = expectFailure(await postSoap(base(srv.url(), { caPems: [pki.pem('rogue-ca.crt')] })));
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'certificato_server_non_attendibile' });
  });

  it('hostname mismatch (cert for localhost/127.0.0.1 served on 127.0.0.2)', async (ctx) => {
    let srv: TestServer;
    try {
      srv = await startServer((_req, res) => res.end('<ok/>'), { host: '127.0.0.2' });
    } catch {
      ctx.skip();
      return;
    }
    const r = expectFailure(await postSoap(base(srv.url())));
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'certificato_server_non_attendibile' });
    expect(r.outcome.messaggio).toContain("non corrisponde all'indirizzo 127.0.0.2");
    expect(r.outcome.dettaglio).toContain('code=ERR_TLS_CERT_ALTNAME_INVALID');
    expect(srv.received).toHaveLength(0);
  });

  it('connect timeout when the TLS handshake never completes', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((s) => {
      held.push(s); // accept TCP, never speak TLS
    });
    rawServers.push(silent);
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const port = (silent.address() as AddressInfo).port;
    const r = expectFailure(await postSoap(base(`https://127.0.0.1:${port}/x`, { connectTimeoutMs: 200, timeoutMs: 1000 })));
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'connessione_rifiutata' });
    expect(r.outcome.messaggio).toContain('connessione non stabilita entro 0,2 secondi');
    expect(r.phase).toBe('tls');
    expect(r.elapsedMs).toBeLessThan(900);
    for (const s of held) s.destroy();
  });

  it('rejects configuration problems before any network activity', async () => {
    const http = expectFailure(await postSoap(base('http://127.0.0.1:1/x')));
    expect(http.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'configurazione' });
    expect(http.outcome.messaggio).toContain('https://');
    const noCa = expectFailure(await postSoap(base('https://127.0.0.1:1/x', { caPems: [] })));
    expect(noCa.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'configurazione' });
    expect(noCa.outcome.messaggio).toContain('bundle CA');
  });
});

describe('postSoap: outcome unknown (request delivered)', () => {
  it('timeout after the server read the whole request', async () => {
    const srv = await startServer(() => {
      /* read the body, never answer */
    });
    const r = expectFailure(await postSoap(base(srv.url(), { timeoutMs: 400 })));
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'timeout' });
    expect(r.outcome.messaggio).toBe(
      "Nessuna risposta da ANPR entro 0,4 secondi: l'operazione potrebbe essere stata eseguita. Verrà verificata con lo stesso identificativo.",
    );
    expect(r.requestSent).toBe(true);
    expect(r.phase).toBe('wait');
    expect(srv.received[0]?.body).toBe(ENVELOPE);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(390);
    expect(r.elapsedMs).toBeLessThan(900);
  });

  it('uses the clerk wording with whole seconds', () => {
    expect(durataItaliana(60_000)).toBe('60 secondi');
    expect(durataItaliana(1_000)).toBe('1 secondo');
  });

  it('server destroys the socket after reading the request → connessione_interrotta', async () => {
    const srv = await startServer((req) => req.socket.destroy());
    const r = expectFailure(await postSoap(base(srv.url())));
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'connessione_interrotta' });
    expect(r.outcome.messaggio).toContain("si è interrotta dopo l'invio");
    expect(r.requestSent).toBe(true);
    expect(srv.received).toHaveLength(1);
  });

  it('truncated body (Content-Length not reached) → connessione_interrotta', async () => {
    const srv = await startServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': '5000' });
      res.write('<soap:Envelope>');
      setTimeout(() => req.socket.destroy(), 50);
    });
    const r = expectFailure(await postSoap(base(srv.url())));
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'connessione_interrotta' });
    expect(r.outcome.messaggio).toContain('arrivata incompleta');
    expect(r.phase).toBe('receive');
  });

  it('oversized streamed response → risposta_troppo_grande, and the read is aborted', async () => {
    let serverSawClose = false;
    let written = 0;
    const srv = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      res.on('close', () => {
        serverSawClose = true;
      });
      const pump = (): void => {
        while (written < 50 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      pump();
    });
    const r = expectFailure(await postSoap(base(srv.url(), { maxResponseBytes: 256 * 1024, timeoutMs: 5000 })));
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'risposta_troppo_grande' });
    expect(r.outcome.messaggio).toContain('supera il limite di 0,3 MB');
    await new Promise((res) => setTimeout(res, 100));
    expect(serverSawClose).toBe(true);
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('declared Content-Length above the limit is refused without reading the body', async () => {
    const srv = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': String(10 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    });
    const r = expectFailure(await postSoap(base(srv.url(), { maxResponseBytes: 1024 * 1024 })));
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'risposta_troppo_grande' });
    expect(r.outcome.dettaglio).toContain('content-length 10485760');
  });

  it('slow trickle response that exceeds the timeout → timeout (response incomplete)', async () => {
    const srv = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      const t = setInterval(() => {
        if (res.destroyed) clearInterval(t);
        else res.write('<a/>');
      }, 50);
      res.on('close', () => clearInterval(t));
    });
    const r = expectFailure(await postSoap(base(srv.url(), { timeoutMs: 500 })));
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'timeout' });
    expect(r.outcome.messaggio).toContain('non è arrivata completa entro 0,5 secondi');
    expect(r.phase).toBe('receive');
  });
});

describe('postSoap: abort', () => {
  it('an already-aborted signal rejects without sending', async () => {
    const srv = await startServer((_req, res) => res.end('<ok/>'));
    const ac = new AbortController();
    ac.abort();
    await expect(postSoap(base(srv.url(), { signal: ac.signal }))).rejects.toThrow();
    expect(srv.received).toHaveLength(0);
  });

  it('aborting after the request was sent resolves esito_sconosciuto with aborted:true', async () => {
    const ac = new AbortController();
    const srv = await startServer(() => {
      setTimeout(() => ac.abort(), 20);
    });
    const r = expectFailure(await postSoap(base(srv.url(), { signal: ac.signal, timeoutMs: 2000 })));
    expect(r.aborted).toBe(true);
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'connessione_interrotta' });
  });
});

describe('postSoap: stale keep-alive sockets', () => {
  it('resends once on a fresh connection when a reused socket is reset before any response', async () => {
    const perSocket = new Map<number, number>();
    const srv = await startServer((req, res, _body, rec) => {
      const n = (perSocket.get(rec.socketId) ?? 0) + 1;
      perSocket.set(rec.socketId, n);
      if (n === 2) req.socket.destroy();
      else res.end('<ok/>');
    });
    expectSuccess(await postSoap(base(srv.url())));
    const r = expectSuccess(await postSoap(base(srv.url())));
    expect(r.attempts).toBe(2);
    expect(srv.connections).toBe(2);
  });

  it('without retryStaleSocket the reset is reported as connessione_interrotta', async () => {
    const perSocket = new Map<number, number>();
    const srv = await startServer((req, res, _body, rec) => {
      const n = (perSocket.get(rec.socketId) ?? 0) + 1;
      perSocket.set(rec.socketId, n);
      if (n === 2) req.socket.destroy();
      else res.end('<ok/>');
    });
    expectSuccess(await postSoap(base(srv.url())));
    const r = expectFailure(await postSoap(base(srv.url(), { retryStaleSocket: false })));
    expect(r.outcome).toMatchObject({ kind: 'esito_sconosciuto', causa: 'connessione_interrotta' });
    expect(r.outcome.dettaglio).toContain('reusedSocket=true');
  });
});

describe('postSoap: TLS client certificate', () => {
  it('is accepted by a server that requires it', async () => {
    const srv = await startServer(
      (req, res) => res.end(`<cn>${(req.socket as TLSSocket).getPeerCertificate().subject.CN}</cn>`),
      { requireClientCert: true },
    );
    const r = expectSuccess(
      await postSoap(base(srv.url(), { clientCert: { keyPem: pki.pem('comune.key'), certPem: pki.pem('comune.crt') } })),
    );
    expect(r.body.toString()).toBe(`<cn>${pki.istat}-CO-9999</cn>`);
  });

  it('without a client certificate the handshake fails → non_consegnata tls, nothing processed', async () => {
    const srv = await startServer((_req, res) => res.end('<ok/>'), { requireClientCert: true });
    // TLS 1.2 so the refusal is inside the handshake (with 1.3 it may race into a post-send reset).
    const r = expectFailure(await postSoap(base(srv.url(), { tlsMaxVersion: 'TLSv1.2' })));
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'tls' });
    expect(r.outcome.messaggio).toContain('Connessione sicura');
    expect(r.requestSent).toBe(false);
    expect(r.phase).toBe('tls');
    expect(srv.received).toHaveLength(0);
  });

  it('a client certificate from another CA is refused → non_consegnata tls (TLS 1.2 by default with clientCert)', async () => {
    const srv = await startServer((_req, res) => res.end('<ok/>'), { requireClientCert: true });
    const r = expectFailure(
      await postSoap(base(srv.url(), { clientCert: { keyPem: pki.pem('rogue-comune.key'), certPem: pki.pem('rogue-comune.crt') } })),
    );
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'tls' });
    expect(r.phase).toBe('tls');
    expect(r.requestSent).toBe(false);
    expect(srv.received).toHaveLength(0);
  });

  it('with TLS 1.3 a refused client certificate is never reported as delivered-and-fine', async () => {
    const srv = await startServer((_req, res) => res.end('<ok/>'), { requireClientCert: true });
    const r = expectFailure(
      await postSoap(
        base(srv.url(), {
          tlsMaxVersion: 'TLSv1.3',
          retryStaleSocket: false,
          clientCert: { keyPem: pki.pem('rogue-comune.key'), certPem: pki.pem('rogue-comune.crt') },
        }),
      ),
    );
    // Either the alert is seen (tls) or it races into a reset after send (unknown): both are safe.
    expect(['non_consegnata/tls', 'esito_sconosciuto/connessione_interrotta']).toContain(`${r.outcome.kind}/${r.outcome.causa}`);
    expect(srv.received).toHaveLength(0);
  });

  it('a client key that does not match its certificate is a configuration error', async () => {
    const srv = await startServer((_req, res) => res.end('<ok/>'));
    const r = expectFailure(
      await postSoap(base(srv.url(), { clientCert: { keyPem: pki.pem('postazione.key'), certPem: pki.pem('comune.crt') } })),
    );
    expect(r.outcome).toMatchObject({ kind: 'non_consegnata', causa: 'configurazione' });
  });
});

describe('classifyTransportError (table rows a local server cannot provoke)', () => {
  const ctx = (over: Partial<FailureContext>): FailureContext => ({
    code: 'X', phase: 'connect', requestSent: false, responseStarted: false, host: 'ws.anpr.interno.it',
    elapsedMs: 12, timeoutMs: 60_000, connectTimeoutMs: 10_000, maxResponseBytes: 20 * 1024 * 1024, ...over,
  });
  const rows: [Partial<FailureContext>, string, string][] = [
    [{ code: 'EAI_AGAIN', phase: 'dns' }, 'non_consegnata', 'dns'],
    [{ code: 'EHOSTUNREACH' }, 'non_consegnata', 'connessione_rifiutata'],
    [{ code: 'ENETUNREACH' }, 'non_consegnata', 'connessione_rifiutata'],
    [{ code: 'ETIMEDOUT' }, 'non_consegnata', 'connessione_rifiutata'],
    [{ code: 'CERT_HAS_EXPIRED', phase: 'tls' }, 'non_consegnata', 'certificato_server_non_attendibile'],
    [{ code: 'SELF_SIGNED_CERT_IN_CHAIN', phase: 'tls' }, 'non_consegnata', 'certificato_server_non_attendibile'],
    [{ code: 'ECONNRESET', phase: 'tls' }, 'non_consegnata', 'tls'],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER', phase: 'tls' }, 'non_consegnata', 'tls'],
    [{ code: 'ECONNRESET', phase: 'send' }, 'non_consegnata', 'connessione_rifiutata'],
    [{ code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', phase: 'wait', requestSent: true }, 'non_consegnata', 'tls'],
    [
      { code: 'EPROTO', phase: 'wait', requestSent: true, message: 'write EPROTO …:ssl3_read_bytes:tlsv13 alert certificate required:…' },
      'non_consegnata',
      'tls',
    ],
    [{ code: 'EPROTO', phase: 'receive', requestSent: true, responseStarted: true }, 'esito_sconosciuto', 'connessione_interrotta'],
    [{ code: 'ETIMEDOUT', phase: 'wait', requestSent: true }, 'esito_sconosciuto', 'connessione_interrotta'],
    [{ code: 'ECONNRESET', phase: 'wait', requestSent: true }, 'esito_sconosciuto', 'connessione_interrotta'],
    [{ code: 'TIMEOUT', phase: 'wait', requestSent: true }, 'esito_sconosciuto', 'timeout'],
    [{ code: 'TIMEOUT', phase: 'tls' }, 'non_consegnata', 'connessione_rifiutata'],
    [{ code: 'HTTP_502', phase: 'receive', requestSent: true, responseStarted: true, status: 502 }, 'esito_sconosciuto', 'http_5xx'],
  ];
  it.each(rows)('%o → %s / %s', (over, kind, causa) => {
    const o = classifyTransportError(ctx(over));
    expect(o.kind).toBe(kind);
    expect(o.causa).toBe(causa);
    expect(o.dettaglio).toContain(`code=${over.code}`);
    expect(o.messaggio).not.toMatch(/undefined/);
  });

  it('expired server certificate tells the clerk to check the local clock', () => {
    expect(classifyTransportError(ctx({ code: 'CERT_HAS_EXPIRED' })).messaggio).toContain('verificare data e ora');
  });

  it('the default 60 s timeout message matches the clerk wording', () => {
    expect(classifyTransportError(ctx({ code: 'TIMEOUT', phase: 'wait', requestSent: true })).messaggio).toBe(
      "Nessuna risposta da ANPR entro 60 secondi: l'operazione potrebbe essere stata eseguita. Verrà verificata con lo stesso identificativo.",
    );
  });
});

describe('looksLikeSoapFault', () => {
  it('recognises faults with any prefix, and rejects plain errors', () => {
    expect(looksLikeSoapFault(Buffer.from(FAULT))).toBe(true);
    expect(looksLikeSoapFault(Buffer.from('<Envelope><Body><Fault/></Body></Envelope>'))).toBe(true);
    expect(looksLikeSoapFault(Buffer.from('<html>Service Unavailable</html>'))).toBe(false);
    expect(looksLikeSoapFault(Buffer.from('<soap:Envelope><soap:Body><ok/></soap:Body></soap:Envelope>'))).toBe(false);
  });
});
