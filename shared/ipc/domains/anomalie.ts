/**
 * Anomaly lists (issue 7): every anomaly ANPR reported about the comune's
 * people — errors and warnings in answers, open anomalies returned by 3002,
 * files downloaded from the ANPR web application — with the official
 * catalogue's explanation and a local workflow (aperta → in lavorazione →
 * sanata).
 *
 * The list is read a window at a time (`offset`/`limite`), so the renderer
 * can virtualise 100,000 rows; `conTotale` asks for the count (only when the
 * filters change).
 */
import { z } from 'zod';
import { none } from './schemas';

export const SeveritaAnomaliaSchema = z.enum(['E', 'W', '?']);
export type SeveritaAnomalia = z.infer<typeof SeveritaAnomaliaSchema>;

/** `risposta`: listaErrori/listaAnomalie of an answer; `interrogazione`: 3002 erroriAnomalie; `file`: file from the web application. */
export const FonteAnomaliaSchema = z.enum(['risposta', 'interrogazione', 'file']);
export type FonteAnomalia = z.infer<typeof FonteAnomaliaSchema>;

export const StatoAnomaliaSchema = z.enum(['aperta', 'in_lavorazione', 'sanata']);
export type StatoAnomalia = z.infer<typeof StatoAnomaliaSchema>;

const IsoGiorno = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Data non valida (aaaa-mm-gg).');

export const FiltriAnomalieSchema = z.object({
  /** Type-ahead: code prefix, words of the text, surname/name, codice fiscale, ID ANPR (all words must match). */
  q: z.string().max(200).optional(),
  severita: z.array(SeveritaAnomaliaSchema).max(3).optional(),
  fonte: z.array(FonteAnomaliaSchema).max(3).optional(),
  stato: z.array(StatoAnomaliaSchema).max(3).optional(),
  /** Exact code (e.g. EA029). */
  codice: z.string().trim().max(12).optional(),
  /** Reported on or after / on or before (yyyy-mm-dd). */
  dal: IsoGiorno.optional(),
  al: IsoGiorno.optional(),
  soggettoKey: z.string().max(80).optional(),
});
export type FiltriAnomalie = z.infer<typeof FiltriAnomalieSchema>;

export const OrdinamentoAnomalieSchema = z.object({
  campo: z.enum(['rilevata', 'codice', 'persona', 'severita', 'stato']),
  direzione: z.enum(['asc', 'desc']),
});
export type OrdinamentoAnomalie = z.infer<typeof OrdinamentoAnomalieSchema>;

export const RaggruppamentoSchema = z.enum(['nessuno', 'persona', 'codice']);
export type Raggruppamento = z.infer<typeof RaggruppamentoSchema>;

export const AnomaliaRigaSchema = z.object({
  id: z.number().int(),
  codice: z.string(),
  severita: SeveritaAnomaliaSchema,
  testo: z.string(),
  fonte: FonteAnomaliaSchema,
  stato: StatoAnomaliaSchema,
  /** When ANPR first reported it (yyyy-mm-dd or ISO date-time). */
  rilevata: z.string(),
  soggettoKey: z.string().nullable(),
  /** "COGNOME NOME" (or the identifier when the name is unknown). */
  persona: z.string(),
  codiceFiscale: z.string().nullable(),
  idAnpr: z.string().nullable(),
  dataNascita: z.string().nullable(),
  campo: z.string().nullable(),
  valore: z.string().nullable(),
  servizio: z.string().nullable(),
  idOperazioneComune: z.string().nullable(),
  statoOperatore: z.string().nullable(),
  statoQuando: z.string().nullable(),
  /** Group key when grouped (soggetto id or code), else ''. */
  gruppo: z.string(),
});
export type AnomaliaRiga = z.infer<typeof AnomaliaRigaSchema>;

export const RichiestaElencoSchema = z.object({
  filtri: FiltriAnomalieSchema,
  ordinamento: OrdinamentoAnomalieSchema,
  raggruppamento: RaggruppamentoSchema,
  offset: z.number().int().min(0),
  limite: z.number().int().min(1).max(500),
  conTotale: z.boolean(),
});
export type RichiestaElenco = z.infer<typeof RichiestaElencoSchema>;

export const ElencoAnomalieSchema = z.object({
  offset: z.number().int(),
  righe: z.array(AnomaliaRigaSchema),
  /** Matching rows (null when not asked). */
  totale: z.number().int().nullable(),
  /** When grouped: rows per group for the groups in this window. */
  gruppi: z.array(z.object({ gruppo: z.string(), etichetta: z.string(), righe: z.number().int() })),
  /** Query time in the core (ms), shown to nobody but measured by the bench. */
  ms: z.number(),
});
export type ElencoAnomalie = z.infer<typeof ElencoAnomalieSchema>;

export const VoceCatalogoSchema = z.object({
  codice: z.string(),
  fonte: z.string(),
  /** Italian name of the list. */
  elenco: z.string(),
  descrizione: z.string(),
  severita: z.string().nullable(),
  severitaSubentro: z.string().nullable(),
  suggerimento: z.string().nullable(),
  procedura: z.string().nullable(),
  noteServizi: z.string().nullable(),
  tabellaRiferimento: z.string().nullable(),
  categoria: z.string().nullable(),
  bloccoSubentro: z.string().nullable(),
});
export type VoceCatalogo = z.infer<typeof VoceCatalogoSchema>;

export const PassaggioStatoSchema = z.object({
  da: StatoAnomaliaSchema,
  a: StatoAnomaliaSchema,
  operatore: z.string(),
  quando: z.string(),
  nota: z.string().nullable(),
});
export type PassaggioStato = z.infer<typeof PassaggioStatoSchema>;

