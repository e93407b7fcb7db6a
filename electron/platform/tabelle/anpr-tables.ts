/**
 * Typed, indexed lookups over the ANPR decoding tables. Built from CSV texts
 * (no file system here: see loader.ts), so it is easy to test and to reuse.
 */

import { parseCsvTable, type CsvTable } from '../../../shared/domain/csv';
import type { IsoDate } from '../../../shared/domain/date-it';
import {
  dataTabella,
  normalizzaPerRicerca,
  validoAllaData,
  type Comune,
  type LuogoBelfiore,
  type StatoEstero,
  type TabellaDecodifica,
  type VoceDecodifica,
} from '../../../shared/domain/tabelle';
import type { VoceCatalogo } from './catalogo';

export interface OpzioniRicerca {
  /** Only records valid at this date. */
  data?: IsoDate;
  /** Only currently active comuni (STATO = A). */
  soloAttivi?: boolean;
  /** Max results (default 20). */
  limite?: number;
}

export interface StatisticheTabelle {
  caricamentoMs: number;
  comuni: number;
  statiEsteri: number;
  tabelle: number;
}

export interface AnprTables {
  readonly comuni: readonly Comune[];
  readonly statiEsteri: readonly StatoEstero[];
  readonly tabelle: readonly TabellaDecodifica[];
  statistiche: StatisticheTabelle;

  /** All records (history) of an ISTAT code, oldest first. */
  comuniPerIstat(codIstat: string): readonly Comune[];
  /** The record of that ISTAT code valid at `data` (inclusive bounds). */
  comuneValidoAlla(codIstat: string, data: IsoDate): Comune | undefined;
  /** All records with this Belfiore code, oldest first. */
  comuniPerBelfiore(belfiore: string): readonly Comune[];
  comunePerBelfioreAlla(belfiore: string, data: IsoDate): Comune | undefined;
  /**
   * Type-ahead: comuni whose name (Italian, transliterated, or other language) starts
   * with `testo`; then those with a later word starting with it. Accents, case and
   * apostrophes are ignored. Without `data`, history is collapsed to the latest record
   * per (ISTAT code, name).
   */
  cercaComuni(testo: string, opzioni?: OpzioniRicerca): Comune[];

  /** By 3-digit ISTAT state code (e.g. '235' Romania, '100' Italia). */
  statoEsteroPerCodice(codIstat: string): StatoEstero | undefined;
  /** By Belfiore Zxxx. */
  statoEsteroPerBelfiore(belfiore: string): StatoEstero | undefined;
  /** By ISTAT code or Belfiore, only if valid at `data`. */
  statoEsteroValidoAlla(codice: string, data: IsoDate): StatoEstero | undefined;
  cercaStatiEsteri(testo: string, opzioni?: Pick<OpzioniRicerca, 'data' | 'limite'>): StatoEstero[];

  /** Resolves a Belfiore code (comune or Zxxx) valid at `data` — what a CF's positions 12–15 point to. */
  luogoPerBelfiore(belfiore: string, data: IsoDate): LuogoBelfiore | undefined;

  /** A generic table by number (5), key ('relazione_parentela') or file stem. */
  tabella(id: number | string): TabellaDecodifica | undefined;
  voce(id: number | string, codice: string): VoceDecodifica | undefined;
  /** Description of a code, or undefined. */
  decodifica(id: number | string, codice: string): string | undefined;
}

export interface SorgentiTabelle {
  comuniCsv: string;
  statiEsteriCsv: string;
  tabelle: ReadonlyArray<{ catalogo: VoceCatalogo; csv: string }>;
}

function col(t: CsvTable, name: string, file: string): number {
  const i = t.column(name);
  if (i === -1) throw new Error(`Colonna ${name} assente in ${file}`);
  return i;
}

function nonEmpty(s: string | undefined): string | null {
  const v = (s ?? '').trim();
  return v === '' ? null : v;
}

