/** Schemas shared by several IPC domains. Domain-specific ones live beside their channels. */
import { z } from 'zod';

export const ComuneSchema = z.object({
  codiceIstat: z.string().regex(/^\d{6}$/, 'Il codice ISTAT è formato da 6 cifre.'),
  denominazione: z.string().trim().min(1, 'Indicare la denominazione del comune.').max(80),
});
export type Comune = z.infer<typeof ComuneSchema>;

export const TipoAmbienteSchema = z.enum(['SIMULATORE', 'TEST', 'PRODUZIONE']);
export type TipoAmbiente = z.infer<typeof TipoAmbienteSchema>;

/** Inactivity lock: the signed-in session closes after this many minutes without clerk activity. */
export const MINUTI_INATTIVITA = { predefiniti: 15, minimo: 1, massimo: 240 } as const;

export const SicurezzaSchema = z.object({
  minutiInattivita: z
    .number()
    .int('Indicare un numero intero di minuti.')
    .min(MINUTI_INATTIVITA.minimo, `Almeno ${MINUTI_INATTIVITA.minimo} minuto.`)
    .max(MINUTI_INATTIVITA.massimo, `Al massimo ${MINUTI_INATTIVITA.massimo} minuti.`),
});
export type Sicurezza = z.infer<typeof SicurezzaSchema>;

/** Background reads of the citizens' online requests (P001), every this many minutes. */
export const MINUTI_LETTURA_RICHIESTE = { predefiniti: 10, minimo: 2, massimo: 240 } as const;

export const LetturaRichiesteSchema = z.object({
  minutiAggiornamento: z
    .number()
    .int('Indicare un numero intero di minuti.')
    .min(MINUTI_LETTURA_RICHIESTE.minimo, `Almeno ${MINUTI_LETTURA_RICHIESTE.minimo} minuti.`)
    .max(MINUTI_LETTURA_RICHIESTE.massimo, `Al massimo ${MINUTI_LETTURA_RICHIESTE.massimo} minuti.`),
});
export type LetturaRichieste = z.infer<typeof LetturaRichiesteSchema>;

export const StatoPraticaSchema = z.enum([
  'bozza',
  'pronta',
  'in_invio',
  'accolta',
  'accolta_con_avvisi',
  'respinta',
  'esito_incerto',
  'richiede_intervento',
]);
export type StatoPratica = z.infer<typeof StatoPraticaSchema>;

export const ConteggiCodaSchema = z.object(
  Object.fromEntries(StatoPraticaSchema.options.map((stato) => [stato, z.number().int().nonnegative()])) as Record<
    StatoPratica,
    z.ZodNumber
  >,
);
export type ConteggiCoda = z.infer<typeof ConteggiCodaSchema>;

const VersioneAnprSchema = z.object({ codDestinatario: z.string(), versioneCompleta: z.string() });
export const VersioniAnprSchema = z.object({
  /** The version this app speaks. */
  parlata: VersioneAnprSchema,
  corrente: VersioneAnprSchema,
  supportate: z.array(VersioneAnprSchema),
  supportata: z.boolean(),
  superata: z.boolean(),
  messaggio: z.string().nullable(),
  verificateIl: z.string(),
});
export type VersioniAnpr = z.infer<typeof VersioniAnprSchema>;

export const StatoConnessioneSchema = z.object({
  stato: z.enum(['non_verificata', 'raggiungibile', 'non_raggiungibile']),
  /** ISO timestamp of the last successful ANPR call, if any. */
  ultimaChiamataRiuscita: z.string().nullable(),
  /** ISO timestamp of the last check. */
  verificataIl: z.string().nullable(),
  messaggio: z.string().nullable(),
  /** What ANPR's 7003 said about interface versions at the last check that reached it (null: not asked yet). */
  versioni: VersioniAnprSchema.nullable().optional(),
});
export type StatoConnessione = z.infer<typeof StatoConnessioneSchema>;

export const RiepilogoHomeSchema = z.object({
  comune: ComuneSchema,
  ambiente: z.object({
    tipo: TipoAmbienteSchema,
    etichetta: z.string(),
    endpoint: z.string(),
  }),
  connessione: StatoConnessioneSchema,
  coda: ConteggiCodaSchema,
  sicurezza: SicurezzaSchema,
  letturaRichieste: LetturaRichiesteSchema,
});
export type RiepilogoHome = z.infer<typeof RiepilogoHomeSchema>;

export const InfoApplicazioneSchema = z.object({
  nome: z.string(),
  versione: z.string(),
  host: z.enum(['electron', 'web']),
  cartellaDati: z.string(),
  archivioSegreti: z.string(),
});
export type InfoApplicazione = z.infer<typeof InfoApplicazioneSchema>;

/** Channels that take no request. */
export const none = z.void();
