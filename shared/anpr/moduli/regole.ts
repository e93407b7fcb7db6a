/**
 * Pure helpers shared by the operation forms (no React): the mirrored builder
 * input shapes (the renderer cannot import electron/anpr/services/types.ts),
 * the small decoding tables, the value shapes of recurring groups of fields
 * (a subject to look up, full generalità, a place, an act), their zod checks
 * with Italian messages at the field, and their conversion to the payload.
 */
import { z } from 'zod';
import { calcolaCodiceFiscale, validaCodiceFiscale } from '../../domain/codice-fiscale';
import { giornoRoma, parseDataIt, parseDataItDettaglio } from '../../domain/date-it';
import { ammesso, descrizioneUfficiale, lista, statoNoto, tabellaStatiCompleta, type ListaCodici, type Voce } from './tabelle-dati';

export type { ListaCodici, Voce } from './tabelle-dati';

export type { ContestoModulo as ContestoSoggetto } from './tipi';

// ---------------------------------------------------------------- mirrored payload shapes (electron/anpr/services/types.ts)

export type Codice = string;

export interface ComunePayload {
  nomeComune: string;
  codiceIstat?: string;
  siglaProvinciaIstat: string;
  descrizioneLocalita?: string;
}
export interface LocalitaPayload {
  descrizioneLocalita?: string;
  descrizioneStato: string;
  codiceStato: string;
}
export interface LuogoEventoPayload {
  comune?: ComunePayload;
  localita?: LocalitaPayload;
}
export interface GeneralitaPayload {
  codiceFiscale?: { codFiscale: string; validitaCF?: Codice };
  cognome?: string;
  senzaCognome?: boolean;
  nome?: string;
  senzaNome?: boolean;
  sesso?: 'M' | 'F';
  dataNascita?: string;
  luogoNascita?: LuogoEventoPayload;
  idSchedaSoggettoANPR?: string;
}
export interface CittadinanzaPayload {
  descrizioneStato: string;
  codiceStato: string;
}
export interface AttoPayload {
  comuneRegistrazione: ComunePayload;
  anno: string;
  parte: string;
  serie?: string;
  numeroAtto: string;
  volume?: string;
  dataFormazioneAtto?: string;
}
export interface DatiEventoPayload {
  dataEvento: string;
  luogoEvento?: LuogoEventoPayload;
  attoEvento?: AttoPayload;
}
export interface FamigliaConvivenzaPayload {
  idFamigliaConvivenzaANPR?: string;
  tipoScheda: Codice;
}
export interface LegameSoggettoPayload {
  tipoLegame?: Codice;
  dataDecorrenza: string;
  codiceLegame: Codice;
}
export interface SoggettoFamigliaPayload {
  generalita: GeneralitaPayload;
  legameSoggetto: LegameSoggettoPayload;
}
export interface DatiProcedimentoPayload {
  numeroPraticaComune?: string;
}

// ---------------------------------------------------------------- decoding tables (codes only: descriptions from resources/anpr/tabelle)

/** Tabella 5, relazione di parentela (without the codes usable only at subentro). */
export const RELAZIONI_PARENTELA = lista(5, ['1', '2', '28', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '16', '17', '18', '20', '21', '22', '23', '24', '25', '26', '81', '99']);

/** Tabella 32, tipo tribunale. */
export const TIPI_TRIBUNALE = lista(32, ['1', '2', '3', '4', '9']);

/** ruoloSoggetto of datiControllo (2001, 2003): whether the subject heads the family (an XSD value, not an official table). */
export const RUOLI_SOGGETTO: readonly Voce[] = [
  { codice: '1', descrizione: 'Intestatario della scheda di famiglia' },
  { codice: '2', descrizione: 'Altro componente' },
];

/** Tabella 1, stato civile. */
export const STATI_CIVILI = lista(1, ['1', '2', '3', '4', '6', '7', '8', '9']);

// ---------------------------------------------------------------- small value helpers

/** Trimmed text or undefined when blank. */
export function testo(s: string | undefined): string | undefined {
  const t = (s ?? '').trim();
  return t === '' ? undefined : t;
}

/** Trimmed, upper-case text or undefined (ANPR stores names in upper case). */
export function maiuscolo(s: string | undefined): string | undefined {
  return testo(s)?.toUpperCase();
}

