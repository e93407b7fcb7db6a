/**
 * idOperazioneComune scheme (see docs/queue.md for the why):
 *
 *   YYYYMMDDHHmmssSSS (17 digits, UTC, logical clock) + SSSS (4-digit workstation suffix) = 21 digits
 *
 * - Digits only, fixed width: numeric and lexical order agree, so whichever
 *   way ANPR compares ("numerico e crescente") the order is the same.
 * - The time part comes from a per-(environment, comune) logical clock kept in
 *   SQLite: `max(now, last + 1 ms)`. It never goes backwards, even if the
 *   system clock steps back, and two allocations never share a value.
 * - Ids from different workstations of one comune interleave by wall-clock
 *   time (ANPR already requires synchronised clocks: the SAML assertion lives
 *   5 minutes); the suffix makes them distinct even in the same millisecond.
 */
export const ID_TIME_DIGITS = 17;
export const ID_SUFFIX_DIGITS = 4;
export const ID_LENGTH = ID_TIME_DIGITS + ID_SUFFIX_DIGITS;

/** Earliest representable logical time (year 2000): guards against a clock at 1970. */
const MIN_MS = Date.UTC(2000, 0, 1);

/** 17-digit UTC `YYYYMMDDHHmmssSSS` of an epoch-ms value. */
export function formatIdTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-26T09:00:00.000Z
  const digits = iso.replace(/[-:TZ.]/g, '');
  if (!/^\d{17}$/.test(digits)) throw new Error(`logical time out of range: ${ms}`);
  return digits;
}

/** Next logical time: strictly after `lastMs`, and not before `nowMs`. */
export function nextLogicalMs(lastMs: number | undefined, nowMs: number): number {
  const floor = lastMs === undefined ? MIN_MS : lastMs + 1;
  return Math.max(floor, Math.floor(nowMs), MIN_MS);
}

export function composeId(ms: number, suffisso: string): string {
  return formatIdTime(ms) + suffisso;
}

/**
 * Workstation suffix from the IdPostazione ANPR assigned (e.g. `058091-CO-0003`
 * → `0003`): the last 4 digits when it ends with digits, otherwise a stable
 * FNV-1a hash of it modulo 10000. An explicit suffix wins.
 */
export function suffissoPostazione(postazione: string, esplicito?: string): string {
  if (esplicito !== undefined) {
    if (!/^\d{4}$/.test(esplicito)) throw new Error('Il suffisso della postazione deve essere di 4 cifre.');
    return esplicito;
  }
  const m = /(\d+)$/.exec(postazione.trim());
  if (m) return m[1]!.slice(-ID_SUFFIX_DIGITS).padStart(ID_SUFFIX_DIGITS, '0');
  let h = 0x811c9dc5;
  for (const ch of postazione) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return String(h % 10_000).padStart(ID_SUFFIX_DIGITS, '0');
}

/**
 * Compares two idOperazioneComune values the way ANPR's "numerico e
 * crescente" rule reads: digit strings numerically (by length, then
 * lexically, so no precision is lost), anything else lexically.
 */
export function compareIdOperazione(a: string, b: string): number {
  const digits = /^\d+$/;
  if (digits.test(a) && digits.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length < y.length ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Logical ms of an id of this scheme (inverse of {@link composeId}); undefined for other shapes. */
export function idTimeMs(id: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})\d{4}$/.exec(id);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, ms] = m.map(Number) as [number, number, number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, se, ms);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * After a "lower than last" refusal: how far to move our logical clock.
 * If ANPR's text names the last id (the simulator's does) jump just past it;
 * otherwise step ahead 1 s, 2 s, 4 s… (k = refusals so far for this pratica),
 * which absorbs a few seconds of clock skew between workstations in a few tries.
 */
export function avanzamentoDopoRifiuto(testi: readonly string[], ultimoMs: number, k: number): number {
  let best = ultimoMs;
  for (const t of testi) {
    for (const tok of t.match(new RegExp(`\\d{${ID_LENGTH}}`, 'g')) ?? []) {
      const ms = idTimeMs(tok);
      if (ms !== undefined && ms > best) best = ms;
    }
  }
  return best > ultimoMs ? best : ultimoMs + 1_000 * 2 ** Math.max(0, k - 1);
}