export function parseComuni(csv: string, file = 'comuni'): Comune[] {
  const t = parseCsvTable(csv);
  const c = {
    id: col(t, 'ID', file),
    ist: col(t, 'DATAISTITUZIONE', file),
    ces: col(t, 'DATACESSAZIONE', file),
    istat: col(t, 'CODISTAT', file),
    cat: col(t, 'CODCATASTALE', file),
    den: col(t, 'DENOMINAZIONE_IT', file),
    denT: col(t, 'DENOMTRASLITTERATA', file),
    alt: col(t, 'ALTRADENOMINAZIONE', file),
    altT: col(t, 'ALTRADENOMTRASLITTERATA', file),
    prov: col(t, 'IDPROVINCIAISTAT', file),
    reg: col(t, 'IDREGIONE', file),
    stato: col(t, 'STATO', file),
    sigla: col(t, 'SIGLAPROVINCIA', file),
  };
  const out: Comune[] = [];
  for (const r of t.rows) {
    const belfiore = r[c.cat]!.trim().toUpperCase();
    const dataIstituzione = dataTabella(r[c.ist]!);
    if (dataIstituzione === null) throw new Error(`${file}: DATAISTITUZIONE mancante per ID ${r[c.id]}`);
    const stato = r[c.stato]!.trim();
    out.push({
      id: r[c.id]!.trim(),
      codIstat: r[c.istat]!.trim(),
      belfiore: /^[A-Z]\d{3}$/.test(belfiore) ? belfiore : null,
      denominazione: r[c.den]!.trim(),
      denominazioneTraslitterata: r[c.denT]!.trim(),
      altraDenominazione: nonEmpty(r[c.alt]),
      altraDenominazioneTraslitterata: nonEmpty(r[c.altT]),
      siglaProvincia: r[c.sigla]!.trim(),
      codProvinciaIstat: r[c.prov]!.trim(),
      codRegione: r[c.reg]!.trim(),
      dataIstituzione,
      dataCessazione: dataTabella(r[c.ces]!),
      stato: stato === 'A' || stato === 'D' ? stato : 'C',
    });
  }
  return out;
}

export function parseStatiEsteri(csv: string, file = 'stati esteri'): StatoEstero[] {
  const t = parseCsvTable(csv);
  const g = (name: string) => col(t, name, file);
  const c = {
    id: g('ID'), den: g('DENOMINAZIONE'), denI: g('DENOMINAZIONEISTAT'), denE: g('DENOMINAZIONEISTAT_EN'),
    ini: g('DATAINIZIOVALIDITA'), fine: g('DATAFINEVALIDITA'), iso3: g('CODISO3166_1_ALPHA3'), mae: g('CODMAE'),
    min: g('CODMIN'), at: g('CODAT'), istat: g('CODISTAT'), citt: g('CITTADINANZA'), nasc: g('NASCITA'),
    res: g('RESIDENZA'), tipo: g('TIPO'), sovr: g('CODISOSOVRANO'),
  };
  const out: StatoEstero[] = [];
  for (const r of t.rows) {
    const codIstat = r[c.istat]!.trim();
    if (codIstat === '') continue;
    const at = r[c.at]!.trim().toUpperCase();
    out.push({
      id: r[c.id]!.trim(),
      denominazione: nonEmpty(r[c.den]) ?? r[c.denI]!.trim(),
      denominazioneIstat: r[c.denI]!.trim(),
      denominazioneIstatEn: r[c.denE]!.trim(),
      codIstat,
      codMin: r[c.min]!.trim(),
      codMae: r[c.mae]!.trim(),
      belfiore: /^Z\d{3}$/.test(at) ? at : null,
      iso3: nonEmpty(r[c.iso3]),
      dataInizioValidita: dataTabella(r[c.ini]!),
      dataFineValidita: dataTabella(r[c.fine]!),
      ammessoCittadinanza: r[c.citt]!.trim() === 'S',
      ammessoNascita: r[c.nasc]!.trim() === 'S',
      ammessoResidenza: r[c.res]!.trim() === 'S',
      tipo: r[c.tipo]!.trim(),
      codIsoSovrano: nonEmpty(r[c.sovr]),
    });
  }
  return out;
}

const STANDARD_COLS = new Set(['ID', 'CODICE', 'DESCRIZIONE', 'ORDINAMENTO', 'DATAINIZIOVALIDITA', 'DATAFINEVALIDITA', 'NOTE', '']);

export function parseTabellaDecodifica(csv: string, catalogo: VoceCatalogo): TabellaDecodifica {
  const t = parseCsvTable(csv);
  const file = catalogo.file;
  let ci = t.column('ID');
  if (ci === -1) ci = col(t, 'Codice', file);
  const di = col(t, 'DESCRIZIONE', file);
  const ini = t.column('DATAINIZIOVALIDITA');
  const fin = t.column('DATAFINEVALIDITA');
  const note = t.column('Note');
  const extra = t.header
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => !STANDARD_COLS.has(h.toUpperCase()));
  const voci: VoceDecodifica[] = [];
  for (const r of t.rows) {
    const codice = r[ci]!.trim();
    if (codice === '') continue;
    const altri: Record<string, string> = {};
    for (const { h, i } of extra) if ((r[i] ?? '').trim() !== '') altri[h] = r[i]!;
    voci.push({
      codice,
      descrizione: r[di]!.trim(),
      dataInizioValidita: ini === -1 ? null : dataTabella(r[ini]!),
      dataFineValidita: fin === -1 ? null : dataTabella(r[fin]!),
      note: note === -1 ? null : nonEmpty(r[note]),
      altri,
    });
  }
  return { numero: catalogo.numero, chiave: catalogo.chiave, titolo: catalogo.titolo, file, voci };
}

