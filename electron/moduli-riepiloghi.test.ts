/** The review step's sentence of each form: a realistic value set → what the clerk reads before "Invia ad ANPR". */
import { beforeAll, describe, expect, it } from 'vitest';
import { generalitaVuota, luogoVuoto, soggettoVuoto } from '../shared/anpr/moduli/regole';
import { indirizzoVuoto } from '../shared/anpr/moduli/indirizzo';
import { riepilogo1001, valoriIniziali1001 } from '../shared/anpr/moduli/m1001';
import { riepilogo1002, valoriIniziali1002 } from '../shared/anpr/moduli/m1002';
import { riepilogo2001 } from '../shared/anpr/moduli/m2001';
import { riepilogo2003, valoriIniziali2003 } from '../shared/anpr/moduli/m2003';
import { componenteVuoto, riepilogo5001, valoriIniziali5001 } from '../shared/anpr/moduli/m5001';
import { riepilogo5005 } from '../shared/anpr/moduli/m5005';
import { riepilogo5005AltroComune } from '../shared/anpr/moduli/m5005altroComune';
import { riepilogo5008, valoriIniziali5008 } from '../shared/anpr/moduli/m5008';
import { riepilogoAnnullamento, valoriInizialiAnnullamento } from '../shared/anpr/moduli/mAnnullamenti';
import { riepilogo5013, schema5013, valoriIniziali5013 } from '../shared/anpr/moduli/m5013';
import { caricaTabelleUfficiali } from './test-support/tabelle-moduli';

// Descriptions and foreign states come from the official tables, as in the app.
beforeAll(async () => {
  caricaTabelleUfficiali();
});

const mario = soggettoVuoto({ idSchedaSoggettoANPR: '1234567', codiceFiscale: 'RSSMRA80A01H501U', cognome: 'Rossi', nome: 'Mario' });
const laura = soggettoVuoto({ codiceFiscale: 'BNCLRA82B41F205H', cognome: 'Bianchi', nome: 'Laura' });
const roma = luogoVuoto({ nomeComune: 'Roma', codiceIstat: '058091', siglaProvincia: 'RM', belfiore: 'H501' });
const viaDeiMille = indirizzoVuoto({ nomeComune: 'BAGNOREGIO', codiceIstat: '056003', siglaProvincia: 'VT', cap: '01022', specie: 'VIA', denominazione: 'dei Mille', numero: '12' });

