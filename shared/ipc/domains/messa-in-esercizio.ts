/** The go-live checklist ("Messa in esercizio"): what a postazione needs before working with ANPR. */
import { z } from 'zod';
import { TipoAmbienteSchema, none } from './schemas';

export const StatoVoceSchema = z.enum(['ok', 'da_fare', 'errore']);
export type StatoVoce = z.infer<typeof StatoVoceSchema>;

export const VoceMessaInEsercizioSchema = z.object({
  id: z.enum(['certificato', 'ca', 'orologio', 'ip', 'collegamento', 'operatori', 'dati_prova']),
  titolo: z.string(),
  stato: StatoVoceSchema,
  /** Italian: why this state. */
  motivo: z.string(),
  /** Italian: what to do (empty when nothing). */
  azione: z.string(),
  /** Where it is fixed: an app route (e.g. `/impostazioni#imp-certificati`). */
  collegamento: z.object({ testo: z.string(), percorso: z.string() }).nullable(),
});
export type VoceMessaInEsercizio = z.infer<typeof VoceMessaInEsercizioSchema>;

export const MessaInEsercizioSchema = z.object({
  ambiente: TipoAmbienteSchema,
  etichettaAmbiente: z.string(),
  endpoint: z.string(),
  voci: z.array(VoceMessaInEsercizioSchema),
  /** The administrator confirmed the public-IP registration for this environment. */
  ipConfermato: z.boolean(),
  /** Every voice ok. */
  pronta: z.boolean(),
});
export type MessaInEsercizio = z.infer<typeof MessaInEsercizioSchema>;

export const messaInEsercizioChannels = {
  'messaInEsercizio.stato': { request: none, response: MessaInEsercizioSchema },
  /** The administrator confirms (or withdraws) that the office's public IP is registered in ANPR for this environment. */
  'messaInEsercizio.confermaIp': { request: z.object({ confermato: z.boolean() }), response: MessaInEsercizioSchema },
} as const;
