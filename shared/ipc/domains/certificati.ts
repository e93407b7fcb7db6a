/** The comune's and the postazione's certificates (PKCS#12): public details only. */
import { z } from 'zod';
import { none } from './schemas';

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

export const certificatiChannels = {
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
