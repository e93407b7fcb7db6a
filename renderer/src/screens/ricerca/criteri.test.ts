import { describe, expect, it } from 'vitest';
import { costruisciCriterio, descriviCriterio, VALORI_VUOTI } from './criteri';

describe('search criteria typed at the front desk', () => {
  it('a surname is enough; name and birth date narrow the search', () => {
    expect(costruisciCriterio('generalita', { ...VALORI_VUOTI, cognome: ' Rossi ' })).toEqual({ criterio: { tipo: 'generalita', cognome: 'Rossi' } });
    expect(costruisciCriterio('generalita', { ...VALORI_VUOTI, cognome: 'Rossi', nome: 'Anna', data: '02/03/1980' })).toEqual({
      criterio: { tipo: 'generalita', cognome: 'Rossi', nome: 'Anna', dataNascita: '1980-03-02' },
    });
  });

  it('a birth date in the wrong format is an error at the field, never a search', () => {
    const r = costruisciCriterio('generalita', { ...VALORI_VUOTI, cognome: 'Rossi', data: '1980-03-02' });
    expect(r).toEqual({ errori: { data: 'La data «1980-03-02» non è nel formato gg/mm/aaaa.' } });
    expect(costruisciCriterio('generalita', { ...VALORI_VUOTI, nome: 'Anna' })).toMatchObject({ errori: { cognome: expect.stringContaining('cognome') } });
  });

  it('an address needs the street; the number is digits only', () => {
    expect(costruisciCriterio('indirizzo', { ...VALORI_VUOTI, via: 'dei Mille', numero: '12' })).toEqual({ criterio: { tipo: 'indirizzo', via: 'dei Mille', numero: '12' } });
    expect(costruisciCriterio('indirizzo', { ...VALORI_VUOTI, via: 'X', numero: '12a' })).toMatchObject({ errori: { via: expect.any(String), numero: expect.any(String) } });
  });

  it('the criterion in words, as shown above its results', () => {
    expect(descriviCriterio({ tipo: 'generalita', cognome: 'Rossi', nome: 'Anna', dataNascita: '1980-03-02' })).toBe('cognome ROSSI, nome ANNA, nato il 02/03/1980');
    expect(descriviCriterio({ tipo: 'indirizzo', via: 'dei mille', numero: '12' })).toBe('indirizzo DEI MILLE 12');
    expect(descriviCriterio({ tipo: 'codiceFiscale', codiceFiscale: 'rssmra80a01h501u' })).toBe('codice fiscale RSSMRA80A01H501U');
  });
});
