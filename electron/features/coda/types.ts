/**
 * Public types of the offline queue of pratiche (issue 5). The queue depends
 * on ANPR only through {@link SendFn} and {@link Lookup3003Fn}, so tests inject
 * fakes and the app injects the real client (see `anpr-adapter.ts`).
 */
import type { AnprOutcome, ErroreAnpr } from '../../anpr/outcome';
import type { ServiceCode } from '../../anpr/services/registry';
import type { XsdResult } from '../../anpr/xsd/validate';
import type { Clock } from '../../core/clock';
import type { Db } from '../../platform/db/database';
import type { Logger } from '../../platform/logger';

import type { StatoPratica } from '../../../shared/ipc/domains/schemas';

export type { StatoPratica };

/** One HTTP exchange as the client reports it (request as sent, response as received). */
export interface Exchange {
  request: string;
  response?: Buffer;
  httpStatus?: number;
  sentAt: string;
  elapsedMs: number;
}

export interface SendResult {
  outcome: AnprOutcome;
  exchange: Exchange;
}

/**
 * Sends one request body (`Richiesta<CODE>` with its testata filled) and classifies the answer. Must not throw.
 * `invio.operatore`: the operator who made the pratica ready, whom ANPR must record as having acted (SAML NameID).
 */
export type SendFn = (service: ServiceCode, bodyXml: string, idOperazioneComune: string, invio?: { operatore: string | null }) => Promise<SendResult>;

/** What 3003 says about an earlier registration. */
export type Lookup3003Result =
  /** ANPR has it: the outcome of the original operation, as recorded by ANPR. */
  | { kind: 'trovata'; outcome: AnprOutcome; exchange?: Exchange }
  | { kind: 'in_elaborazione'; exchange?: Exchange }
  | { kind: 'non_trovata'; exchange?: Exchange }
  /** 3003 itself failed (offline, fault…): nothing learned. */
  | { kind: 'non_disponibile'; messaggio: string; exchange?: Exchange };

/**
 * Asks ANPR (service 3003) about the operation sent with `idOperazioneComune`.
 * `idRichiesta` is a fresh id from the queue's sequence for the 3003 request itself.
 */
export type Lookup3003Fn = (args: { service: ServiceCode; idOperazioneComune: string; idRichiesta: string }) => Promise<Lookup3003Result>;

export type ValidateXmlFn = (xml: string, service: ServiceCode) => Promise<XsdResult>;

export interface QueueOptions {
  db: Db;
  send: SendFn;
  lookup3003?: Lookup3003Fn;
  clock: Clock;
  /** Default: setTimeout. Tests pass a fake that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** ISTAT code (codMittente). */
  comune: string;
  /** tipoInvio / environment: the queue only sends pratiche of this environment. */
  ambiente: string;
  /** IdPostazione; its trailing digits give the id suffix. */
  postazione: string;
  /** Explicit 4-digit workstation suffix (overrides the one derived from `postazione`). */
  suffissoPostazione?: string;
  /** Operator for the audit log when an action has no explicit one. */
  operatore: string;
  codDestinatario: string;
  applicativo?: { nome?: string; versione?: string; fornitore?: string };
  /** Whether the machine is online (e.g. the connection monitor). Default: always. */
  isOnline?: () => boolean;
  /** XSD check before a pratica becomes pronta. Default: the official XSDs (libxml2). Pass `null` to skip. */
  validateXml?: ValidateXmlFn | null;
  /** Backoff: base delay, factor and cap (default 1 s ×1.9, max 15 min). */
  backoff?: { baseMs?: number; factor?: number; maxMs?: number };
  /** After this long without a certain outcome a pratica needs a human (default 24 h). */
  maxRetryMs?: number;
  /** Circuit breaker: opens after `soglia` consecutive transport failures, for `aperturaMs` (doubling up to 15 min). */
  circuito?: { soglia?: number; aperturaMs?: number };
  /** How many times a pratica may get a new id after "lower than last" refusals before a human must look (default 5). */
  maxIdInferiori?: number;
  /** Archive retention in days (default 1826 ≈ 5 years). */
  conservazioneArchivioGiorni?: number;
}

