/**
 * The official ANPR error/anomaly lists (resources/anpr/errori/*.csv) as a
 * Map keyed by code. Used to fill a missing Italian text in a response and
 * to give the clerk severity/suggested procedure.
 */
import fs from 'node:fs';
import { anprResourcePath } from '../xsd/resources';
import { parseCsv } from '../../../shared/domain/csv';

export type FonteErrore = 'elenco_errori_anpr' | 'errori_agenzia_entrate' | 'anomalie_subentro' | 'anomalie_subentro_2019';

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
  fonte: FonteErrore;
}

function normSev(s: string | undefined): string | undefined {
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

let byCode: Map<string, ErroreCatalogo[]> | undefined;

function add(map: Map<string, ErroreCatalogo[]>, e: ErroreCatalogo): void {
  const key = e.codice.trim().toUpperCase();
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

export function loadCatalogue(): Map<string, ErroreCatalogo[]> {
  if (byCode) return byCode;
  const map = new Map<string, ErroreCatalogo[]>();
  // 1. Elenco segnalazioni ANPR (operazioni anagrafiche): Codice esito, Descrizione, Tabella riferimento, Servizi, , Data
  for (const r of read('tab_elenco_errori_anpr.csv').slice(1)) {
    const [codice = '', descrizione = '', tabella, servizi] = r;
    add(map, clean({ codice: codice.trim(), descrizione: descrizione.trim(), severita: normSev(servizi), tabellaRiferimento: tabella?.trim(), fonte: 'elenco_errori_anpr' }));
  }
  // 2. Combined list with Agenzia Entrate codes: 2 header rows; Codice, Descrizione, Tabella, Subentro sev, note, Servizi sev, note, Data
  for (const r of read('tab_errori_agenzia_entrate.csv').slice(2)) {
    const [codice = '', descrizione = '', tabella, subSev, subNote, servSev] = r;
    add(
      map,
      clean({
        codice: codice.trim(),
        descrizione: descrizione.trim(),
        severita: normSev(servSev) ?? normSev(subSev),
        severitaSubentro: normSev(subSev),
        suggerimento: subNote?.trim(),
        tabellaRiferimento: tabella?.trim(),
        fonte: 'errori_agenzia_entrate',
      }),
    );
  }
  // 3. Subentro anomalies (italia/anpr): codice, messaggio, severita, suggerimento, procedura_suggerita, macro_categoria, blocco_subentro
  for (const r of read('subentro/anomalie_subentro_anpr.csv').slice(1)) {
    const [codice = '', messaggio = '', severita, suggerimento, procedura] = r;
    add(
      map,
      clean({
        codice: codice.trim(),
        descrizione: messaggio.trim(),
        severita: normSev(severita),
        severitaSubentro: normSev(severita),
        suggerimento: suggerimento?.trim(),
        procedura: procedura?.trim(),
        fonte: 'anomalie_subentro',
      }),
    );
  }
  // 4. Subentro anomalies (anpr-doc-subentro 2019): codice, messaggio, severita, procedura_suggerita, sezione
  for (const r of read('subentro/anomalie_subentro_doc-subentro_2019.csv').slice(1)) {
    const [codice = '', messaggio = '', severita, procedura] = r;
    add(
      map,
      clean({
        codice: codice.trim(),
        descrizione: messaggio.trim(),
        severitaSubentro: normSev(severita),
        suggerimento: severita?.trim(),
        procedura: procedura?.trim(),
        fonte: 'anomalie_subentro_2019',
      }),
    );
  }
  byCode = map;
  return map;
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
