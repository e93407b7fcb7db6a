/**
 * Working on pratiche (issue 6, part B): drafts saved as the clerk types,
 * "pronta" after the official checks, send now / retry / discard, annulments
 * of accepted pratiche, support information, ANPR's errors explained from the
 * official catalogue, and the deadlines of residence declarations.
 *
 * The operator is never part of a request: the core takes it from the session.
 */
import { z } from 'zod';
import { SERVIZI_PRATICA, type ServizioPratica } from '../../anpr/servizi';
import { DATI_PRATICA, type DatiPraticaInput } from '../../anpr/servizi/dati-pratica';
import { isIsoDate } from '../../domain/date-it';
import { DaAnnullareSchema, ErroreAnprSchema, InvioSchema, PraticaSchema } from './coda';

export const ServizioPraticaSchema = z.enum(SERVIZI_PRATICA);
/**
 * No payload key starts with `_`: what once rode there under hidden keys has
 * fields of its own (`valoriModulo`, `variante`, `daAnnullare`, `avviataPer`;
 * a follow-up's link is kept by the core). `pratiche.salvaBozza` refuses one.
 */
export const chiaveRiservata = (chiave: string): boolean => chiave.startsWith('_');

const DataIso = z.string().refine(isIsoDate, 'Data non valida (AAAA-MM-GG).');

/** What every draft save carries beside its service's data. */
const BozzaComune = {
  /** Absent: a new draft; present: update that draft (or a refused / pronta pratica, which goes back to bozza). */
  id: z.string().min(1).max(64).optional(),
  /** The form values exactly as typed (a draft may be incomplete or invalid). Absent: kept as stored. */
  valoriModulo: z.record(z.string(), z.unknown()).nullable().optional(),
  /** The form variant (e.g. `altro-comune`). Absent: kept as stored. */
  variante: z.string().max(40).nullable().optional(),
  /** For an annulment draft: the accepted pratica it annuls (as `pratiche.annulla` drafted it). Absent: kept as stored. */
  daAnnullare: DaAnnullareSchema.nullable().optional(),
  /** The name of whom the pratica is started for (the list shows it when the payload names nobody). Absent: kept as stored. */
  avviataPer: z.string().max(120).nullable().optional(),
  soggettoKey: z.string().max(64).nullable().optional(),
  dataDecorrenza: DataIso.nullable().optional(),
  protocollo: z.string().max(40).nullable().optional(),
  dataProtocollo: DataIso.nullable().optional(),
};

function bozzaDi<const S extends ServizioPratica>(servizio: S) {
  return z.object({
    ...BozzaComune,
    servizio: z.literal(servizio),
    /**
     * The service's data (its strict schema: the builder input without the queue's testata), or null while the
     * form's values are incomplete or invalid (they are kept in `valoriModulo`).
     */
    payload: DATI_PRATICA[servizio].nullable(),
  });
}

type BozzaComune = z.input<z.ZodObject<typeof BozzaComune>>;
/** A draft save of service `S`. */
export type SalvaBozzaDi<S extends ServizioPratica> = BozzaComune & { servizio: S; payload: DatiPraticaInput<S> | null };
/** A draft save: a union discriminated on `servizio`, whose `payload` is that service's data. */
export type SalvaBozza = { [S in ServizioPratica]: SalvaBozzaDi<S> }[ServizioPratica];

const [prima, ...altre] = SERVIZI_PRATICA.map((s) => bozzaDi(s));
// One option per service, built from the list: TypeScript cannot follow the mapping over the tuple, so the union's
// type is stated (`SalvaBozza`, the same mapping at the type level); it also keeps the contract's emitted type small.
export const SalvaBozzaSchema = z.discriminatedUnion('servizio', [prima!, ...altre]) as unknown as z.ZodType<SalvaBozza, SalvaBozza>;

export const ProblemaSchema = z.object({
  /** Italian, for the clerk. */
  messaggio: z.string(),
  /** The element or payload field it concerns (e.g. `cap`, `datiControllo.tipoMutazione`), when known. */
  campo: z.string().nullable(),
  fonte: z.enum(['schema', 'xsd', 'regole']),
  /** The original (English) validator message, for support. */
  originale: z.string().nullable(),
});
export type Problema = z.infer<typeof ProblemaSchema>;

export const EsitoProntaSchema = z.object({
  ok: z.boolean(),
  problemi: z.array(ProblemaSchema),
  pratica: PraticaSchema,
  /** What really happened ("Invia ora": sent, or why not), in Italian. */
  messaggio: z.string().nullable().optional(),
  /** The comune's progressive number the core gave the pratica (`datiDelProcedimento.numeroPraticaComune`), when its service has one. */
  numeroPraticaComune: z.string().nullable().optional(),
});
export type EsitoPronta = z.infer<typeof EsitoProntaSchema>;

