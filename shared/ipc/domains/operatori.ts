/**
 * Operators and the signed-in session. The session lives in the core; the
 * renderer only asks who is signed in. `sessione.*` work without a session
 * (sign-in, first start); `operatori.*` are for the amministratore.
 */
import { z } from 'zod';
import { validaCodiceFiscale } from '../../domain/codice-fiscale';
import { ComuneSchema, TipoAmbienteSchema, none } from './schemas';

export const RuoloSchema = z.enum(['operatore', 'ufficiale_anagrafe', 'amministratore', 'sola_lettura']);
export type Ruolo = z.infer<typeof RuoloSchema>;

export const ETICHETTE_RUOLO: Record<Ruolo, string> = {
  operatore: 'Operatore',
  ufficiale_anagrafe: "Ufficiale d'anagrafe",
  amministratore: 'Amministratore',
  sola_lettura: 'Sola lettura',
};

/** A codice fiscale, normalised to upper case and checked (check character, omocodia). */
export const CodiceFiscaleSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase().replace(/\s+/g, ''))
  .superRefine((value, ctx) => {
    const esito = validaCodiceFiscale(value);
    if (!esito.valido) ctx.addIssue({ code: 'custom', message: esito.errori[0]?.messaggio ?? 'Codice fiscale non valido.' });
  });

/** The password policy, as the clerk reads it before choosing one (PasswordSchema enforces the length, the core the rest). */
export const REGOLE_PASSWORD = ['almeno 10 caratteri (al massimo 200)', 'diversa dalla password attuale'] as const;

export const PasswordSchema = z
  .string()
  .min(10, 'La password deve avere almeno 10 caratteri.')
  .max(200, 'La password è troppo lunga.');

const Nome = z.string().trim().min(1, 'Campo obbligatorio.').max(80);

export const OperatoreSchema = z.object({
  codiceFiscale: z.string(),
  nome: z.string(),
  cognome: z.string(),
  ruolo: RuoloSchema,
  attivo: z.boolean(),
  creato: z.string(),
  ultimoAccesso: z.string().nullable(),
  /** The password was set by the amministratore and the operator has not changed it yet. */
  passwordDaCambiare: z.boolean(),
});
export type Operatore = z.infer<typeof OperatoreSchema>;

export const SessioneSchema = z.object({
  codiceFiscale: z.string(),
  nome: z.string(),
  cognome: z.string(),
  ruolo: RuoloSchema,
  dal: z.string(),
  /** Initial password still to change: the core refuses everything else until then (PASSWORD_DA_CAMBIARE). */
  passwordDaCambiare: z.boolean(),
});
export type Sessione = z.infer<typeof SessioneSchema>;

export const StatoSessioneSchema = z.object({
  /** False until the first amministratore exists. */
  configurato: z.boolean(),
  operatore: SessioneSchema.nullable(),
  /** True when the last session closed for inactivity and nobody has signed in since. */
  scadutaPerInattivita: z.boolean(),
  /** In training mode, the fictitious operator suggested for the first start. */
  operatoreFormazione: z.object({ codiceFiscale: z.string(), nome: z.string(), cognome: z.string() }).nullable(),
  /** Shown before sign-in too: the environment banner and the comune in the header. */
  ambiente: TipoAmbienteSchema,
  comune: ComuneSchema,
});
export type StatoSessione = z.infer<typeof StatoSessioneSchema>;

export const NuovoOperatoreSchema = z.object({
  codiceFiscale: CodiceFiscaleSchema,
  nome: Nome,
  cognome: Nome,
  ruolo: RuoloSchema,
  password: PasswordSchema,
});

export const operatoriChannels = {
  'sessione.stato': { request: none, response: StatoSessioneSchema },
  'sessione.primoAmministratore': { request: NuovoOperatoreSchema.omit({ ruolo: true }), response: SessioneSchema },
  'sessione.accedi': {
    request: z.object({ codiceFiscale: z.string().trim().min(1).max(20), password: z.string().min(1).max(200) }),
    response: SessioneSchema,
  },
  'sessione.esci': { request: none, response: z.object({ uscito: z.literal(true) }) },
  'sessione.cambiaPassword': {
    request: z.object({ attuale: z.string().min(1).max(200), nuova: PasswordSchema }),
    response: z.object({ cambiata: z.literal(true) }),
  },
  'operatori.elenco': { request: none, response: z.array(OperatoreSchema) },
  'operatori.crea': { request: NuovoOperatoreSchema, response: OperatoreSchema },
  'operatori.aggiorna': {
    request: z.object({
      codiceFiscale: z.string().trim().min(1).max(20),
      ruolo: RuoloSchema.optional(),
      attivo: z.boolean().optional(),
      nuovaPassword: PasswordSchema.optional(),
    }),
    response: OperatoreSchema,
  },
} as const;
