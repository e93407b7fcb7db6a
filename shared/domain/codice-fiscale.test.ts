import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  calcolaCodiceFiscale,
  carattereControllo,
  cifraControlloNumerico,
  codiceCognome,
  codiceFiscaleBase,
  codiceNome,
  confrontaCodiceFiscale,
  decodeCodiceFiscale,
  isCodiceFiscaleValido,
  livelloOmocodia,
  normalizzaCodiceFiscale,
  omocodice,
  omocodici,
  validaCodiceFiscale,
  type DatiCodiceFiscale,
} from './codice-fiscale';
import { fromDayNumber, toDayNumber } from './date-it';

describe('codici cognome / nome', () => {
  it.each([
    ['Rossi', 'RSS'],
    ['Fo', 'FOX'],
    ['Re', 'REX'],
    ['Ai', 'AIX'],
    ["D'Amico", 'DMC'],
    ['De Luca', 'DLC'],
    ['Bò', 'BOX'],
    ['Müller', 'MLL'],
  ])('cognome %s → %s', (c, atteso) => expect(codiceCognome(c)).toBe(atteso));

  it.each([
    ['Mario', 'MRA'],
    ['Gianfranco', 'GFR'], // ≥4 consonants: 1st, 3rd, 4th
    ['Francesca', 'FNC'],
    ['Luca', 'LCU'],
    ['Ugo', 'GUO'],
    ['Ida', 'DIA'],
    ['Al', 'LAX'],
    ['Niccolò', 'NCL'],
  ])('nome %s → %s', (n, atteso) => expect(codiceNome(n)).toBe(atteso));
});

describe('calcolaCodiceFiscale', () => {
  it('computes well-known examples', () => {
    expect(calcolaCodiceFiscale({ cognome: 'Rossi', nome: 'Mario', sesso: 'M', dataNascita: '1980-01-01', belfiore: 'H501' })).toBe(
      'RSSMRA80A01H501U',
    );
    // female: day + 40
    const f = calcolaCodiceFiscale({ cognome: 'Bianchi', nome: 'Anna', sesso: 'F', dataNascita: '1975-12-15', belfiore: 'F205' });
    expect(f.slice(0, 15)).toBe('BNCNNA75T55F205');
    expect(isCodiceFiscaleValido(f)).toBe(true);
    // born abroad: Belfiore Zxxx
    const z = calcolaCodiceFiscale({ cognome: 'Popescu', nome: 'Ion', sesso: 'M', dataNascita: '2001-06-30', belfiore: 'z129' });
    expect(z.slice(6, 15)).toBe('01H30Z129');
  });

  it('rejects unusable input', () => {
    const base: DatiCodiceFiscale = { cognome: 'Rossi', nome: 'Mario', sesso: 'M', dataNascita: '1980-01-01', belfiore: 'H501' };
    expect(() => calcolaCodiceFiscale({ ...base, dataNascita: '1980-02-30' })).toThrow(RangeError);
    expect(() => calcolaCodiceFiscale({ ...base, belfiore: 'H50' })).toThrow(RangeError);
    expect(() => calcolaCodiceFiscale({ ...base, sesso: 'N' as never })).toThrow(RangeError);
  });
});

