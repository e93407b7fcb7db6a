/** The ANPR environment the postazione works with (amministratore only). */
import { z } from 'zod';
import { TipoAmbienteSchema } from './schemas';

/** What the clerk must type to move to PRODUZIONE: no accidental switch. */
export const CONFERMA_PRODUZIONE = 'PRODUZIONE';

export const AmbienteSchema = z.object({
  tipo: TipoAmbienteSchema,
  etichetta: z.string(),
  endpoint: z.string(),
});
export type Ambiente = z.infer<typeof AmbienteSchema>;

export const ambienteChannels = {
  'ambiente.salva': {
    request: z.object({
      tipo: TipoAmbienteSchema,
      /** Optional https endpoint override (TEST/PRODUZIONE); the official one otherwise. */
      endpoint: z.string().trim().max(200).optional(),
      /** Must equal CONFERMA_PRODUZIONE when `tipo` is PRODUZIONE. */
      conferma: z.string().max(40).optional(),
    }),
    response: AmbienteSchema,
  },
} as const;
