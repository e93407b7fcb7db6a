import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addAnni,
  addGiorni,
  addGiorniLavorativi,
  contaGiorniLavorativi,
  diffGiorni,
  etaAllaData,
  festivitaNazionali,
  formatDataIt,
  fromDayNumber,
  giornoSettimana,
  isGiornoLavorativo,
  isIsoDate,
  parseDataIt,
  parseDataItDettaglio,
  pasqua,
  pasquetta,
  toDayNumber,
} from './date-it';

describe('parse / format', () => {
  it('parses dd/mm/yyyy with calendar validation', () => {
    expect(parseDataIt('01/02/2024')).toBe('2024-02-01');
    expect(parseDataIt('1/2/2024')).toBe('2024-02-01');
    expect(parseDataIt(' 29.02.2024 ')).toBe('2024-02-29');
    expect(parseDataIt('29/02/2023')).toBeNull();
    expect(parseDataIt('29/02/1900')).toBeNull();
    expect(parseDataIt('29/02/2000')).toBe('2000-02-29');
    expect(parseDataIt('31/04/2024')).toBeNull();
    expect(parseDataIt('00/01/2024')).toBeNull();
    expect(parseDataIt('2024-01-01')).toBeNull();
    expect(parseDataIt('01/13/2024')).toBeNull();
  });

  it('gives Italian messages', () => {
    expect(parseDataItDettaglio('')).toEqual({ ok: false, messaggio: 'La data è obbligatoria.' });
    expect(parseDataItDettaglio('31/04/2024')).toEqual({ ok: false, messaggio: 'Il giorno 31 non esiste nel mese 04/2024.' });
    expect(parseDataItDettaglio('abc')).toMatchObject({ ok: false, messaggio: expect.stringMatching(/gg\/mm\/aaaa/) });
  });

  it('formats and validates ISO', () => {
    expect(formatDataIt('2024-02-01')).toBe('01/02/2024');
    expect(() => formatDataIt('2024-02-30')).toThrow(RangeError);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-1')).toBe(false);
  });

  it('round-trips through day numbers and dd/mm/yyyy (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('0001-01-01'), max: toDayNumber('9999-12-31') }), (n) => {
        const iso = fromDayNumber(n);
        expect(toDayNumber(iso)).toBe(n);
        expect(parseDataIt(formatDataIt(iso))).toBe(iso);
        // agrees with the JS Date implementation (UTC)
        const js = new Date(Date.UTC(2000, 0, 1) + (n - toDayNumber('2000-01-01')) * 86_400_000);
        if (js.getUTCFullYear() >= 1) {
          expect(js.toISOString().slice(0, 10)).toBe(iso);
          expect(giornoSettimana(iso)).toBe(js.getUTCDay());
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('arithmetic', () => {
  it('adds days (45-day deadline)', () => {
    expect(addGiorni('2024-01-20', 45)).toBe('2024-03-05');
    expect(addGiorni('2023-01-20', 45)).toBe('2023-03-06');
    expect(addGiorni('2024-03-05', -45)).toBe('2024-01-20');
    expect(diffGiorni('2024-01-20', '2024-03-05')).toBe(45);
  });

  it('computes ages and adds years', () => {
    expect(etaAllaData('1980-06-15', '2024-06-14')).toBe(43);
    expect(etaAllaData('1980-06-15', '2024-06-15')).toBe(44);
    expect(etaAllaData('2000-02-29', '2023-02-28')).toBe(22);
    expect(etaAllaData('2000-02-29', '2023-03-01')).toBe(23);
    expect(addAnni('2000-02-29', 1)).toBe('2001-02-28');
  });
});

describe('holidays and working days', () => {
  it('computes Easter', () => {
    expect(pasqua(2024)).toBe('2024-03-31');
    expect(pasqua(2025)).toBe('2025-04-20');
    expect(pasqua(2026)).toBe('2026-04-05');
    expect(pasqua(2019)).toBe('2019-04-21');
    expect(pasqua(2038)).toBe('2038-04-25');
    expect(pasqua(1943)).toBe('1943-04-25');
    expect(pasquetta(2024)).toBe('2024-04-01');
    expect(giornoSettimana(pasquetta(2027))).toBe(1);
  });

  it('lists national holidays', () => {
    const f2024 = festivitaNazionali(2024).map((f) => f.data);
    expect(f2024).toEqual([
      '2024-01-01', '2024-01-06', '2024-03-31', '2024-04-01', '2024-04-25', '2024-05-01',
      '2024-06-02', '2024-08-15', '2024-11-01', '2024-12-08', '2024-12-25', '2024-12-26',
    ]);
    expect(festivitaNazionali(2026).map((f) => f.data)).toContain('2026-10-04');
    expect(festivitaNazionali(1980).map((f) => f.data)).not.toContain('1980-01-06');
    expect(festivitaNazionali(1990).map((f) => f.data)).not.toContain('1990-06-02');
  });

  it('knows working days', () => {
    expect(isGiornoLavorativo('2024-04-01')).toBe(false); // Easter Monday
    expect(isGiornoLavorativo('2024-04-02')).toBe(true);
    expect(isGiornoLavorativo('2024-04-06')).toBe(false); // Saturday
    expect(isGiornoLavorativo('2024-04-06', { sabatoLavorativo: true })).toBe(true);
    expect(isGiornoLavorativo('2024-12-07', { sabatoLavorativo: true, festivitaLocali: ['12-07'] })).toBe(false);
  });

  it('adds working days (2-working-day residence deadline)', () => {
    expect(addGiorniLavorativi('2024-03-05', 2)).toBe('2024-03-07'); // Tue → Thu
    expect(addGiorniLavorativi('2024-03-08', 2)).toBe('2024-03-12'); // Fri → Tue
    expect(addGiorniLavorativi('2024-03-28', 2)).toBe('2024-04-02'); // Thu → Good Friday (working) → Tue after Easter Monday
    expect(addGiorniLavorativi('2024-03-29', 2)).toBe('2024-04-03');
    expect(addGiorniLavorativi('2024-12-23', 2)).toBe('2024-12-27'); // Christmas + Santo Stefano
    expect(addGiorniLavorativi('2024-04-24', 2)).toBe('2024-04-29'); // 25 Apr + weekend
    expect(addGiorniLavorativi('2024-03-09', 0)).toBe('2024-03-09');
    expect(addGiorniLavorativi('2024-03-12', -2)).toBe('2024-03-08');
    expect(addGiorniLavorativi('2024-12-06', 1, { festivitaLocali: ['12-07'], sabatoLavorativo: true })).toBe('2024-12-09');
  });

  it('addGiorniLavorativi lands on a working day and is consistent with contaGiorniLavorativi (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('1990-01-01'), max: toDayNumber('2040-12-31') }), fc.integer({ min: 1, max: 30 }), (d, n) => {
        const start = fromDayNumber(d);
        const end = addGiorniLavorativi(start, n);
        expect(isGiornoLavorativo(end)).toBe(true);
        expect(contaGiorniLavorativi(start, end)).toBe(n);
        expect(addGiorniLavorativi(end, -n) <= start).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