describe('the review sentence of each form', () => {
  it('5005: who moves, with how many, where, from when', () => {
    const contesto = { soggetto: { ...mario, idFamigliaConvivenzaANPR: '998877', componentiFamiglia: 3 } };
    const v = { dataDecorrenza: '03/12/2026', numeroPratica: '', idFamigliaConvivenzaANPR: '998877', soggettoRiferimento: '1234567', tipoMutazione: '2', indirizzo: { ...viaDeiMille, piano: '2', interno: '5' } };
    expect(riepilogo5005(v, contesto)).toBe('ROSSI MARIO (RSSMRA80A01H501U) trasferisce la residenza, con la sua famiglia di 3 persone, in VIA DEI MILLE 12, piano 2, interno 5, Bagnoregio, dal 03/12/2026.');
    // Reopened without the subject's data: the family is named by its ID.
    expect(riepilogo5005({ ...v, tipoMutazione: '3' }, {})).toBe('La famiglia ID ANPR 998877 trasferisce la dimora abituale in VIA DEI MILLE 12, piano 2, interno 5, Bagnoregio, dal 03/12/2026.');
  });

  it('5005 from another comune: who arrives, from where, into which family or address, from when', () => {
    const v = {
      variante: 'altro-comune' as const,
      dataDecorrenza: '03/12/2026',
      numeroPratica: '',
      provenienza: { nomeComune: 'Viterbo', codiceIstat: '056059', siglaProvincia: 'VT' },
      persone: [
        { soggetto: mario, codiceLegame: '1' },
        { soggetto: laura, codiceLegame: '2' },
      ],
      movimentazione: '1',
      idFamiglia: '',
      indirizzo: viaDeiMille,
    };
    expect(riepilogo5005AltroComune(v)).toBe(
      'ROSSI MARIO (RSSMRA80A01H501U), BIANCHI LAURA (BNCLRA82B41F205H) trasferiscono la residenza dal comune di VITERBO in una nuova famiglia in VIA DEI MILLE 12, Bagnoregio, dal 03/12/2026.',
    );
    expect(riepilogo5005AltroComune({ ...v, persone: [{ soggetto: laura, codiceLegame: '2' }], movimentazione: '3', idFamiglia: '998877' })).toBe(
      'BIANCHI LAURA (BNCLRA82B41F205H) trasferisce la residenza dal comune di VITERBO nella famiglia già residente ID ANPR 998877, dal 03/12/2026.',
    );
  });

  it('1002: who is registered, why, from where, at which address, in which family', () => {
    const v = {
      ...valoriIniziali1002({}),
      dataDecorrenza: '01/12/2026',
      motivo: '3',
      persona: generalitaVuota({ codiceFiscale: 'VRDGPP75C12L219X', cognome: 'Verdi', nome: 'Giuseppe', sesso: 'M', dataNascita: '12/03/1975' }),
      conProvenienza: true,
      provenienza: roma,
      residenza: viaDeiMille,
      attribuzioneFamiglia: '1',
    };
    expect(riepilogo1002(v)).toBe(
      'Si iscrive in anagrafe VERDI GIUSEPPE (VRDGPP75C12L219X) per immigrazione (da comune non subentrato) (provenienza: Roma (RM)), con residenza in VIA DEI MILLE 12, Bagnoregio, in una nuova famiglia di cui è intestatario, dal 01/12/2026.',
    );
  });

  it('1001: the newborn, the parents and the family', () => {
    const v = {
      ...valoriIniziali1001({}),
      dataDecorrenza: '02/12/2026',
      neonato: generalitaVuota({ cognome: 'Rossi', nome: 'Giulia', sesso: 'F', dataNascita: '30/11/2026', luogoNascita: luogoVuoto({ nomeComune: 'Viterbo', siglaProvincia: 'VT' }) }),
      padre: mario,
      madre: laura,
      attribuzioneFamiglia: '1',
    };
    expect(riepilogo1001(v)).toBe(
      'Si iscrive per nascita ROSSI GIULIA, nata il 30/11/2026 a Viterbo (VT), figlia di ROSSI MARIO (RSSMRA80A01H501U) e BIANCHI LAURA (BNCLRA82B41F205H), nella famiglia dei genitori, dal 02/12/2026.',
    );
  });

  it('2001: a death, and the new head when the head of the family died', () => {
    const v = {
      dataDecorrenza: '02/12/2026',
      numeroPratica: '',
      soggetto: mario,
      motivo: '1',
      ruoloSoggetto: '1',
      dataMorte: '01/12/2026',
      luogo: { tipo: 'comune' as const, nomeComune: 'Roma', codiceIstat: '058091', siglaProvincia: 'RM', codiceStato: '', localita: '' },
      sentenza: { data: '', numero: '', tipoTribunale: '', autorita: '', dataValidita: '' },
      nuovoIntestatario: laura,
    };
    expect(riepilogo2001(v)).toBe(
      "Si cancella dall'anagrafe ROSSI MARIO (RSSMRA80A01H501U) per morte avvenuta il 01/12/2026 a Roma (RM); nuovo intestatario della famiglia: BIANCHI LAURA (BNCLRA82B41F205H), dal 02/12/2026.",
    );
  });

  it('2003: a removal and where the person went', () => {
    const v = { ...valoriIniziali2003({}), dataDecorrenza: '02/12/2026', soggetto: mario, motivo: '6', ruoloSoggetto: '2' };
    expect(riepilogo2003(v)).toBe("Si cancella dall'anagrafe ROSSI MARIO (RSSMRA80A01H501U) per irreperibilita, dal 02/12/2026.");
  });

  it('5001: the family and its members', () => {
    const v = { ...valoriIniziali5001({}), dataDecorrenza: '02/12/2026', idFamiglia: '998877', tipoScheda: '1', tipoMutazione: '1', componenti: [componenteVuoto({ soggetto: laura, codiceLegame: '1' })] };
    expect(riepilogo5001(v)).toBe('La famiglia ID ANPR 998877 cambia intestatario: un componente (BIANCHI LAURA (BNCLRA82B41F205H)), dal 02/12/2026.');
  });

  it('5008: a marriage', () => {
    const base = valoriIniziali5008({});
    const v = { ...base, dataDecorrenza: '20/03/2025', soggetto: mario, tipoMutazione: '12' as const, matrimonio: { ...base.matrimonio, coniuge: laura, data: '15/03/2025', luogo: roma } };
    expect(riepilogo5008(v)).toBe('Si registra il matrimonio di ROSSI MARIO (RSSMRA80A01H501U) con BIANCHI LAURA (BNCLRA82B41F205H) il 15/03/2025 a Roma (RM).');
  });

  it('annulments: which accepted operation, for whom, why', () => {
    const v = { ...valoriInizialiAnnullamento({}), dataDecorrenza: '03/12/2026', operazioneRichiesta: '5005', idOperazioneANPR: '4455', decorrenzaOriginale: '01/12/2026', motivo: 'Indirizzo errato', soggetto: mario };
    expect(riepilogoAnnullamento(v)).toBe("Si annulla il cambio di residenza di ROSSI MARIO (RSSMRA80A01H501U) del 01/12/2026 (id ANPR 4455), motivo: «Indirizzo errato», dal 03/12/2026.");
  });
});

