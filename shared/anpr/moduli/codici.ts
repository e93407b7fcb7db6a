/**
 * The codes offered by the forms whose logic lives in their .tsx (2001, 5005,
 * 5005 from another comune): only codes of official tables, by number; the
 * descriptions are read from resources/anpr/tabelle (see tabelle-dati.ts).
 */
import { TIPI_TRIBUNALE } from './regole';
import { lista } from './tabelle-dati';

/** 2001: Tabella 15, the two motives of a death. */
export const MOTIVI_MORTE = lista(15, ['1', '2']);

/** 2001: the authorities that declare a presumed death (Tabella 32, without the marriage-only ones). */
export const TRIBUNALI_MORTE_PRESUNTA = lista(TIPI_TRIBUNALE.tabella, ['1', '3', '9']);

/** 5005: Tabella 47, tipo mutazione residenza (the codes a clerk uses at the counter). */
export const TIPI_MUTAZIONE_RESIDENZA = lista(47, ['2', '3', '1', '4']);

/** 5005 from another comune: Tabella 23, tipo movimentazione (the two codes of an immigration). */
export const MOVIMENTAZIONI = lista(23, ['1', '3']);