/** dd/mm/yyyy → yyyy-mm-dd (undefined when blank or not a date: only called on valid values). */
export function iso(s: string | undefined): string | undefined {
  const t = testo(s);
  return t ? (parseDataIt(t) ?? undefined) : undefined;
}

/** yyyy-mm-dd → dd/mm/yyyy (for valoriIniziali / daPayload). */
export function dataIt(isoDate: string | undefined): string {
  if (!isoDate) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** Today in Italy as dd/mm/yyyy. */
export function oggiIt(now = new Date()): string {
  return dataIt(giornoRoma(now));
}

/** Removes keys whose value is undefined (stored payloads stay tidy). */
export function compatta<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------- field checks (used inside superRefine)

type Ctx = z.RefinementCtx;
type Percorso = (string | number)[];

export function errore(ctx: Ctx, path: Percorso, message: string): void {
  ctx.addIssue({ code: 'custom', message, path });
}

export function obbligatorio(ctx: Ctx, valore: string | undefined, path: Percorso, message: string): boolean {
  if (testo(valore)) return true;
  errore(ctx, path, message);
  return false;
}

export interface OpzioniData {
  obbligatoria?: boolean;
  /** Italian name of the date, for the "required" message: "la data di nascita". */
  nome: string;
  /** Refuse dates after today. */
  nonFutura?: boolean;
}

/** A dd/mm/yyyy that is a real calendar date; returns the ISO date or undefined. */
export function controllaData(ctx: Ctx, valore: string | undefined, path: Percorso, o: OpzioniData): string | undefined {
  const t = testo(valore);
  if (!t) {
    if (o.obbligatoria) errore(ctx, path, `Indicare ${o.nome} (gg/mm/aaaa).`);
    return undefined;
  }
  const r = parseDataItDettaglio(t);
  if (!r.ok) {
    errore(ctx, path, r.messaggio);
    return undefined;
  }
  if (o.nonFutura && r.iso > oggiIso()) {
    errore(ctx, path, `${maiuscolaIniziale(o.nome)} non può essere successiva a oggi.`);
    return undefined;
  }
  return r.iso;
}

function oggiIso(): string {
  return giornoRoma();
}

function maiuscolaIniziale(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Codice fiscale: check character, omocodia, month/day letters (validaCodiceFiscale). */
export function controllaCf(ctx: Ctx, valore: string | undefined, path: Percorso, obbligatorioCf = false): boolean {
  const t = testo(valore);
  if (!t) {
    if (obbligatorioCf) errore(ctx, path, 'Indicare il codice fiscale.');
    return !obbligatorioCf;
  }
  const r = validaCodiceFiscale(t);
  if (!r.valido) {
    errore(ctx, path, r.errori[0]?.messaggio ?? 'Codice fiscale non valido.');
    return false;
  }
  return true;
}

/** idSchedaSoggettoANPR / idFamigliaConvivenzaANPR: up to 16 digits, always text. */
export function controllaIdAnpr(ctx: Ctx, valore: string | undefined, path: Percorso, nome = "L'ID ANPR"): boolean {
  const t = testo(valore);
  if (!t) return true;
  if (/^\d{1,16}$/.test(t)) return true;
  errore(ctx, path, `${nome} è formato da sole cifre (al massimo 16).`);
  return false;
}

export function controllaIstatComune(ctx: Ctx, valore: string | undefined, path: Percorso, obbligatorioIstat = true): boolean {
  const t = testo(valore);
  if (!t) {
    if (obbligatorioIstat) errore(ctx, path, 'Indicare il codice ISTAT del comune (6 cifre).');
    return !obbligatorioIstat;
  }
  if (/^\d{6}$/.test(t)) return true;
  errore(ctx, path, 'Il codice ISTAT del comune è di 6 cifre (es. 058091).');
  return false;
}

export function controllaSigla(ctx: Ctx, valore: string | undefined, path: Percorso): boolean {
  const t = testo(valore);
  if (!t) {
    errore(ctx, path, 'Indicare la sigla della provincia (es. RM).');
    return false;
  }
  if (/^[A-Za-z]{2}$/.test(t)) return true;
  errore(ctx, path, 'La sigla della provincia è di 2 lettere (es. RM; EE per l’estero).');
  return false;
}

export function controllaStato(ctx: Ctx, codice: string | undefined, path: Percorso, obbligatorioStato = true): boolean {
  const t = testo(codice);
  if (!t) {
    if (obbligatorioStato) errore(ctx, path, 'Indicare lo stato (codice ISTAT a 3 cifre).');
    return !obbligatorioStato;
  }
  if (!/^\d{3}$/.test(t)) {
    errore(ctx, path, 'Il codice dello stato è di 3 cifre (es. 100 Italia, 215 Francia).');
    return false;
  }
  // Unknown only once the whole table is known (the renderer reads it asynchronously: a check racing the read must not refuse 100).
  if (!statoNoto(t) && tabellaStatiCompleta()) {
    errore(ctx, path, `Il codice ${t} non è nella tabella degli stati esteri.`);
    return false;
  }
  return true;
}

export function controllaCodice(ctx: Ctx, valore: string | undefined, tabella: ListaCodici | readonly Voce[], path: Percorso, message: string): boolean {
  const t = testo(valore);
  if (t && ammesso(tabella, t)) return true;
  errore(ctx, path, message);
  return false;
}

// ---------------------------------------------------------------- recurring groups

/** A subject already in ANPR, identified for the search (generalitaPerRicerca, coniuge, genitore, componente). */
export interface SoggettoValori {
  idSchedaSoggettoANPR: string;
  codiceFiscale: string;
  cognome: string;
  nome: string;
  sesso: '' | 'M' | 'F';
  dataNascita: string;
}

export function soggettoVuoto(s: Partial<SoggettoValori> = {}): SoggettoValori {
  return { idSchedaSoggettoANPR: '', codiceFiscale: '', cognome: '', nome: '', sesso: '', dataNascita: '', ...s };
}

export function soggettoVuotoDa(v: SoggettoValori): boolean {
  return !testo(v.idSchedaSoggettoANPR) && !testo(v.codiceFiscale) && !testo(v.cognome) && !testo(v.nome);
}

/**
 * Checks a subject to look up: cognome and nome are always required (the XSD
 * tipoGeneralita wants cognome|senzaCognome and nome|senzaNome); CF and ID
 * ANPR, when given, must be well formed. ANPR finds the subject by ID, CF or
 * by cognome + nome (+ data di nascita).
 */
export function controllaSoggetto(ctx: Ctx, v: SoggettoValori, path: Percorso, chi = 'del soggetto'): void {
  controllaCf(ctx, v.codiceFiscale, [...path, 'codiceFiscale']);
  controllaIdAnpr(ctx, v.idSchedaSoggettoANPR, [...path, 'idSchedaSoggettoANPR']);
  controllaData(ctx, v.dataNascita, [...path, 'dataNascita'], { nome: 'la data di nascita', nonFutura: true });
  obbligatorio(ctx, v.cognome, [...path, 'cognome'], `Indicare il cognome ${chi}.`);
  obbligatorio(ctx, v.nome, [...path, 'nome'], `Indicare il nome ${chi}.`);
  controllaNomeXsd(ctx, v.cognome, [...path, 'cognome']);
  controllaNomeXsd(ctx, v.nome, [...path, 'nome']);
}

/** Names: letters (accented too), spaces, apostrophe, hyphen, dot, comma — as the XSD alfabeticoNomiCognomi. */
export function controllaNomeXsd(ctx: Ctx, valore: string | undefined, path: Percorso): void {
  const t = testo(valore);
  if (t && !/^[A-Za-zÀ-ÖØ-öø-ž' .,-]+$/.test(t)) errore(ctx, path, 'Sono ammesse solo lettere, spazi, apostrofo e trattino.');
  // alfabeticoNomiCognomi (tipoDato.xsd): at most 80 characters.
  if (t && t.length > 80) errore(ctx, path, 'Al massimo 80 caratteri.');
}

export function generalitaRicerca(v: SoggettoValori): GeneralitaPayload {
  const cf = maiuscolo(v.codiceFiscale)?.replace(/\s+/g, '');
  return compatta<GeneralitaPayload>({
    codiceFiscale: cf ? { codFiscale: cf } : undefined,
    cognome: maiuscolo(v.cognome),
    nome: maiuscolo(v.nome),
    sesso: v.sesso === '' ? undefined : v.sesso,
    dataNascita: iso(v.dataNascita),
    idSchedaSoggettoANPR: testo(v.idSchedaSoggettoANPR),
  });
}

export function soggettoDa(g: GeneralitaPayload | undefined): SoggettoValori {
  return soggettoVuoto({
    idSchedaSoggettoANPR: g?.idSchedaSoggettoANPR ?? '',
    codiceFiscale: typeof g?.codiceFiscale === 'string' ? g.codiceFiscale : (g?.codiceFiscale?.codFiscale ?? ''),
    cognome: g?.cognome ?? '',
    nome: g?.nome ?? '',
    sesso: g?.sesso ?? '',
    dataNascita: dataIt(g?.dataNascita),
  });
}

/** A place: an Italian comune or a foreign state (+ locality). */
export interface LuogoValori {
  tipo: 'comune' | 'estero';
  nomeComune: string;
  codiceIstat: string;
  siglaProvincia: string;
  /** Codice catastale (Belfiore), only for the CF computation: never sent. */
  belfiore: string;
  codiceStato: string;
  localita: string;
}

export function luogoVuoto(l: Partial<LuogoValori> = {}): LuogoValori {
  return { tipo: 'comune', nomeComune: '', codiceIstat: '', siglaProvincia: '', belfiore: '', codiceStato: '', localita: '', ...l };
}

export function controllaLuogo(ctx: Ctx, l: LuogoValori, path: Percorso, o: { istatObbligatorio?: boolean; belfiore?: boolean } = {}): void {
  if (l.tipo === 'comune') {
    obbligatorio(ctx, l.nomeComune, [...path, 'nomeComune'], 'Indicare il comune.');
    controllaIstatComune(ctx, l.codiceIstat, [...path, 'codiceIstat'], o.istatObbligatorio ?? true);
    controllaSigla(ctx, l.siglaProvincia, [...path, 'siglaProvincia']);
    const b = testo(l.belfiore);
    if (b && !/^[A-Za-z]\d{3}$/.test(b)) errore(ctx, [...path, 'belfiore'], 'Il codice catastale è una lettera seguita da 3 cifre (es. H501).');
    if (!b && o.belfiore) errore(ctx, [...path, 'belfiore'], 'Indicare il codice catastale del comune (es. H501) per calcolare il codice fiscale.');
  } else {
    controllaStato(ctx, l.codiceStato, [...path, 'codiceStato']);
    if (testo(l.codiceStato) === '100') errore(ctx, [...path, 'codiceStato'], "Per un luogo in Italia scegliere «Comune italiano».");
  }
}

export function luogoPayload(l: LuogoValori): LuogoEventoPayload {
  if (l.tipo === 'comune') {
    return { comune: compatta<ComunePayload>({ nomeComune: maiuscolo(l.nomeComune) ?? '', codiceIstat: testo(l.codiceIstat), siglaProvinciaIstat: maiuscolo(l.siglaProvincia) ?? '' }) };
  }
  const s = statoNoto(l.codiceStato);
  return { localita: compatta<LocalitaPayload>({ descrizioneLocalita: maiuscolo(l.localita), descrizioneStato: s?.denominazione ?? '', codiceStato: testo(l.codiceStato) ?? '' }) };
}

export function luogoDa(p: LuogoEventoPayload | undefined): LuogoValori {
  if (p?.localita) return luogoVuoto({ tipo: 'estero', codiceStato: p.localita.codiceStato, localita: p.localita.descrizioneLocalita ?? '' });
  return luogoVuoto({ nomeComune: p?.comune?.nomeComune ?? '', codiceIstat: p?.comune?.codiceIstat ?? '', siglaProvincia: p?.comune?.siglaProvinciaIstat ?? '' });
}

/** Codice Belfiore of a place: the comune's (typed) or the foreign state's (from the table). */
export function belfioreDi(l: LuogoValori): string | undefined {
  if (l.tipo === 'comune') return maiuscolo(l.belfiore);
  const b = statoNoto(l.codiceStato)?.belfiore;
  return b ? b : undefined;
}

/** Full generalità of a person not yet in ANPR (newborn, immigrant). */
export interface GeneralitaValori {
  codiceFiscale: string;
  cognome: string;
  senzaCognome: boolean;
  nome: string;
  sesso: '' | 'M' | 'F';
  dataNascita: string;
  luogoNascita: LuogoValori;
}

export function generalitaVuota(g: Partial<GeneralitaValori> = {}): GeneralitaValori {
  return { codiceFiscale: '', cognome: '', senzaCognome: false, nome: '', sesso: '', dataNascita: '', luogoNascita: luogoVuoto(), ...g };
}

export function controllaGeneralita(ctx: Ctx, g: GeneralitaValori, path: Percorso): string | undefined {
  if (!g.senzaCognome) obbligatorio(ctx, g.cognome, [...path, 'cognome'], 'Indicare il cognome (o «senza cognome»).');
  obbligatorio(ctx, g.nome, [...path, 'nome'], 'Indicare il nome.');
  if (!g.senzaCognome) controllaNomeXsd(ctx, g.cognome, [...path, 'cognome']);
  controllaNomeXsd(ctx, g.nome, [...path, 'nome']);
  if (g.sesso !== 'M' && g.sesso !== 'F') errore(ctx, [...path, 'sesso'], 'Indicare il sesso.');
  const nascita = controllaData(ctx, g.dataNascita, [...path, 'dataNascita'], { obbligatoria: true, nome: 'la data di nascita', nonFutura: true });
  controllaLuogo(ctx, g.luogoNascita, [...path, 'luogoNascita']);
  if (controllaCf(ctx, g.codiceFiscale, [...path, 'codiceFiscale']) && testo(g.codiceFiscale) && nascita && (g.sesso === 'M' || g.sesso === 'F')) {
    // Coherence with the data it encodes (only the date and sex, which cannot be omocodic-ambiguous).
    const cf = maiuscolo(g.codiceFiscale)!;
    if (cf.length === 16) {
      const atteso = cfCalcolato({ ...g, luogoNascita: { ...g.luogoNascita, belfiore: g.luogoNascita.belfiore || 'Z000' } });
      if (atteso && !coerentiDataSesso(atteso, cf)) errore(ctx, [...path, 'codiceFiscale'], 'Il codice fiscale non corrisponde alla data di nascita e al sesso indicati.');
    }
  }
  return nascita;
}

const DECODIFICA_OMOCODIA: Record<string, string> = { L: '0', M: '1', N: '2', P: '3', Q: '4', R: '5', S: '6', T: '7', U: '8', V: '9' };
function deomocodifica(cf: string): string {
  return cf
    .split('')
    .map((ch, i) => ([6, 7, 9, 10, 12, 13, 14].includes(i) ? (DECODIFICA_OMOCODIA[ch] ?? ch) : ch))
    .join('');
}
function coerentiDataSesso(atteso: string, cf: string): boolean {
  return deomocodifica(cf).slice(6, 11) === atteso.slice(6, 11);
}

/** The base codice fiscale computable from the generalità (undefined when data are missing). */
export function cfCalcolato(g: GeneralitaValori): string | undefined {
  const data = iso(g.dataNascita);
  const belfiore = belfioreDi(g.luogoNascita);
  if (!data || !belfiore || (g.sesso !== 'M' && g.sesso !== 'F') || !testo(g.nome)) return undefined;
  try {
    return calcolaCodiceFiscale({ cognome: g.senzaCognome ? '' : g.cognome, nome: g.nome, sesso: g.sesso, dataNascita: data, belfiore });
  } catch {
    return undefined;
  }
}

export function generalitaPayload(g: GeneralitaValori): GeneralitaPayload {
  const cf = maiuscolo(g.codiceFiscale)?.replace(/\s+/g, '');
  return compatta<GeneralitaPayload>({
    codiceFiscale: cf ? { codFiscale: cf } : undefined,
    cognome: g.senzaCognome ? undefined : maiuscolo(g.cognome),
    senzaCognome: g.senzaCognome ? true : undefined,
    nome: maiuscolo(g.nome),
    sesso: g.sesso === '' ? undefined : g.sesso,
    dataNascita: iso(g.dataNascita),
    luogoNascita: luogoPayload(g.luogoNascita),
  });
}

export function generalitaDa(p: GeneralitaPayload | undefined): GeneralitaValori {
  return generalitaVuota({
    codiceFiscale: typeof p?.codiceFiscale === 'string' ? p.codiceFiscale : (p?.codiceFiscale?.codFiscale ?? ''),
    cognome: p?.cognome ?? '',
    senzaCognome: !!p?.senzaCognome,
    nome: p?.nome ?? '',
    sesso: p?.sesso ?? '',
    dataNascita: dataIt(p?.dataNascita),
    luogoNascita: luogoDa(p?.luogoNascita),
  });
}

/** Civil-status act (tipoAtto), optional as a whole: filled when any field is. */
export interface AttoValori {
  nomeComune: string;
  codiceIstat: string;
  siglaProvincia: string;
  anno: string;
  parte: string;
  serie: string;
  numeroAtto: string;
  volume: string;
  dataFormazione: string;
}

export function attoVuoto(a: Partial<AttoValori> = {}): AttoValori {
  return { nomeComune: '', codiceIstat: '', siglaProvincia: '', anno: '', parte: '', serie: '', numeroAtto: '', volume: '', dataFormazione: '', ...a };
}

export function attoCompilato(a: AttoValori): boolean {
  return Object.values(a).some((v) => !!testo(v));
}

export function controllaAtto(ctx: Ctx, a: AttoValori, path: Percorso, obbligatorioAtto = false): void {
  if (!obbligatorioAtto && !attoCompilato(a)) return;
  obbligatorio(ctx, a.nomeComune, [...path, 'nomeComune'], "Indicare il comune di registrazione dell'atto.");
  controllaIstatComune(ctx, a.codiceIstat, [...path, 'codiceIstat'], false);
  controllaSigla(ctx, a.siglaProvincia, [...path, 'siglaProvincia']);
  if (!testo(a.anno)) errore(ctx, [...path, 'anno'], "Indicare l'anno dell'atto.");
  else if (!/^\d{4}$/.test(testo(a.anno)!)) errore(ctx, [...path, 'anno'], "L'anno dell'atto è di 4 cifre.");
  if (!testo(a.parte)) errore(ctx, [...path, 'parte'], "Indicare la parte dell'atto (es. 1).");
  else if (testo(a.parte)!.length > 5) errore(ctx, [...path, 'parte'], 'La parte è di al massimo 5 caratteri (es. 1, 2).');
  if (!testo(a.numeroAtto)) errore(ctx, [...path, 'numeroAtto'], "Indicare il numero dell'atto.");
  else if (testo(a.numeroAtto)!.length > 20) errore(ctx, [...path, 'numeroAtto'], "Il numero dell'atto è di al massimo 20 caratteri.");
  if ((testo(a.serie) ?? '').length > 10) errore(ctx, [...path, 'serie'], 'La serie è di al massimo 10 caratteri (es. A).');
  if ((testo(a.volume) ?? '').length > 5) errore(ctx, [...path, 'volume'], 'Il volume è di al massimo 5 caratteri.');
  controllaData(ctx, a.dataFormazione, [...path, 'dataFormazione'], { nome: "la data di formazione dell'atto", nonFutura: true });
}

export function attoPayload(a: AttoValori): AttoPayload | undefined {
  if (!attoCompilato(a)) return undefined;
  return compatta<AttoPayload>({
    comuneRegistrazione: compatta<ComunePayload>({ nomeComune: maiuscolo(a.nomeComune) ?? '', codiceIstat: testo(a.codiceIstat), siglaProvinciaIstat: maiuscolo(a.siglaProvincia) ?? '' }),
    anno: testo(a.anno) ?? '',
    parte: maiuscolo(a.parte) ?? '',
    serie: maiuscolo(a.serie),
    numeroAtto: maiuscolo(a.numeroAtto) ?? '',
    volume: testo(a.volume),
    dataFormazioneAtto: iso(a.dataFormazione),
  });
}

export function attoDa(p: AttoPayload | undefined): AttoValori {
  if (!p) return attoVuoto();
  return attoVuoto({
    nomeComune: p.comuneRegistrazione.nomeComune,
    codiceIstat: p.comuneRegistrazione.codiceIstat ?? '',
    siglaProvincia: p.comuneRegistrazione.siglaProvinciaIstat,
    anno: p.anno,
    parte: p.parte,
    serie: p.serie ?? '',
    numeroAtto: p.numeroAtto,
    volume: p.volume ?? '',
    dataFormazione: dataIt(p.dataFormazioneAtto),
  });
}

/** A citizenship: state code (3 digits), description from the table. */
export function cittadinanzaPayload(codiceStato: string): CittadinanzaPayload {
  const c = testo(codiceStato) ?? '';
  return { descrizioneStato: statoNoto(c)?.denominazione ?? '', codiceStato: c };
}

/** Common first line of every form: the date the operation takes effect and the practice number. */
export interface DecorrenzaValori {
  dataDecorrenza: string;
  numeroPratica: string;
}

export function controllaDecorrenza(ctx: Ctx, v: DecorrenzaValori): string | undefined {
  const d = controllaData(ctx, v.dataDecorrenza, ['dataDecorrenza'], { obbligatoria: true, nome: 'la data di decorrenza', nonFutura: true });
  const n = testo(v.numeroPratica);
  // tipoNumeroPraticaComune (tipoDato.xsd): letters, digits, '-' and spaces, at most 20.
  if (n && (n.length > 20 || !/^[0-9a-zA-Z\- ]+$/.test(n))) {
    errore(ctx, ['numeroPratica'], 'Numero pratica del comune: solo lettere, cifre, trattini e spazi, al massimo 20 caratteri (ad esempio 2026-000012).');
  }
  return d;
}

export function procedimentoPayload(v: DecorrenzaValori): DatiProcedimentoPayload | undefined {
  const n = testo(v.numeroPratica);
  return n ? { numeroPraticaComune: n } : undefined;
}

/** Key of a subject for per-person ordering: ID ANPR, else CF. */
export function chiaveDi(v: { idSchedaSoggettoANPR?: string; codiceFiscale?: string }): string | undefined {
  return testo(v.idSchedaSoggettoANPR) ?? maiuscolo(v.codiceFiscale);
}

// ---------------------------------------------------------------- zod shapes of the groups (checks are in superRefine)

export const soggettoZ = z.object({
  idSchedaSoggettoANPR: z.string(),
  codiceFiscale: z.string(),
  cognome: z.string(),
  nome: z.string(),
  sesso: z.enum(['', 'M', 'F']),
  dataNascita: z.string(),
});
export const luogoZ = z.object({
  tipo: z.enum(['comune', 'estero']),
  nomeComune: z.string(),
  codiceIstat: z.string(),
  siglaProvincia: z.string(),
  belfiore: z.string(),
  codiceStato: z.string(),
  localita: z.string(),
});
export const attoZ = z.object({
  nomeComune: z.string(),
  codiceIstat: z.string(),
  siglaProvincia: z.string(),
  anno: z.string(),
  parte: z.string(),
  serie: z.string(),
  numeroAtto: z.string(),
  volume: z.string(),
  dataFormazione: z.string(),
});
export const generalitaZ = z.object({
  codiceFiscale: z.string(),
  cognome: z.string(),
  senzaCognome: z.boolean(),
  nome: z.string(),
  sesso: z.enum(['', 'M', 'F']),
  dataNascita: z.string(),
  luogoNascita: luogoZ,
});

// ---------------------------------------------------------------- the review step's sentence (each module's `riepilogo`)

/** "ROSSI MARIO (RSSMRA80A01H501U)", or the ID ANPR when the CF is not known. */
export function chiDi(s: { cognome?: string; nome?: string; codiceFiscale?: string; idSchedaSoggettoANPR?: string } | undefined): string {
  const nome = [maiuscolo(s?.cognome), maiuscolo(s?.nome)].filter(Boolean).join(' ');
  const cf = maiuscolo(s?.codiceFiscale);
  const id = testo(s?.idSchedaSoggettoANPR);
  const chiave = cf ?? (id ? `ID ANPR ${id}` : undefined);
  if (nome) return chiave ? `${nome} (${chiave})` : nome;
  return chiave ? `la persona ${chiave}` : 'la persona indicata';
}

/** The Italian description of a code of a list (official for a table), lower-cased for a sentence ("" when unknown). */
export function voceDi(voci: ListaCodici | readonly Voce[], codice: string | undefined): string {
  if (codice === undefined || !ammesso(voci, codice)) return '';
  const d = 'tabella' in voci ? descrizioneUfficiale(voci.tabella, codice) : voci.find((v) => v.codice === codice)?.descrizione;
  return d ? d.charAt(0).toLowerCase() + d.slice(1) : '';
}

/** "Viterbo (VT)" or the foreign place, for a sentence. */
export function luogoDi(l: { tipo: 'comune' | 'estero'; nomeComune: string; siglaProvincia: string; codiceStato: string; localita: string } | undefined): string {
  if (!l) return '';
  if (l.tipo === 'estero') return [testo(l.localita), testo(l.codiceStato) ? (statoNoto(l.codiceStato)?.denominazione ?? l.codiceStato) : undefined].filter(Boolean).join(', ');
  const c = testo(l.nomeComune);
  return c ? `${c}${testo(l.siglaProvincia) ? ` (${l.siglaProvincia.trim().toUpperCase()})` : ''}` : '';
}

/** ", dal 03/12/2026" (the date as typed, gg/mm/aaaa), or "" when empty. */
export const dalGiorno = (data: string | undefined): string => (testo(data) ? `, dal ${data!.trim()}` : '');
