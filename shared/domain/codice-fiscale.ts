/**
 * Codice fiscale delle persone fisiche (DM 23/12/1976, DPR 605/1973) — pure TS.
 *
 * Layout of the 16-character CF (0-based positions):
 *   0-2 cognome, 3-5 nome, 6-7 year, 8 month letter, 9-10 day (+40 for women),
 *   11-14 Belfiore code (comune CODCATASTALE or foreign state Zxxx), 15 check character.
 * Omocodia: AE replaces digits with letters (0→L, 1→M, … 9→V) in positions
 * 14, 13, 12, 10, 9, 7, 6 — rightmost first — and recomputes the check character.
 *
 * The provisional numeric CF (11 digits, same check digit as a partita IVA) is accepted too.
 * Only the Agenzia delle Entrate is authoritative: this is a local pre-validation.
 */

import { daysInMonth, isValidYMD, parseIsoDate, toIsoDate, type IsoDate } from './date-it';

export type Sesso = 'M' | 'F';

export const MESI_CF = 'ABCDEHLMPRST';
export const LETTERE_OMOCODIA = 'LMNPQRSTUV';
/** Positions (0-based) that may hold omocodia letters, left to right. */
export const POSIZIONI_OMOCODIA = [6, 7, 9, 10, 12, 13, 14] as const;
/** Substitution order used by AE: rightmost digit first. */
const ORDINE_OMOCODIA = [14, 13, 12, 10, 9, 7, 6] as const;

// Odd positions (1st, 3rd, … in 1-based terms = even 0-based index).
const DISPARI: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

function valorePari(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  return c - 65;
}

