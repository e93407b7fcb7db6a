import { z } from 'zod';

/**
 * Every IPC answer, in Electron and in the web host alike (Signal's envelope).
 * `message` is Italian and meant for the clerk; `code` is stable and meant
 * for code; `details` carries structured data (e.g. zod issues, ANPR errors).
 */
export const IpcErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ERROR_CODES = {
  unknownChannel: 'CANALE_SCONOSCIUTO',
  badRequest: 'RICHIESTA_NON_VALIDA',
  untrustedSender: 'MITTENTE_NON_AUTORIZZATO',
  internal: 'ERRORE_INTERNO',
  badResponse: 'RISPOSTA_NON_VALIDA',
  forbidden: 'OPERAZIONE_NON_CONSENTITA',
  unauthenticated: 'NON_AUTENTICATO',
  /** The session closed after the inactivity limit (Impostazioni → Sicurezza). */
  sessionExpired: 'SESSIONE_SCADUTA',
  /** Signed in with an initial password set by the amministratore: only the change is allowed. */
  passwordChangeRequired: 'PASSWORD_DA_CAMBIARE',
} as const;