/**
 * "Avvia la correzione": the route of the operation form, prefilled for the
 * person: `#/pratiche/nuova?servizio=<code>&soggetto=<soggettoKey>&cf=…&idAnpr=…&anomalia=<id>&codice=<code>`.
 */
export const CorrezioneSchema = z.object({
  servizio: z.string(),
  descrizione: z.string(),
  percorso: z.string(),
});
export type Correzione = z.infer<typeof CorrezioneSchema>;

export const DettaglioAnomaliaSchema = z.object({
  anomalia: AnomaliaRigaSchema.extend({
    oggetto: z.string().nullable(),
    idOperazioneANPR: z.string().nullable(),
    ultimaRilevazione: z.string(),
    statoNota: z.string().nullable(),
    nomeFile: z.string().nullable(),
    riga: z.number().int().nullable(),
  }),
  catalogo: z.array(VoceCatalogoSchema),
  storico: z.array(PassaggioStatoSchema),
  pratiche: z.array(
    z.object({ id: z.string(), servizio: z.string(), stato: z.string(), creata: z.string(), idOperazioneComune: z.string().nullable() }),
  ),
  /** Other anomalies of the same person, by state. */
  altreDelSoggetto: z.number().int(),
  /** Route of the person's sheet (search screen), null when the person is unknown. */
  percorsoScheda: z.string().nullable(),
  correzione: CorrezioneSchema.nullable(),
});
export type DettaglioAnomalia = z.infer<typeof DettaglioAnomaliaSchema>;

export const RiepilogoAnomalieSchema = z.object({
  totale: z.number().int(),
  perStato: z.record(StatoAnomaliaSchema, z.number().int()),
  perSeverita: z.record(SeveritaAnomaliaSchema, z.number().int()),
  /** Codes present, most frequent first (for the code filter). */
  codici: z.array(z.object({ codice: z.string(), righe: z.number().int(), descrizione: z.string() })),
  catalogo: z.array(z.object({ fonte: z.string(), elenco: z.string(), nomeFile: z.string(), voci: z.number().int(), origine: z.string(), importato: z.string() })),
  ultimaImportazione: z.object({ nomeFile: z.string(), quando: z.string(), inserite: z.number().int() }).nullable(),
});
export type RiepilogoAnomalie = z.infer<typeof RiepilogoAnomalieSchema>;

export const RigaScartataSchema = z.object({ riga: z.number().int(), motivo: z.string() });

export const EsitoImportazioneSchema = z.object({
  destinazione: z.enum(['anomalie', 'catalogo']),
  nomeFile: z.string(),
  formato: z.enum(['csv', 'xlsx']),
  /** Data rows read (header excluded). */
  righe: z.number().int(),
  inserite: z.number().int(),
  /** Rows already known (same stable key): nothing changed but the last-seen date. */
  giaPresenti: z.number().int(),
  scartate: z.number().int(),
  /** Unreadable rows by line (first 500). */
  errori: z.array(RigaScartataSchema),
  /** Catalogue only: which official list the file was. */
  elenco: z.string().nullable(),
  ms: z.number(),
});
export type EsitoImportazione = z.infer<typeof EsitoImportazioneSchema>;

export const StatoAggiornabileSchema = z.enum(['aperta', 'in_lavorazione', 'sanata']);

export const anomalieChannels = {
  'anomalie.elenco': { request: RichiestaElencoSchema, response: ElencoAnomalieSchema },
  'anomalie.dettaglio': { request: z.object({ id: z.number().int().positive() }), response: DettaglioAnomaliaSchema },
  'anomalie.riepilogo': { request: none, response: RiepilogoAnomalieSchema },
  'anomalie.cambiaStato': {
    request: z.object({
      id: z.number().int().positive(),
      stato: StatoAggiornabileSchema,
      nota: z.string().trim().max(1000).optional(),
    }),
    response: DettaglioAnomaliaSchema,
  },
  /**
   * A file travels in base64 blocks of at most 512 KiB (the web host refuses
   * bodies over 1 MB): the first call omits `caricamentoId`, the answer gives it.
   */
  'anomalie.caricaBlocco': {
    request: z.object({
      caricamentoId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/).optional(),
      nomeFile: z.string().trim().min(1).max(200),
      bloccoBase64: z.string().max(700_000),
    }),
    response: z.object({ caricamentoId: z.string(), byte: z.number().int() }),
  },
  'anomalie.importaFile': {
    request: z.object({ caricamentoId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/), destinazione: z.enum(['anomalie', 'catalogo']) }),
    response: EsitoImportazioneSchema,
  },
  /** Training only: imports the anomalies the training simulator keeps on its own residents (electron/features/anomalie/formazione.ts). */
  'anomalie.importaFormazione': { request: none, response: EsitoImportazioneSchema },
  'anomalie.esporta': {
    request: z.object({ filtri: FiltriAnomalieSchema, ordinamento: OrdinamentoAnomalieSchema, raggruppamento: RaggruppamentoSchema, formato: z.enum(['csv', 'xlsx']) }),
    response: z.object({ nomeFile: z.string(), mime: z.string(), base64: z.string(), righe: z.number().int() }),
  },
} as const;

export const anomalieEvents = {
  /**
   * The anomaly lists changed: new anomalies from ANPR's answers (queue) or
   * from a 3002 read, a file imported, a state changed. The screen reloads.
   */
  'anomalie.cambiate': z.object({
    origine: z.enum(['risposta', 'interrogazione', 'file', 'lavorazione']),
    inserite: z.number().int().min(0),
    sanate: z.number().int().min(0),
  }),
} as const;

