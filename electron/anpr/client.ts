/**
 * The ANPR client: fills `testataRichiesta`, signs with the WS-Security
 * profile, posts over HTTPS and parses the answer into one `AnprOutcome`.
 * Every call is fresh (timestamp, assertion, signature); the caller owns
 * `idOperazioneComune` (the queue allocates and persists it before calling).
 */
import type { Clock } from '../core/clock';
import type { Logger } from '../platform/logger';
import type { AnprOutcome } from './outcome';
import type { LoadedKeystore } from './security/keystore';
import { signEnvelope, type DigestAlgorithm, type SignatureAlgorithm } from './security/profile';
import { postSoap } from './transport/https-transport';
import { checkClockSkew } from './transport/clock-skew';
import { SERVICES, type ServiceCode } from './services/registry';
import { replaceTestata, type TestataPatch } from './services/replace-testata';
import { buildRequest, type RequestInputs } from './services/builders';
import { parseHttpResponse, type ParsedResponses } from './services/parse-response';

export interface AnprClientConfig {
  /** ISTAT code: codMittente and IdSede. */
  comune: string;
  /** IdPostazione, e.g. `056003-CO-9999`. */
  postazione: string;
  /** IdApplicazione. */
  applicazione: string;
  /** Operator's codice fiscale: SAML NameID. */
  operatore: string;
  /** tipoInvio: TEST, PROD, … */
  ambiente: string;
  /** Base URL without trailing slash; service paths are appended. */
  endpoint: string;
  /** The only certificates trusted for the server's TLS certificate. */
  caPems: string[];
  codDestinatario: string;
  /** Milliseconds per service code, plus `default`. */
  timeouts?: Record<string, number>;
  algorithms?: { signature?: SignatureAlgorithm; digest?: DigestAlgorithm };
  /** Optional TLS client authentication. */
  clientCert?: { keyPem: string; certPem: string };
  /** SAML SubjectLocality: the workstation's public address when known. */
  clientIp?: string;
  software?: { nome: string; versione: string; fornitore: string };
  maxResponseBytes?: number;
}

export interface AnprKeystores {
  comune: LoadedKeystore;
  postazione?: LoadedKeystore;
}

/** What went over the wire, for the archive and for ANPR support. */
export interface AnprExchange {
  servizio: ServiceCode;
  idOperazioneComune: string;
  url: string;
  request: string;
  response?: Buffer;
  contentType?: string;
  httpStatus?: number;
  sentAt: string;
  elapsedMs: number;
  /** Seconds this computer is ahead of ANPR (negative: behind). */
  clockSkewSeconds?: number;
}

export interface AnprCallResult<T = unknown> {
  outcome: AnprOutcome<T>;
  exchange: AnprExchange;
  /** Italian warning when the clock differs from ANPR's by more than ~20 s. */
  avvisoOrologio?: string;
}

export interface CallOptions {
  idOperazioneComune: string;
  /** Extra or overriding testata fields (protocol, dataDecorrenza, tipoOperazione…). */
  testata?: TestataPatch;
  signal?: AbortSignal;
}

export interface AnprClient {
  /** The signed envelope `call` would post (for `anpr envelope` and support). */
  prepare(service: ServiceCode, bodyXml: string, options: CallOptions): { url: string; bodyXml: string; envelope: string };
  call<S extends ServiceCode>(service: S, bodyXml: string, options: CallOptions): Promise<AnprCallResult<ParsedResponses[S]>>;
  /** Builds the body from a typed input, then calls. */
  send<S extends ServiceCode>(service: S, input: RequestInputs[S], options: CallOptions): Promise<AnprCallResult<ParsedResponses[S]>>;
  testConnection(idOperazioneComune: string): Promise<AnprCallResult<ParsedResponses['TestConn']>>;
}

export const SOFTWARE = { nome: 'Sportello ANPR', fornitore: 'Sportello ANPR' };
const DEFAULT_CLIENT_IP = '127.0.0.1';

