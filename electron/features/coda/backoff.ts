/**
 * Capped exponential backoff (Signal's exponentialBackoffSleepTime: ×1.9,
 * cap 15 minutes) and a small circuit breaker for "ANPR is down".
 */
export const BACKOFF_FACTOR = 1.9;
export const BACKOFF_MAX_MS = 15 * 60_000;

export function backoffMs(attempt: number, opts: { baseMs?: number; factor?: number; maxMs?: number } = {}): number {
  const base = opts.baseMs ?? 1_000;
  const factor = opts.factor ?? BACKOFF_FACTOR;
  const max = opts.maxMs ?? BACKOFF_MAX_MS;
  if (attempt <= 1) return Math.min(base, max);
  return Math.min(max, Math.round(base * factor ** (attempt - 1)));
}

/**
 * Opens after `soglia` consecutive transport failures; stays open for
 * `aperturaMs`, doubling on each consecutive opening up to 15 minutes; the
 * first call after that is the half-open probe.
 */
export interface CircuitBreaker {
  /** Milliseconds until a call is allowed (0 = allowed now). */
  attesaMs(nowMs: number): number;
  aperto(nowMs: number): boolean;
  successo(): void;
  fallimento(nowMs: number): void;
}

export function createCircuitBreaker(opts: { soglia?: number; aperturaMs?: number } = {}): CircuitBreaker {
  const soglia = opts.soglia ?? 5;
  const base = opts.aperturaMs ?? 30_000;
  let consecutivi = 0;
  let aperture = 0;
  let apertoFino = 0;
  return {
    attesaMs: (now) => Math.max(0, apertoFino - now),
    aperto: (now) => apertoFino > now,
    successo() {
      consecutivi = 0;
      aperture = 0;
      apertoFino = 0;
    },
    fallimento(now) {
      consecutivi++;
      if (consecutivi >= soglia) {
        apertoFino = now + Math.min(BACKOFF_MAX_MS, base * 2 ** aperture);
        aperture++;
        consecutivi = 0;
      }
    },
  };
}
