/**
 * Citizens' online requests (issue 15, read side): the in-tray of the requests
 * citizens filed on the ANPR portal, read with P001 (list, 30-day windows per
 * type) and P002 (detail), kept locally per environment so the list and the
 * sheets work offline, labelled with the time of the last successful read.
 * No state change here yet (P003 through the queue comes next).
 */
import { z } from 'zod';
import { none } from './schemas';

/** tipoIdTipologia. */
export const TipologiaRichiestaSchema = z.enum(['1', '2', '4', '5', '6']);
export type TipologiaRichiestaCittadino = z.infer<typeof TipologiaRichiestaSchema>;

export const TITOLI_TIPOLOGIA: Readonly<Record<TipologiaRichiestaCittadino, string>> = {
  '1': 'Rettifica dati',
  '2': 'Dichiarazione di residenza',
  '4': 'Trasferimento in Italia di un cittadino UE',
  '5': 'Iscrizione elettorale di un cittadino UE',
  '6': 'Rettifica dati elettorali',
};

/** tipoIdStatoRichiesta (Tabella 58 for residence declarations); 8 and 9 as the simulator assumes (docs/simulator.md). */
export const TITOLI_STATO: Readonly<Record<string, string>> = {
  '1': 'Bozza',
  '2': 'Aperta',
  '3': 'In lavorazione',
  '4': 'Annullata',
  '5': 'Accolta definitivamente',
  '6': 'Sospesa',
  '7': 'Integrata',
  '8': 'Irricevibile',
  '9': 'Preavviso di rigetto',
  '10': 'Sospesa in verifica',
  '12': 'Accolta con riserva',
};

/** What is due on a request: its next deadline is today, already passed, or within 3 days. */
export const DovutoSchema = z.enum(['oggi', 'scaduto', 'prossimo']);
export type Dovuto = z.infer<typeof DovutoSchema>;

const Giorno = z.string();

export const ScadenzeRichiestaSchema = z.object({
  /** Residence declarations (2, 4) still open (state 2): 2 working days from filing. */
  presaInCarico: Giorno.nullable(),
  /** 45 days for residence declarations, 30 for the others. */
  conclusione: Giorno.nullable(),
  /** ANPR's own dataScadenza, when P002 gave it (it includes the extensions). */
  anpr: Giorno.nullable(),
});
export type ScadenzeRichiesta = z.infer<typeof ScadenzeRichiestaSchema>;

export const RichiestaSintesiSchema = z.object({
  codiceRichiesta: z.string(),
  tipologia: z.string(),
  tipologiaTitolo: z.string(),
  stato: z.string(),
  statoTitolo: z.string(),
  dataApertura: z.string(),
  scadenze: ScadenzeRichiestaSchema,
  /** The deadline that matters now (the take-in-charge while open, else the conclusion, ANPR's when given). */
  prossimaScadenza: Giorno.nullable(),
  /** Name if known (from P002), else codice fiscale or ANPR scheda id. */
  richiedente: z.string(),
  interessato: z.string(),
  dovuto: DovutoSchema.nullable(),
  chiusa: z.boolean(),
});
export type RichiestaSintesi = z.infer<typeof RichiestaSintesiSchema>;

export const FiltriRichiesteSchema = z.object({
  tipologia: TipologiaRichiestaSchema.optional(),
  stato: z.string().regex(/^\d{1,2}$/).optional(),
  scadenza: z.enum(['oggi', 'scadute', 'tutte']).optional(),
});
export type FiltriRichieste = z.infer<typeof FiltriRichiesteSchema>;

export const ElencoRichiesteSchema = z.object({
  richieste: z.array(RichiestaSintesiSchema),
  /** Last successful read of ANPR (ISO), null when never read. */
  lettaIl: z.string().nullable(),
  /** Last failed read, in Italian (null when the last read succeeded). */
  errore: z.string().nullable(),
});
export type ElencoRichieste = z.infer<typeof ElencoRichiesteSchema>;