describe('5013 revoca dato', () => {
  it('names the datum, the spouse and the date, the motive and the note', () => {
    const v = {
      ...valoriIniziali5013({ soggetto: { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'Rossi', nome: 'Mario' } }),
      dataDecorrenza: '04/12/2026',
      tipoRevoca: '6',
      motivoRevoca: '1',
      note: 'Trascritto per errore',
      coniuge: soggettoVuoto({ cognome: 'Bianchi', nome: 'Laura' }),
      dataEvento: '01/06/2010',
    };
    expect(riepilogo5013(v)).toBe('Si revoca il dato «matrimonio» con BIANCHI LAURA del 01/06/2010 di ROSSI MARIO (RSSMRA80A01H501U) per errore materiale («Trascritto per errore»), dal 04/12/2026.');
    expect(riepilogo5013({ ...v, tipoRevoca: '1', note: '' })).toBe('Si revoca il dato «paternità» di ROSSI MARIO (RSSMRA80A01H501U) per errore materiale, dal 04/12/2026.');
  });

  it('refuses notes outside the XSD pattern or over 80 characters, and «altro» without notes', () => {
    const v = { ...valoriIniziali5013({ soggetto: { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'Rossi', nome: 'Mario' } }), tipoRevoca: '1', motivoRevoca: '3' };
    const messaggi = (x: object) => (schema5013.safeParse(x).error?.issues ?? []).filter((i) => i.path[0] === 'note').map((i) => i.message);
    expect(messaggi({ ...v, note: '' })).toEqual(['Per «altro» descrivere il motivo nelle note.']);
    expect(messaggi({ ...v, note: 'perché sì' })).toEqual(["Nelle note sono ammessi solo lettere senza accento, cifre, spazi e i segni , . - '"]);
    expect(messaggi({ ...v, note: 'x'.repeat(81) })).toEqual(['Le note sono di al massimo 80 caratteri.']);
    expect(messaggi({ ...v, note: "Errore dell'ufficio, atto n. 12-B" })).toEqual([]);
  });
});
