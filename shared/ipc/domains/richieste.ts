/**
 * Citizens' online requests (issue 15): the in-tray of the requests citizens
 * filed on the ANPR portal, read with P001 (list, 30-day windows per type) and
 * P002 (detail), kept locally per environment so the list and the sheets work
 * offline, labelled with the time of the last successful read; state changes
 * as P003 pratiche of the queue, and the registration each request asks for.
 */
import { z } from 'zod';
import { none, StatoPraticaSchema } from './schemas';
import { PraticaSchema } from './coda';
import { TIPOLOGIE_RICHIESTA } from '../../anpr/servizi/P001';
import { STATI_RICHIESTA, TITOLI_TIPOLOGIA } from '../../anpr/richieste/stati';

/** tipoIdTipologia. */
export const TipologiaRichiestaSchema = z.enum(TIPOLOGIE_RICHIESTA);
export type TipologiaRichiestaCittadino = z.infer<typeof TipologiaRichiestaSchema>;

export { TITOLI_TIPOLOGIA };
/** tipoIdStatoRichiesta (Tabella 58 for residence declarations); 8 and 9 as docs/simulator.md assumes. */
export const TITOLI_STATO: Readonly<Record<string, string>> = STATI_RICHIESTA;

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

/** One change the state machine (shared/anpr/richieste/stati.ts) allows the comune from the request's current state. */
export const AzioneRichiestaSchema = z.object({
  /** The state it sets, or `proroga` for an extension of the deadline (richiestaProroga). */
  verso: z.string(),
  /** "Prendi in carico", "Accogli con riserva", "Chiedi la proroga"… */
  etichetta: z.string(),
  /** The state it sets, in Italian (null for an extension). */
  versoTitolo: z.string().nullable(),
  /** ANPR refuses the change without notes (Esito 12004). */
  noteObbligatorie: z.boolean(),
  /** A motive of Tabella 60 is required (irricevibilità). */
  motivoObbligatorio: z.boolean(),
  /** What the clerk should know before confirming (e.g. the request is then closed), in Italian. */
  avvertenza: z.string().nullable(),
});
export type AzioneRichiesta = z.infer<typeof AzioneRichiestaSchema>;

export const MotivoSchema = z.object({ codice: z.string(), descrizione: z.string() });

/** A pratica of the queue that belongs to this request. */
export const PraticaDellaRichiestaSchema = z.object({
  praticaId: z.string(),
  servizio: z.string(),
  /** The service's title, in Italian. */
  titolo: z.string(),
  stato: StatoPraticaSchema,
  /** `cambio_stato`: a P003 of this request; `registrazione`: the pratica started from it (5005, 1002, 5001, 5008). */
  ruolo: z.enum(['cambio_stato', 'registrazione']),
  /** For a state change: the state it sets (or `proroga`), in Italian. */
  descrizione: z.string(),
  /** ANPR's refusal or the queue's message, in Italian, when there is one. */
  messaggio: z.string().nullable(),
  creata: z.string(),
  aggiornata: z.string(),
});
export type PraticaDellaRichiesta = z.infer<typeof PraticaDellaRichiestaSchema>;

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
  /** Only what the state machine allows from the current state; empty while a state change is still in the queue. */
  azioni: z.array(AzioneRichiestaSchema),
  /** The motives of irricevibilità (Tabella 60), for the action that needs one. */
  motivi: z.array(MotivoSchema),
  /** The P003 of this request not yet concluded (pronta, in invio, esito incerto…), if any: no second change meanwhile. */
  cambioInCoda: PraticaDellaRichiestaSchema.nullable(),
  /** Every pratica of this request, newest first. */
  pratiche: z.array(PraticaDellaRichiestaSchema),
  /** The pratica "Avvia la pratica" starts (or opens, once started), null when the type has none. */
  praticaDaAvviare: z.object({ servizio: z.string(), variante: z.string().nullable(), titolo: z.string(), praticaId: z.string().nullable() }).nullable(),
  /**
   * The next step the clerk should confirm, when a pratica of this request was accepted by ANPR and the request
   * has not followed yet (e.g. 3 → 12 after the 5005 is accepted): one of `azioni`, with why.
   */
  suggerita: z.object({ verso: z.string(), perche: z.string() }).nullable(),
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
  /**
   * A state change (or an extension) as a P003 pratica of the queue: allocated once, sent exactly once when ANPR is
   * reachable (offline it waits), reconciled if the outcome is unknown. Refused, in Italian, when the state machine
   * does not allow it from the current state, when what the state requires is missing (notes, motive), or while
   * another change of the same request is still in the queue.
   */
  'richieste.cambiaStato': {
    request: z.object({
      codiceRichiesta: z.string().regex(/^\d{1,30}$/),
      /** The state to set, or `proroga`. */
      verso: z.string().regex(/^(\d{1,2}|proroga)$/),
      note: z.string().max(2000).optional(),
      /** Tabella 60, where the state needs it. */
      motivo: z.string().max(4).optional(),
    }),
    response: z.object({ pratica: PraticaDellaRichiestaSchema, messaggio: z.string() }),
  },
  /**
   * Starts the pratica the request asks for (5005 inside the comune, 5005 from another comune, 1002 from abroad,
   * 5001 where only the family changes; 5008 for a data correction), its form pre-filled from P002, linked to the
   * request; once started, the same draft is returned.
   */
  'richieste.avviaPratica': { request: z.object({ codiceRichiesta: z.string().regex(/^\d{1,30}$/) }), response: PraticaSchema },
} as const;

export const richiesteEvents = {
  /** A read of ANPR changed the local copy: the Scrivania's card and the list reload. */
  'richieste.cambiate': ConteggiRichiesteSchema,
} as const;
