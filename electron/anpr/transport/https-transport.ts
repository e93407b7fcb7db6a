/**
 * Posts one signed SOAP envelope to ANPR over HTTPS and classifies every
 * failure by the only question the queue cares about: could ANPR have
 * processed the request?
 *
 *  - `non_consegnata`: the request bytes never (completely) left this
 *    computer, or the server refused the connection/handshake/request before
 *    the application could act on it. Safe to resend.
 *  - `esito_sconosciuto`: the request was fully handed to the network and no
 *    complete, usable answer came back. ANPR may have executed it; the queue
 *    reconciles by resending the SAME idOperazioneComune (ANPR replays).
 *
 * Trust: ONLY the configured CA certificates (`caPems`) are trusted — never
 * the system store, never `rejectUnauthorized: false`. TLS client
 * authentication is optional (ANPR's SOAP endpoints authenticate the signed
 * SAML assertion plus an IP allowlist; anpr-protocol.md §4.1).
 *
 * Uses node:https directly (no SOAP library): one POST,
 * `Content-Type: text/xml; charset=utf-8`, `SOAPAction: ""`, through a
 * keep-alive agent cached per (origin, CA bundle, client certificate).
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Clock } from '../../core/clock';
import type { AnprOutcome } from '../outcome';
import { checkClockSkew, parseHttpDate, type ClockSkew } from './clock-skew';

export type NonConsegnata = Extract<AnprOutcome, { kind: 'non_consegnata' }>;
export type EsitoSconosciuto = Extract<AnprOutcome, { kind: 'esito_sconosciuto' }>;
export type TransportFailureOutcome = NonConsegnata | EsitoSconosciuto;

/** Where the exchange was when it ended (for `dettaglio` and diagnostics). */
export type TransportPhase =
  | 'setup' // before any socket: bad URL, bad client key, no CA
  | 'dns'
  | 'connect' // TCP
  | 'tls' // handshake
  | 'send' // writing request bytes
  | 'wait' // request flushed, waiting for the status line
  | 'receive'; // reading the response body

export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Idle keep-alive sockets are closed after this, below common server idle limits (Apache: 5 s). */
export const IDLE_SOCKET_TIMEOUT_MS = 4_000;

export interface PostSoapOptions {
  url: string;
  envelope: string | Buffer;
  /** SOAP 1.1 action; ANPR uses the empty string (sent as `SOAPAction: ""`). */
  soapAction?: string;
  /** The only trust anchors (PEM). Required, non-empty. */
  caPems: readonly string[];
  /** Optional TLS client authentication. */
  clientCert?: { keyPem: string; certPem: string; passphrase?: string };
  /**
   * Highest TLS version. Default: TLSv1.2 when `clientCert` is set, else
   * TLSv1.3. Reason: in TLS 1.3 the server checks the client certificate
   * AFTER the client considers the handshake done, so a refused certificate
   * often surfaces as a reset after the request was written — which we must
   * then report as `esito_sconosciuto`. In TLS 1.2 the refusal happens inside
   * the handshake, before any request byte: a clean `non_consegnata`/`tls`.
   */
  tlsMaxVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Overall deadline, from the call to the last body byte. */
  timeoutMs: number;
  /** Deadline for DNS + TCP + TLS (default min(timeoutMs, 10 s)). Expiry = not delivered. */
  connectTimeoutMs?: number;
  /** Responses larger than this are aborted while reading (default 20 MB). */
  maxResponseBytes?: number;
  /**
   * Aborting before the request was flushed rejects the promise with the
   * signal's reason (nothing was sent). Aborting after resolves with
   * `esito_sconosciuto` / `connessione_interrotta` and `aborted: true`,
   * because ANPR may have received it.
   */
  signal?: AbortSignal;
  /**
   * When a pooled keep-alive socket turns out to be dead (reset before any
   * response byte), resend once on a fresh connection — the case Node's docs
   * describe for `req.reusedSocket`. Safe for ANPR because the same
   * idOperazioneComune is replayed, never re-executed. Default true.
   */
  retryStaleSocket?: boolean;
  /** For the clock-skew check against the server `Date` header. */
  clock?: Clock;
  /** Threshold for the clock-skew warning (default 20 s). */
  skewThresholdSeconds?: number;
}