describe('validaCodiceFiscale', () => {
  it('normalises', () => {
    expect(normalizzaCodiceFiscale('  rssmra80a01h501u ')).toBe('RSSMRA80A01H501U');
    expect(normalizzaCodiceFiscale('RSS MRA 80A01 H501U')).toBe('RSSMRA80A01H501U');
    expect(validaCodiceFiscale(' rssmra80a01h501u').valido).toBe(true);
  });

  it('gives Italian messages', () => {
    const r = validaCodiceFiscale('RSSMRA80A01H501X');
    expect(r.valido).toBe(false);
    if (!r.valido) {
      expect(r.errori[0]!.codice).toBe('CONTROLLO');
      expect(r.errori[0]!.messaggio).toBe('Il carattere di controllo non è corretto: atteso U.');
    }
    const l = validaCodiceFiscale('RSSMRA80A01H501');
    expect(!l.valido && l.errori[0]!.codice).toBe('LUNGHEZZA');
    expect(!l.valido && l.errori[0]!.messaggio).toMatch(/16 caratteri/);
    const v = validaCodiceFiscale('');
    expect(!v.valido && v.errori[0]!.messaggio).toBe('Il codice fiscale è obbligatorio.');
    const ch = validaCodiceFiscale('RSSMRA80A01H50-U');
    expect(!ch.valido && ch.errori[0]!.codice).toBe('CARATTERI');
  });

  it('checks the month letter', () => {
    const primi15 = 'RSSMRA80F01H501';
    const r = validaCodiceFiscale(primi15 + carattereControllo(primi15));
    expect(!r.valido && r.errori[0]!.codice).toBe('MESE');
    expect(!r.valido && r.errori[0]!.messaggio).toMatch(/mese di nascita «F»/);
  });

  it('checks the day range (1–31 men, 41–71 women, real calendar)', () => {
    const withDay = (dd: string, m = 'A', yy = '80') => {
      const p = `RSSMRA${yy}${m}${dd}H501`;
      return validaCodiceFiscale(p + carattereControllo(p));
    };
    expect(withDay('31').valido).toBe(true);
    expect(withDay('71').valido).toBe(true);
    expect(withDay('41').valido).toBe(true);
    for (const bad of ['00', '32', '35', '40', '72', '99']) {
      const r = withDay(bad);
      expect(!r.valido && r.errori[0]!.codice).toBe('GIORNO');
    }
    // 30 February never exists; 29 February exists in 2000 but not 1900 → accepted for yy=00
    expect(withDay('30', 'B').valido).toBe(false);
    expect(withDay('29', 'B', '00').valido).toBe(true);
    expect(withDay('29', 'B', '01').valido).toBe(false);
    expect(withDay('31', 'D').valido).toBe(false); // April
    expect(withDay('71', 'D').valido).toBe(false);
  });

  it('checks character classes per position with the position in the message', () => {
    const p = 'RSSMRA8AA01H501';
    const r = validaCodiceFiscale(p + carattereControllo(p));
    expect(r.valido).toBe(false);
    if (!r.valido) {
      expect(r.errori[0]!.posizione).toBe(7);
      expect(r.errori[0]!.messaggio).toMatch(/posizione 8 \(anno di nascita\)/);
    }
  });

  it('accepts the provisional 11-digit numeric CF with partita IVA check digit', () => {
    expect(cifraControlloNumerico('0123456789')).toBe('7');
    expect(validaCodiceFiscale('01234567897')).toMatchObject({ valido: true, tipo: 'numerico' });
    const r = validaCodiceFiscale('01234567890');
    expect(!r.valido && r.errori[0]!.messaggio).toBe('La cifra di controllo non è corretta: attesa 7.');
    expect(validaCodiceFiscale('0123456789A').valido).toBe(false);
    expect(() => decodeCodiceFiscale('01234567897')).toThrow(/numerico provvisorio/);
  });
});

describe('omocodia', () => {
  const cf = 'RSSMRA80A01H501U';
  it('produces variants in the standard order, rightmost digit first', () => {
    const v = omocodici(cf);
    expect(v).toHaveLength(7);
    expect(v[0]!.slice(0, 15)).toBe('RSSMRA80A01H50M');
    expect(v[1]!.slice(0, 15)).toBe('RSSMRA80A01H5LM');
    expect(v[2]!.slice(0, 15)).toBe('RSSMRA80A01HRLM');
    expect(v[3]!.slice(0, 15)).toBe('RSSMRA80A0MHRLM');
    expect(v[4]!.slice(0, 15)).toBe('RSSMRA80ALMHRLM');
    expect(v[6]!.slice(0, 15)).toBe('RSSMRAULALMHRLM');
    v.forEach((x, i) => {
      expect(isCodiceFiscaleValido(x)).toBe(true);
      expect(livelloOmocodia(x)).toBe(i + 1);
      expect(codiceFiscaleBase(x)).toBe(cf);
    });
    expect(omocodici(cf, 2)).toEqual(v.slice(0, 2));
    expect(omocodice(v[3]!, 1)).toBe(v[0]);
    expect(omocodice(v[3]!, 0)).toBe(cf);
  });
});

describe('decodeCodiceFiscale', () => {
  it('decodes sex, date, belfiore, omocodia level', () => {
    const d = decodeCodiceFiscale(omocodice('BNCNNA75T55F205' + carattereControllo('BNCNNA75T55F205'), 2), '2026-01-01');
    expect(d).toMatchObject({ sesso: 'F', dataNascita: '1975-12-15', belfiore: 'F205', livelloOmocodia: 2 });
  });

  it('resolves the century with the reference date', () => {
    const p = 'RSSMRA20A01H501';
    const c = p + carattereControllo(p);
    expect(decodeCodiceFiscale(c, '2026-05-01')).toMatchObject({ dataNascita: '2020-01-01', dataNascitaAlternativa: '1920-01-01' });
    expect(decodeCodiceFiscale(c, '2019-12-31')).toMatchObject({ dataNascita: '1920-01-01', dataNascitaAlternativa: null });
    const q = 'RSSMRA30A01H501';
    expect(decodeCodiceFiscale(q + carattereControllo(q), '2026-05-01').dataNascita).toBe('1930-01-01');
    // 29/02/00 only exists in 2000
    const f = 'RSSMRA00B29H501';
    expect(decodeCodiceFiscale(f + carattereControllo(f), '1999-01-01').dataNascita).toBe('2000-02-29');
  });

  it('confronta reports mismatches like AE (EA038/EA042)', () => {
    const dati: DatiCodiceFiscale = { cognome: 'Rossi', nome: 'Mario', sesso: 'M', dataNascita: '1980-01-01', belfiore: 'H501' };
    expect(confrontaCodiceFiscale('RSSMRA80A01H501U', dati)).toEqual([]);
    expect(confrontaCodiceFiscale(omocodice('RSSMRA80A01H501U', 3), dati)).toEqual([]);
    const diff = confrontaCodiceFiscale('RSSMRA80A01H501U', { ...dati, sesso: 'F', dataNascita: '1980-01-02', belfiore: 'F205' });
    expect(diff.map((d) => d.campo)).toEqual(['sesso', 'dataNascita', 'luogoNascita']);
  });
});