/** Check character for the first 15 characters (uppercase) of a CF. */
export function carattereControllo(primi15: string): string {
  if (!/^[0-9A-Z]{15}$/.test(primi15)) throw new RangeError('Servono 15 caratteri alfanumerici maiuscoli');
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = primi15[i]!;
    sum += i % 2 === 0 ? DISPARI[ch]! : valorePari(ch);
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Check digit of an 11-digit numeric CF / partita IVA, from its first 10 digits. */
export function cifraControlloNumerico(primi10: string): string {
  if (!/^\d{10}$/.test(primi10)) throw new RangeError('Servono 10 cifre');
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = primi10.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Uppercase, trim, and drop inner whitespace (clerks paste "RSS MRA 80A01 H501U"). */
export function normalizzaCodiceFiscale(cf: string): string {
  return cf.replace(/\s+/g, '').toUpperCase();
}

// ---------------------------------------------------------------------------
// Computation

export interface DatiCodiceFiscale {
  cognome: string;
  nome: string;
  sesso: Sesso;
  /** ISO yyyy-mm-dd */
  dataNascita: IsoDate;
  /** Comune CODCATASTALE (e.g. H501) or foreign state CODAT (e.g. Z129). */
  belfiore: string;
}

/** Uppercases, strips accents and keeps only A–Z. */
export function lettereNome(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

const VOCALI = new Set(['A', 'E', 'I', 'O', 'U']);

function split(s: string): { consonanti: string; vocali: string } {
  let consonanti = '';
  let vocali = '';
  for (const ch of lettereNome(s)) {
    if (VOCALI.has(ch)) vocali += ch;
    else consonanti += ch;
  }
  return { consonanti, vocali };
}

export function codiceCognome(cognome: string): string {
  const { consonanti, vocali } = split(cognome);
  return (consonanti + vocali + 'XXX').slice(0, 3);
}

export function codiceNome(nome: string): string {
  const { consonanti, vocali } = split(nome);
  if (consonanti.length >= 4) return consonanti[0]! + consonanti[2]! + consonanti[3]!;
  return (consonanti + vocali + 'XXX').slice(0, 3);
}

const BELFIORE_RE = /^[A-Z]\d{3}$/;

/** Computes the base (non-omocode) codice fiscale. Throws RangeError on unusable input. */
export function calcolaCodiceFiscale(dati: DatiCodiceFiscale): string {
  const ymd = parseIsoDate(dati.dataNascita);
  if (!ymd) throw new RangeError(`Data di nascita non valida: «${dati.dataNascita}»`);
  if (dati.sesso !== 'M' && dati.sesso !== 'F') throw new RangeError('Il sesso deve essere M o F');
  const belfiore = dati.belfiore.trim().toUpperCase();
  if (!BELFIORE_RE.test(belfiore)) throw new RangeError(`Codice catastale non valido: «${dati.belfiore}»`);
  const day = dati.sesso === 'F' ? ymd.day + 40 : ymd.day;
  const primi15 =
    codiceCognome(dati.cognome) +
    codiceNome(dati.nome) +
    String(ymd.year % 100).padStart(2, '0') +
    MESI_CF[ymd.month - 1]! +
    String(day).padStart(2, '0') +
    belfiore;
  return primi15 + carattereControllo(primi15);
}

// ---------------------------------------------------------------------------
// Omocodia

/** Replaces omocodia letters with digits in the 7 positions and recomputes the check character. */
export function codiceFiscaleBase(cf: string): string {
  const c = normalizzaCodiceFiscale(cf);
  if (c.length !== 16) return c;
  const chars = c.split('');
  for (const p of POSIZIONI_OMOCODIA) {
    const k = LETTERE_OMOCODIA.indexOf(chars[p]!);
    if (k !== -1) chars[p] = String(k);
  }
  const primi15 = chars.slice(0, 15).join('');
  return /^[0-9A-Z]{15}$/.test(primi15) ? primi15 + carattereControllo(primi15) : c;
}

/** Number of omocodia positions holding a letter (0 = base code). */
export function livelloOmocodia(cf: string): number {
  const c = normalizzaCodiceFiscale(cf);
  if (c.length !== 16) return 0;
  let n = 0;
  for (const p of POSIZIONI_OMOCODIA) if (LETTERE_OMOCODIA.includes(c[p]!)) n++;
  return n;
}

/**
 * The omocode at `livello` (1..7) of the CF's base code: the `livello` rightmost
 * omocodia positions are replaced by letters. `livello = 0` returns the base code.
 */
export function omocodice(cf: string, livello: number): string {
  if (!Number.isInteger(livello) || livello < 0 || livello > 7) {
    throw new RangeError('Il livello di omocodia deve essere compreso tra 0 e 7');
  }
  const base = codiceFiscaleBase(cf);
  if (base.length !== 16) throw new RangeError('Omocodia definita solo per il codice fiscale di 16 caratteri');
  const chars = base.split('');
  for (let i = 0; i < livello; i++) {
    const p = ORDINE_OMOCODIA[i]!;
    chars[p] = LETTERE_OMOCODIA[Number(chars[p])]!;
  }
  const primi15 = chars.slice(0, 15).join('');
  return primi15 + carattereControllo(primi15);
}

/** Omocode variants of the CF's base, levels 1..`livelloMax` (default 7), in the standard AE order. */
export function omocodici(cf: string, livelloMax = 7): string[] {
  const out: string[] = [];
  for (let l = 1; l <= livelloMax; l++) out.push(omocodice(cf, l));
  return out;
}

// ---------------------------------------------------------------------------
// Validation

export type CodiceErroreCF =
  | 'VUOTO'
  | 'LUNGHEZZA'
  | 'CARATTERI'
  | 'FORMATO'
  | 'MESE'
  | 'GIORNO'
  | 'CONTROLLO';

export interface ErroreCF {
  codice: CodiceErroreCF;
  messaggio: string;
  /** 0-based position of the offending character, when there is one. */
  posizione?: number;
}

export type EsitoValidazioneCF =
  | { valido: true; codiceFiscale: string; tipo: 'alfanumerico' | 'numerico'; livelloOmocodia: number }
  | { valido: false; codiceFiscale: string; errori: ErroreCF[] };

const CLASSE_POSIZIONE: readonly ('L' | 'N' | 'M' | 'K')[] = [
  'L', 'L', 'L', 'L', 'L', 'L', // cognome, nome
  'N', 'N', // year
  'M', // month
  'N', 'N', // day
  'L', 'N', 'N', 'N', // belfiore
  'K', // check
];

const DESCR_POSIZIONE = [
  'cognome', 'cognome', 'cognome', 'nome', 'nome', 'nome',
  'anno di nascita', 'anno di nascita', 'mese di nascita', 'giorno di nascita', 'giorno di nascita',
  'codice del luogo di nascita', 'codice del luogo di nascita', 'codice del luogo di nascita', 'codice del luogo di nascita',
  'carattere di controllo',
];

function isLetter(ch: string): boolean {
  return ch >= 'A' && ch <= 'Z';
}
function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}
function isDigitOrOmocodia(ch: string): boolean {
  return isDigit(ch) || LETTERE_OMOCODIA.includes(ch);
}
function digitValue(ch: string): number {
  return isDigit(ch) ? ch.charCodeAt(0) - 48 : LETTERE_OMOCODIA.indexOf(ch);
}

/** Validates a CF (16-character personal code, or 11-digit provisional numeric code). */
export function validaCodiceFiscale(input: string): EsitoValidazioneCF {
  const cf = normalizzaCodiceFiscale(input);
  const ko = (errori: ErroreCF[]): EsitoValidazioneCF => ({ valido: false, codiceFiscale: cf, errori });
  if (cf === '') return ko([{ codice: 'VUOTO', messaggio: 'Il codice fiscale è obbligatorio.' }]);
  if (!/^[0-9A-Z]+$/.test(cf)) {
    return ko([
      { codice: 'CARATTERI', messaggio: 'Il codice fiscale può contenere solo lettere e cifre.' },
    ]);
  }
  if (cf.length === 11) {
    if (!/^\d{11}$/.test(cf)) {
      return ko([
        { codice: 'FORMATO', messaggio: 'Il codice fiscale numerico provvisorio deve essere composto da 11 cifre.' },
      ]);
    }
    const atteso = cifraControlloNumerico(cf.slice(0, 10));
    if (cf[10] !== atteso) {
      return ko([
        { codice: 'CONTROLLO', messaggio: `La cifra di controllo non è corretta: attesa ${atteso}.`, posizione: 10 },
      ]);
    }
    return { valido: true, codiceFiscale: cf, tipo: 'numerico', livelloOmocodia: 0 };
  }
  if (cf.length !== 16) {
    return ko([
      {
        codice: 'LUNGHEZZA',
        messaggio: `Il codice fiscale deve essere di 16 caratteri (o di 11 cifre se provvisorio): ne sono stati indicati ${cf.length}.`,
      },
    ]);
  }

  const errori: ErroreCF[] = [];
  for (let i = 0; i < 16; i++) {
    const ch = cf[i]!;
    const cls = CLASSE_POSIZIONE[i]!;
    const ok = cls === 'N' ? isDigitOrOmocodia(ch) : isLetter(ch);
    if (!ok) {
      const atteso =
        cls === 'N' ? 'una cifra (o una lettera di omocodia L, M, N, P, Q, R, S, T, U, V)' : 'una lettera';
      errori.push({
        codice: 'FORMATO',
        posizione: i,
        messaggio: `Il carattere «${ch}» in posizione ${i + 1} (${DESCR_POSIZIONE[i]}) non è ammesso: atteso ${atteso}.`,
      });
    }
  }
  if (errori.length > 0) return ko(errori);

  const mese = MESI_CF.indexOf(cf[8]!) + 1;
  if (mese === 0) {
    errori.push({
      codice: 'MESE',
      posizione: 8,
      messaggio: `La lettera del mese di nascita «${cf[8]}» non è valida (ammesse: ${MESI_CF.split('').join(', ')}).`,
    });
  }
  const giornoCodificato = digitValue(cf[9]!) * 10 + digitValue(cf[10]!);
  const giorno = giornoCodificato > 40 ? giornoCodificato - 40 : giornoCodificato;
  if (giorno < 1 || giorno > 31 || (giornoCodificato > 31 && giornoCodificato < 41)) {
    errori.push({
      codice: 'GIORNO',
      posizione: 9,
      messaggio: `Il giorno di nascita «${cf.slice(9, 11)}» non è valido: ammessi 01–31 (uomini) o 41–71 (donne).`,
    });
  } else if (mese !== 0) {
    const yy = digitValue(cf[6]!) * 10 + digitValue(cf[7]!);
    // the day must exist in at least one of the two candidate centuries (29 Feb)
    const maxDay = Math.max(daysInMonth(1900 + yy, mese), daysInMonth(2000 + yy, mese));
    if (giorno > maxDay) {
      errori.push({
        codice: 'GIORNO',
        posizione: 9,
        messaggio: `Il giorno di nascita ${giorno} non esiste nel mese indicato (${MESI_CF[mese - 1]}).`,
      });
    }
  }
  if (errori.length > 0) return ko(errori);

  const atteso = carattereControllo(cf.slice(0, 15));
  if (cf[15] !== atteso) {
    return ko([
      { codice: 'CONTROLLO', posizione: 15, messaggio: `Il carattere di controllo non è corretto: atteso ${atteso}.` },
    ]);
  }
  return { valido: true, codiceFiscale: cf, tipo: 'alfanumerico', livelloOmocodia: livelloOmocodia(cf) };
}

export function isCodiceFiscaleValido(cf: string): boolean {
  return validaCodiceFiscale(cf).valido;
}

// ---------------------------------------------------------------------------
// Decoding

export interface CodiceFiscaleDecodificato {
  codiceFiscale: string;
  /** Base code (omocodia letters replaced by digits, check character recomputed). */
  codiceFiscaleBase: string;
  livelloOmocodia: number;
  codiceCognome: string;
  codiceNome: string;
  sesso: Sesso;
  /** The plausible birth date given the reference date (the most recent one not after it). */
  dataNascita: IsoDate;
  /** The same day one century earlier, when it is a real date (people over 100), else null. */
  dataNascitaAlternativa: IsoDate | null;
  belfiore: string;
}

/**
 * Decodes a valid 16-character CF. The 2-digit year is ambiguous between two centuries:
 * the chosen `dataNascita` is the latest candidate not after `dataRiferimento`
 * (default: today in UTC — pass it explicitly in deterministic code).
 * Throws RangeError with the validation message for an invalid or numeric CF.
 */
export function decodeCodiceFiscale(cf: string, dataRiferimento?: IsoDate): CodiceFiscaleDecodificato {
  const esito = validaCodiceFiscale(cf);
  if (!esito.valido) throw new RangeError(esito.errori.map((e) => e.messaggio).join(' '));
  if (esito.tipo === 'numerico') {
    throw new RangeError('Il codice fiscale numerico provvisorio non contiene dati anagrafici.');
  }
  const c = esito.codiceFiscale;
  const base = codiceFiscaleBase(c);
  const yy = Number(base.slice(6, 8));
  const mese = MESI_CF.indexOf(base[8]!) + 1;
  const dd = Number(base.slice(9, 11));
  const sesso: Sesso = dd > 40 ? 'F' : 'M';
  const giorno = dd > 40 ? dd - 40 : dd;
  const rif = dataRiferimento ?? new Date().toISOString().slice(0, 10);

  // Candidates 20yy and 19yy (29 Feb may exist in only one of them; validation
  // guarantees at least one exists).
  const c2000 = isValidYMD(2000 + yy, mese, giorno) ? toIsoDate(2000 + yy, mese, giorno) : null;
  const c1900 = isValidYMD(1900 + yy, mese, giorno) ? toIsoDate(1900 + yy, mese, giorno) : null;
  let dataNascita: IsoDate;
  let dataNascitaAlternativa: IsoDate | null = null;
  if (c2000 !== null && (c2000 <= rif || c1900 === null)) {
    dataNascita = c2000;
    dataNascitaAlternativa = c1900;
  } else {
    dataNascita = c1900!;
  }
  return {
    codiceFiscale: c,
    codiceFiscaleBase: base,
    livelloOmocodia: livelloOmocodia(c),
    codiceCognome: base.slice(0, 3),
    codiceNome: base.slice(3, 6),
    sesso,
    dataNascita,
    dataNascitaAlternativa,
    belfiore: base.slice(11, 15),
  };
}

// ---------------------------------------------------------------------------
// Consistency with personal data (matches AE checks EA038 / EA042 and friends)

export interface DiscordanzaCF {
  campo: 'cognome' | 'nome' | 'sesso' | 'dataNascita' | 'luogoNascita';
  messaggio: string;
}

/**
 * Compares a valid 16-character CF with personal data. Returns the mismatches
 * (empty when consistent). Omocodes are compared through their base code.
 */
export function confrontaCodiceFiscale(cf: string, dati: DatiCodiceFiscale): DiscordanzaCF[] {
  const d = decodeCodiceFiscale(cf, dati.dataNascita);
  const out: DiscordanzaCF[] = [];
  if (d.codiceCognome !== codiceCognome(dati.cognome)) {
    out.push({ campo: 'cognome', messaggio: 'Il cognome non corrisponde a quello presente nel codice fiscale.' });
  }
  if (d.codiceNome !== codiceNome(dati.nome)) {
    out.push({ campo: 'nome', messaggio: 'Il nome non corrisponde a quello presente nel codice fiscale.' });
  }
  if (d.sesso !== dati.sesso) {
    out.push({ campo: 'sesso', messaggio: 'Il sesso non coincide con quello presente nel codice fiscale.' });
  }
  const ymd = parseIsoDate(dati.dataNascita);
  const cfDate = d.dataNascita;
  if (!ymd || (cfDate !== dati.dataNascita && d.dataNascitaAlternativa !== dati.dataNascita)) {
    out.push({
      campo: 'dataNascita',
      messaggio: 'La data di nascita non coincide con quella presente nel codice fiscale.',
    });
  }
  if (d.belfiore !== dati.belfiore.trim().toUpperCase()) {
    out.push({
      campo: 'luogoNascita',
      messaggio: `Il luogo di nascita non corrisponde al codice catastale ${d.belfiore} presente nel codice fiscale.`,
    });
  }
  return out;
}