export const ConteggiRichiesteSchema = z.object({
  daPrendereInCarico: z.number().int(),
  inScadenza: z.number().int(),
  scadute: z.number().int(),
  aperte: z.number().int(),
  lettaIl: z.string().nullable(),
});
export type ConteggiRichieste = z.infer<typeof ConteggiRichiesteSchema>;

export const FileRichiestaSchema = z.object({
  id: z.number().int(),
  nome: z.string(),
  /** ANPR's idFormatoFile, in Italian (PDF, altro formato). */
  formato: z.string(),
  mime: z.string(),
  byte: z.number().int(),
  sha256: z.string(),
});
export type FileRichiesta = z.infer<typeof FileRichiestaSchema>;

export const VoceSchema = z.object({ etichetta: z.string(), valore: z.string() });
export type Voce = z.infer<typeof VoceSchema>;

export const StatoStoricoSchema = z.object({
  stato: z.string(),
  statoTitolo: z.string(),
  data: z.string().nullable(),
  operatore: z.string().nullable(),
  note: z.string().nullable(),
});

export const PersonaRichiestaSchema = z.object({
  nominativo: z.string(),
  codiceFiscale: z.string().nullable(),
  dataNascita: z.string().nullable(),
  sesso: z.string().nullable(),
});

export const ComponenteSchema = z.object({
  nominativo: z.string(),
  codiceFiscale: z.string().nullable(),
  parentela: z.string().nullable(),
  accettazione: z.string(),
  dataAccettazione: z.string().nullable(),
  patente: z.boolean(),
  veicoli: z.boolean(),
});

export const DettaglioRichiestaSchema = z.object({
  sintesi: RichiestaSintesiSchema,
  note: z.string().nullable(),
  dataChiusura: z.string().nullable(),
  dataUltimoAggiornamento: z.string().nullable(),
  numeroProroghe: z.number().int(),
  statoCorrente: StatoStoricoSchema,
  storicoStati: z.array(StatoStoricoSchema),
  recapiti: z.array(VoceSchema),
  idANPR: z.string().nullable(),
  richiedente: PersonaRichiestaSchema.nullable(),
  interessato: PersonaRichiestaSchema.nullable(),
  componenti: z.array(ComponenteSchema),
  /** The declared address, as readable lines. */
  indirizzo: z.array(z.string()),
  /** The type-specific block (datiRettifica, datiDichiarazioneResidenza…) as label/value rows. */
  datiSpecifici: z.object({ titolo: z.string(), voci: z.array(VoceSchema) }).nullable(),
  allegati: z.array(FileRichiestaSchema),
  riepilogo: FileRichiestaSchema.nullable(),
  /** When this detail was read from ANPR. */
  lettaIl: z.string(),
  /** ANPR was not reachable: the last stored detail is shown. */
  daArchivio: z.boolean(),
  /** Why ANPR could not be read (Italian), when daArchivio. */
  avviso: z.string().nullable(),
});
export type DettaglioRichiesta = z.infer<typeof DettaglioRichiestaSchema>;

export const richiesteChannels = {
  /** Newest first, from the local copy. */
  'richieste.elenco': { request: FiltriRichiesteSchema, response: ElencoRichiesteSchema },
  /** Reads ANPR now (P001 per type in 30-day windows since the last read, P002 for what is new or changed). */
  'richieste.aggiorna': {
    request: none,
    response: z.object({ lettaIl: z.string().nullable(), nuove: z.number().int(), messaggio: z.string().nullable() }),
  },
  'richieste.conteggi': { request: none, response: ConteggiRichiesteSchema },
  /** P002 now; the stored detail when ANPR cannot be reached. */
  'richieste.dettaglio': { request: z.object({ codiceRichiesta: z.string().regex(/^\d{1,30}$/) }), response: DettaglioRichiestaSchema },
  /** An attachment or the summary PDF from the local archive, its hash verified. */
  'richieste.file': {
    request: z.object({ id: z.number().int().positive() }),
    response: z.object({ nome: z.string(), mime: z.string(), base64: z.string(), sha256: z.string() }),
  },
} as const;

export const richiesteEvents = {
  /** A read of ANPR changed the local copy: the Scrivania's card and the list reload. */
  'richieste.cambiate': ConteggiRichiesteSchema,
} as const;
