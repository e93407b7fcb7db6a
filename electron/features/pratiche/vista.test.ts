import { describe, expect, it } from 'vitest';
import { nomeSoggettoDa } from './vista';

describe('the subject shown for a pratica', () => {
  it('is the first person the payload names, in element order, ignoring hidden keys (the form notes under _famiglia)', () => {
    const payload1001 = {
      _famiglia: { componenti: [{ cognome: 'Bozza', nome: 'Nonsalvata' }] },
      generalita1001: { generalita: { cognome: 'Rossi', nome: 'Tommaso' } },
      paternita: { generalita: { cognome: 'ROSSI', nome: 'MARIO' } },
    };
    expect(nomeSoggettoDa(payload1001)).toBe('ROSSI TOMMASO');
    const payload5001 = { famigliaConvivenza: { idFamigliaConvivenzaANPR: '1' }, elencoSoggettiFamiglia: [{ generalita: { codiceFiscale: {}, cognome: 'Bianchi', nome: 'Laura' } }, { generalita: { cognome: 'X', nome: 'Y' } }] };
    expect(nomeSoggettoDa(payload5001)).toBe('BIANCHI LAURA');
  });

  it("falls back to the person the pratica was started for when the payload names nobody (a family's move)", () => {
    expect(nomeSoggettoDa({ generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: '1' } }, 'Aiello Vincenzo')).toBe('AIELLO VINCENZO');
    expect(nomeSoggettoDa({ generalita: { cognome: 'Rossi', nome: 'Luca' } }, 'Aiello Vincenzo')).toBe('ROSSI LUCA');
    expect(nomeSoggettoDa({ generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: '1' } }, '  ')).toBeNull();
  });

  it('is null when the payload names nobody (or only half a name)', () => {
    expect(nomeSoggettoDa({ famigliaConvivenza: { idFamigliaConvivenzaANPR: '1' } })).toBeNull();
    expect(nomeSoggettoDa({ generalita: { cognome: 'ROSSI', nome: ' ' } })).toBeNull();
    expect(nomeSoggettoDa(null)).toBeNull();
  });
});