export interface TransportSuccess {
  ok: true;
  /** 2xx, or 4xx/5xx whose body is a SOAP Fault (the parser turns it into `soap_fault`). */
  status: number;
  headers: IncomingHttpHeaders;
  /** Raw Content-Type ('' when absent); multipart/related for MTOM (6001). */
  contentType: string;
  body: Buffer;
  serverDate?: Date;
  clockSkew?: ClockSkew;
  elapsedMs: number;
  /** 2 when a dead pooled socket forced one resend. */
  attempts: number;
}

export interface TransportFailure {
  ok: false;
  outcome: TransportFailureOutcome;
  /** Error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`), or `TIMEOUT`, `CONNECT_TIMEOUT`, `HTTP_503`, `RESPONSE_TOO_LARGE`, `TRUNCATED`, `ABORTED`. */
  code: string;
  phase: TransportPhase;
  /** True once every request byte was handed to the OS (`req` 'finish'). */
  requestSent: boolean;
  elapsedMs: number;
  status?: number;
  serverDate?: Date;
  aborted?: boolean;
  attempts: number;
}

export type TransportResult = TransportSuccess | TransportFailure;

// ---------------------------------------------------------------------------
// Agents

const agents = new Map<string, https.Agent>();

function agentFor(
  origin: string,
  caPems: readonly string[],
  clientCert: PostSoapOptions['clientCert'],
  maxVersion: 'TLSv1.2' | 'TLSv1.3',
): https.Agent {
  const h = createHash('sha256');
  h.update(origin).update('\0').update(maxVersion).update('\0');
  for (const pem of caPems) h.update(pem).update('\0');
  if (clientCert) h.update(clientCert.certPem).update('\0').update(clientCert.keyPem).update('\0').update(clientCert.passphrase ?? '');
  const key = h.digest('hex');
  let agent = agents.get(key);
  if (!agent) {
    agent = new https.Agent({
      keepAlive: true,
      keepAliveMsecs: 15_000,
      maxSockets: 4,
      maxFreeSockets: 2,
      timeout: IDLE_SOCKET_TIMEOUT_MS,
      ca: [...caPems],
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      maxVersion,
      ...(clientCert ? { key: clientCert.keyPem, cert: clientCert.certPem, passphrase: clientCert.passphrase } : {}),
    });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every pooled connection (app shutdown, settings change, tests). */
export function closeTransportAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

// ---------------------------------------------------------------------------
// Classification

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ESERVFAIL', 'ENODATA']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
const UNTRUSTED_CERT_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
]);
const EXPIRED_CERT_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const HOSTNAME_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
/** Alerts by which the server aborts the handshake (e.g. it wants/refuses our client certificate). */
const HANDSHAKE_ALERT =
  /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13)_ALERT_(?:CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|HANDSHAKE_FAILURE|PROTOCOL_VERSION|INSUFFICIENT_SECURITY|DECRYPT_ERROR|ILLEGAL_PARAMETER)$/;

/** The TLS alert name when the server aborted the handshake, e.g. `CERTIFICATE_REQUIRED`. */
function handshakeAlert(code: string, message: string | undefined): string | undefined {
  if (HANDSHAKE_ALERT.test(code)) return code.replace(/^ERR_SSL_(?:SSLV3|TLSV1|TLSV13)_ALERT_/, '');
  if (code === 'EPROTO' && message) {
    const m = /alert (certificate required|bad certificate|unknown ca|certificate unknown|certificate expired|certificate revoked|unsupported certificate|access denied|handshake failure|protocol version|insufficient security|decrypt error|illegal parameter)/i.exec(
      message,
    );
    if (m?.[1]) return m[1].toUpperCase().replace(/ /g, '_');
  }
  return undefined;
}

export interface FailureContext {
  code: string;
  /** Low-level message (English, from Node/OpenSSL); goes to `dettaglio` only. */
  message?: string;
  phase: TransportPhase;
  requestSent: boolean;
  /** Status line received (a truncated body is then `connessione_interrotta`). */
  responseStarted: boolean;
  host: string;
  elapsedMs: number;
  timeoutMs: number;
  connectTimeoutMs: number;
  maxResponseBytes: number;
  status?: number;
  attempt?: number;
  reusedSocket?: boolean;
  aborted?: boolean;
  /** Issuer/subject of the server certificate when a verification failed. */
  peer?: string;
}

