/**
 * The official ANPR error/anomaly lists (resources/anpr/errori/*.csv) as a
 * Map keyed by code. Used to fill a missing Italian text in a response and
 * to give the clerk severity/suggested procedure.
 *
 * The row readers (`righeCatalogo`, `riconosciFonte`) are shared with the
 * anomaly catalogue in the database (electron/features/anomalie/catalogo.ts), which
 * imports the same lists at first start and accepts newer official files
 * (csv or xlsx); `installaCatalogo` then makes `lookupErrore` answer from
 * the newer lists without a release.
 */
import fs from 'node:fs';
import { anprResourcePath } from '../xsd/resources';
import { parseCsv } from '../../../shared/domain/csv';

export type FonteErrore = 'elenco_errori_anpr' | 'errori_agenzia_entrate' | 'anomalie_subentro' | 'anomalie_subentro_2019';

export const FONTI_ERRORE: readonly FonteErrore[] = ['elenco_errori_anpr', 'errori_agenzia_entrate', 'anomalie_subentro', 'anomalie_subentro_2019'];

/** The resource file (under resources/anpr/errori) of each list. */
export const FILE_FONTE: Record<FonteErrore, string> = {
  elenco_errori_anpr: 'tab_elenco_errori_anpr.csv',
  errori_agenzia_entrate: 'tab_errori_agenzia_entrate.csv',
  anomalie_subentro: 'subentro/anomalie_subentro_anpr.csv',
  anomalie_subentro_2019: 'subentro/anomalie_subentro_doc-subentro_2019.csv',
};

export interface ErroreCatalogo {
  codice: string;
  /** Italian text (may contain `@` placeholders for runtime values). */
  descrizione: string;
  /** `E` blocking / `W` warning (normalised), when the list states it. */
  severita?: string;
  tabellaRiferimento?: string;
  /** Severity at subentro (AE list, subentro lists), normalised E/W. */
  severitaSubentro?: string;
  suggerimento?: string;
  procedura?: string;
  /** AE list: the note beside the services severity. */
  noteServizi?: string;
  /** Subentro lists: macro-category / section. */
  categoria?: string;
  /** Subentro list: "Da risolvere per completare il subentro" / "Non vincolanti per il subentro". */
  bloccoSubentro?: string;
  /** Operations/AE lists: "Data ultima variazione". */
  dataVariazione?: string;
  fonte: FonteErrore;
}

export function normSev(s: string | undefined): string | undefined {
  const v = (s ?? '').trim().toUpperCase();
  if (!v) return undefined;
  if (v === 'E' || v.startsWith('ERR')) return 'E';
  if (v === 'W' || v.startsWith('WARN')) return 'W';
  return v;
}

function read(rel: string): string[][] {
  return parseCsv(fs.readFileSync(anprResourcePath('errori', ...rel.split('/')), 'utf8'));
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined || o[k] === '') delete o[k];
  return o;
}

const t = (s: string | undefined): string | undefined => s?.trim();

/**
 * Which official list a table is, from its header row(s). The same headers
 * appear in the official xlsx and in the derived csv.
 */
export function riconosciFonte(rows: readonly (readonly string[])[]): FonteErrore | undefined {
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const has = (name: string) => header.includes(name);
  if (has('codice esito') && has('subentro')) return 'errori_agenzia_entrate';
  if (has('codice esito') && has('servizi')) return 'elenco_errori_anpr';
  if (has('codice') && has('messaggio') && has('sezione')) return 'anomalie_subentro_2019';
  if (has('codice') && has('messaggio') && (has('procedura_suggerita') || has('macro_categoria'))) return 'anomalie_subentro';
  return undefined;
}

/** Index of the first data row: the AE list has a second header row (Severità / Note). */
export function primaRigaDati(fonte: FonteErrore): number {
  return fonte === 'errori_agenzia_entrate' ? 2 : 1;
}

