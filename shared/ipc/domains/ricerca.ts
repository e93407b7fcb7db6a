/**
 * Ricerca (ANPR service 3002): find subjects, open the scheda soggetto and
 * the scheda famiglia. Answers come from ANPR; when ANPR cannot be reached
 * the core answers from the local copy of earlier reads (`fonte: 'locale'`),
 * which the clerk sees as "dati locali al <data>, non certificabili".
 */
import { z } from 'zod';
import { isIsoDate } from '../../domain/date-it';
import { CodiceFiscaleSchema } from './operatori';

const Testo = z.string().trim().min(1, 'Campo obbligatorio.').max(80);

export const CriterioRicercaSchema = z.discriminatedUnion('tipo', [
  z.object({ tipo: z.literal('codiceFiscale'), codiceFiscale: CodiceFiscaleSchema }),
  /** Surname alone, surname and name, with or without the birth date (ANPR's criteriRicerca need only the surname). */
  z.object({
    tipo: z.literal('generalita'),
    cognome: Testo,
    nome: z.string().trim().max(80).optional(),
    dataNascita: z.string().refine(isIsoDate, 'Data di nascita non valida.').optional(),
  }),
  /** Street (and number): 3002 has no address criterion, so only the local copies of earlier reads are searched. */
  z.object({
    tipo: z.literal('indirizzo'),
    via: z.string().trim().min(2, 'Indicare almeno 2 caratteri della via.').max(80),
    numero: z.string().trim().max(6).regex(/^\d*$/, 'Il numero civico è fatto di sole cifre.').optional(),
  }),
  z.object({
    tipo: z.literal('idAnpr'),
    /** The public ID ANPR (e.g. AB12345CD) or the numeric idSchedaSoggettoANPR (up to 16 digits). */
    idAnpr: z
      .string()
      .trim()
      .transform((value) => value.toUpperCase())
      .refine((value) => /^[A-Z]{2}\d{5}[A-Z]{2}$/.test(value) || /^\d{1,16}$/.test(value), "L'ID ANPR è formato da 2 lettere, 5 cifre e 2 lettere (es. AB12345CD)."),
  }),
]);
export type CriterioRicerca = z.input<typeof CriterioRicercaSchema>;

export const FonteDatiSchema = z.object({
  /** `anpr`: just read from ANPR; `locale`: the local copy of an earlier read (not certifiable). */
  fonte: z.enum(['anpr', 'locale']),
  /** When the data were read from ANPR (ISO). */
  lettoIl: z.string(),
  /** Italian note for the clerk (e.g. why local data are shown), if any. */
  avviso: z.string().nullable(),
});
export type FonteDati = z.infer<typeof FonteDatiSchema>;

export const SoggettoSintesiSchema = z.object({
  idSchedaSoggettoANPR: z.string(),
  idANPR: z.string().nullable(),
  codiceFiscale: z.string().nullable(),
  cognome: z.string(),
  nome: z.string(),
  sesso: z.string().nullable(),
  /** ISO yyyy-mm-dd. */
  dataNascita: z.string().nullable(),
  luogoNascita: z.string().nullable(),
  residenza: z.string().nullable(),
  condizione: z.enum(['residente', 'deceduto', 'cancellato']),
});
export type SoggettoSintesi = z.infer<typeof SoggettoSintesiSchema>;

export const EsitoRicercaSchema = FonteDatiSchema.extend({ soggetti: z.array(SoggettoSintesiSchema) });
export type EsitoRicerca = z.infer<typeof EsitoRicercaSchema>;

const Persona = z.object({ descrizione: z.string(), codiceFiscale: z.string().nullable() });

export const DettaglioSoggettoSchema = SoggettoSintesiSchema.extend({
  validitaCodiceFiscale: z.string().nullable(),
  cittadinanze: z.array(z.object({ codiceStato: z.string().nullable(), descrizione: z.string() })),
  statoCivile: z.string().nullable(),
  coniuge: Persona.nullable(),
  dataMatrimonio: z.string().nullable(),
  /** The other party of a civil union (unioneCivile), and its date (optional: absent in copies read before they were shown). */
  unitoCivilmente: Persona.nullable().optional(),
  dataUnione: z.string().nullable().optional(),
  residenzaDal: z.string().nullable(),
  paternita: Persona.nullable(),
  maternita: Persona.nullable(),
  famiglia: z
    .object({ idFamigliaANPR: z.string().nullable(), relazione: z.string().nullable(), progressivo: z.string().nullable(), dal: z.string().nullable() })
    .nullable(),
  documenti: z.array(z.object({ tipo: z.string(), numero: z.string().nullable(), rilascio: z.string().nullable(), scadenza: z.string().nullable() })),
  decesso: z.object({ data: z.string().nullable(), luogo: z.string().nullable() }).nullable(),
  cancellazione: z.object({ data: z.string().nullable(), motivo: z.string().nullable() }).nullable(),
  anomalie: z.array(z.object({ codice: z.string(), tipo: z.string(), testo: z.string() })),
});
export type DettaglioSoggetto = z.infer<typeof DettaglioSoggettoSchema>;

