/**
 * The request builders, derived from the service catalogue: each definition
 * in shared/anpr/servizi has the strict schema of its input (`input`) and its
 * XSD-ordered builder (`costruisci`), giving the XML string of the
 * namespace-qualified `ns2:Richiesta<CODE>` element. This module keeps the
 * names the electron code uses.
 */
import type { z } from 'zod';
import { SERVIZI } from '../../../shared/anpr/servizi';
import { PREFISSO_RICHIESTA } from '../../../shared/anpr/servizi/definizione';
import type { ServiceCode } from './registry';
import type { TestataBuilderInput } from './types';

export type { RichiestaConnessioneInput } from '../../../shared/anpr/servizi/testconn';
export type { Genitore3001, Richiesta3001Input } from '../../../shared/anpr/servizi/3001';
export type { CriteriRicerca3002, DatiNascita3000, Richiesta3002Input } from '../../../shared/anpr/servizi/3002';
export type { RicercaRichiesteInput, Richiesta3003Input } from '../../../shared/anpr/servizi/3003';
export type { Richiesta3007Input } from '../../../shared/anpr/servizi/3007';
export type { Richiesta1001Input } from '../../../shared/anpr/servizi/1001';
export type { Richiesta1002Input } from '../../../shared/anpr/servizi/1002';
export type { Richiesta1013Input } from '../../../shared/anpr/servizi/1013';
export type { Richiesta2001Input } from '../../../shared/anpr/servizi/2001';
export type { Richiesta2003Input } from '../../../shared/anpr/servizi/2003';
export type { Richiesta2011Input } from '../../../shared/anpr/servizi/2011';
export type { Richiesta5001Input } from '../../../shared/anpr/servizi/5001';
export type { Richiesta5005Input } from '../../../shared/anpr/servizi/5005';
export type { Richiesta5008Input } from '../../../shared/anpr/servizi/5008';
export type { Richiesta5012Input } from '../../../shared/anpr/servizi/5012';
export type { Richiesta5013Input } from '../../../shared/anpr/servizi/5013';
export type { Richiesta6001Input } from '../../../shared/anpr/servizi/6001';
export type { Richiesta7001Input } from '../../../shared/anpr/servizi/7001';
export type { Richiesta7003Input } from '../../../shared/anpr/servizi/7003';
export type { DomicilioDigitale as DomicilioDigitale5008 } from '../../../shared/anpr/servizi/tipi';

export const REQUEST_PREFIX = PREFISSO_RICHIESTA;

/**
 * The testata of a request sent through the client (`AnprClient.send`): the
 * sender, recipient and environment are left blank because the client fills
 * them from its configuration when it prepares the envelope.
 */
export function testataDaCompletare(idOperazioneComune: string, dataOraRichiesta: Date, tipoOperazione = 'C'): TestataBuilderInput {
  return { idOperazioneComune, codMittente: '', codDestinatario: '', dataOraRichiesta, tipoOperazione, tipoInvio: '' };
}

type Definizioni = (typeof SERVIZI)[number];

/** The input of each service's builder: the type of its definition's strict schema. */
export type RequestInputs = { [D in Definizioni as D['codice']]: z.infer<D['input']> };

export const BUILDERS = Object.fromEntries(SERVIZI.map((s) => [s.codice, (input: never) => s.costruisci(input)])) as {
  readonly [K in ServiceCode]: (input: RequestInputs[K]) => string;
};

/** Builds the `Richiesta<CODE>` XML for any service. */
export function buildRequest<K extends ServiceCode>(service: K, input: RequestInputs[K]): string {
  return (BUILDERS[service] as (i: RequestInputs[K]) => string)(input);
}

export const buildRichiesta3003 = BUILDERS['3003'];