/** Italian duration: "60 secondi", "1 secondo", "0,5 secondi". */
export function durataItaliana(ms: number): string {
  const s = ms / 1000;
  if (s === 1) return '1 secondo';
  return `${Number.isInteger(s) ? s : s.toLocaleString('it-IT', { maximumFractionDigits: 1 })} secondi`;
}

function mb(bytes: number): string {
  const v = bytes / (1024 * 1024);
  return `${Number.isInteger(v) ? v : v.toLocaleString('it-IT', { maximumFractionDigits: 1 })} MB`;
}

const RECONCILE = "l'operazione potrebbe essere stata eseguita. Verrà verificata con lo stesso identificativo.";
const NOT_SENT = 'La richiesta non è stata inviata e potrà essere ripetuta.';

function dettaglio(ctx: FailureContext): string {
  const parts = [
    `code=${ctx.code}`,
    `phase=${ctx.phase}`,
    `host=${ctx.host}`,
    `requestSent=${ctx.requestSent}`,
    `responseStarted=${ctx.responseStarted}`,
    `elapsedMs=${Math.round(ctx.elapsedMs)}`,
  ];
  if (ctx.status !== undefined) parts.push(`status=${ctx.status}`);
  if (ctx.attempt !== undefined) parts.push(`attempt=${ctx.attempt}`);
  if (ctx.reusedSocket) parts.push('reusedSocket=true');
  if (ctx.aborted) parts.push('aborted=true');
  if (ctx.code === 'TIMEOUT') parts.push(`timeoutMs=${ctx.timeoutMs}`);
  if (ctx.code === 'CONNECT_TIMEOUT') parts.push(`connectTimeoutMs=${ctx.connectTimeoutMs}`);
  if (ctx.code === 'RESPONSE_TOO_LARGE') parts.push(`maxResponseBytes=${ctx.maxResponseBytes}`);
  if (ctx.peer) parts.push(`peer=${ctx.peer}`);
  if (ctx.message) parts.push(`message=${JSON.stringify(ctx.message.slice(0, 300))}`);
  return parts.join(' ');
}

function nonConsegnata(causa: NonConsegnata['causa'], messaggio: string, ctx: FailureContext): NonConsegnata {
  return { kind: 'non_consegnata', causa, messaggio, dettaglio: dettaglio(ctx) };
}

function sconosciuto(causa: EsitoSconosciuto['causa'], messaggio: string, ctx: FailureContext): EsitoSconosciuto {
  return {
    kind: 'esito_sconosciuto',
    causa,
    messaggio,
    dettaglio: dettaglio(ctx),
    ...(ctx.status !== undefined ? { httpStatus: ctx.status } : {}),
  };
}

/**
 * Maps a failure onto the outcome union. Pure: exported so every row of the
 * table can be tested, including errors a local server cannot provoke.
 */
