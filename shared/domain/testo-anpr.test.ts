import { describe, expect, it } from 'vitest';
import { normalizzaTestiPerAnpr, testoPerAnpr } from './testo-anpr';

// The pattern of ANPR's free-text elements (e.g. noteOperazione) in tipoDato.xsd.
const PATTERN_NOTE = /^([0-9a-zA-ZIi-À-žƉ,.\-'":; ])*$/u;

describe('text made acceptable to ANPR', () => {
  it('turns typographic punctuation pasted from a word processor into the ASCII the XSD allows', () => {
    const incollato = 'L’ufficiale ha detto: «ritrovato all’indirizzo» – vedi “verbale”…\u00A0fine';
    expect(PATTERN_NOTE.test(incollato)).toBe(false);
    const pulito = testoPerAnpr(incollato);
    expect(pulito).toBe('L\'ufficiale ha detto: "ritrovato all\'indirizzo" - vedi "verbale"... fine');
    expect(PATTERN_NOTE.test(pulito)).toBe(true);
  });

  it('leaves accented letters and plain text alone, and walks a whole payload', () => {
    expect(testoPerAnpr('Niccolò D\'Amato, perché sì')).toBe('Niccolò D\'Amato, perché sì');
    expect(normalizzaTestiPerAnpr({ a: 'l’altro', b: [{ c: '—' }], n: 3, v: true, z: null })).toEqual({ a: "l'altro", b: [{ c: '-' }], n: 3, v: true, z: null });
  });
});