export function createAnprClient(deps: {
  config: AnprClientConfig;
  keystores: AnprKeystores;
  clock: Clock;
  logger?: Logger;
  version?: string;
}): AnprClient {
  const { config, keystores, clock } = deps;
  const log = deps.logger?.child('anpr');
  const software = config.software ?? { ...SOFTWARE, versione: deps.version ?? '0.0.0' };

  const prepare: AnprClient['prepare'] = (service, bodyXml, options) => {
    const info = SERVICES[service];
    const now = clock.now();
    const filled = replaceTestata(bodyXml, {
      idOperazioneComune: options.idOperazioneComune,
      codMittente: config.comune,
      codDestinatario: config.codDestinatario,
      operazioneRichiesta: info.operazioneRichiesta,
      dataOraRichiesta: now,
      tipoInvio: config.ambiente,
      nomeApplicativo: software.nome,
      versioneApplicativo: software.versione,
      fornitoreApplicativo: software.fornitore,
      ...options.testata,
    });
    const envelope = signEnvelope({
      bodyXml: filled,
      comune: keystores.comune,
      ...(keystores.postazione ? { postazione: keystores.postazione } : {}),
      idSede: config.comune,
      idPostazione: config.postazione,
      idApplicazione: config.applicazione,
      operatoreCodiceFiscale: config.operatore,
      clientIp: config.clientIp ?? DEFAULT_CLIENT_IP,
      now,
      algorithms: { signature: config.algorithms?.signature ?? 'rsa-sha256', digest: config.algorithms?.digest ?? 'sha256' },
    });
    return { url: config.endpoint + info.endpointPath, bodyXml: filled, envelope };
  };

  const call = async <S extends ServiceCode>(service: S, bodyXml: string, options: CallOptions): Promise<AnprCallResult<ParsedResponses[S]>> => {
    const { url, envelope } = prepare(service, bodyXml, options);
    const info = SERVICES[service];
    const sentAt = clock.now().toISOString();
    const timeoutMs = config.timeouts?.[service] ?? config.timeouts?.default ?? info.timeoutMs;
    const result = await postSoap({
      url,
      envelope,
      caPems: config.caPems,
      timeoutMs,
      ...(config.clientCert ? { clientCert: config.clientCert } : {}),
      ...(config.maxResponseBytes ? { maxResponseBytes: config.maxResponseBytes } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      clock,
    });
    const exchange: AnprExchange = {
      servizio: service,
      idOperazioneComune: options.idOperazioneComune,
      url,
      request: envelope,
      sentAt,
      elapsedMs: result.elapsedMs,
    };
    if (!result.ok) {
      log?.warn('call failed in transport', { servizio: service, idOperazioneComune: options.idOperazioneComune, kind: result.outcome.kind, causa: result.outcome.causa, dettaglio: result.outcome.dettaglio });
      return { outcome: result.outcome, exchange: { ...exchange, ...(result.status ? { httpStatus: result.status } : {}) } };
    }
    exchange.response = result.body;
    exchange.contentType = result.contentType;
    exchange.httpStatus = result.status;
    const skew = result.serverDate ? checkClockSkew(result.serverDate, clock.now()) : undefined;
    if (skew) exchange.clockSkewSeconds = skew.skewSeconds;
    const outcome = parseHttpResponse(service, result.contentType, result.body);
    log?.info('call answered', {
      servizio: service,
      idOperazioneComune: options.idOperazioneComune,
      idOperazioneANPR: 'idOperazioneANPR' in outcome ? outcome.idOperazioneANPR : undefined,
      kind: outcome.kind,
      codici: 'errori' in outcome && outcome.errori ? outcome.errori.map((errore) => errore.codice) : undefined,
      httpStatus: result.status,
      elapsedMs: result.elapsedMs,
      clockSkewSeconds: skew?.skewSeconds,
    });
    return { outcome, exchange, ...(skew?.warning ? { avvisoOrologio: skew.warning } : {}) };
  };

  return {
    prepare,
    call,
    send(service, input, options) {
      return call(service, buildRequest(service, input), options);
    },
    testConnection(idOperazioneComune) {
      const body = buildRequest('TestConn', {
        testata: {
          idOperazioneComune,
          codMittente: config.comune,
          codDestinatario: config.codDestinatario,
          dataOraRichiesta: clock.now(),
          tipoOperazione: 'C',
          tipoInvio: config.ambiente,
        },
      });
      return call('TestConn', body, { idOperazioneComune });
    },
  };
}