export const ErroreSpiegatoSchema = ErroreAnprSchema.extend({
  /** From the official catalogue (resources/anpr/errori), when the code is listed. */
  catalogo: z
    .object({
      descrizione: z.string(),
      severita: z.string().nullable(),
      suggerimento: z.string().nullable(),
      procedura: z.string().nullable(),
      fonte: z.string(),
    })
    .nullable(),
  /** Italian label of the field it concerns, when it can be told. */
  etichettaCampo: z.string().nullable(),
  /**
   * On an accepted pratica, the operation this warning asks for next (e.g.
   * EN225 → 5001 naming the new head), and the follow-up already started.
   */
  seguito: z.object({ servizio: z.string(), etichetta: z.string(), praticaId: z.string().nullable() }).nullable().optional(),
});
export type ErroreSpiegato = z.infer<typeof ErroreSpiegatoSchema>;

export const SupportoSchema = z.object({
  /** Ready to paste into a ticket to ANPR's assistance. */
  testo: z.string(),
  data: z.string().nullable(),
  servizio: z.string(),
  idOperazioneComune: z.string().nullable(),
  idOperazioneANPR: z.string().nullable(),
  codici: z.array(z.string()),
});
export type Supporto = z.infer<typeof SupportoSchema>;

export const PraticaApertaSchema = z.object({
  pratica: PraticaSchema,
  payload: z.record(z.string(), z.unknown()),
  invii: z.array(InvioSchema),
  errori: z.array(ErroreSpiegatoSchema),
  supporto: SupportoSchema,
  /** For an annulment draft: the accepted pratica it annuls (also `pratica.daAnnullare`). */
  daAnnullare: DaAnnullareSchema.nullable(),
  /** Display name of the operator who created it (from the local accounts), if known. */
  nomeOperatore: z.string().nullable(),
  /** The subjects as ANPR returned them when it accepted the pratica (e.g. a newborn's new ID). */
  soggettiANPR: z.array(z.object({ idSchedaSoggettoANPR: z.string(), codiceFiscale: z.string().nullable(), descrizione: z.string() })),
  /** The number the core allocated to it (the form may carry the comune's own instead). */
  numeroPraticaComune: z.string().nullable().optional(),
});
export type PraticaAperta = z.infer<typeof PraticaApertaSchema>;

export const ScadenzaSchema = z.object({
  praticaId: z.string(),
  servizio: z.string(),
  stato: z.string(),
  /** `registrazione`: 2 working days from the declaration; `accertamenti`: 45 days for the checks. */
  tipo: z.enum(['registrazione', 'accertamenti']),
  scadenza: z.string(),
  /** Negative when overdue. */
  giorni: z.number().int(),
  soggettoKey: z.string().nullable(),
  protocollo: z.string().nullable(),
});
export type Scadenza = z.infer<typeof ScadenzaSchema>;

const Id = z.object({ id: z.string().min(1).max(64) });
/**
 * Nothing goes to ANPR without the clerk's confirmation (the review step):
 * `conferma: true` is the clerk's "Invia ad ANPR" (`invio: 'ora'`) or
 * "Pronta, invio automatico" (`invio: 'automatico'`).
 */
const Conferma = Id.extend({ conferma: z.boolean().optional(), invio: z.enum(['ora', 'automatico']).optional() });

export const praticheChannels = {
  'pratiche.salvaBozza': { request: SalvaBozzaSchema, response: PraticaSchema },
  /** The official checks only: the pratica stays bozza and nothing is sent (before the review step). */
  'pratiche.verifica': { request: Id, response: EsitoProntaSchema },
  /** Checked and marked pronta for the queue: only with the clerk's confirmation (`conferma: true`). */
  'pratiche.rendiPronta': { request: Conferma, response: EsitoProntaSchema },
  /** "Invia ora": a draft is checked and marked pronta (only with `conferma: true`); a waiting one is sent at once; one needing attention is retried. */
  'pratiche.invia': { request: Conferma, response: EsitoProntaSchema },
  'pratiche.riprova': { request: Id, response: PraticaSchema },
  'pratiche.scarta': { request: Id, response: PraticaSchema },
  /** Starts the annulment (1013/2011/5012) of an accepted pratica: returns the new draft. */
  'pratiche.annulla': { request: Id, response: PraticaSchema },
  'pratiche.apri': { request: Id, response: PraticaApertaSchema },
  /** Starts (or finds) the follow-up a warning of an accepted pratica asks for: returns its draft. */
  'pratiche.seguito': { request: z.object({ id: z.string().min(1).max(64), codice: z.string().min(1).max(10) }), response: PraticaSchema },
  'pratiche.supporto': { request: Id, response: SupportoSchema },
  'pratiche.scadenze': { request: z.object({ entroGiorni: z.number().int().min(0).max(365).optional() }).optional(), response: z.array(ScadenzaSchema) },
} as const;
