/** The queue of pratiche: its state, pause/resume, the pratiche and their submissions. */
import { z } from 'zod';
import { none, StatoPraticaSchema } from './schemas';

/** The pratica whose open submission holds the queue, and why (in Italian). */
export const BloccoCodaSchema = z.object({
  praticaId: z.string(),
  servizio: z.string(),
  soggettoNome: z.string().nullable(),
  stato: StatoPraticaSchema,
  idOperazioneComune: z.string(),
  perche: z.string(),
  /** Pratiche pronte waiting behind it. */
  inAttesa: z.number().int(),
});
export type BloccoCoda = z.infer<typeof BloccoCodaSchema>;

export const StatoCodaSchema = z.object({
  stato: z.enum(['inattiva', 'in_invio', 'in_attesa', 'in_pausa', 'offline', 'anpr_non_raggiungibile', 'bloccata']),
  messaggio: z.string().nullable(),
  bloccataDa: BloccoCodaSchema.nullable().optional(),
  inPausa: z.boolean().optional(),
});

export const ErroreAnprSchema = z.object({
  codice: z.string(),
  tipo: z.string(),
  testo: z.string(),
  oggetto: z.string().optional(),
  campo: z.string().optional(),
  valore: z.string().optional(),
});

/** For an annulment draft (1013/2011/5012): the accepted pratica it annuls. */
export const DaAnnullareSchema = z.object({
  praticaId: z.string().min(1).max(64),
  servizio: z.string().min(1).max(10),
  idOperazioneComune: z.string().min(1).max(40),
  idOperazioneANPR: z.string().min(1).max(40),
  dataDecorrenza: z.string().max(10).nullable(),
});
export type DaAnnullare = z.infer<typeof DaAnnullareSchema>;

export const PraticaSchema = z.object({
  id: z.string(),
  servizio: z.string(),
  stato: StatoPraticaSchema,
  soggettoKey: z.string().nullable(),
  /** "COGNOME NOME" of the person the pratica is about, from its payload, when it names one. */
  soggettoNome: z.string().nullable().optional(),
  /** The first codice fiscale the payload names (for the list's search). */
  soggettoCF: z.string().nullable().optional(),
  dataDecorrenza: z.string().nullable(),
  protocollo: z.string().nullable(),
  dataProtocollo: z.string().nullable(),
  scadenza: z.string().nullable(),
  operatore: z.string().nullable(),
  /** The operator's name from the local accounts (lists only). */
  operatoreNome: z.string().nullable().optional(),
  idOperazioneComune: z.string().nullable(),
  idOperazioneANPR: z.string().nullable(),
  errori: z.array(ErroreAnprSchema),
  messaggio: z.string().nullable(),
  /** When it was discarded (ISO), null otherwise. */
  scartata: z.string().nullable().optional(),
  /** The annulment (1013/2011/5012) started for this pratica, if any: accepted means the pratica is annulled in ANPR. */
  annullamento: z
    .object({ praticaId: z.string(), servizio: z.string(), stato: StatoPraticaSchema, data: z.string() })
    .nullable()
    .optional(),
  creata: z.string(),
  aggiornata: z.string(),
  /** The form values exactly as typed (`pratiche.apri`, `pratiche.dettaglio`; not in the lists). */
  valoriModulo: z.record(z.string(), z.unknown()).nullable().optional(),
  /** The form variant that wrote it (e.g. `altro-comune`). */
  variante: z.string().nullable().optional(),
  daAnnullare: DaAnnullareSchema.nullable().optional(),
  /** Whom the pratica was started for (as the form had it), shown when the payload names nobody. */
  avviataPer: z.string().nullable().optional(),
  /**
   * The citizen's online request it belongs to (issue 15): a P003 state change of that request, or the
   * registration started from it. The request sheet lists its pratiche; the pratica links back.
   */
  richiesta: z.object({ codiceRichiesta: z.string(), tipologiaTitolo: z.string() }).nullable().optional(),
});
export type PraticaVista = z.infer<typeof PraticaSchema>;

export const InvioSchema = z.object({
  idOperazioneComune: z.string(),
  idOperazioneANPR: z.string().nullable(),
  aperto: z.boolean(),
  esito: z.string().nullable(),
  tentativi: z.number(),
  allocato: z.string(),
  primoInvio: z.string().nullable(),
  chiuso: z.string().nullable(),
  ultimoErrore: z.string().nullable(),
});

export const PraticaCambiataSchema = z.object({
  praticaId: z.string(),
  stato: StatoPraticaSchema,
  idOperazioneComune: z.string().nullable(),
  idOperazioneANPR: z.string().nullable(),
  messaggio: z.string().nullable(),
});

export const codaChannels = {
  'coda.stato': { request: none, response: StatoCodaSchema },
  'coda.pausa': { request: none, response: StatoCodaSchema },
  'coda.riprendi': { request: none, response: StatoCodaSchema },
  /** "Verifica ora in ANPR": 3003 for the submission holding the queue. */
  'coda.verifica': {
    request: none,
    response: z.object({ trovata: z.boolean(), messaggio: z.string(), praticaId: z.string().nullable(), stato: StatoPraticaSchema.nullable() }),
  },
  /** The ufficiale resolves the holding submission by hand, per what they verified in ANPR's web application. */
  'coda.risolvi': {
    request: z.object({
      praticaId: z.string().min(1).max(64),
      esito: z.enum(['accolta', 'respinta']),
      nota: z.string().trim().min(1, "Indicare cosa si è verificato nell'applicazione web di ANPR.").max(500),
      idOperazioneANPR: z.string().trim().regex(/^\d{1,20}$/, "L'id operazione ANPR è di sole cifre.").optional(),
    }),
    response: PraticaSchema,
  },
  'pratiche.elenco': {
    request: z.object({ stati: z.array(StatoPraticaSchema).optional() }).optional(),
    response: z.array(PraticaSchema),
  },
  'pratiche.dettaglio': {
    request: z.object({ id: z.string().min(1).max(64) }),
    response: z.object({ pratica: PraticaSchema, invii: z.array(InvioSchema) }),
  },
} as const;

export const codaEvents = {
  'coda.stato': StatoCodaSchema,
  'pratiche.cambiata': PraticaCambiataSchema,
} as const;