export function classifyTransportError(ctx: FailureContext): TransportFailureOutcome {
  const { code, host } = ctx;

  // Errors that by their nature happen before the server application sees anything.
  if (code === 'CONFIG') {
    return nonConsegnata('configurazione', `Configurazione del collegamento ad ANPR non valida: ${ctx.message ?? ''}`.trim(), ctx);
  }
  if (DNS_CODES.has(code)) {
    return nonConsegnata(
      'dns',
      `ANPR non raggiungibile: il nome ${host} non è stato trovato (DNS). Verificare la connessione di rete e l'indirizzo nelle impostazioni. ${NOT_SENT}`,
      ctx,
    );
  }
  if (code === 'ECONNREFUSED') {
    return nonConsegnata('connessione_rifiutata', `ANPR non raggiungibile: connessione rifiutata da ${host}. ${NOT_SENT}`, ctx);
  }
  if (UNREACHABLE_CODES.has(code)) {
    return nonConsegnata('connessione_rifiutata', `ANPR non raggiungibile: rete non disponibile verso ${host}. ${NOT_SENT}`, ctx);
  }
  if (code === 'CONNECT_TIMEOUT') {
    return nonConsegnata(
      'connessione_rifiutata',
      `ANPR non raggiungibile: connessione non stabilita entro ${durataItaliana(ctx.connectTimeoutMs)}. ${NOT_SENT}`,
      ctx,
    );
  }
  if (UNTRUSTED_CERT_CODES.has(code)) {
    return nonConsegnata(
      'certificato_server_non_attendibile',
      "Il certificato del server ANPR non è attendibile: la catena non porta alla CA ANPR configurata. Se ANPR ha cambiato CA, aggiornare il bundle CA nelle impostazioni. La richiesta non è stata inviata.",
      ctx,
    );
  }
  if (EXPIRED_CERT_CODES.has(code)) {
    const stato = code === 'CERT_HAS_EXPIRED' ? 'è scaduto' : 'non è ancora valido';
    return nonConsegnata(
      'certificato_server_non_attendibile',
      `Il certificato del server ANPR ${stato}: verificare data e ora di questo computer; se sono corrette, il problema è presso ANPR. La richiesta non è stata inviata.`,
      ctx,
    );
  }
  if (HOSTNAME_CODES.has(code)) {
    return nonConsegnata(
      'certificato_server_non_attendibile',
      `Il certificato del server non corrisponde all'indirizzo ${host}: verificare l'indirizzo di ANPR nelle impostazioni. La richiesta non è stata inviata.`,
      ctx,
    );
  }
  const alert = handshakeAlert(code, ctx.message);
  if (!ctx.responseStarted && alert) {
    // With TLS 1.3 the client may already have "sent" the request when the
    // server's alert about our client certificate arrives; the server
    // application never saw it.
    const certificato = /CERTIFICATE|UNKNOWN_CA|ACCESS_DENIED/.test(alert);
    return nonConsegnata(
      'tls',
      certificato
        ? `Connessione sicura con ANPR rifiutata: il server non ha accettato il certificato di questa postazione. ${NOT_SENT}`
        : `Connessione sicura (TLS) con ANPR non riuscita. ${NOT_SENT}`,
      ctx,
    );
  }

  if (/^HTTP_5\d\d$/.test(code)) {
    // A status line came back: the server read (at least part of) the request.
    return sconosciuto('http_5xx', `ANPR ha risposto con un errore del server (HTTP ${ctx.status ?? code.slice(5)}): ${RECONCILE}`, ctx);
  }

  if (!ctx.requestSent) {
    if (code === 'ABORTED') {
      // Normally surfaced as a rejection; kept total for completeness.
      return nonConsegnata('connessione_rifiutata', `Invio ad ANPR annullato prima della trasmissione. ${NOT_SENT}`, ctx);
    }
    if (code === 'TIMEOUT') {
      return nonConsegnata(
        'connessione_rifiutata',
        `ANPR non raggiungibile: la richiesta non è stata trasmessa entro ${durataItaliana(ctx.timeoutMs)}. ${NOT_SENT}`,
        ctx,
      );
    }
    if (ctx.phase === 'tls' || /^ERR_SSL_|^ERR_TLS_|^EPROTO$/.test(code)) {
      return nonConsegnata('tls', `Connessione sicura (TLS) con ANPR non riuscita. ${NOT_SENT}`, ctx);
    }
    if (/^ERR_OSSL_|^ERR_INVALID_ARG|^ERR_INVALID_URL$/.test(code)) {
      return nonConsegnata(
        'configurazione',
        'Configurazione del collegamento ad ANPR non valida (certificato o chiave della postazione non utilizzabili).',
        ctx,
      );
    }
    return nonConsegnata('connessione_rifiutata', `Connessione con ANPR interrotta prima dell'invio. ${NOT_SENT}`, ctx);
  }

  // From here the request was fully handed to the network: ANPR may have it.
  if (code === 'TIMEOUT') {
    return sconosciuto(
      'timeout',
      ctx.responseStarted
        ? `La risposta di ANPR non è arrivata completa entro ${durataItaliana(ctx.timeoutMs)}: ${RECONCILE}`
        : `Nessuna risposta da ANPR entro ${durataItaliana(ctx.timeoutMs)}: ${RECONCILE}`,
      ctx,
    );
  }
  if (code === 'RESPONSE_TOO_LARGE') {
    return sconosciuto(
      'risposta_troppo_grande',
      `La risposta di ANPR supera il limite di ${mb(ctx.maxResponseBytes)} e non è stata letta: ${RECONCILE}`,
      ctx,
    );
  }
  if (code === 'ABORTED') {
    return sconosciuto('connessione_interrotta', `Invio interrotto dopo la trasmissione della richiesta: ${RECONCILE}`, ctx);
  }
  if (ctx.responseStarted) {
    return sconosciuto('connessione_interrotta', `La risposta di ANPR è arrivata incompleta: ${RECONCILE}`, ctx);
  }
  if (RESET_CODES.has(code) || code === 'ETIMEDOUT' || code === 'TRUNCATED') {
    return sconosciuto('connessione_interrotta', `La connessione con ANPR si è interrotta dopo l'invio della richiesta: ${RECONCILE}`, ctx);
  }
  return sconosciuto('connessione_interrotta', `Errore di comunicazione con ANPR dopo l'invio della richiesta: ${RECONCILE}`, ctx);
}

