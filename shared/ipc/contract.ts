/**
 * The one IPC contract between the renderer and the core. Each channel has a
 * zod request and response schema; each event a payload schema. The preload
 * (Electron) and the web host expose exactly these, nothing else.
 *
 * Channel names are `<domain>.<verb>`; the renderer calls them as
 * `window.sportello.<domain>.<verb>(request)`.
 */
import { z } from 'zod';

export const ComuneSchema = z.object({
  codiceIstat: z.string().regex(/^\d{6}$/, 'Il codice ISTAT è formato da 6 cifre.'),
  denominazione: z.string().trim().min(1, 'Indicare la denominazione del comune.').max(80),
});
export type Comune = z.infer<typeof ComuneSchema>;

export const TipoAmbienteSchema = z.enum(['SIMULATORE', 'TEST', 'PRODUZIONE']);
export type TipoAmbiente = z.infer<typeof TipoAmbienteSchema>;

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

export const StatoConnessioneSchema = z.object({
  stato: z.enum(['non_verificata', 'raggiungibile', 'non_raggiungibile']),
  /** ISO timestamp of the last successful ANPR call, if any. */
  ultimaChiamataRiuscita: z.string().nullable(),
  /** ISO timestamp of the last check. */
  verificataIl: z.string().nullable(),
  messaggio: z.string().nullable(),
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

const none = z.void();

export const TipoCertificatoSchema = z.enum(['comune', 'postazione']);
export type TipoCertificato = z.infer<typeof TipoCertificatoSchema>;

/** Public details of an imported certificate: never the key, never the passphrase. */
export const InfoCertificatoSchema = z.object({
  subject: z.string(),
  commonName: z.string(),
  codiceIstat: z.string().nullable(),
  tipo: z.enum(['comune', 'postazione', 'altro']),
  serialNumber: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  daysToExpiry: z.number(),
  expiryWarning: z.boolean(),
});
export type InfoCertificato = z.infer<typeof InfoCertificatoSchema>;

export const CertificatiSchema = z.object({
  comune: InfoCertificatoSchema.nullable(),
  postazione: InfoCertificatoSchema.nullable(),
});

export const contract = {
  'app.info': { request: none, response: InfoApplicazioneSchema },
  'home.riepilogo': { request: none, response: RiepilogoHomeSchema },
  'connessione.verifica': { request: none, response: StatoConnessioneSchema },
  'impostazioni.salvaComune': { request: ComuneSchema, response: ComuneSchema },
  'certificati.elenco': { request: none, response: CertificatiSchema },
  'certificati.importa': {
    request: z.object({
      tipo: TipoCertificatoSchema,
      /** The .p12/.pfx file, base64 (the renderer reads it from a file input). */
      p12Base64: z.string().min(1).max(200_000),
      passphrase: z.string().max(1024),
    }),
    response: InfoCertificatoSchema,
  },
} as const;

export const events = {
  'coda.cambiata': ConteggiCodaSchema,
  'connessione.cambiata': StatoConnessioneSchema,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type EventName = keyof typeof events;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channels = Object.keys(contract) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Electron channel names: a fixed prefix so nothing else can collide. */
export const IPC_PREFIX = 'sportello:';
export const EVENT_PREFIX = 'sportello-evento:';
