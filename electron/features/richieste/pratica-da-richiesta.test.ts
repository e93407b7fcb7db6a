import { describe, expect, it } from 'vitest';
import type { DettaglioRichiestaParsed } from '../../anpr/services/parse-response';
import { indirizzoDaRichiesta, propostaPratica, servizioProposto } from './pratica-da-richiesta';

const comune = { codiceIstat: '056003', nome: 'BAGNOREGIO', sigla: 'VT' };
const base: DettaglioRichiestaParsed = {
  codiceRichiesta: '900001',
  idTipologia: '2',
  dataApertura: '2026-12-03T23:30:00Z',
  statoCorrente: { idStato: '3' },
  storicoStati: [],
  recapiti: [],
  allegati: [],
  componenti: [],
  richiedente: { cognome: 'BIANCHI', nome: 'LUCA', codiceFiscale: 'BNCLCU80A01H501U', idSchedaSoggettoANPR: '123456789' } as DettaglioRichiestaParsed['richiedente'],
  indirizzoDichiarato: { cap: '01022', toponimo: { codSpecie: '1', specie: 'VIA', denominazioneToponimo: 'ROMA' }, civico: '12/B', scala: 'A', interno: '3' },
};

describe('pratica from a request', () => {
  it('reads the declared address of P000 (civico with its letter), the comune left to the caller', () => {
    expect(indirizzoDaRichiesta(base.indirizzoDichiarato)).toMatchObject({ cap: '01022', specie: 'VIA', denominazione: 'ROMA', numero: '12', lettera: 'B', scala: 'A', interno: '3', codiceIstat: '' });
  });

  it('a declaration of a family of the comune is a 5005 from the day of the declaration (Rome time), the comune filled in', () => {
    const p = propostaPratica(base, { comune, p001: { codiceRichiesta: '900001', idTipologia: '2', idStatoRichiesta: '3', dataApertura: base.dataApertura, idFamigliaConvivenzaANPR: '555' } })!;
    expect(p).toMatchObject({ servizio: '5005', variante: null, avviataPer: 'BIANCHI LUCA', dataDecorrenza: '2026-12-04', dataDichiarazione: '2026-12-04' });
    expect(p.valoriModulo).toMatchObject({ dataDecorrenza: '04/12/2026', idFamigliaConvivenzaANPR: '555', soggettoRiferimento: '123456789', indirizzo: { codiceIstat: '056003', nomeComune: 'BAGNOREGIO' } });
    expect(p.payload).toMatchObject({ generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: '555' } });
  });

  it('no family of the comune: 5005 from another comune with the members named; an EU citizen: 1002; a correction: 5008', () => {
    const altro = propostaPratica({ ...base, componenti: [{ codiceFiscale: 'BNCLCU80A01H501U', cognome: 'BIANCHI', nome: 'LUCA', dati: {} }, { cognome: 'BIANCHI', nome: 'ADA', idGradoParentela: '3', dati: {} }] }, { comune })!;
    expect(altro).toMatchObject({ servizio: '5005', variante: 'altro-comune' });
    expect((altro.valoriModulo['persone'] as { codiceLegame: string }[]).map((x) => x.codiceLegame)).toEqual(['1', '3']);
    expect(servizioProposto({ ...base, idTipologia: '4' })).toMatchObject({ servizio: '1002' });
    expect(servizioProposto({ ...base, idTipologia: '5' })).toBeNull();
    const rettifica = propostaPratica(
      { ...base, idTipologia: '1', datiSpecifici: { tipo: 'datiRettifica', dati: { rettificheRichieste: { infoRettifica: { idDatoAnagrafico: 'nome', valoreAttuale: 'LUCA', valoreRichiesto: 'LUCA MARIA' } } } } },
      { comune },
    )!;
    expect(rettifica).toMatchObject({ servizio: '5008', valoriModulo: { tipoMutazione: '1', generalita: { cognome: 'BIANCHI', nome: 'LUCA MARIA' }, soggetto: { idSchedaSoggettoANPR: '123456789' } } });
  });
});