/** For an annulment draft (1013/2011/5012): the accepted pratica it annuls. */
export interface DaAnnullare {
  praticaId: string;
  servizio: string;
  idOperazioneComune: string;
  idOperazioneANPR: string;
  dataDecorrenza: string | null;
}

/**
 * What the app keeps about a pratica beside the builder input (columns of
 * `pratiche` since migration 0011; never part of the payload, never sent).
 */
export interface MetadatiPratica {
  /** The form values exactly as typed (a draft may be incomplete or invalid). */
  valoriModulo: Record<string, unknown> | null;
  /** The form variant that wrote it (e.g. `altro-comune`). */
  variante: string | null;
  daAnnullare: DaAnnullare | null;
  /** The name of whom the pratica was started for (as the form had it). */
  avviataPer: string | null;
  /** A follow-up: the accepted pratica whose warning (`codice`, e.g. EN225) asked for it (migration 0012). */
  seguitoDi: SeguitoDi | null;
  /** The citizen's online request it belongs to (migration 0014). */
  richiesta: LegameRichiesta | null;
}

/** A pratica of a citizen's online request: one of its P003 state changes, or the registration started from it. */
export interface LegameRichiesta {
  codiceRichiesta: string;
  /** tipoIdTipologia of the request. */
  tipologia: string;
  ruolo: 'cambio_stato' | 'registrazione';
  /** For a state change: the state it sets, or `proroga`. */
  verso: string | null;
}

export interface SeguitoDi {
  praticaId: string;
  servizio: string;
  codice: string;
}

export interface Pratica {
  id: string;
  servizio: ServiceCode;
  stato: StatoPratica;
  formato: 'dati' | 'xml';
  schemaVersion: number;
  payload: unknown;
  metadati: MetadatiPratica;
  ambiente: string;
  soggettoKey: string | null;
  dataDecorrenza: string | null;
  protocollo: string | null;
  dataProtocollo: string | null;
  scadenza: string | null;
  operatore: string | null;
  revisione: number;
  idOperazioneComune: string | null;
  idOperazioneANPR: string | null;
  errori: ErroreAnpr[];
  messaggio: string | null;
  scartata: string | null;
  creata: string;
  aggiornata: string;
}

export interface NuovaPratica {
  servizio: ServiceCode;
  /** `dati`: the typed builder input without `testata`; `xml`: a `Richiesta<CODE>` body. */
  formato?: 'dati' | 'xml';
  payload: unknown;
  soggettoKey?: string;
  dataDecorrenza?: string;
  protocollo?: string;
  dataProtocollo?: string;
  scadenza?: string;
  operatore?: string;
  /** Each field given replaces the stored one (`null` clears it); an absent one is kept. */
  metadati?: Partial<MetadatiPratica>;
}

export type StatoCoda = 'inattiva' | 'in_invio' | 'in_attesa' | 'in_pausa' | 'offline' | 'anpr_non_raggiungibile' | 'bloccata';

export type QueueEvent =
  | {
      tipo: 'pratica';
      praticaId: string;
      stato: StatoPratica;
      idOperazioneComune: string | null;
      idOperazioneANPR: string | null;
      messaggio: string | null;
    }
  | { tipo: 'coda'; stato: StatoCoda; messaggio: string | null; conteggi: Record<StatoPratica, number> };

export interface DrainSummary {
  inviate: number;
  esiti: Partial<Record<StatoPratica, number>>;
  /** Why drain returned: nothing sendable, waiting beyond the deadline, paused or blocked. */
  fine: 'vuota' | 'in_attesa' | 'in_pausa' | 'bloccata';
  messaggio: string | null;
}
