/**
 * The data of a pratica: for each queued service, its definition's strict
 * input without the testata the queue owns (only `TestataPratica` is
 * allowed). The IPC contract of `pratiche.salvaBozza`, the queue's payload
 * check and the forms' `versoPayload` all use these schemas and types.
 */
import { z } from 'zod';
import { SERVIZI, type ServizioPratica } from './index';
import { DataXsd } from './tipi';

/** Fields of the testata a pratica may set (the queue sets the rest). */
export const TestataPratica = z
  .strictObject({ tipoOperazione: z.enum(['C', 'V', 'R']).optional(), dataDefinizionePratica: DataXsd.optional() })
  .optional();

type DefinizioneInCoda = Extract<(typeof SERVIZI)[number], { inCoda: true }>;

function schemaPratica(input: z.ZodObject): z.ZodObject {
  return input.omit({ testata: true }).extend({ testata: TestataPratica });
}

type SchemaPratica<S extends z.ZodObject> = z.ZodObject<Omit<S['shape'], 'testata'> & { testata: typeof TestataPratica }, z.core.$strict>;
type SchemiPratica = { readonly [D in DefinizioneInCoda as D['codice']]: SchemaPratica<D['input']> };

/** The data schema of each queued service, derived from its definition. */
export const DATI_PRATICA = Object.fromEntries(
  SERVIZI.filter((s): s is DefinizioneInCoda => s.inCoda).map((s) => [s.codice, schemaPratica(s.input)]),
) as SchemiPratica satisfies Record<ServizioPratica, z.ZodType>;

/** What a pratica of service `S` carries to ANPR (builder input without the queue's testata). */
export type DatiPratica<S extends ServizioPratica> = z.infer<(typeof DATI_PRATICA)[S]>;
export type DatiPraticaInput<S extends ServizioPratica> = z.input<(typeof DATI_PRATICA)[S]>;
