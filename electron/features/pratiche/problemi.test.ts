import { describe, expect, it } from 'vitest';
import { traduciProblema } from './problemi';

describe('XSD messages for the clerk', () => {
  it('name the field by its label with an example of the expected value, never by the element name', () => {
    const casi = [
      {
        grezzo: "riga 12: Element '{http://sogei.it/ANPR/tipoDato}numeroPraticaComune': [facet 'pattern'] The value '12/2026' is not accepted by the pattern '([0-9a-zA-Z\\- ])*'.",
        etichetta: 'Numero pratica del comune',
        esempio: 'ad esempio 2026-000012',
        elemento: 'numeroPraticaComune',
      },
      { grezzo: "Element '{x}cap': [facet 'pattern'] The value '1234' is not accepted by the pattern '[0-9]{5}'.", etichetta: 'CAP', esempio: 'ad esempio 01022', elemento: 'cap' },
      {
        grezzo: "Element '{x}dataDecorrenza': '2026-13-01' is not a valid value of the atomic type 'xs:date'.",
        etichetta: 'Data di decorrenza',
        esempio: 'ad esempio 03/12/2026',
        elemento: 'dataDecorrenza',
      },
      {
        grezzo: "Element '{x}idFamigliaConvivenzaANPR': [facet 'maxLength'] The value '12345678901234567' has a length of '17'; this exceeds the allowed maximum length of '16'.",
        etichetta: 'Famiglia (ID ANPR)',
        esempio: 'sole cifre',
        elemento: 'idFamigliaConvivenzaANPR',
      },
    ];
    for (const c of casi) {
      const p = traduciProblema(c.grezzo);
      expect(p.campo).toBe(c.elemento);
      expect(p.messaggio).toContain(`«${c.etichetta}»`);
      expect(p.messaggio).toContain(c.esempio);
      expect(p.messaggio).not.toContain(c.elemento);
      expect(p.originale).toBe(c.grezzo);
    }
  });

  it('an element with no label is put in words, not shown as it is', () => {
    const p = traduciProblema("Element '{x}descrizioneLocalita': [facet 'maxLength'] The value 'x' has a length of '90'; this exceeds the allowed maximum length of '80'.");
    expect(p.messaggio).toContain('«descrizione localita»');
    expect(p.messaggio).not.toContain('descrizioneLocalita');
    const m = traduciProblema("Element '{x}indirizzo': Missing child element(s). Expected is ( {x}numeroCivico ).");
    expect(m.messaggio).toBe('Manca un dato obbligatorio in «indirizzo»: Numero civico.');
  });
});
