/**
 * Types of the ANPR decoding tables ("Tabelle di decodifica") and small pure helpers.
 * The Node loader lives in `electron/platform/tabelle/`; these types are shared with the renderer.
 */

import type { IsoDate } from './date-it';

/** One record of the historical comuni archive (Tabella 3, `ANPR_archivio_comuni.csv`). */
export interface Comune {
  /** ANPR record id (one comune has one record per administrative interval). */
  id: string;
  /** 6-digit ISTAT code valid in the interval. */
  codIstat: string;
  /** Codice catastale / Belfiore (e.g. F205); null when the archive says ND (not available). */
  belfiore: string | null;
  denominazione: string;
  denominazioneTraslitterata: string;
  altraDenominazione: string | null;
  altraDenominazioneTraslitterata: string | null;
  siglaProvincia: string;
  /** 3-digit ISTAT province code. */
  codProvinciaIstat: string;
  /** ISTAT region code ('EX' = abolished region, '00' = not available). */
  codRegione: string;
  dataIstituzione: IsoDate;
  /** null = still valid (9999-12-31 in the archive). */
  dataCessazione: IsoDate | null;
  /** A = attivo, C = cessato, D = da istituire. */
  stato: 'A' | 'C' | 'D';
}

/** One row of Tabella 2 (Stati esteri). */
export interface StatoEstero {
  id: string;
  denominazione: string;
  denominazioneIstat: string;
  denominazioneIstatEn: string;
  /** 3-digit ISTAT state code (100 = Italia); this is the `codiceStato` of `tipoCittadinanza`. */
  codIstat: string;
  codMin: string;
  codMae: string;
  /** Belfiore code Zxxx used in the codice fiscale; null for Italy and some territories. */
  belfiore: string | null;
  iso3: string | null;
  dataInizioValidita: IsoDate | null;
  dataFineValidita: IsoDate | null;
  /** Flags CITTADINANZA / NASCITA / RESIDENZA = 'S'. */
  ammessoCittadinanza: boolean;
  ammessoNascita: boolean;
  ammessoResidenza: boolean;
  /** STATO | TERRITORIO | ALTRO | '' */
  tipo: string;
  codIsoSovrano: string | null;
}

/** One entry of a generic code → description table. */
export interface VoceDecodifica {
  codice: string;
  descrizione: string;
  dataInizioValidita: IsoDate | null;
  dataFineValidita: IsoDate | null;
  note: string | null;
  /** Other non-standard columns, verbatim (e.g. DESCRIZIONETRASLITTERATA). */
  altri: Readonly<Record<string, string>>;
}

export interface TabellaDecodifica {
  /** ANPR table number (e.g. 5 = relazione di parentela), null if the table has none. */
  numero: number | null;
  /** Stable key, e.g. 'relazione_parentela'. */
  chiave: string;
  titolo: string;
  /** Source file name under resources/anpr/tabelle. */
  file: string;
  voci: readonly VoceDecodifica[];
}

export type LuogoBelfiore = { tipo: 'comune'; comune: Comune } | { tipo: 'stato'; stato: StatoEstero };

/** Uppercase, no accents, apostrophes removed, hyphens/dots as spaces, single spaces. */
export function normalizzaPerRicerca(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[’'`´]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** inizio ≤ data ≤ fine, with null bounds open. */
export function validoAllaData(inizio: IsoDate | null, fine: IsoDate | null, data: IsoDate): boolean {
  return (inizio === null || inizio <= data) && (fine === null || data <= fine);
}

/** Accepts ISO `yyyy-mm-dd` (optionally followed by a time) or `dd/mm/yyyy`; '' → null; 9999-12-31 → null. */
export function dataTabella(value: string): IsoDate | null {
  const v = value.trim();
  if (v === '') return null;
  let iso: string | null = null;
  const m1 = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m1) iso = `${m1[1]}-${m1[2]}-${m1[3]}`;
  const m2 = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  if (m2) iso = `${m2[3]}-${m2[2]}-${m2[1]}`;
  if (iso === null) throw new RangeError(`Data non riconosciuta nella tabella: «${value}»`);
  return iso === '9999-12-31' ? null : iso;
}
