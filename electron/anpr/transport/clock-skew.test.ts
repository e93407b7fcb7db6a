import { describe, expect, it } from 'vitest';
import { checkClockSkew, parseHttpDate } from './clock-skew';

const server = new Date('2025-03-10T10:00:00Z');
const at = (offsetS: number): Date => new Date(server.getTime() + offsetS * 1000);

describe('checkClockSkew', () => {
  it('is silent within the threshold (Date header resolution is 1 s)', () => {
    expect(checkClockSkew(server, at(0.7))).toEqual({ skewSeconds: 1 });
    expect(checkClockSkew(server, at(-20))).toEqual({ skewSeconds: -20 });
  });

  it('warns in Italian above the threshold, with sign and direction', () => {
    const ahead = checkClockSkew(server, at(35));
    expect(ahead.skewSeconds).toBe(35);
    expect(ahead.warning).toBe(
      "L'orologio di questo computer differisce di 35 secondi da quello di ANPR (è avanti): ANPR rifiuta le richieste oltre circa 30 secondi. Sincronizzare l'orologio.",
    );
    const behind = checkClockSkew(server, at(-90));
    expect(behind.skewSeconds).toBe(-90);
    expect(behind.warning).toContain('differisce di 90 secondi');
    expect(behind.warning).toContain('(è indietro)');
  });

  it('honours a custom threshold', () => {
    expect(checkClockSkew(server, at(6), 5).warning).toBeDefined();
    expect(checkClockSkew(server, at(6), 10).warning).toBeUndefined();
  });

  it('rejects invalid dates', () => {
    expect(() => checkClockSkew(new Date(Number.NaN), server)).toThrow(RangeError);
  });
});

describe('parseHttpDate', () => {
  it('parses IMF-fixdate and ignores garbage', () => {
    expect(parseHttpDate('Mon, 10 Mar 2025 10:00:00 GMT')?.toISOString()).toBe('2025-03-10T10:00:00.000Z');
    expect(parseHttpDate(['Mon, 10 Mar 2025 10:00:00 GMT'])).toBeInstanceOf(Date);
    expect(parseHttpDate('ieri')).toBeUndefined();
    expect(parseHttpDate(undefined)).toBeUndefined();
  });
});
