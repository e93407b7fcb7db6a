/**
 * The official ANPR decoding tables, for type-ahead in the operation forms:
 * comuni (with their validity dates), foreign states, and the small coded
 * tables (relazione di parentela, specie toponimo, motivi…) by number or key.
 */
import { z } from 'zod';
import { isIsoDate } from '../../domain/date-it';

const DataIso = z.string().refine(isIsoDate, 'Data non valida.');

export const ComuneTabellaSchema = z.object({
  codiceIstat: z.string(),
  denominazione: z.string(),
  siglaProvincia: z.string(),
  belfiore: z.string().nullable(),
  /** Validity of this record (ISO), null when open. */
  dal: z.string().nullable(),
  al: z.string().nullable(),
  attivo: z.boolean(),
});
export type ComuneTabella = z.infer<typeof ComuneTabellaSchema>;

export const StatoEsteroTabellaSchema = z.object({
  /** 3-digit ISTAT code (the `codiceStato` ANPR expects). */
  codice: z.string(),
  denominazione: z.string(),
  belfiore: z.string().nullable(),
  dal: z.string().nullable(),
  al: z.string().nullable(),
});
export type StatoEsteroTabella = z.infer<typeof StatoEsteroTabellaSchema>;

export const VoceTabellaSchema = z.object({
  codice: z.string(),
  descrizione: z.string(),
  dal: z.string().nullable(),
  al: z.string().nullable(),
});
export type VoceTabella = z.infer<typeof VoceTabellaSchema>;

const Ricerca = z.object({
  testo: z.string().max(80),
  /** Only records valid at this date (ISO). */
  data: DataIso.optional(),
  /** At most 500: the whole of Tabella 2 by first digit of the code, for the forms. */
  limite: z.number().int().min(1).max(500).optional(),
});

export const tabelleChannels = {
  /** Comuni whose name starts with `testo` (or, with digits, whose ISTAT code does). */
  'tabelle.comuni': { request: Ricerca.extend({ soloAttivi: z.boolean().optional() }), response: z.array(ComuneTabellaSchema) },
  'tabelle.comune': {
    request: z.object({ codiceIstat: z.string().regex(/^\d{6}$/, 'Codice ISTAT di 6 cifre.'), data: DataIso.optional() }),
    response: ComuneTabellaSchema.nullable(),
  },
  'tabelle.statiEsteri': { request: Ricerca, response: z.array(StatoEsteroTabellaSchema) },
  /**
   * A coded table by ANPR number (5 relazione di parentela, 4 specie toponimo,
   * 7 motivi di iscrizione, 15 motivi di cancellazione, 47 tipo mutazione
   * residenza…) or key ('relazione_parentela'). Only entries valid at `data` when given.
   */
  'tabelle.voci': {
    request: z.object({ tabella: z.union([z.number().int().min(1).max(99), z.string().regex(/^[a-z_]{3,60}$/)]), data: DataIso.optional() }),
    response: z.object({ titolo: z.string(), voci: z.array(VoceTabellaSchema) }),
  },
} as const;
