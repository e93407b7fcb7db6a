/**
 * Clock skew between this computer and ANPR, measured from the HTTP `Date`
 * header of any ANPR response. ANPR rejects messages whose WS-Security
 * timestamp / SAML validity is off by as little as ~30 s with the opaque
 * fault "Rejected by policy" (anpr#481), so we warn well before that.
 */

export const DEFAULT_SKEW_THRESHOLD_SECONDS = 20;

export interface ClockSkew {
  /**
   * Local clock minus ANPR clock, whole seconds. Positive: this computer is
   * ahead. The `Date` header has 1-second resolution (truncated), so a
   * perfectly synchronised clock reads 0 or 1.
   */
  skewSeconds: number;
  /** Italian, for the clerk; present only when |skew| exceeds the threshold. */
  warning?: string;
}

export function checkClockSkew(
  serverDate: Date,
  localNow: Date,
  thresholdSeconds: number = DEFAULT_SKEW_THRESHOLD_SECONDS,
): ClockSkew {
  const server = serverDate.getTime();
  const local = localNow.getTime();
  if (!Number.isFinite(server) || !Number.isFinite(local)) {
    throw new RangeError('checkClockSkew: invalid date');
  }
  const skewSeconds = Math.round((local - server) / 1000);
  if (Math.abs(skewSeconds) <= thresholdSeconds) return { skewSeconds };
  const n = Math.abs(skewSeconds);
  const verso = skewSeconds > 0 ? 'avanti' : 'indietro';
  return {
    skewSeconds,
    warning:
      `L'orologio di questo computer differisce di ${n} ${n === 1 ? 'secondo' : 'secondi'} da quello di ANPR ` +
      `(è ${verso}): ANPR rifiuta le richieste oltre circa 30 secondi. Sincronizzare l'orologio.`,
  };
}

/** Parses an HTTP `Date` header (IMF-fixdate, RFC 9110); `undefined` when absent or unparseable. */
export function parseHttpDate(value: string | string[] | undefined): Date | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}