/** One row of an official list → a catalogue entry (undefined for rows without a code). */
export function voceCatalogo(fonte: FonteErrore, r: readonly string[]): ErroreCatalogo | undefined {
  const codice = (r[0] ?? '').trim();
  if (!codice) return undefined;
  switch (fonte) {
    // Codice esito, Descrizione, Tabella riferimento, Servizi, (note), Data ultima variazione
    case 'elenco_errori_anpr':
      return clean({ codice, descrizione: (r[1] ?? '').trim(), severita: normSev(r[3]), tabellaRiferimento: t(r[2]), noteServizi: t(r[4]), dataVariazione: t(r[5]), fonte });
    // Codice, Descrizione, Tabella, Subentro sev, note, Servizi sev, note, Data
    case 'errori_agenzia_entrate':
      return clean({
        codice,
        descrizione: (r[1] ?? '').trim(),
        severita: normSev(r[5]) ?? normSev(r[3]),
        severitaSubentro: normSev(r[3]),
        suggerimento: t(r[4]),
        noteServizi: t(r[6]),
        tabellaRiferimento: t(r[2]),
        dataVariazione: t(r[7]),
        fonte,
      });
    // codice, messaggio, severita, suggerimento, procedura_suggerita, macro_categoria, blocco_subentro
    case 'anomalie_subentro':
      return clean({
        codice,
        descrizione: (r[1] ?? '').trim(),
        severita: normSev(r[2]),
        severitaSubentro: normSev(r[2]),
        suggerimento: t(r[3]),
        procedura: t(r[4]),
        categoria: t(r[5]),
        bloccoSubentro: t(r[6]),
        fonte,
      });
    // codice, messaggio, severita, procedura_suggerita, sezione
    case 'anomalie_subentro_2019':
      return clean({
        codice,
        descrizione: (r[1] ?? '').trim(),
        severitaSubentro: normSev(r[2]),
        suggerimento: t(r[2]),
        procedura: t(r[3]),
        categoria: t(r[4]),
        fonte,
      });
  }
}

/** Every entry of an official list given as rows (header included). */
export function righeCatalogo(fonte: FonteErrore, rows: readonly (readonly string[])[]): ErroreCatalogo[] {
  const out: ErroreCatalogo[] = [];
  for (const r of rows.slice(primaRigaDati(fonte))) {
    const voce = voceCatalogo(fonte, r);
    if (voce) out.push(voce);
  }
  return out;
}

/** The list as shipped in resources/anpr/errori. */
export function leggiRisorsaCatalogo(fonte: FonteErrore): { rows: string[][]; file: string } {
  return { rows: read(FILE_FONTE[fonte]), file: FILE_FONTE[fonte] };
}

let byCode: Map<string, ErroreCatalogo[]> | undefined;

function add(map: Map<string, ErroreCatalogo[]>, e: ErroreCatalogo): void {
  const key = e.codice.trim().toUpperCase();
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

function indicizza(voci: Iterable<ErroreCatalogo>): Map<string, ErroreCatalogo[]> {
  const map = new Map<string, ErroreCatalogo[]>();
  const ordine = new Map(FONTI_ERRORE.map((f, i) => [f, i]));
  const sorted = [...voci].sort((a, b) => ordine.get(a.fonte)! - ordine.get(b.fonte)!);
  for (const e of sorted) add(map, e);
  return map;
}

export function loadCatalogue(): Map<string, ErroreCatalogo[]> {
  if (byCode) return byCode;
  // Order matters for lookupErrore: operations list, then AE, then the two subentro lists.
  byCode = indicizza(FONTI_ERRORE.flatMap((fonte) => righeCatalogo(fonte, leggiRisorsaCatalogo(fonte).rows)));
  return byCode;
}

/**
 * Replaces the in-memory catalogue (e.g. after a newer official file was
 * imported into the database), so every lookup uses the newer lists.
 */
export function installaCatalogo(voci: Iterable<ErroreCatalogo>): void {
  byCode = indicizza(voci);
}

/** Best entry for a code (operations list first, then AE, then subentro). */
export function lookupErrore(codice: string): ErroreCatalogo | undefined {
  try {
    return loadCatalogue().get(codice.trim().toUpperCase())?.[0];
  } catch {
    // Missing resources must never break response parsing.
    return undefined;
  }
}

/** Every entry for a code across all lists. */
export function lookupErroreAll(codice: string): ErroreCatalogo[] {
  return loadCatalogue().get(codice.trim().toUpperCase()) ?? [];
}

/** Fills `@` placeholders in order. */
export function formatDescrizione(descrizione: string, valori: readonly string[]): string {
  let i = 0;
  return descrizione.replace(/@/g, () => valori[i++] ?? '@');
}
