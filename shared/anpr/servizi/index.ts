/**
 * The ANPR service catalogue: one definition per service (a file each in this
 * folder, with the strict zod schema of its input and its XSD-ordered
 * builder), one list, and everything else derived from it: the builders and
 * their input types (electron/anpr/services/builders.ts), the queue's payload
 * schemas (electron/features/coda/payload.ts). Adding a service means adding its file
 * and listing it here; the compiler then asks for its parsed answer, fixtures
 * and simulator handler, wherever those are keyed by `CodiceServizio`.
 */
import { servizio1001 } from './1001';
import { servizio1002 } from './1002';
import { servizio1013 } from './1013';
import { servizio2001 } from './2001';
import { servizio2003 } from './2003';
import { servizio2011 } from './2011';
import { servizio3001 } from './3001';
import { servizio3002 } from './3002';
import { servizio3003 } from './3003';
import { servizio3007 } from './3007';
import { servizio5001 } from './5001';
import { servizio5005 } from './5005';
import { servizio5008 } from './5008';
import { servizio5012 } from './5012';
import { servizio5013 } from './5013';
import { servizio6001 } from './6001';
import { servizio7001 } from './7001';
import { servizio7003 } from './7003';
import { servizioP001 } from './P001';
import { servizioP002 } from './P002';
import { servizioP003 } from './P003';
import type { DefinizioneServizio } from './definizione';
import { servizioTestConn } from './testconn';

export type { DefinizioneServizio, FormaRisposta, GenereServizio } from './definizione';
export { FAMIGLIE, type Famiglia, type InfoFamiglia } from './famiglie';

export const SERVIZI = [
  servizioTestConn,
  servizio3001,
  servizio3002,
  servizio3003,
  servizio3007,
  servizio1001,
  servizio1002,
  servizio1013,
  servizio2001,
  servizio2003,
  servizio2011,
  servizio5001,
  servizio5005,
  servizio5008,
  servizio5012,
  servizio5013,
  servizio6001,
  servizio7001,
  servizio7003,
  servizioP001,
  servizioP002,
  servizioP003,
] as const;

type Definizioni = (typeof SERVIZI)[number];
export type CodiceServizio = Definizioni['codice'];
/** Services that go through the offline queue as pratiche (registrations, annulments, revocations). */
export type ServizioPratica = Extract<Definizioni, { inCoda: true }>['codice'];
export type ServizioAnnullamento = Extract<Definizioni, { genere: 'annullamento' }>['codice'];

export const CODICI_SERVIZIO: readonly CodiceServizio[] = SERVIZI.map((s) => s.codice);

/** A record with one entry per key (the keys' order kept). */
function perCodice<K extends string, V>(chiavi: readonly K[], valore: (k: K, i: number) => V): Record<K, V> {
  return Object.fromEntries(chiavi.map((k, i) => [k, valore(k, i)])) as Record<K, V>;
}

export const SERVIZIO: Readonly<Record<CodiceServizio, DefinizioneServizio<CodiceServizio>>> = perCodice(CODICI_SERVIZIO, (_, i) => SERVIZI[i]!);

export function isCodiceServizio(x: string): x is CodiceServizio {
  return Object.hasOwn(SERVIZIO, x);
}

export const SERVIZI_PRATICA = SERVIZI.filter((s) => s.inCoda).map((s) => s.codice) as readonly ServizioPratica[];

export function isServizioPratica(x: string): x is ServizioPratica {
  return (SERVIZI_PRATICA as readonly string[]).includes(x);
}

export const SERVIZI_ANNULLAMENTO = SERVIZI.filter((s) => s.genere === 'annullamento').map((s) => s.codice) as readonly ServizioAnnullamento[];

/** The one Italian title of each service. */
export const TITOLI_SERVIZIO: Readonly<Record<CodiceServizio, string>> = perCodice(CODICI_SERVIZIO, (c) => SERVIZIO[c].titolo);

/** The title of a service code read from storage or from ANPR (the code itself when unknown). */
export function titoloServizio(codice: string): string {
  return isCodiceServizio(codice) ? TITOLI_SERVIZIO[codice] : codice;
}

/** The annulment that annuls an accepted pratica of each service that can be annulled. */
export const ANNULLAMENTO_DI: Readonly<Partial<Record<string, ServizioAnnullamento>>> = Object.fromEntries(
  SERVIZI.flatMap((s): [string, ServizioAnnullamento][] => (s.annullataDa ? [[s.codice, s.annullataDa]] : [])),
);

/** The services each annulment annuls. */
export const ANNULLABILI: Readonly<Record<ServizioAnnullamento, readonly string[]>> = perCodice(SERVIZI_ANNULLAMENTO, (a) =>
  Object.keys(ANNULLAMENTO_DI).filter((s) => ANNULLAMENTO_DI[s] === a),
);

/** What an annullable registration changed, as the object of a sentence ("la composizione della famiglia"). */
export function oggettoServizio(codice: string): string | undefined {
  return isCodiceServizio(codice) ? SERVIZIO[codice].oggetto : undefined;
}

/** Declarations of residence: 2 working days to register, 45 days for the checks. */
export function isDichiarazioneResidenza(codice: string): boolean {
  return isCodiceServizio(codice) && SERVIZIO[codice].dichiarazioneResidenza;
}
