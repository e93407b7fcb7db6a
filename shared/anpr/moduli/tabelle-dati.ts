/**
 * The official ANPR decoding tables as the forms see them (no React, no bridge).
 * A form never types a description: it lists the codes it offers (`lista`) of a
 * table by number, and the descriptions come from resources/anpr/tabelle through
 * the `tabelle.*` channels (tabelle.tsx registers them here once loaded).
 * Validation, payloads and review sentences read this store synchronously.
 */

export interface Voce {
  codice: string;
  descrizione: string;
}

/** A subset of an official table: its ANPR number and the codes a form offers, in the order shown. */
export interface ListaCodici {
  readonly tabella: number;
  readonly codici: readonly string[];
}

export function lista(tabella: number, codici: readonly string[]): ListaCodici {
  return { tabella, codici };
}

export function eListaCodici(x: unknown): x is ListaCodici {
  const l = x as Partial<ListaCodici> | null;
  return typeof l === 'object' && l !== null && typeof l.tabella === 'number' && Array.isArray(l.codici);
}

/** Whether `codice` is among the offered ones (an official subset or a list of XSD values). */
export function ammesso(t: ListaCodici | readonly Voce[], codice: string): boolean {
  return eListaCodici(t) ? t.codici.includes(codice) : t.some((v) => v.codice === codice);
}

const tabelle = new Map<number, ReadonlyMap<string, string>>();

export function registraTabella(numero: number, voci: readonly Voce[]): void {
  tabelle.set(numero, new Map(voci.map((v) => [v.codice, v.descrizione])));
}

export function tabellaRegistrata(numero: number): boolean {
  return tabelle.has(numero);
}

/** The official description of a code, once its table is loaded. */
export function descrizioneUfficiale(numero: number, codice: string): string | undefined {
  return tabelle.get(numero)?.get(codice);
}

/** All the entries of a loaded table, in the table's order (e.g. the toponym species of Tabella 4 for a type-ahead). */
export function vociTabella(numero: number): Voce[] {
  return [...(tabelle.get(numero) ?? [])].map(([codice, descrizione]) => ({ codice, descrizione }));
}

/** The offered codes with their official descriptions, in the list's order (codes missing from the table left out). */
export function vociDi(l: ListaCodici): Voce[] {
  const t = tabelle.get(l.tabella);
  if (!t) return [];
  return l.codici.flatMap((codice) => {
    const descrizione = t.get(codice);
    return descrizione === undefined ? [] : [{ codice, descrizione }];
  });
}

// ---------------------------------------------------------------- Tabella 2, foreign states

export interface StatoUfficiale {
  /** 3-digit ISTAT code (the `codiceStato` ANPR expects). */
  codice: string;
  denominazione: string;
  /** Codice Belfiore Zxxx ('' for Italia and states without one). */
  belfiore: string;
}

const stati = new Map<string, StatoUfficiale>();
let statiCompleti = false;

/** `completa`: these are the whole of Tabella 2 (from then on a code not registered is not a state). */
export function registraStati(voci: readonly { codice: string; denominazione: string; belfiore: string | null }[], opzioni: { completa?: boolean } = {}): void {
  for (const s of voci) stati.set(s.codice, { codice: s.codice, denominazione: s.denominazione, belfiore: s.belfiore ?? '' });
  if (opzioni.completa) statiCompleti = true;
}

/**
 * Whether the whole of Tabella 2 is registered: before that (the renderer reads it asynchronously) a code not yet
 * seen may still be a state, and the forms must not call it unknown.
 */
export function tabellaStatiCompleta(): boolean {
  return statiCompleti;
}

/** A foreign state already read from Tabella 2 (by the state fields of the form). */
export function statoNoto(codice: string): StatoUfficiale | undefined {
  return stati.get(codice.trim());
}
