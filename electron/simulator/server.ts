/**
 * The ANPR training simulator: an HTTPS server on loopback answering the
 * official SOAP services at their real paths. A plain node:https router is
 * used instead of node-soap because the simulator must verify the raw
 * signed bytes, answer ANPR's own faults and KOs, and send MTOM.
 *
 * Request pipeline (POST to a service path):
 *   read body → security profile (verifyWsSecurity, IdSede served, IdSede =
 *   codMittente; any failure = "Rejected by policy.") → pre-processing faults
 *   → XSD validation (rispostaKO SX001) → idempotency (replay / EN148 /
 *   EN079 / lower id SX002) → latency fault while "in elaborazione" →
 *   handler in one SQLite transaction (state + stored answer) →
 *   post-commit faults → answer.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { systemClock, type Clock } from '../core/clock';
import { createLogger, type Logger } from '../platform/logger';
import { buildMtomResponse } from '../anpr/mtom/mtom';
import { SERVICES, type ServiceCode } from '../anpr/services/registry';
import { validateRequestBody } from '../anpr/xsd/validate';
import { localNameOf } from '../anpr/xml/safe';
import { handleAdmin, type SimulatorAdmin } from './admin';
import { resolveSimConfig, type ResolvedSimConfig, type SimConfigInput } from './config';
import { BusinessError, dataAssistenza, errore } from './errori';
import { FaultController } from './faults';
import { HANDLERS, type HandlerResult } from './handlers';
import { oggiRoma, readTestata } from './read';
import { familyByPath, schemaFileFor, serviceFor, wsdlFor } from './routes';
import { checkSecurity } from './security';
import { envelope, policyFault, rispostaKoBody, soapFault, type Errore } from './soap';
import { seedPopulation } from './state/seed';
import { impostaStato, integra } from './handlers/richieste';
import { nuovaRichiesta } from './richieste/genera';
import type { TipologiaRichiesta } from '../../shared/anpr/servizi/P001';
import { SimStore } from './state/store';

export interface SimulatorOptions {
  clock?: Clock;
  logger?: Logger;
  /** Folder that relative paths of a config object resolve against (default cwd). */
  configDir?: string;
}

export interface SimulatorHandle {
  /** e.g. `https://127.0.0.1:43117` */
  url: string;
  port: number;
  /** Stops accepting, drops open connections, closes the SQLite state. */
  close(): Promise<void>;
  admin: SimulatorAdmin;
  /**
   * The per-run secret every `/__admin/*` request must carry
   * (`Authorization: Bearer <token>`): loopback alone is not enough, since
   * any local process can reach loopback.
   */
  adminToken: string;
}

const MAX_BODY = 10 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Registrations must carry increasing ids (lower → SX002). */
const SEQUENZIATI = /^[125]\d{3}$/;

function isResolved(c: SimConfigInput | ResolvedSimConfig): c is ResolvedSimConfig {
  return 'trustedCaPems' in c;
}

/** Compares ids: numerically when both are digits, else as strings. */
export function compareIdOperazione(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(buf.length) });
  res.end(buf);
}

const XML = 'text/xml; charset=utf-8';

function tokenValido(header: string | undefined, token: string): boolean {
  const atteso = Buffer.from(`Bearer ${token}`);
  const dato = Buffer.from(header ?? '');
  return dato.length === atteso.length && timingSafeEqual(dato, atteso);
}

