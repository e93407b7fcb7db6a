/**
 * Certificazione (ANPR service 6001): certificates issued at the counter.
 * Only ANPR produces certificates; the core previews (emissione 3), issues
 * (emissione 1), archives the PDF byte for byte and keeps the day's register.
 * Not to be confused with `certificati.*` (the comune's PKCS#12 keystores).
 *
 * Amounts are euro cents (integers) everywhere.
 */
import { z } from 'zod';
import { isIsoDate } from '../../domain/date-it';
import { none } from './schemas';

const Data = z.string().refine(isIsoDate, 'Data non valida.');
const Centesimi = z.number().int('Importo non valido.').min(0, 'Importo non valido.').max(99_999, 'Importo troppo alto.');
const TestoBreve = z.string().trim().max(80, 'Massimo 80 caratteri.');

export const RichiedenteCertificatoSchema = z.discriminatedUnion('tipo', [
  /** tipoRichiedente 2: the holder asks for their own certificate. */
  z.object({ tipo: z.literal('intestatario') }),
  /** tipoRichiedente 1: another person. */
  z.object({
    tipo: z.literal('altra_persona'),
    cognome: TestoBreve,
    nome: TestoBreve,
    /** Optional; checked locally when given. */
    codiceFiscale: z.string().trim().max(16),
    /** Identity document (estremi), optional. */
    documento: z.string().trim().max(40, 'Massimo 40 caratteri.'),
    dataDocumento: z.union([Data, z.literal('')]),
  }),
  /** tipoRichiedente 3: a public administration; the estremi of its request are mandatory. */
  z.object({
    tipo: z.literal('pa'),
    ente: TestoBreve,
    estremiRichiesta: z.string().trim().max(40, 'Massimo 40 caratteri.'),
    dataRichiesta: z.union([Data, z.literal('')]),
  }),
]);
export type RichiedenteCertificato = z.input<typeof RichiedenteCertificatoSchema>;

export const RichiestaCertificatoSchema = z.object({
  /** The holder, as found by the search (3002). */
  idSchedaSoggettoANPR: z.string().regex(/^\d{1,16}$/, 'Identificativo del soggetto non valido.'),
  /** Tabella 13 codes; more than one = certificato cumulativo. */
  tipi: z.array(z.string().regex(/^\d{1,2}$/)).min(1, 'Scegliere almeno un tipo di certificato.').max(8),
  richiedente: RichiedenteCertificatoSchema,
  /** 0 no, 1 uso estero, 2 immigrazione, 3 art. 40 DPR 445/2000 (cause giudiziarie), 4 per l'estero. */
  paEstera: z.enum(['0', '1', '2', '3', '4']),
  bollo: z.object({
    centesimi: Centesimi,
    /** bolloVirtuale: '' not given, 1 virtuale, 2 contrassegno, 9 altra modalità. */
    modalita: z.enum(['', '1', '2', '9']),
    /** '0' not exempt, else a code of Tabella 39 (1–10, 99). */
    esenzione: z.string().regex(/^\d{1,2}$/, 'Codice di esenzione non valido.'),
    /** Mandatory for code 99, at most 256 characters (checked as a local rule, with its explanation). */
    descrizioneEsenzione: z.string().max(2000),
  }),
  diritti: z.object({ esenti: z.boolean(), centesimi: Centesimi }),
  forzaCertificazione: z.boolean(),
});
export type RichiestaCertificato = z.input<typeof RichiestaCertificatoSchema>;

/** A local rule that stops the request before anything is sent. */
export const ViolazioneCertificatoSchema = z.object({
  /** Stable id of the rule (e.g. `esenzione.99-descrizione`). */
  regola: z.string(),
  /** Section of ANPR's "Mappatura controlli" (controlli_certificati.csv), or `Sportello` for our own consistency rules. */
  sezione: z.string(),
  /** The certificate type the rule is about, if any. */
  tipoCertificato: z.string().nullable(),
  /** What is wrong and how to fix it (Italian). */
  messaggio: z.string(),
  /** The official condition text from controlli_certificati.csv, when the rule comes from there. */
  condizioneAnpr: z.string().nullable(),
  /** The form field to fix. */
  campo: z.string().nullable(),
});
export type ViolazioneCertificato = z.infer<typeof ViolazioneCertificatoSchema>;

export const ErroreAnprCertificatoSchema = z.object({ codice: z.string(), tipo: z.string(), testo: z.string() });
export type ErroreAnprCert = z.infer<typeof ErroreAnprCertificatoSchema>;

export const StatoCertificatoSchema = z.enum(['in_emissione', 'emesso', 'respinto', 'non_emesso']);
export type StatoCertificato = z.infer<typeof StatoCertificatoSchema>;

