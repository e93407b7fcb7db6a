/**
 * Calendar dates for the anagrafe, as ISO `yyyy-mm-dd` strings (no time, no time zone).
 * Pure: no Node/DOM imports, no dependency on the local time zone.
 *
 * - `parseDataIt` / `formatDataIt`: dd/mm/yyyy ↔ ISO with real calendar validation;
 * - Italian national holidays (Easter Monday computed) and working days;
 * - `addGiorniLavorativi` (e.g. the 2-working-day deadline for the residence registration)
 *   and `addGiorni` (e.g. the 45-day deadline for the checks).
 */

/** ISO calendar date `yyyy-mm-dd`. */
export type IsoDate = string;

export interface YMD {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

export function isValidYMD(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict ISO date; returns null if malformed or not a real calendar day. */
export function parseIsoDate(iso: string): YMD | null {
  const m = ISO_RE.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidYMD(year, month, day) ? { year, month, day } : null;
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function toIsoDate(year: number, month: number, day: number): IsoDate {
  if (!isValidYMD(year, month, day)) {
    throw new RangeError(`Data non valida: ${year}-${month}-${day}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function requireIso(iso: string): YMD {
  const ymd = parseIsoDate(iso);
  if (!ymd) throw new RangeError(`Data ISO non valida: «${iso}»`);
  return ymd;
}

export type ParseDataResult = { ok: true; iso: IsoDate } | { ok: false; messaggio: string };

const IT_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * Parses an Italian date `dd/mm/yyyy` (also `d/m/yyyy`, `.` or `-` as separator),
 * with an Italian message when invalid.
 */
export function parseDataItDettaglio(input: string): ParseDataResult {
  const s = input.trim();
  if (s === '') return { ok: false, messaggio: 'La data è obbligatoria.' };
  const m = IT_RE.exec(s);
  if (!m) return { ok: false, messaggio: `La data «${s}» non è nel formato gg/mm/aaaa.` };
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12) return { ok: false, messaggio: `Il mese ${m[2]} non è valido.` };
  if (year < 1) return { ok: false, messaggio: `L'anno ${m[3]} non è valido.` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, messaggio: `Il giorno ${m[1]} non esiste nel mese ${pad(month, 2)}/${pad(year, 4)}.` };
  }
  return { ok: true, iso: toIsoDate(year, month, day) };
}

/** dd/mm/yyyy → ISO, or null when not a real date. */
export function parseDataIt(input: string): IsoDate | null {
  const r = parseDataItDettaglio(input);
  return r.ok ? r.iso : null;
}

/** ISO → dd/mm/yyyy. Throws on invalid ISO input. */
export function formatDataIt(iso: IsoDate): string {
  const { year, month, day } = requireIso(iso);
  return `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}`;
}

// ---------------------------------------------------------------------------
// Day arithmetic on a proleptic Gregorian day number (days since 1970-01-01).
// Algorithm by Howard Hinnant ("days_from_civil"), exact for all years used here.

export function toDayNumber(iso: IsoDate): number {
  const { year, month, day } = requireIso(iso);
  return dayNumberFromYMD(year, month, day);
}

export function dayNumberFromYMD(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function ymdFromDayNumber(days: number): YMD {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function fromDayNumber(days: number): IsoDate {
  const { year, month, day } = ymdFromDayNumber(days);
  return toIsoDate(year, month, day);
}

/** Adds (or subtracts, if negative) calendar days. */
export function addGiorni(iso: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError('Il numero di giorni deve essere intero');
  return fromDayNumber(toDayNumber(iso) + n);
}

/** b − a in days. */
export function diffGiorni(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday (like Date#getUTCDay). */
export function giornoSettimana(iso: IsoDate): number {
  // 1970-01-01 was a Thursday (4)
  return (((toDayNumber(iso) + 4) % 7) + 7) % 7;
}

/** Lexicographic comparison works for ISO dates; this is just explicit. */
export function compareIso(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Age in completed years at `alla` (a person born on 29 Feb turns one year older on 1 Mar in non-leap years). */
export function etaAllaData(nascita: IsoDate, alla: IsoDate): number {
  const b = requireIso(nascita);
  const r = requireIso(alla);
  let age = r.year - b.year;
  if (r.month < b.month || (r.month === b.month && r.day < b.day)) age--;
  return age;
}

/** Adds whole years keeping the day; 29 Feb → 28 Feb in non-leap years. */
export function addAnni(iso: IsoDate, years: number): IsoDate {
  const { year, month, day } = requireIso(iso);
  const y = year + years;
  return toIsoDate(y, month, Math.min(day, daysInMonth(y, month)));
}

// ---------------------------------------------------------------------------
// Holidays

/** Easter Sunday (Gregorian, anonymous algorithm / Meeus–Jones–Butcher). */
export function pasqua(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIsoDate(year, month, day);
}

export function pasquetta(year: number): IsoDate {
  return addGiorni(pasqua(year), 1);
}

export interface Festivita {
  data: IsoDate;
  nome: string;
}

/**
 * National public holidays (L. 260/1949 and later amendments) for a year:
 * 1 Jan, 6 Jan (not 1977–1985), Easter Sunday and Monday, 25 Apr, 1 May, 2 Jun
 * (moved to a Sunday 1977–2000), 15 Aug, 4 Oct (San Francesco, from 2026, L. 151/2025),
 * 1 Nov, 8 Dec, 25 and 26 Dec. The patron saint's day is local: pass it in
 * `OpzioniLavorativi.festivitaLocali`.
 */
export function festivitaNazionali(year: number): Festivita[] {
  const d = (m: number, g: number) => toIsoDate(year, m, g);
  const out: Festivita[] = [{ data: d(1, 1), nome: 'Capodanno' }];
  if (year < 1977 || year > 1985) out.push({ data: d(1, 6), nome: 'Epifania' });
  out.push({ data: pasqua(year), nome: 'Pasqua' });
  out.push({ data: pasquetta(year), nome: "Lunedì dell'Angelo" });
  out.push({ data: d(4, 25), nome: 'Festa della Liberazione' });
  out.push({ data: d(5, 1), nome: 'Festa del Lavoro' });
  if (year < 1977 || year > 2000) out.push({ data: d(6, 2), nome: 'Festa della Repubblica' });
  out.push({ data: d(8, 15), nome: 'Ferragosto' });
  if (year >= 2026) out.push({ data: d(10, 4), nome: "San Francesco d'Assisi, patrono d'Italia" });
  out.push({ data: d(11, 1), nome: 'Ognissanti' });
  out.push({ data: d(12, 8), nome: 'Immacolata Concezione' });
  out.push({ data: d(12, 25), nome: 'Natale' });
  out.push({ data: d(12, 26), nome: 'Santo Stefano' });
  return out.sort((x, y) => compareIso(x.data, y.data));
}

const holidayCache = new Map<number, Set<string>>();

function holidaySet(year: number): Set<string> {
  let s = holidayCache.get(year);
  if (!s) {
    s = new Set(festivitaNazionali(year).map((f) => f.data));
    holidayCache.set(year, s);
  }
  return s;
}

export function isFestivitaNazionale(iso: IsoDate): boolean {
  const { year } = requireIso(iso);
  return holidaySet(year).has(iso);
}

export interface OpzioniLavorativi {
  /** Local holidays as `MM-DD` (e.g. the patron saint, '12-07' for Milan) or full ISO dates. */
  festivitaLocali?: readonly string[];
  /** Saturday counts as a working day (default false: offices work Monday–Friday). */
  sabatoLavorativo?: boolean;
}

export function isGiornoLavorativo(iso: IsoDate, opts: OpzioniLavorativi = {}): boolean {
  const wd = giornoSettimana(iso);
  if (wd === 0) return false;
  if (wd === 6 && !opts.sabatoLavorativo) return false;
  if (isFestivitaNazionale(iso)) return false;
  if (opts.festivitaLocali && opts.festivitaLocali.length > 0) {
    const md = iso.slice(5);
    for (const f of opts.festivitaLocali) if (f === md || f === iso) return false;
  }
  return true;
}

/**
 * Moves `n` working days from `iso` (the start day itself is not counted):
 * Friday + 2 → Tuesday. `n = 0` returns the same date even if it is a holiday;
 * negative `n` goes backwards.
 */
export function addGiorniLavorativi(iso: IsoDate, n: number, opts: OpzioniLavorativi = {}): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError('Il numero di giorni lavorativi deve essere intero');
  let day = toDayNumber(iso);
  const step = n >= 0 ? 1 : -1;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    day += step;
    if (isGiornoLavorativo(fromDayNumber(day), opts)) remaining--;
  }
  return fromDayNumber(day);
}

/** Working days in (a, b] — the count `addGiorniLavorativi(a, k) = b` would need, for b ≥ a. */
export function contaGiorniLavorativi(a: IsoDate, b: IsoDate, opts: OpzioniLavorativi = {}): number {
  const start = toDayNumber(a);
  const end = toDayNumber(b);
  let count = 0;
  for (let d = start + 1; d <= end; d++) if (isGiornoLavorativo(fromDayNumber(d), opts)) count++;
  return count;
}

const GIORNO_ROMA = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The day (yyyy-mm-dd) a moment falls on in Italy: ANPR's day, whatever the
 * time zone of the machine (a UTC server is a day behind from 23:00 or 22:00).
 */
export function giornoRoma(d: Date = new Date()): string {
  return GIORNO_ROMA.format(d);
}
