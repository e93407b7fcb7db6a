/**
 * The contract between the pratiche screen and each operation form.
 *
 * A form module describes ONE ANPR service: its default values, a zod schema
 * of its values with Italian messages (checked inline, at the field), the
 * conversion of those values into the JSON the core stores as the pratica's
 * payload — exactly the typed builder input of that service without
 * `testata` (see `Richiesta<CODE>Input` in electron/anpr/services/builders.ts;
 * the renderer cannot import it, so the shape is mirrored here by each
 * module) — and the React component that renders the fields.
 *
 * The screen owns everything else: autosave of drafts, XSD check, "pronta",
 * sending, the ANPR error list. Modules talk to the bridge only for
 * read-only look-ups (decoding tables, the office's comune, 3001 parents).
 */
import type { ComponentType } from 'react';
import type { UseFormReturn, FieldValues } from 'react-hook-form';
import type { ZodType } from 'zod';

export type { ServizioPratica } from '../../../../../shared/anpr/servizi';
import type { ServizioPratica } from '../../../../../shared/anpr/servizi';

/** Data about the person or earlier pratica the form is started from. */
export interface ContestoModulo {
  /** ID ANPR / idSchedaSoggettoANPR / codice fiscale of the subject, when known. */
  soggetto?: {
    idSchedaSoggettoANPR?: string;
    codiceFiscale?: string;
    cognome?: string;
    nome?: string;
    dataNascita?: string;
    idFamigliaConvivenzaANPR?: string;
    /** How many people the family has, as read from ANPR with the subject. */
    componentiFamiglia?: number;
    /** The relation in the family as ANPR gave it (Tabella 5 decoded, e.g. "Intestatario Scheda"). */
    relazione?: string;
    /** The other members of the family, as read from ANPR with the subject. */
    famiglia?: { idSchedaSoggettoANPR: string; codiceFiscale: string | null; cognome: string; nome: string; dataNascita: string | null; relazione: string | null }[];
  };
  /** For annulments: the accepted pratica being annulled. */
  praticaDaAnnullare?: { servizio: string; idOperazioneComune: string; idOperazioneANPR: string; dataDecorrenza: string | null };
}

export interface ModuloPratica<V extends FieldValues = FieldValues> {
  servizio: ServizioPratica;
  /** Italian title, e.g. "Iscrizione per nascita". */
  titolo: string;
  /** One line on when to use it. */
  descrizione: string;
  valoriIniziali(contesto: ContestoModulo): V;
  /** Values → errors at the field (Italian). Drafts are saved even when invalid. */
  schema: ZodType<V>;
  /** Values → the pratica payload (builder input without testata). Only called on valid values. */
  versoPayload(valori: V): Record<string, unknown>;
  /** A stored payload back into form values (reopening a draft or a refused pratica). */
  daPayload?(payload: Record<string, unknown>): V;
  /** Key of the subject for per-person ordering (ID ANPR or CF), from the values. */
  chiaveSoggetto(valori: V): string | undefined;
  /** `dataDecorrenza` of the operation (yyyy-mm-dd), from the values. */
  dataDecorrenza(valori: V): string | undefined;
  /**
   * What will be registered, in words, for the review step before the
   * pratica goes to ANPR (e.g. "ROSSI MARIO (RSSMRA…) trasferisce la
   * residenza… dal 03/12/2026."). Only called on valid values.
   */
  riepilogo(valori: V, contesto: ContestoModulo): string;
  Campi: ComponentType<{ form: UseFormReturn<V>; contesto: ContestoModulo }>;
}
