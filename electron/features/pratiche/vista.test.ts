import { describe, expect, it } from 'vitest';
import { codiceFiscaleDi, idFamigliaDi, nomeSoggettoDi } from './vista';
import type { Pratica } from '../coda/types';

const pratica = (servizio: string, payload: unknown, avviataPer: string | null = null) =>
  ({ servizio, payload, metadati: { valoriModulo: null, variante: null, daAnnullare: null, avviataPer, seguitoDi: null, richiesta: null } }) as Pick<Pratica, 'servizio' | 'payload' | 'metadati'>;

describe('the subject shown for a pratica', () => {
  it('is the person where the service puts its subject, not any name the data mention', () => {
    const p1001 = pratica('1001', {
      // The father comes first in no order that matters: 1001's subject is the newborn.
      paternita: { generalita: { cognome: 'ROSSI', nome: 'MARIO' } },
      generalita1001: { generalita: { cognome: 'Rossi', nome: 'Tommaso', codiceFiscale: { codFiscale: 'rssTms26a01h501x' } } },
    });
    expect(nomeSoggettoDi(p1001)).toBe('ROSSI TOMMASO');
    expect(codiceFiscaleDi(p1001)).toBe('RSSTMS26A01H501X');
    const p5001 = pratica('5001', { famigliaConvivenza: { idFamigliaConvivenzaANPR: '1' }, elencoSoggettiFamiglia: [{ generalita: { cognome: 'Bianchi', nome: 'Laura' } }, { generalita: { cognome: 'X', nome: 'Y' } }] });
    expect(nomeSoggettoDi(p5001)).toBe('BIANCHI LAURA');
    expect(idFamigliaDi(p5001)).toBe('1');
    const p5012 = pratica('5012', { datiSchedaSoggettoFamigliaConvivenza: { soggetto: { cognome: 'Verdi', nome: 'Anna', codiceFiscale: 'VRDNNA80A41H501X' } } });
    expect(nomeSoggettoDi(p5012)).toBe('VERDI ANNA');
    expect(codiceFiscaleDi(p5012)).toBe('VRDNNA80A41H501X');
  });

  it("falls back to the person the pratica was started for when the data name nobody (a family's move)", () => {
    const trasloco = pratica('5005', { generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: '900' } }, 'Aiello Vincenzo');
    expect(nomeSoggettoDi(trasloco)).toBe('AIELLO VINCENZO');
    expect(idFamigliaDi(trasloco)).toBe('900');
    expect(nomeSoggettoDi(pratica('2003', { generalitaPerRicerca: { cognome: 'Rossi', nome: 'Luca' } }, 'Aiello Vincenzo'))).toBe('ROSSI LUCA');
    expect(nomeSoggettoDi(pratica('5005', { generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: '1' } }, '  '))).toBeNull();
  });

  it('is nobody for half a name, an incomplete draft, an XML body or a service that is not a pratica', () => {
    expect(nomeSoggettoDi(pratica('2003', { generalitaPerRicerca: { cognome: 'ROSSI', nome: ' ' } }))).toBeNull();
    expect(nomeSoggettoDi(pratica('1001', {}))).toBeNull();
    expect(codiceFiscaleDi(pratica('5005', { xml: '<Richiesta5005/>' }))).toBeNull();
    expect(nomeSoggettoDi(pratica('3002', { generalitaPerRicerca: { cognome: 'A', nome: 'B' } }))).toBeNull();
    expect(nomeSoggettoDi(pratica('2003', null))).toBeNull();
  });
});
