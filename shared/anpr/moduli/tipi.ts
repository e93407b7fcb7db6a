/**
 * The pure half of an operation form: what a form knows about ONE ANPR
 * service without any UI. Its default values, a zod schema of its values with
 * Italian messages (checked inline, at the field), the conversion of those
 * values into the pratica's payload (the service's builder input without
 * `testata`), the way back from a stored payload, the subject, the date and
 * the review sentence. The renderer adds the fields (`renderer/src/screens/
 * pratiche/moduli/tipi.ts`); the core's tests run this half against the XSD
 * and the simulator (`electron/pratiche-moduli.test.ts`).
 */
import type { ZodType } from 'zod';
import type { ServizioPratica } from '../servizi';
import type { DatiPraticaInput } from '../servizi/dati-pratica';

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

/** `V`: the form values, a plain object of strings, booleans and arrays (what react-hook-form holds). */
export interface LogicaModulo<V extends object = Record<string, unknown>, S extends ServizioPratica = ServizioPratica> {
  servizio: S;
  /** A form that is a variant of its service's form (same service, other fields), e.g. 5005 from another comune. */
  variante?: string;
  /** Italian title, e.g. "Iscrizione per nascita". */
  titolo: string;
  /** One line on when to use it. */
  descrizione: string;
  valoriIniziali(contesto: ContestoModulo): V;
  /** Values → errors at the field (Italian). Drafts are saved even when invalid. */
  schema: ZodType<V>;
  /** Values → the pratica's data for its service (builder input without testata). Only called on valid values. */
  versoPayload(valori: V): DatiPraticaInput<S>;
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
}