interface SearchEntry<T> {
  key: string;
  item: T;
  /** 0 = whole-name prefix, 1 = later word */
  rank: 0 | 1;
}

function buildSearchIndex<T>(items: readonly T[], names: (item: T) => (string | null)[]): SearchEntry<T>[] {
  const entries: SearchEntry<T>[] = [];
  for (const item of items) {
    const seen = new Set<string>();
    for (const n of names(item)) {
      if (!n) continue;
      const key = normalizzaPerRicerca(n);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      entries.push({ key, item, rank: 0 });
      let idx = key.indexOf(' ');
      while (idx !== -1) {
        const sub = key.slice(idx + 1);
        if (!seen.has(sub)) {
          seen.add(sub);
          entries.push({ key: sub, item, rank: 1 });
        }
        idx = key.indexOf(' ', idx + 1);
      }
    }
  }
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return entries;
}

function lowerBound<T>(entries: readonly SearchEntry<T>[], prefix: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.key < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function prefixSearch<T>(
  entries: readonly SearchEntry<T>[],
  testo: string,
  accept: (item: T) => boolean,
): { item: T; rank: number; exact: boolean; key: string }[] {
  const prefix = normalizzaPerRicerca(testo);
  if (prefix === '') return [];
  const hits: { item: T; rank: number; exact: boolean; key: string }[] = [];
  for (let i = lowerBound(entries, prefix); i < entries.length; i++) {
    const e = entries[i]!;
    if (!e.key.startsWith(prefix)) break;
    if (accept(e.item)) hits.push({ item: e.item, rank: e.rank, exact: e.key === prefix, key: e.key });
  }
  return hits;
}

/** Whole-name matches before later-word matches; exact names first; then alphabetical. */
function ordineRisultati(a: { rank: number; exact: boolean; key: string }, b: { rank: number; exact: boolean; key: string }): number {
  return a.rank - b.rank || Number(b.exact) - Number(a.exact) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | null, order: (a: T, b: T) => number): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === null) continue;
    let arr = m.get(k);
    if (!arr) m.set(k, (arr = []));
    arr.push(it);
  }
  for (const arr of m.values()) arr.sort(order);
  return m;
}