export const ComponenteFamigliaSchema = SoggettoSintesiSchema.pick({
  idSchedaSoggettoANPR: true,
  codiceFiscale: true,
  cognome: true,
  nome: true,
  sesso: true,
  dataNascita: true,
}).extend({
  relazione: z.string().nullable(),
  progressivo: z.string().nullable(),
});
export type ComponenteFamiglia = z.infer<typeof ComponenteFamigliaSchema>;

export const SchedaFamigliaSchema = z.object({
  tipo: z.enum(['famiglia', 'convivenza']),
  idFamigliaANPR: z.string().nullable(),
  idFamigliaComune: z.string().nullable(),
  denominazione: z.string().nullable(),
  specie: z.string().nullable(),
  dataOrigine: z.string().nullable(),
  motivoCostituzione: z.string().nullable(),
  indirizzo: z.string().nullable(),
  componenti: z.array(ComponenteFamigliaSchema),
});
export type SchedaFamiglia = z.infer<typeof SchedaFamigliaSchema>;

/**
 * The family a deceased or cancelled subject belonged to, from the local copies of earlier reads (ANPR's answer
 * no longer links them to it): its id and the other members, whose sheets lead to the family as it is now.
 */
export const FamigliaPrecedenteSchema = z.object({
  idFamigliaANPR: z.string().nullable(),
  lettoIl: z.string(),
  componenti: z.array(ComponenteFamigliaSchema.pick({ idSchedaSoggettoANPR: true, cognome: true, nome: true, codiceFiscale: true, relazione: true })),
});
export type FamigliaPrecedente = z.infer<typeof FamigliaPrecedenteSchema>;

export const SchedaCompletaSchema = FonteDatiSchema.extend({
  soggetto: DettaglioSoggettoSchema,
  famiglia: SchedaFamigliaSchema.nullable(),
  famigliaPrecedente: FamigliaPrecedenteSchema.nullable().optional(),
});
export type SchedaCompleta = z.infer<typeof SchedaCompletaSchema>;

/** One parent to look for with 3001: surname and name (ANPR's generalità require both), optionally the codice fiscale. */
const GenitoreCercatoSchema = z.object({
  codiceFiscale: CodiceFiscaleSchema.optional(),
  cognome: z.string().trim().min(1, 'Indicare il cognome del genitore.').max(80),
  nome: z.string().trim().min(1, 'Indicare il nome del genitore.').max(80),
});

/** 3001 (ricerca genitori), run before a 1001 birth: at least one parent. */
export const RicercaGenitoriSchema = z
  .object({ padre: GenitoreCercatoSchema.optional(), madre: GenitoreCercatoSchema.optional() })
  .refine((r) => !!r.padre || !!r.madre, 'Indicare almeno un genitore da cercare.');
export type RicercaGenitori = z.input<typeof RicercaGenitoriSchema>;

export const GenitoreTrovatoSchema = SoggettoSintesiSchema.pick({
  idSchedaSoggettoANPR: true,
  codiceFiscale: true,
  cognome: true,
  nome: true,
  sesso: true,
  dataNascita: true,
  luogoNascita: true,
  residenza: true,
}).extend({
  /** The family the newborn can join (attribuzione "famiglia dei genitori"). */
  idFamigliaConvivenzaANPR: z.string().nullable(),
});
export type GenitoreTrovato = z.infer<typeof GenitoreTrovatoSchema>;

export const EsitoRicercaGenitoriSchema = z.object({
  padri: z.array(GenitoreTrovatoSchema),
  madri: z.array(GenitoreTrovatoSchema),
  /** Italian note when ANPR found nobody or refused the search. */
  avviso: z.string().nullable(),
});
export type EsitoRicercaGenitori = z.infer<typeof EsitoRicercaGenitoriSchema>;

export const ricercaChannels = {
  'ricerca.soggetti': { request: CriterioRicercaSchema, response: EsitoRicercaSchema },
  'ricerca.scheda': {
    request: z.object({ idSchedaSoggettoANPR: z.string().regex(/^\d{1,16}$/, 'Identificativo non valido.') }),
    response: SchedaCompletaSchema,
  },
  'ricerca.genitori': { request: RicercaGenitoriSchema, response: EsitoRicercaGenitoriSchema },
} as const;
