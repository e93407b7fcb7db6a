/**
 * The web host: the same core, served to a browser on 127.0.0.1.
 * It exposes exactly the IPC contract — `POST /api/<channel>` answers the
 * same envelope as Electron IPC, `GET /api/events` streams pushes as
 * server-sent events — behind a random per-run token, and it checks Host and
 * Origin so other sites and DNS rebinding cannot reach it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { Core } from '../../core/create-core';
import { ERROR_CODES, type Envelope } from '../../../shared/ipc/envelope';
import { CONTENT_TYPES, RENDERER_CSP, resolveInsideRoot } from '../path-guard';

export interface WebHostOptions {
  core: Core;
  /** The built renderer (vite output). */
  staticDir: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface WebHost {
  readonly url: string;
  /** URL with the token in the fragment: what the clerk opens. */
  readonly openUrl: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const log = core.logger.child('web');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const sseClients = new Set<ServerResponse>();

  const unsubscribe = core.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const handleApi = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      log.warn('refused foreign origin', { origin: origin.slice(0, 100) });
      return refuse(res, 403, 'ORIGINE_NON_AUTORIZZATA', 'Richiesta da un\'origine non autorizzata.');
    }
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
    if (!sameToken(given, token)) {
      log.warn('refused request without a valid token', { path });
      return refuse(res, 401, ERROR_CODES.unauthenticated, 'Sessione non valida: aprire l\'indirizzo stampato all\'avvio.');
    }
    if (path === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (req.method !== 'POST') {
      return refuse(res, 405, ERROR_CODES.badRequest, 'Metodo non consentito.');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, ERROR_CODES.badRequest, 'Formato della richiesta non valido.');
    }
    const channel = decodeURIComponent(path.slice('/api/'.length));
    const text = await readBody(req, maxBodyBytes);
    if (text === null) {
      // Stop reading and drop the connection: the rest of the body is not ours to buffer.
      res.setHeader('Connection', 'close');
      refuse(res, 413, ERROR_CODES.badRequest, 'Richiesta troppo grande.');
      res.on('finish', () => req.destroy());
      return;
    }
    let payload: unknown;
    try {
      payload = text.length === 0 ? undefined : (JSON.parse(text) as { request?: unknown }).request;
    } catch {
      return refuse(res, 400, ERROR_CODES.badRequest, 'I dati inviati non sono validi.');
    }
    const envelope = await core.router.dispatch(channel, payload, { transport: 'web' });
    const status = envelope.ok ? 200 : envelope.error.code === ERROR_CODES.unknownChannel ? 404 : 200;
    sendJson(res, status, envelope);
  };

  const handleStatic = (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    const target = path === '/' ? join(options.staticDir, 'index.html') : resolveInsideRoot(options.staticDir, path);
    if (!target) {
      log.warn('refused path outside the renderer folder', { path: path.slice(0, 200) });
      res.writeHead(403, SECURITY_HEADERS).end();
      return;
    }
    if (!existsSync(target) || !statSync(target).isFile()) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Non trovato');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(target).pipe(res);
  };

  const server: Server = createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      log.warn('refused unexpected Host header', { host: (req.headers.host ?? '').slice(0, 100) });
      return refuse(res, 421, 'HOST_NON_AUTORIZZATO', 'Indirizzo non autorizzato.');
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) {
      handleApi(req, res, path).catch((error: unknown) => {
        log.error('web api failure', { error: error instanceof Error ? error.stack : String(error) });
        if (!res.headersSent) refuse(res, 500, ERROR_CODES.internal, 'Errore interno.');
      });
      return;
    }
    handleStatic(req, res, path);
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    async close() {
      unsubscribe();
      // Stop accepting, end the event streams and drop keep-alive sockets now:
      // an open page would otherwise reconnect its stream on a kept-alive socket forever.
      const closed = new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await closed;
    },
  };
}