export function buildAnprTables(src: SorgentiTabelle): AnprTables {
  const t0 = performance.now();
  const comuni = parseComuni(src.comuniCsv);
  const statiEsteri = parseStatiEsteri(src.statiEsteriCsv);
  const tabelle = src.tabelle.map(({ catalogo, csv }) => parseTabellaDecodifica(csv, catalogo));

  const byDate = (a: Comune, b: Comune) => (a.dataIstituzione < b.dataIstituzione ? -1 : a.dataIstituzione > b.dataIstituzione ? 1 : 0);
  const perIstat = groupBy(comuni, (c) => c.codIstat, byDate);
  const perBelfiore = groupBy(comuni, (c) => c.belfiore, byDate);
  const statiPerIstat = new Map(statiEsteri.map((s) => [s.codIstat, s] as const));
  const statiPerBelfiore = new Map<string, StatoEstero>();
  for (const s of statiEsteri) if (s.belfiore && !statiPerBelfiore.has(s.belfiore)) statiPerBelfiore.set(s.belfiore, s);

  const comuniIndex = buildSearchIndex(comuni, (c) => [
    c.denominazione,
    c.denominazioneTraslitterata,
    c.altraDenominazione,
    c.altraDenominazioneTraslitterata,
  ]);
  const statiIndex = buildSearchIndex(statiEsteri, (s) => [s.denominazione, s.denominazioneIstat]);

  const tabellePer = new Map<string, TabellaDecodifica>();
  const vociPer = new Map<TabellaDecodifica, Map<string, VoceDecodifica>>();
  for (const tab of tabelle) {
    if (tab.numero !== null) tabellePer.set(String(tab.numero), tab);
    tabellePer.set(tab.chiave, tab);
    tabellePer.set(tab.file.replace(/\.csv$/, '').toLowerCase(), tab);
    tabellePer.set(tab.file.replace(/^tab_/, '').replace(/\.csv$/, '').toLowerCase(), tab);
    vociPer.set(tab, new Map(tab.voci.map((v) => [v.codice, v] as const)));
  }
  // Tabella 2 is also reachable generically (code = ISTAT state code).
  const tab2: TabellaDecodifica = {
    numero: 2,
    chiave: 'stati_esteri',
    titolo: 'Stati esteri',
    file: 'tab_Stati_Esteri.csv',
    voci: statiEsteri.map((s): VoceDecodifica => ({
      codice: s.codIstat,
      descrizione: s.denominazione,
      dataInizioValidita: s.dataInizioValidita,
      dataFineValidita: s.dataFineValidita,
      note: null,
      altri: s.belfiore ? { CODAT: s.belfiore } : {},
    })),
  };
  tabellePer.set('2', tab2);
  tabellePer.set('stati_esteri', tab2);
  vociPer.set(tab2, new Map(tab2.voci.map((v) => [v.codice, v] as const)));

  const validComune = (c: Comune, data: IsoDate) => validoAllaData(c.dataIstituzione, c.dataCessazione, data);
  const validStato = (s: StatoEstero, data: IsoDate) => validoAllaData(s.dataInizioValidita, s.dataFineValidita, data);

  const tabella = (id: number | string) => tabellePer.get(typeof id === 'number' ? String(id) : id.toLowerCase()) ?? tabellePer.get(String(id));
  const voce = (id: number | string, codice: string) => {
    const t = tabella(id);
    return t ? vociPer.get(t)!.get(codice.trim()) : undefined;
  };

  const api: AnprTables = {
    comuni,
    statiEsteri,
    tabelle: [...tabelle, tab2],
    statistiche: { caricamentoMs: 0, comuni: comuni.length, statiEsteri: statiEsteri.length, tabelle: tabelle.length + 1 },

    comuniPerIstat: (cod) => perIstat.get(cod.trim()) ?? [],
    comuneValidoAlla: (cod, data) => (perIstat.get(cod.trim()) ?? []).find((c) => validComune(c, data)),
    comuniPerBelfiore: (b) => perBelfiore.get(b.trim().toUpperCase()) ?? [],
    comunePerBelfioreAlla: (b, data) => (perBelfiore.get(b.trim().toUpperCase()) ?? []).find((c) => validComune(c, data)),

    cercaComuni(testo, opzioni = {}) {
      const limite = opzioni.limite ?? 20;
      const { data, soloAttivi } = opzioni;
      const hits = prefixSearch(comuniIndex, testo, (c) => (!soloAttivi || c.stato === 'A') && (data === undefined || validComune(c, data)));
      hits.sort(ordineRisultati);
      // collapse history: one record per (ISTAT code, name), the latest
      const best = new Map<string, { item: Comune; pos: number }>();
      hits.forEach((h, pos) => {
        const k = `${h.item.codIstat}|${h.item.denominazione}`;
        const prev = best.get(k);
        if (!prev) best.set(k, { item: h.item, pos });
        else if (h.item.dataIstituzione > prev.item.dataIstituzione) best.set(k, { item: h.item, pos: prev.pos });
      });
      return [...best.values()].sort((a, b) => a.pos - b.pos).slice(0, limite).map((x) => x.item);
    },

    statoEsteroPerCodice: (cod) => statiPerIstat.get(cod.trim()),
    statoEsteroPerBelfiore: (b) => statiPerBelfiore.get(b.trim().toUpperCase()),
    statoEsteroValidoAlla(codice, data) {
      const k = codice.trim().toUpperCase();
      const s = k.startsWith('Z') ? statiPerBelfiore.get(k) : statiPerIstat.get(k);
      return s && validStato(s, data) ? s : undefined;
    },
    cercaStatiEsteri(testo, opzioni = {}) {
      const { data } = opzioni;
      const hits = prefixSearch(statiIndex, testo, (s) => data === undefined || validStato(s, data));
      hits.sort(ordineRisultati);
      const seen = new Set<StatoEstero>();
      const out: StatoEstero[] = [];
      for (const h of hits) {
        if (seen.has(h.item)) continue;
        seen.add(h.item);
        out.push(h.item);
      }
      return out.slice(0, opzioni.limite ?? 20);
    },

    luogoPerBelfiore(belfiore, data) {
      const b = belfiore.trim().toUpperCase();
      if (b.startsWith('Z')) {
        const s = statiPerBelfiore.get(b);
        return s && validStato(s, data) ? { tipo: 'stato', stato: s } : undefined;
      }
      const c = api.comunePerBelfioreAlla(b, data);
      return c ? { tipo: 'comune', comune: c } : undefined;
    },

    tabella,
    voce,
    decodifica: (id, codice) => voce(id, codice)?.descrizione,
  };
  api.statistiche.caricamentoMs = performance.now() - t0;
  return api;
}