export const CertificatoArchivioSchema = z.object({
  id: z.number().int(),
  idOperazioneComune: z.string(),
  stato: StatoCertificatoSchema,
  tipi: z.array(z.object({ codice: z.string(), descrizione: z.string() })),
  intestatario: z.object({ idSchedaSoggettoANPR: z.string(), codiceFiscale: z.string().nullable(), nominativo: z.string() }),
  /** Italian description of the requester (intestatario, other person, PA with the estremi). */
  richiedente: z.string(),
  paEstera: z.string(),
  bolloCentesimi: z.number().int(),
  bolloModalita: z.string(),
  esenzioneBollo: z.string(),
  descrizioneEsenzioneBollo: z.string(),
  dirittiEsenti: z.boolean(),
  dirittiCentesimi: z.number().int(),
  operatore: z.object({ codiceFiscale: z.string(), nominativo: z.string() }),
  /** When the row was created (before sending), ISO. */
  creato: z.string(),
  /** When ANPR's answer was recorded, ISO. */
  emesso: z.string().nullable(),
  /** Local date (Europe/Rome) of issuance, for the register. */
  giorno: z.string().nullable(),
  protocolloAnpr: z.string().nullable(),
  idOperazioneAnpr: z.string().nullable(),
  sha256: z.string().nullable(),
  byte: z.number().int().nullable(),
  tentativi: z.number().int(),
  stampe: z.number().int(),
  errori: z.array(ErroreAnprCertificatoSchema),
  messaggio: z.string().nullable(),
});
export type CertificatoArchivio = z.infer<typeof CertificatoArchivioSchema>;

export const EsitoCertificazioneSchema = z.discriminatedUnion('esito', [
  /** Stopped by local rules: nothing was sent. */
  z.object({ esito: z.literal('bloccata'), violazioni: z.array(ViolazioneCertificatoSchema) }),
  /** ANPR cannot be reached: a certificate needs ANPR, nothing was issued. */
  z.object({ esito: z.literal('non_raggiungibile'), messaggio: z.string() }),
  /** ANPR refused (its own errors, verbatim). */
  z.object({ esito: z.literal('respinta'), errori: z.array(ErroreAnprCertificatoSchema), idOperazioneComune: z.string(), messaggio: z.string() }),
  /** emissione 3: ANPR's preview PDF, base64, not archived. */
  z.object({ esito: z.literal('anteprima'), pdfBase64: z.string(), avvisi: z.array(ErroreAnprCertificatoSchema), idOperazioneComune: z.string() }),
  /** Issued and archived; `recuperato` when it came back by replaying the same idOperazioneComune. */
  z.object({
    esito: z.literal('emesso'),
    certificato: CertificatoArchivioSchema,
    pdfBase64: z.string(),
    avvisi: z.array(ErroreAnprCertificatoSchema),
    recuperato: z.boolean(),
  }),
  /** The outcome is still unknown: it stays pending and is reconciled with the same id (never issue another). */
  z.object({ esito: z.literal('in_sospeso'), certificato: CertificatoArchivioSchema, messaggio: z.string() }),
]);
export type EsitoCertificazione = z.infer<typeof EsitoCertificazioneSchema>;

export const TabelleCertificazioneSchema = z.object({
  tipi: z.array(z.object({ codice: z.string(), descrizione: z.string(), soloSingolo: z.boolean() })),
  esenzioni: z.array(z.object({ codice: z.string(), descrizione: z.string(), esenteDiritti: z.boolean() })),
  /** Pairs ANPR refuses in one cumulative certificate, with the reason. */
  combinazioniVietate: z.array(z.object({ a: z.string(), b: z.string(), motivo: z.string() })),
  predefiniti: z.object({ bolloCentesimi: z.number().int(), dirittiCentesimi: z.number().int(), dirittiEsenteBolloCentesimi: z.number().int() }),
});
export type TabelleCertificazione = z.infer<typeof TabelleCertificazioneSchema>;

export const FiltroArchivioCertificatiSchema = z.object({
  dal: z.union([Data, z.literal('')]),
  al: z.union([Data, z.literal('')]),
  /** Codice fiscale, surname or ANPR protocol number. */
  testo: z.string().trim().max(80),
  operatore: z.string().trim().max(20),
  stato: z.union([StatoCertificatoSchema, z.literal('')]),
});

export const RegistroCertificatiSchema = z.object({
  data: z.string(),
  operatore: z.string(),
  righe: z.array(CertificatoArchivioSchema),
  totali: z.object({ certificati: z.number().int(), bolloCentesimi: z.number().int(), dirittiCentesimi: z.number().int() }),
  /** Operators who issued certificates that day (for the filter). */
  operatori: z.array(z.object({ codiceFiscale: z.string(), nominativo: z.string() })),
});
export type RegistroCertificati = z.infer<typeof RegistroCertificatiSchema>;

const FiltroRegistro = z.object({ data: Data, operatore: z.string().trim().max(20) });

export const certificazioneChannels = {
  'certificazione.tabelle': { request: none, response: TabelleCertificazioneSchema },
  'certificazione.anteprima': { request: RichiestaCertificatoSchema, response: EsitoCertificazioneSchema },
  'certificazione.emetti': { request: RichiestaCertificatoSchema, response: EsitoCertificazioneSchema },
  'certificazione.archivio': { request: FiltroArchivioCertificatiSchema, response: z.object({ certificati: z.array(CertificatoArchivioSchema) }) },
  'certificazione.pdf': {
    request: z.object({ id: z.number().int().positive() }),
    response: z.object({ pdfBase64: z.string(), sha256: z.string(), integro: z.boolean(), nomeFile: z.string() }),
  },
  'certificazione.stampa': { request: z.object({ id: z.number().int().positive() }), response: z.object({ stampe: z.number().int() }) },
  'certificazione.registro': { request: FiltroRegistro, response: RegistroCertificatiSchema },
  'certificazione.esporta': {
    request: FiltroRegistro.extend({ formato: z.enum(['csv', 'pdf']) }),
    response: z.object({ nomeFile: z.string(), mime: z.string(), contenutoBase64: z.string() }),
  },
  'certificazione.riconcilia': { request: none, response: z.object({ recuperati: z.number().int(), inSospeso: z.number().int() }) },
} as const;