export async function startSimulator(config: SimConfigInput | ResolvedSimConfig, opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const cfg = isResolved(config) ? config : resolveSimConfig(config, opts.configDir);
  const adminToken = randomBytes(24).toString('base64url');
  const clock = opts.clock ?? systemClock;
  const log = (opts.logger ?? createLogger({ console: false })).child('simulatore');
  const store = new SimStore(cfg.dataDir);
  const seeded = seedPopulation(store, {
    comuni: cfg.comuni,
    size: cfg.population.size,
    seed: cfg.population.seed,
    referenceDate: cfg.population.referenceDate ?? oggiRoma(clock.now()),
    ...(cfg.population.cap ? { cap: cfg.population.cap } : {}),
    ...(cfg.population.quotaAnomalie !== undefined ? { quotaAnomalie: cfg.population.quotaAnomalie } : {}),
  });
  if (seeded.length) log.info('population seeded', { comuni: seeded, size: cfg.population.size });
  for (const altro of cfg.population.altriComuni ?? []) {
    if (cfg.comuni.includes(altro.istat)) continue;
    const fatti = seedPopulation(store, { comuni: [altro.istat], richieste: false, size: altro.size, seed: `${cfg.population.seed}:${altro.istat}`, referenceDate: cfg.population.referenceDate ?? oggiRoma(clock.now()) });
    if (fatti.length) log.info('population of a comune not served seeded', { comune: altro.istat, size: altro.size });
  }

  const sockets = new Set<Socket>();
  let baseUrl = '';
  let port = 0;
  let fermoTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const server: Server = createServer({ cert: cfg.tls.certPem, key: cfg.tls.keyPem, minVersion: 'TLSv1.2' }, (req, res) => {
    route(req, res).catch((err: unknown) => {
      log.error('unexpected simulator error', { error: (err as Error).message, stack: (err as Error).stack });
      if (!res.headersSent) send(res, 500, XML, soapFault('soap:Server', 'Internal Error (from server)'));
      else res.destroy();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', (err) => log.warn('TLS handshake failed', { error: err.message }));

  const listen = (p: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, cfg.host, () => {
        server.off('error', reject);
        resolve();
      });
    });

  /** "ANPR fermo": the port refuses connections for `durataMs`. */
  const fermo = (durataMs: number): void => {
    if (fermoTimer || closed) return;
    log.warn('fault: ANPR fermo, refusing connections', { durataMs });
    server.close();
    server.closeAllConnections();
    for (const s of sockets) s.destroy();
    fermoTimer = setTimeout(() => void riapri(), durataMs);
  };
  const riapri = async (): Promise<void> => {
    if (!fermoTimer || closed) return;
    clearTimeout(fermoTimer);
    fermoTimer = undefined;
    // Not `set(list())`: the listed faults carry their counts, which the strict spec refuses.
    faults.rimuovi('anpr_fermo');
    await listen(port);
    log.info('ANPR fermo ended, accepting connections again', { port });
  };

  const faults = new FaultController(cfg.faults, (list) => {
    const f = list.find((x) => x.tipo === 'anpr_fermo');
    if (f && port) setImmediate(() => fermo(f.durataMs ?? 30_000));
    else if (!f && fermoTimer) void riapri();
  });

  let versioni = cfg.versioni;
  const admin: SimulatorAdmin = {
    versioni: () => versioni,
    setVersioni: (v) => {
      versioni = v;
      log.info('interface versions changed', { corrente: `${v.corrente.codDestinatario} ${v.corrente.versioneCompleta}`, supportate: v.supportate.map((x) => x.codDestinatario).join(',') });
    },
    setFaults: (list) => faults.set(list),
    addFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    operations: () =>
      store.operazioni().map((o) => ({ servizio: o.servizio, idOperazioneComune: o.idOperazioneComune, idOperazioneANPR: o.idOperazioneANPR, effetti: o.effetti, operatore: o.operatore })),
    campione: (comune, n) => store.campione(comune ?? cfg.comuni[0]!, n),
    persona: (id) => store.getPersona(id),
    store,
    nuovaRichiesta: (tipologia = '2', comune) => nuovaRichiesta(store, comune ?? cfg.comuni[0]!, tipologia as TipologiaRichiesta, clock.now()),
    integraRichiesta: (codice) => integra(store, codice, clock.now()),
    impostaStatoRichiesta: (codice, stato, note) => impostaStato(store, codice, stato, clock.now(), note),
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://simulatore.invalid');
    if (url.pathname.startsWith('/__admin/')) {
      if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
        log.warn('admin request from a non-loopback address refused', { remote: req.socket.remoteAddress });
        send(res, 403, 'application/json', JSON.stringify({ errore: 'solo da loopback' }));
        return;
      }
      if (!tokenValido(req.headers.authorization, adminToken)) {
        log.warn('admin request without the per-run token refused', { path: url.pathname });
        send(res, 401, 'application/json', JSON.stringify({ errore: 'token di amministrazione mancante o errato' }));
        return;
      }
      const body = req.method === 'POST' || req.method === 'PUT' ? (await readBody(req)).toString('utf8') : '';
      const r = handleAdmin(admin, req.method ?? 'GET', url.pathname, body);
      send(res, r.status, 'application/json; charset=utf-8', JSON.stringify(r.body));
      return;
    }
    const family = familyByPath(url.pathname);
    if (req.method === 'GET') {
      if (family && url.searchParams.has('wsdl')) return send(res, 200, XML, wsdlFor(family, baseUrl));
      const file = schemaFileFor(url.pathname);
      if (file) return send(res, 200, XML, file);
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    }
    if (req.method !== 'POST' || !family) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const raw = await readBody(req);
    await processSoap(req, res, url.pathname, raw.toString('utf8'));
  }

  function drop(req: IncomingMessage, what: string, fields: Record<string, unknown>): void {
    log.warn(`fault: connection dropped ${what}`, fields);
    req.socket.destroy();
  }

  async function processSoap(req: IncomingMessage, res: ServerResponse, pathname: string, raw: string): Promise<void> {
    const started = performance.now();
    const now = clock.now();
    if (faults.take('rifiuto_policy', undefined)) {
      log.warn('security profile rejected', { code: 'FAULT_INIETTATO', reason: 'policy rejection injected by the fault configuration', path: pathname });
      return send(res, 500, XML, policyFault());
    }
    const sec = checkSecurity(raw, { trustedCaPems: cfg.trustedCaPems, now, comuni: cfg.comuni, ...(cfg.maxClockSkewSeconds !== undefined ? { maxClockSkewSeconds: cfg.maxClockSkewSeconds } : {}) });
    if (!sec.ok) {
      log.warn('security profile rejected', { code: sec.code, reason: sec.reason, path: pathname });
      return send(res, 500, XML, policyFault());
    }
    const root = sec.bodyRoot;
    const testata = readTestata(root);
    if (testata.codMittente && testata.codMittente !== sec.assertion.idSede) {
      log.warn('security profile rejected', { code: 'IDSEDE_DIVERSO', reason: `IdSede ${sec.assertion.idSede} differs from codMittente ${testata.codMittente}`, path: pathname });
      return send(res, 500, XML, policyFault());
    }
    const service = serviceFor(pathname, localNameOf(root), root.namespaceURI);
    if (!service) {
      log.warn('unknown operation', { path: pathname, root: `{${root.namespaceURI ?? ''}}${localNameOf(root)}` });
      return send(res, 500, XML, soapFault('soap:Client', `Unknown operation {${root.namespaceURI ?? ''}}${localNameOf(root)} (from client)`));
    }
    const comune = sec.assertion.idSede;
    const fields = { servizio: service, idOperazioneComune: testata.idOperazioneComune, comune };
    const ko = (errori: Errore[], idAnpr: string): void => send(res, 200, XML, envelope(rispostaKoBody(service, testata, idAnpr, errori)));
    const transientId = (): string => store.next('idOperazioneANPR', 4_100_000_000n);

    // Faults that strike before anything is processed.
    if (faults.take('http500', service)) {
      log.warn('fault: HTTP 500', fields);
      return send(res, 500, 'text/html; charset=utf-8', '<html><body><h1>500 Internal Server Error</h1></body></html>');
    }
    if (faults.take('caduta_prima', service)) return drop(req, 'before commit', fields);
    if (faults.take('errore999', service)) {
      const id = transientId();
      log.warn('fault: 999 Operazione non effettuabile', { ...fields, idOperazioneANPR: id });
      return ko([errore('999'), errore('EN527', [dataAssistenza(now), id])], id);
    }

    // Schema validation of the signed body.
    const xsd = await validateRequestBody(sec.bodyXml, service);
    if (!xsd.valid) {
      const first = xsd.errors[0]?.message ?? 'errore';
      log.warn('request body not valid against the XSD', { ...fields, errors: xsd.errors.slice(0, 5).map((e) => e.message) });
      return ko([errore('SX001', [first.slice(0, 160)])], '0');
    }

    // Idempotency.
    const handler = HANDLERS[service];
    const idem = service !== 'TestConn';
    if (idem) {
      const prev = store.getOperazione(comune, testata.idOperazioneComune);
      if (prev) {
        if (prev.servizio !== service) return ko([errore('EN079')], prev.idOperazioneANPR);
        if (prev.stato === 'in_elaborazione') {
          log.info('operation still in progress: EN148', fields);
          return ko([errore('EN148')], prev.idOperazioneANPR);
        }
        log.info('replay of a stored answer', { ...fields, idOperazioneANPR: prev.idOperazioneANPR });
        return send(res, 200, prev.contentType ?? XML, prev.risposta ?? Buffer.alloc(0));
      }
      const last = store.ultimoId(comune);
      if (SEQUENZIATI.test(service) && last !== undefined && compareIdOperazione(testata.idOperazioneComune, last) < 0) {
        log.warn('idOperazioneComune lower than the last one', { ...fields, ultimo: last });
        return ko([errore('SX002', [testata.idOperazioneComune, last])], '0');
      }
    }
    const idOperazioneANPR = transientId();
    if (idem) store.insertInElaborazione(comune, testata.idOperazioneComune, service, idOperazioneANPR, now.toISOString(), testata.protocolloComune, sec.assertion.nameId);

    const lat = faults.take('latenza', service);
    if (lat) {
      log.info('fault: latency', { ...fields, ms: lat.ms ?? 1000 });
      await sleep(lat.ms ?? 1000);
    }
    if (closed) return;

    const ctx = { store, now: clock.now(), oggi: oggiRoma(clock.now()), service, comune, testata, body: root, idOperazioneANPR, logger: log, versioni };
    let payload: { contentType: string; body: Buffer };
    let esito: string;
    let effetti = 0;
    const commit = (r: HandlerResult, journal: ReturnType<SimStore['endJournal']>): { contentType: string; body: Buffer } => {
      const env = envelope(r.bodyXml);
      const p = r.attachments?.length ? buildMtomResponse(env, r.attachments) : { contentType: XML, body: Buffer.from(env, 'utf8') };
      if (idem) {
        store.completeOperazione(comune, testata.idOperazioneComune, { esito: r.esito, contentType: p.contentType, risposta: p.body, rispostaXml: r.inlineBodyXml ?? r.bodyXml, effetti: r.effetti, journal, soggetti: r.soggetti });
        if (SEQUENZIATI.test(service)) store.setUltimoId(comune, testata.idOperazioneComune);
      }
      return { contentType: p.contentType, body: p.body };
    };
    try {
      if (!handler) throw new BusinessError([errore('SP000')]);
      store.beginJournal();
      const out = store.transaction(() => {
        const r = handler(ctx);
        return { r, p: commit(r, store.endJournal()) };
      });
      payload = out.p;
      esito = out.r.esito;
      effetti = out.r.effetti;
    } catch (err) {
      store.endJournal();
      if (err instanceof BusinessError) {
        const r: HandlerResult = { bodyXml: rispostaKoBody(service, testata, idOperazioneANPR, err.errori), esito: 'XXXX', effetti: 0, soggetti: [] };
        payload = store.transaction(() => commit(r, []));
        esito = 'XXXX';
        log.info('operation refused', { ...fields, idOperazioneANPR, errori: err.errori.map((e) => e.codice) });
      } else {
        if (idem) store.deleteOperazione(comune, testata.idOperazioneComune);
        log.error('handler failed: answering 999', { ...fields, idOperazioneANPR, error: (err as Error).message, stack: (err as Error).stack });
        return ko([errore('999'), errore('EN527', [dataAssistenza(now), idOperazioneANPR])], idOperazioneANPR);
      }
    }
    log.info('operation processed', { ...fields, idOperazioneANPR, esito, effetti, ms: Math.round(performance.now() - started) });

    // Faults that strike after the commit.
    if (faults.take('caduta_dopo', service)) return drop(req, 'after commit', { ...fields, idOperazioneANPR });
    if (faults.take('xml_malformato', service)) {
      log.warn('fault: malformed XML answer', { ...fields, idOperazioneANPR });
      const text = payload.body.toString('utf8');
      return send(res, 200, XML, text.slice(0, Math.max(40, Math.floor(text.length / 2))) + '<<<&&&');
    }
    send(res, 200, payload.contentType, payload.body);
  }

  await listen(cfg.port);
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : cfg.port;
  const hostForUrl = cfg.host === '::1' ? '[::1]' : cfg.host === 'localhost' ? '127.0.0.1' : cfg.host;
  baseUrl = `https://${hostForUrl}:${port}`;
  log.info('simulator listening', { url: baseUrl, comuni: cfg.comuni, servizi: Object.keys(SERVICES).filter((s) => HANDLERS[s as ServiceCode]) });
  const initialFermo = faults.list().find((f) => f.tipo === 'anpr_fermo');
  if (initialFermo) fermo(initialFermo.durataMs ?? 30_000);

  return {
    url: baseUrl,
    port,
    admin,
    adminToken,
    close: async () => {
      if (closed) return;
      closed = true;
      if (fermoTimer) clearTimeout(fermoTimer);
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
      store.close();
      log.info('simulator stopped', { url: baseUrl });
    },
  };
}