/** HTTP statuses that are failures (non-SOAP-fault bodies). 2xx never gets here. */
function classifyStatus(ctx: FailureContext & { status: number }): TransportFailureOutcome {
  const { status } = ctx;
  if (status >= 500) return classifyTransportError(ctx);
  if (status === 408 || status === 429) {
    return nonConsegnata(
      'connessione_rifiutata',
      `ANPR è momentaneamente non disponibile (HTTP ${status}): la richiesta non è stata elaborata e potrà essere ripetuta.`,
      ctx,
    );
  }
  if (status === 401 || status === 403) {
    return nonConsegnata(
      'configurazione',
      `ANPR ha negato l'accesso (HTTP ${status}): verificare che l'indirizzo IP del comune sia abilitato e i certificati configurati. La richiesta non è stata elaborata.`,
      ctx,
    );
  }
  if (status >= 300 && status < 400) {
    return nonConsegnata(
      'configurazione',
      `L'indirizzo di ANPR configurato risponde con un reindirizzamento (HTTP ${status}): verificare l'indirizzo nelle impostazioni. La richiesta non è stata elaborata.`,
      ctx,
    );
  }
  return nonConsegnata(
    'configurazione',
    `ANPR ha rifiutato la richiesta (HTTP ${status}): verificare l'indirizzo del servizio nelle impostazioni. La richiesta non è stata elaborata.`,
    ctx,
  );
}

/** Cheap structural check: a SOAP Envelope containing a Fault (any prefix, SOAP 1.1 or 1.2, also inside MTOM). */
export function looksLikeSoapFault(body: Buffer): boolean {
  const text = body.subarray(0, 256 * 1024).toString('utf8');
  return /<(?:[A-Za-z_][\w.-]*:)?Envelope[\s>/]/.test(text) && /<(?:[A-Za-z_][\w.-]*:)?Fault[\s>/]/.test(text);
}

// ---------------------------------------------------------------------------
// The call

type AttemptResult = TransportResult | { retryStale: true };

interface CallState {
  opts: PostSoapOptions;
  url: URL;
  host: string;
  body: Buffer;
  started: number;
  deadline: number;
  connectTimeoutMs: number;
  maxResponseBytes: number;
  clock: Clock;
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}

export async function postSoap(opts: PostSoapOptions): Promise<TransportResult> {
  const started = performance.now();
  opts.signal?.throwIfAborted();
  const maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const connectTimeoutMs = Math.min(opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, opts.timeoutMs);

  const setupFailure = (message: string, host = '?'): TransportFailure => {
    const ctx: FailureContext = {
      code: 'CONFIG', message, phase: 'setup', requestSent: false, responseStarted: false, host,
      elapsedMs: elapsed(started), timeoutMs: opts.timeoutMs, connectTimeoutMs, maxResponseBytes,
    };
    return { ok: false, outcome: classifyTransportError(ctx), code: 'CONFIG', phase: 'setup', requestSent: false, elapsedMs: ctx.elapsedMs, attempts: 0 };
  };

  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    return setupFailure("l'indirizzo del servizio non è un URL valido.");
  }
  if (url.protocol !== 'https:') return setupFailure("l'indirizzo del servizio deve iniziare con https://.", url.host);
  if (!opts.caPems.length || opts.caPems.some((p) => !p.includes('-----BEGIN CERTIFICATE-----'))) {
    return setupFailure('nessun certificato CA di ANPR configurato (bundle CA vuoto o non valido).', url.host);
  }
  if (!(opts.timeoutMs > 0)) return setupFailure('timeout non valido.', url.host);

  const state: CallState = {
    opts,
    url,
    host: url.host,
    body: typeof opts.envelope === 'string' ? Buffer.from(opts.envelope, 'utf8') : opts.envelope,
    started,
    deadline: started + opts.timeoutMs,
    connectTimeoutMs,
    maxResponseBytes,
    clock: opts.clock ?? { now: () => new Date() },
  };
  let agent: https.Agent;
  try {
    agent = agentFor(url.origin, opts.caPems, opts.clientCert, opts.tlsMaxVersion ?? (opts.clientCert ? 'TLSv1.2' : 'TLSv1.3'));
  } catch (e) {
    return setupFailure(`certificato o chiave della postazione non utilizzabili (${(e as Error).message}).`, url.host);
  }

  const first = await attempt(state, agent, 1);
  if (!('retryStale' in first)) return first;
  const second = await attempt(state, agent, 2);
  if ('retryStale' in second) throw new Error('unreachable: stale retry on attempt 2');
  return second;
}

