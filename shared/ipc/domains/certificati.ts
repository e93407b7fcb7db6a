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

/** One certificate of the ANPR CA bundle, as shown to the administrator. */
export const CertificatoCaSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  commonName: z.string(),
  validoDal: z.string(),
  validoFino: z.string(),
  sha256: z.string(),
  ca: z.boolean(),
  giorniAllaScadenza: z.number(),
  scaduto: z.boolean(),
  inScadenza: z.boolean(),
});
export type CertificatoCa = z.infer<typeof CertificatoCaSchema>;

/** The ANPR CA bundle trusted for TEST/PRODUZIONE: imported here, or the one shipped with the app. */
export const BundleCaSchema = z.object({
  origine: z.enum(['importato', 'predefinito']).nullable(),
  importatoIl: z.string().nullable(),
  certificati: z.array(CertificatoCaSchema),
  /** Italian: expired or expiring certificates, ignored blocks. */
  avvisi: z.array(z.string()),
  /** Italian: why the bundle cannot be used (missing, unreadable); null when usable. */
  errore: z.string().nullable(),
});
export type BundleCa = z.infer<typeof BundleCaSchema>;

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
  'certificati.ca': { request: none, response: BundleCaSchema },
  'certificati.importaCa': {
    /** The PEM file's text (the renderer reads it from a file input). */
    request: z.object({ pem: z.string().min(1).max(500_000) }),
    response: BundleCaSchema,
  },
  'certificati.rimuoviCa': { request: none, response: BundleCaSchema },
} as const;