// ---------------------------------------------------------------------------
// Property tests

const MIN_DAY = toDayNumber('1900-01-01');
const MAX_DAY = toDayNumber('2099-12-31');

const nomeArb = fc
  .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÈÉÌÒÙ \''.split('')), { minLength: 1, maxLength: 14 })
  .map((a) => a.join(''));

const datiArb: fc.Arbitrary<DatiCodiceFiscale> = fc.record({
  cognome: nomeArb,
  nome: nomeArb,
  sesso: fc.constantFrom<'M' | 'F'>('M', 'F'),
  dataNascita: fc.integer({ min: MIN_DAY, max: MAX_DAY }).map(fromDayNumber),
  belfiore: fc
    .tuple(fc.constantFrom(...'ABCDEFGHILMZ'.split('')), fc.integer({ min: 0, max: 999 }))
    .map(([l, n]) => l + String(n).padStart(3, '0')),
});

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

describe('property tests', () => {
  it('compute → validate is always valid and decodes back to the same data', () => {
    fc.assert(
      fc.property(datiArb, (dati) => {
        const cf = calcolaCodiceFiscale(dati);
        expect(validaCodiceFiscale(cf).valido).toBe(true);
        const d = decodeCodiceFiscale(cf, '2100-01-01');
        expect(d.sesso).toBe(dati.sesso);
        expect(d.belfiore).toBe(dati.belfiore);
        expect([d.dataNascita, d.dataNascitaAlternativa]).toContain(dati.dataNascita);
        expect(confrontaCodiceFiscale(cf, dati)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('every omocode variant validates and decodes to the same data', () => {
    fc.assert(
      fc.property(datiArb, fc.integer({ min: 1, max: 7 }), (dati, level) => {
        const cf = calcolaCodiceFiscale(dati);
        const base = decodeCodiceFiscale(cf, '2100-01-01');
        const variants = omocodici(cf, level);
        expect(new Set(variants).size).toBe(level);
        for (const [i, v] of variants.entries()) {
          expect(v).not.toBe(cf);
          const d = decodeCodiceFiscale(v, '2100-01-01');
          expect(d.livelloOmocodia).toBe(i + 1);
          expect({ ...d, codiceFiscale: cf, livelloOmocodia: 0 }).toEqual(base);
        }
      }),
      { numRuns: 500 },
    );
  });

  /*
   * Single-character substitution. Every position accepts either letters only or
   * digits + the 10 omocodia letters. Within both classes the per-position weights
   * (odd table: a permutation of 0..25; even table: digit d → d, L…V → 11,12,13,15…21)
   * are pairwise distinct mod 26, so any substitution that keeps the format changes the
   * weighted sum mod 26 and breaks the check character. A digit → omocodia-letter
   * substitution produces a *valid different CF only if the check character is
   * recomputed* — which is exactly how omocodes are built. So: flipping any one
   * character (check character included) always yields an invalid CF.
   */
  it('changing any single character makes the CF invalid', () => {
    fc.assert(
      fc.property(
        datiArb,
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 0, max: 15 }),
        fc.constantFrom(...ALNUM),
        (dati, level, pos, ch) => {
          const cf = omocodice(calcolaCodiceFiscale(dati), level);
          fc.pre(cf[pos] !== ch);
          const mutated = cf.slice(0, pos) + ch + cf.slice(pos + 1);
          expect(validaCodiceFiscale(mutated).valido).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('changing a single digit of a numeric CF makes it invalid', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 9 }), (p, pos, d) => {
        const cf = p + cifraControlloNumerico(p);
        expect(validaCodiceFiscale(cf).valido).toBe(true);
        fc.pre(cf[pos] !== String(d));
        expect(validaCodiceFiscale(cf.slice(0, pos) + d + cf.slice(pos + 1)).valido).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