function attempt(state: CallState, agent: https.Agent, attemptNo: number): Promise<AttemptResult> {
  const { opts, url, host, body, maxResponseBytes, connectTimeoutMs } = state;
  return new Promise<AttemptResult>((resolve, reject) => {
    let phase: TransportPhase = isIP(url.hostname.replace(/^\[|\]$/g, '')) ? 'connect' : 'dns';
    // 'finish' alone is not proof of sending: cleartext written before the
    // TLS handshake completes is only buffered by the TLS layer. The request
    // counts as sent once it is flushed AND the secure channel is up.
    let finished = false;
    let secured = false;
    let requestSent = false;
    let responseStarted = false;
    let status: number | undefined;
    let serverDate: Date | undefined;
    let settled = false;
    let peer: string | undefined;
    const timers: NodeJS.Timeout[] = [];

    const cleanup = (): void => {
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const settle = (r: AttemptResult): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(r);
    };
    const fail = (code: string, message?: string, extra: { aborted?: boolean } = {}): void => {
      if (settled) return;
      const ctx: FailureContext = {
        code, message, phase, requestSent, responseStarted, host,
        elapsedMs: elapsed(state.started), timeoutMs: opts.timeoutMs, connectTimeoutMs, maxResponseBytes,
        status, attempt: attemptNo, reusedSocket: req.reusedSocket, aborted: extra.aborted, peer,
      };
      const outcome = status !== undefined && code.startsWith('HTTP_') ? classifyStatus({ ...ctx, status }) : classifyTransportError(ctx);
      settle({
        ok: false, outcome, code, phase, requestSent, elapsedMs: ctx.elapsedMs, attempts: attemptNo,
        ...(status !== undefined ? { status } : {}),
        ...(serverDate ? { serverDate } : {}),
        ...(extra.aborted ? { aborted: true } : {}),
      });
      req.destroy();
    };

    const headers: Record<string, string> = {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: `"${(opts.soapAction ?? '').replace(/"/g, '')}"`,
      'Content-Length': String(body.length),
      Accept: 'text/xml, multipart/related, application/soap+xml, */*;q=0.1',
    };

    let req: ReturnType<typeof https.request>;
    try {
      req = https.request(url, { method: 'POST', agent, headers });
    } catch (e) {
      // e.g. an undecryptable client key throws synchronously from createSecureContext.
      const err = e as NodeJS.ErrnoException;
      settle({
        ok: false,
        outcome: classifyTransportError({
          code: 'CONFIG', message: `certificato o chiave della postazione non utilizzabili (${err.code ?? err.message}).`,
          phase: 'setup', requestSent: false, responseStarted: false, host, elapsedMs: elapsed(state.started),
          timeoutMs: opts.timeoutMs, connectTimeoutMs, maxResponseBytes, attempt: attemptNo,
        }),
        code: 'CONFIG', phase: 'setup', requestSent: false, elapsedMs: elapsed(state.started), attempts: attemptNo,
      });
      return;
    }

    function onAbort(): void {
      if (settled) return;
      if (!requestSent) {
        settled = true;
        cleanup();
        req.destroy();
        reject(opts.signal?.reason ?? new DOMException('Aborted', 'AbortError'));
        return;
      }
      fail('ABORTED', 'aborted by caller', { aborted: true });
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const remaining = Math.max(0, state.deadline - performance.now());
    timers.push(setTimeout(() => fail('TIMEOUT'), remaining));
    const connectTimer = setTimeout(() => {
      if (phase === 'dns' || phase === 'connect' || phase === 'tls') fail('CONNECT_TIMEOUT');
    }, Math.min(connectTimeoutMs, remaining));
    timers.push(connectTimer);

    req.on('socket', (socket) => {
      const tls = socket as TLSSocket;
      const onSecured = (): void => {
        secured = true;
        clearTimeout(connectTimer);
        if (finished) {
          requestSent = true;
          if (phase !== 'receive') phase = 'wait';
        } else if (phase === 'dns' || phase === 'connect' || phase === 'tls') {
          phase = 'send';
        }
      };
      if (req.reusedSocket || (!socket.connecting && tls.encrypted)) {
        onSecured();
        return;
      }
      socket.once('lookup', () => {
        if (phase === 'dns') phase = 'connect';
      });
      socket.once('connect', () => {
        if (phase === 'dns' || phase === 'connect') phase = 'tls';
      });
      socket.once('secureConnect', onSecured);
    });

    req.on('finish', () => {
      finished = true;
      if (secured) {
        requestSent = true;
        if (phase === 'send') phase = 'wait';
      }
    });

    req.on('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      const code = err.code ?? 'UNKNOWN';
      if (
        attemptNo === 1 &&
        opts.retryStaleSocket !== false &&
        req.reusedSocket &&
        !responseStarted &&
        RESET_CODES.has(code) &&
        performance.now() < state.deadline
      ) {
        settled = true;
        cleanup();
        resolve({ retryStale: true });
        return;
      }
      if (UNTRUSTED_CERT_CODES.has(code) || EXPIRED_CERT_CODES.has(code) || HOSTNAME_CODES.has(code)) {
        try {
          const pc = (req.socket as TLSSocket | null)?.getPeerCertificate?.();
          if (pc && pc.subject) peer = `subject=${pc.subject.CN ?? '?'};issuer=${pc.issuer?.CN ?? '?'};validTo=${pc.valid_to}`;
        } catch {
          /* diagnostics only */
        }
      }
      fail(code, err.message);
    });

    req.on('response', (res: IncomingMessage) => {
      responseStarted = true;
      phase = 'receive';
      status = res.statusCode ?? 0;
      clearTimeout(connectTimer);
      serverDate = parseHttpDate(res.headers.date);
      const localAtHeaders = state.clock.now();

      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxResponseBytes) {
        fail('RESPONSE_TOO_LARGE', `content-length ${declared}`);
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      let ended = false;
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        received += chunk.length;
        if (received > maxResponseBytes) {
          fail('RESPONSE_TOO_LARGE', `received > ${maxResponseBytes} bytes`);
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        ended = true;
        if (settled) return;
        if (!res.complete) {
          fail('TRUNCATED', `body ended after ${received} bytes`);
          return;
        }
        const bodyBuf = Buffer.concat(chunks, received);
        const st = status ?? 0;
        const successful = (st >= 200 && st < 300) || (st >= 400 && looksLikeSoapFault(bodyBuf));
        if (!successful) {
          fail(`HTTP_${st}`, `non-SOAP body, ${received} bytes, content-type=${res.headers['content-type'] ?? ''}`);
          return;
        }
        const contentType = res.headers['content-type'] ?? '';
        settle({
          ok: true,
          status: st,
          headers: res.headers,
          contentType,
          body: bodyBuf,
          elapsedMs: elapsed(state.started),
          attempts: attemptNo,
          ...(serverDate
            ? { serverDate, clockSkew: checkClockSkew(serverDate, localAtHeaders, opts.skewThresholdSeconds) }
            : {}),
        });
      });
      res.on('error', (err: NodeJS.ErrnoException) => {
        if (!settled) fail(err.code === 'ECONNRESET' ? 'TRUNCATED' : (err.code ?? 'TRUNCATED'), err.message);
      });
      res.on('close', () => {
        if (!ended && !settled) fail('TRUNCATED', `connection closed after ${received} bytes`);
      });
    });

    req.end(body);
  });
}
