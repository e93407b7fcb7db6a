/** Schemas of the operation forms: valid values pass, bad ones fail with the Italian message at the field. */
import { beforeAll, describe, expect, it } from 'vitest';
import { attoVuoto, cfCalcolato, generalitaVuota, luogoVuoto, soggettoVuoto } from '../shared/anpr/moduli/regole';
import { schema1001, valoriIniziali1001, versoPayload1001 } from '../shared/anpr/moduli/m1001';
import { daPayload1002, schema1002, valoriIniziali1002, versoPayload1002 } from '../shared/anpr/moduli/m1002';
import { indirizzoVuoto } from '../shared/anpr/moduli/indirizzo';
import { schema2003, valoriIniziali2003, versoPayload2003 } from '../shared/anpr/moduli/m2003';
import { componenteVuoto, daPayload5001, schema5001, valoriIniziali5001, versoPayload5001 } from '../shared/anpr/moduli/m5001';
import { daPayload5008, schema5008, valoriIniziali5008, versoPayload5008, type Valori5008 } from '../shared/anpr/moduli/m5008';
import { schemaAnnullamento, valoriInizialiAnnullamento } from '../shared/anpr/moduli/mAnnullamenti';

const schema1013 = schemaAnnullamento('1013');
const schema5012 = schemaAnnullamento('5012');
import { caricaTabelleUfficiali } from './test-support/tabelle-moduli';

// Descriptions and foreign states come from the official tables, as in the app.
beforeAll(async () => {
  caricaTabelleUfficiali();
});

function errori(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

const roma = luogoVuoto({ nomeComune: 'Roma', codiceIstat: '058091', siglaProvincia: 'RM', belfiore: 'H501' });
const mario = soggettoVuoto({ codiceFiscale: 'RSSMRA80A01H501U', cognome: 'Rossi', nome: 'Mario' });
const laura = soggettoVuoto({ codiceFiscale: 'BNCLRA82B41F205H', cognome: 'Bianchi', nome: 'Laura' });

function matrimonio(over: Partial<Valori5008['matrimonio']> = {}): Valori5008 {
  const v = valoriIniziali5008({ soggetto: { codiceFiscale: mario.codiceFiscale, cognome: 'Rossi', nome: 'Mario' } });
  return { ...v, dataDecorrenza: '20/03/2025', tipoMutazione: '12', matrimonio: { ...v.matrimonio, coniuge: laura, data: '15/03/2025', luogo: roma, ...over } };
}

describe('5008', () => {
  it('accepts a marriage and converts dates to yyyy-mm-dd', () => {
    const v = matrimonio();
    expect(schema5008.safeParse(v).success).toBe(true);
    const p = versoPayload5008(v);
    expect(p.matrimonio?.datiMatrimonio.dataEvento).toBe('2025-03-15');
    expect(p.datiControllo.tipoMutazione).toEqual(['12']);
    expect(p.statoCivile).toEqual({ statoCivile: '2' });
    expect(p.generalitaPerRicerca).toMatchObject({ codiceFiscale: { codFiscale: 'RSSMRA80A01H501U' }, cognome: 'ROSSI', nome: 'MARIO' });
  });

  it('refuses a wrong check character, an impossible date and a marriage after the decorrenza', () => {
    const e = errori(schema5008.safeParse(matrimonio({ coniuge: { ...laura, codiceFiscale: 'BNCLRA82B41F205X' }, data: '30/02/2025' })));
    expect(e['matrimonio.coniuge.codiceFiscale']).toBe('Il carattere di controllo non è corretto: atteso H.');
    expect(e['matrimonio.data']).toBe('Il giorno 30 non esiste nel mese 02/2025.');
    expect(errori(schema5008.safeParse(matrimonio({ data: '21/03/2025' })))['matrimonio.data']).toBe('La data del matrimonio non può essere successiva alla data di decorrenza.');
  });

  it('requires the block of each tipoMutazione', () => {
    const base = { ...valoriIniziali5008({}), dataDecorrenza: '20/03/2025', soggetto: mario };
    expect(errori(schema5008.safeParse(base))['tipoMutazione']).toBe('Scegliere il tipo di mutazione.');
    expect(errori(schema5008.safeParse({ ...base, tipoMutazione: '13' }))['vedovanza.dataMorte']).toBe('Indicare la data di morte del coniuge (gg/mm/aaaa).');
    const e14 = errori(schema5008.safeParse({ ...base, tipoMutazione: '14' }));
    expect(e14['cessazione.tipoCessazione']).toBe('Scegliere il tipo di cessazione (Tabella 31).');
    expect(e14['cessazione.dataSentenza']).toMatch(/^Indicare la sentenza/);
    expect(errori(schema5008.safeParse({ ...base, tipoMutazione: '1' }))['generalita.cognome']).toMatch(/^Indicare almeno un dato/);
    const e18 = errori(schema5008.safeParse({ ...base, tipoMutazione: '18' }));
    expect(e18['tipoMutazione']).toBeUndefined();
    expect(e18['unioneCivile.parte.cognome']).toBe("Indicare il cognome dell'altra parte dell'unione.");
    expect(e18['unioneCivile.data']).toBe("Indicare la data di costituzione dell'unione (gg/mm/aaaa).");
    const e19 = errori(schema5008.safeParse({ ...base, tipoMutazione: '19' }));
    expect(e19['tipoMutazione']).toBeUndefined();
    expect(e19['scioglimento.motivo']).toBe('Scegliere il motivo dello scioglimento (Tabella 43).');
    expect(errori(schema5008.safeParse({ ...base, soggetto: soggettoVuoto(), tipoMutazione: '13', vedovanza: { ...base.vedovanza, dataMorte: '01/03/2025' } }))).toEqual({
      'soggetto.cognome': 'Indicare il cognome del soggetto.',
      'soggetto.nome': 'Indicare il nome del soggetto.',
    });
  });

  it('divorce: stato civile 4; separation leaves it unchanged', () => {
    const base = { ...valoriIniziali5008({}), dataDecorrenza: '20/03/2025', soggetto: mario, tipoMutazione: '14' as const };
    const sent = { dataSentenza: '10/01/2025', numeroSentenza: '', tipoTribunale: '1', autorita: 'Tribunale di Roma', dataValidita: '10/02/2025' };
    const div = { ...base, cessazione: { ...base.cessazione, ...sent, tipoCessazione: '1' } };
    expect(schema5008.safeParse(div).success).toBe(true);
    expect(versoPayload5008(div).statoCivile).toEqual({ statoCivile: '4' });
    expect(versoPayload5008({ ...div, cessazione: { ...div.cessazione, tipoCessazione: '5' } }).statoCivile).toBeUndefined();
  });
});

describe('5008 unione civile (18) and scioglimento (19)', () => {
  const luca = soggettoVuoto({ codiceFiscale: 'VRDLCU85M12F205L', cognome: 'Verdi', nome: 'Luca' });
  const attoUnione = attoVuoto({ nomeComune: 'Roma', codiceIstat: '058091', siglaProvincia: 'rm', anno: '2025', parte: '2', serie: 'C', numeroAtto: '12', dataFormazione: '15/03/2025' });
  const base = (): Valori5008 => ({ ...valoriIniziali5008({ soggetto: { codiceFiscale: mario.codiceFiscale, cognome: 'Rossi', nome: 'Mario' } }), dataDecorrenza: '20/03/2025' });
  const unione = (over: Partial<Valori5008['unioneCivile']> = {}): Valori5008 => {
    const v = base();
    return { ...v, tipoMutazione: '18', unioneCivile: { ...v.unioneCivile, parte: luca, data: '15/03/2025', luogo: roma, atto: attoUnione, ...over } };
  };
  const scioglimento = (over: Partial<Valori5008['scioglimento']>): Valori5008 => {
    const v = base();
    return { ...v, tipoMutazione: '19', scioglimento: { ...v.scioglimento, parte: luca, ...over } };
  };
  const sentenza = { motivo: '3', dataSentenza: '10/01/2025', numeroSentenza: '123/2025', tipoTribunale: '1', autorita: 'Tribunale di Roma', dataValidita: '10/02/2025' };

  it('18: stato civile 6, the partner in unitoCivilmente, the union in attoUnione (ISO dates, upper case)', () => {
    const v = unione();
    expect(errori(schema5008.safeParse(v))).toEqual({});
    const p = versoPayload5008(v);
    expect(p.statoCivile).toEqual({ statoCivile: '6' });
    expect(p.datiControllo).toEqual({ tipoMutazione: ['18'] });
    expect(p.matrimonio).toBeUndefined();
    expect(p.unioneCivile).toEqual({
      unitoCivilmente: { codiceFiscale: { codFiscale: 'VRDLCU85M12F205L' }, cognome: 'VERDI', nome: 'LUCA' },
      attoUnione: {
        dataEvento: '2025-03-15',
        luogoEvento: { comune: { nomeComune: 'ROMA', codiceIstat: '058091', siglaProvinciaIstat: 'RM' } },
        attoEvento: { comuneRegistrazione: { nomeComune: 'ROMA', codiceIstat: '058091', siglaProvinciaIstat: 'RM' }, anno: '2025', parte: '2', serie: 'C', numeroAtto: '12', dataFormazioneAtto: '2025-03-15' },
      },
    });
  });

  it('18 round trip: a reopened draft gives back the same values and payload', () => {
    const p = versoPayload5008(unione());
    const v = daPayload5008(p as unknown as Record<string, unknown>, '2025-03-20');
    expect(v.tipoMutazione).toBe('18');
    expect(v.unioneCivile.data).toBe('15/03/2025');
    expect(v.unioneCivile.parte).toMatchObject({ codiceFiscale: 'VRDLCU85M12F205L', cognome: 'VERDI', nome: 'LUCA' });
    expect(v.unioneCivile.atto.numeroAtto).toBe('12');
    expect(schema5008.safeParse(v).success).toBe(true);
    expect(versoPayload5008(v)).toEqual(p);
  });

  it('18 refuses at the field: a partner of the other sex (typed or from the CF), the subject itself, a union after the decorrenza, an act older than the union', () => {
    expect(errori(schema5008.safeParse(unione({ parte: laura })))['unioneCivile.parte.codiceFiscale']).toBe("L'unione civile si costituisce tra persone dello stesso sesso (legge 76/2016).");
    expect(errori(schema5008.safeParse(unione({ parte: { ...luca, codiceFiscale: '', sesso: 'F' } })))['unioneCivile.parte.sesso']).toBe("L'unione civile si costituisce tra persone dello stesso sesso (legge 76/2016).");
    expect(errori(schema5008.safeParse(unione({ parte: { ...mario } })))['unioneCivile.parte.codiceFiscale']).toBe("L'altra parte non può essere il soggetto stesso.");
    expect(errori(schema5008.safeParse(unione({ data: '21/03/2025' })))['unioneCivile.data']).toBe("La data di costituzione dell'unione non può essere successiva alla data di decorrenza.");
    const e = errori(schema5008.safeParse(unione({ atto: { ...attoUnione, anno: '2024', dataFormazione: '14/03/2025' } })));
    expect(e['unioneCivile.atto.anno']).toBe("L'anno dell'atto non può precedere quello dell'evento.");
    expect(e['unioneCivile.atto.dataFormazione']).toBe("La data di formazione dell'atto non può precedere la data dell'evento.");
    // Two women are fine.
    const donne = { ...unione({ parte: laura }), soggetto: soggettoVuoto({ cognome: 'Neri', nome: 'Anna', sesso: 'F' as const }) };
    expect(schema5008.safeParse(donne).success).toBe(true);
  });

  it('19 by sentenza: stato civile 8, only the sentenza (never datiEvento); round trip', () => {
    const v = scioglimento({ ...sentenza, dataEvento: '01/03/2025' });
    expect(errori(schema5008.safeParse(v))).toEqual({});
    const p = versoPayload5008(v);
    expect(p.statoCivile).toEqual({ statoCivile: '8' });
    expect(p.datiControllo).toEqual({ tipoMutazione: ['19'] });
    expect(p.unioneCivile).toEqual({
      unitoCivilmente: { codiceFiscale: { codFiscale: 'VRDLCU85M12F205L' }, cognome: 'VERDI', nome: 'LUCA' },
      scioglimentoUnione: { motivoScioglimento: '3', sentenza: { data: '2025-01-10', numero: '123/2025', tipoTribunale: '1', autorita: 'TRIBUNALE DI ROMA', dataValidita: '2025-02-10' } },
    });
    const r = daPayload5008(p as unknown as Record<string, unknown>);
    expect(r.tipoMutazione).toBe('19');
    expect(r.scioglimento).toMatchObject({ motivo: '3', dataSentenza: '10/01/2025', numeroSentenza: '123/2025', tipoTribunale: '1', autorita: 'TRIBUNALE DI ROMA', dataValidita: '10/02/2025' });
    expect(versoPayload5008(r)).toEqual(p);
  });

  it('19 by agreement or for the death of the partner: datiEvento only; stato civile 8 or 7; round trip', () => {
    const accordo = scioglimento({ motivo: '1', dataEvento: '01/03/2025', atto: { ...attoUnione, numeroAtto: '40', dataFormazione: '01/03/2025' }, dataSentenza: '10/01/2025' });
    expect(errori(schema5008.safeParse(accordo))).toEqual({});
    const p = versoPayload5008(accordo);
    expect(p.statoCivile).toEqual({ statoCivile: '8' });
    expect(p.unioneCivile?.scioglimentoUnione).toEqual({
      motivoScioglimento: '1',
      datiEvento: { dataEvento: '2025-03-01', attoEvento: { comuneRegistrazione: { nomeComune: 'ROMA', codiceIstat: '058091', siglaProvinciaIstat: 'RM' }, anno: '2025', parte: '2', serie: 'C', numeroAtto: '40', dataFormazioneAtto: '2025-03-01' } },
    });
    expect(versoPayload5008(daPayload5008(p as unknown as Record<string, unknown>))).toEqual(p);
    const morte = scioglimento({ motivo: '98', dataEvento: '01/03/2025' });
    expect(schema5008.safeParse(morte).success).toBe(true);
    const pm = versoPayload5008(morte);
    expect(pm.statoCivile).toEqual({ statoCivile: '7' });
    expect(pm.unioneCivile?.scioglimentoUnione).toEqual({ motivoScioglimento: '98', datiEvento: { dataEvento: '2025-03-01' } });
    expect(versoPayload5008(daPayload5008(pm as unknown as Record<string, unknown>))).toEqual(pm);
  });

  it('19 refuses at the field: the sentenza data for motivo 3, the event date otherwise, dates after the decorrenza', () => {
    const e3 = errori(schema5008.safeParse(scioglimento({ motivo: '3' })));
    expect(e3['scioglimento.dataSentenza']).toBe('Indicare la data della sentenza (gg/mm/aaaa).');
    expect(e3['scioglimento.tipoTribunale']).toBe("Scegliere l'autorità che ha emesso la sentenza (Tabella 32).");
    expect(e3['scioglimento.autorita']).toBe("Indicare l'autorità (es. Tribunale di Roma).");
    expect(e3['scioglimento.dataValidita']).toBe('Indicare la data di passaggio in giudicato (gg/mm/aaaa).');
    expect(e3['scioglimento.dataEvento']).toBeUndefined();
    const e1 = errori(schema5008.safeParse(scioglimento({ motivo: '1' })));
    expect(e1).toEqual({ 'scioglimento.dataEvento': 'Indicare la data dello scioglimento (gg/mm/aaaa).' });
    expect(errori(schema5008.safeParse(scioglimento({ motivo: '98', dataEvento: '21/03/2025' })))['scioglimento.dataEvento']).toBe("La data di morte dell'altra parte non può essere successiva alla data di decorrenza.");
    expect(errori(schema5008.safeParse(scioglimento({ ...sentenza, dataValidita: '09/01/2025' })))['scioglimento.dataValidita']).toBe('La data di passaggio in giudicato non può precedere la data della sentenza.');
    expect(errori(schema5008.safeParse(scioglimento({ motivo: '1', dataEvento: '01/03/2025', parte: soggettoVuoto() })))['scioglimento.parte.cognome']).toBe("Indicare il cognome dell'altra parte dell'unione.");
  });

  it('a draft saved before these blocks existed still validates (empty blocks)', () => {
    const { unioneCivile: _u, scioglimento: _s, ...vecchia } = matrimonio();
    const r = schema5008.safeParse(vecchia);
    expect(r.success).toBe(true);
    expect(r.data?.unioneCivile.parte).toEqual(soggettoVuoto());
    expect(errori(schema5008.safeParse({ ...vecchia, tipoMutazione: '18' }))['unioneCivile.data']).toMatch(/^Indicare la data di costituzione/);
  });
});

describe('1001', () => {
  const neonato = generalitaVuota({ cognome: 'Rossi', nome: 'Luca', sesso: 'M', dataNascita: '20/03/2025', luogoNascita: roma });
  const base = { ...valoriIniziali1001({}), dataDecorrenza: '21/03/2025', neonato, padre: mario, madre: laura };

  it('computes the codice fiscale from the data with the Belfiore code', () => {
    expect(cfCalcolato(neonato)).toBe('RSSLCU25C20H501I');
  });

  it('accepts the usual case and produces the parents and datiControllo', () => {
    expect(schema1001.safeParse(base).success).toBe(true);
    const p = versoPayload1001(base);
    expect(p.generalita1001.generalita).toMatchObject({ cognome: 'ROSSI', dataNascita: '2025-03-20', luogoNascita: { comune: { codiceIstat: '058091', siglaProvinciaIstat: 'RM' } } });
    expect(p.datiControllo).toEqual({ origineCognome: '1', filiazione: '1', attribuzioneFamiglia: '1', gestioneCF: '1' });
    expect(p.famConv).toBeUndefined();
  });

  it('refuses missing parents for the filiazione, a family id missing for attribuzione 5, a CF that contradicts the data', () => {
    const e = errori(schema1001.safeParse({ ...base, madre: soggettoVuoto(), attribuzioneFamiglia: '5' }));
    expect(e['madre.codiceFiscale']).toBe('Indicare la madre (codice fiscale o ID ANPR, cognome e nome).');
    expect(e['idFamiglia']).toMatch(/^Indicare l'ID ANPR della famiglia/);
    const cf = errori(schema1001.safeParse({ ...base, neonato: { ...neonato, codiceFiscale: 'RSSLCU25C21H501H' } }));
    expect(cf['neonato.codiceFiscale']).toBe('Il codice fiscale non corrisponde alla data di nascita e al sesso indicati.');
    expect(errori(schema1001.safeParse({ ...base, neonato: { ...neonato, dataNascita: '22/03/2025' } }))['neonato.dataNascita']).toBe(
      'La data di nascita non può essere successiva alla data di decorrenza.',
    );
  });
});

describe('2003', () => {
  const base = { ...valoriIniziali2003({}), dataDecorrenza: '20/03/2025', soggetto: mario };
  it('requires the motive and a foreign destination for a foreigner moving abroad', () => {
    expect(errori(schema2003.safeParse(base))['motivo']).toBe('Scegliere il motivo della cancellazione (Tabella 15).');
    expect(errori(schema2003.safeParse({ ...base, motivo: '5', destinazione: roma }))['destinazione.tipo']).toBe("Per il trasferimento all'estero la destinazione è uno stato estero.");
    const v = { ...base, motivo: '5', destinazione: luogoVuoto({ tipo: 'estero', codiceStato: '215' }) };
    expect(schema2003.safeParse(v).success).toBe(true);
    expect(versoPayload2003(v)).toMatchObject({ datiCancellazione: { motivoCancellazione: '5', dataDecorrenzaCancellazione: '2025-03-20' }, destinazione: { localita: { codiceStato: '215', descrizioneStato: 'FRANCIA' } } });
    expect(errori(schema2003.safeParse({ ...v, destinazione: luogoVuoto({ tipo: 'estero', codiceStato: '777' }) }))['destinazione.codiceStato']).toBe('Il codice 777 non è nella tabella degli stati esteri.');
  });
});

describe('annullamenti', () => {
  const contesto = { soggetto: { codiceFiscale: mario.codiceFiscale, cognome: 'Rossi', nome: 'Mario' }, praticaDaAnnullare: { servizio: '1001', idOperazioneComune: '77', idOperazioneANPR: '123', dataDecorrenza: '2025-03-20' } };
  it('takes the ids from the pratica and checks the service family', () => {
    const v = { ...valoriInizialiAnnullamento(contesto), dataDecorrenza: '21/03/2025', note: 'Errore' };
    expect(schema1013.safeParse(v).success).toBe(true);
    expect(errori(schema5012.safeParse(v))['operazioneRichiesta']).toBe('Con il servizio 5012 si annullano solo le pratiche 5001, 5005, 5008.');
    expect(errori(schema1013.safeParse({ ...v, note: '' }))['note']).toBe("Indicare perché si annulla l'operazione.");
  });
});

describe('1002', () => {
  const persona = generalitaVuota({ cognome: 'Popescu', nome: 'Andrei', sesso: 'M', dataNascita: '04/03/1990', luogoNascita: luogoVuoto({ tipo: 'estero', codiceStato: '235', localita: 'Bucarest' }) });
  const residenza = indirizzoVuoto({ nomeComune: 'Roma', codiceIstat: '058091', siglaProvincia: 'RM', cap: '00185', denominazione: 'Giolitti', numero: '3' });
  const base = {
    ...valoriIniziali1002({}),
    dataDecorrenza: '20/03/2025',
    motivo: '4',
    persona,
    cittadinanza: '235',
    provenienza: luogoVuoto({ tipo: 'estero', codiceStato: '235' }),
    residenza,
  };

  it('accepts an immigrant from abroad founding a new family: head, address with its decorrenza', () => {
    expect(cfCalcolato(persona)).toBe('PPSNDR90C04Z129U');
    expect(schema1002.safeParse(base).success).toBe(true);
    const p = versoPayload1002(base);
    expect(p.motivoIscrizione).toEqual({ idMotivoIscrizione: '4' });
    expect(p.generalita1002.generalita).toMatchObject({ cognome: 'POPESCU', dataNascita: '1990-03-04', luogoNascita: { localita: { codiceStato: '235', descrizioneStato: 'ROMANIA' } } });
    expect(p.cittadinanza).toEqual([{ codiceStato: '235', descrizioneStato: 'ROMANIA' }]);
    expect(p.provenienza).toEqual({ localita: { codiceStato: '235', descrizioneStato: 'ROMANIA' } });
    expect(p.residenza[0]).toMatchObject({ tipoIndirizzo: '1', dataDecorrenzaResidenza: '2025-03-20', indirizzo: { toponimo: { specie: 'VIA', denominazioneToponimo: 'GIOLITTI' }, numeroCivico: { numero: '3' } } });
    expect(p.famiglia).toEqual({ famiglia: { tipoScheda: '1' }, legameSoggetto: { tipoLegame: '3', dataDecorrenza: '2025-03-20', codiceLegame: '1' } });
    expect(p.datiControllo).toEqual({ attribuzioneFamiglia: '1', gestioneCF: '1' });
    expect(versoPayload1002(daPayload1002(p as unknown as Record<string, unknown>))).toEqual(p);
  });

  it('joins an existing family or a convivenza by ID with the relation', () => {
    const fam = { ...base, attribuzioneFamiglia: '5', idFamiglia: '123456789012', codiceLegame: '13' };
    expect(schema1002.safeParse(fam).success).toBe(true);
    expect(versoPayload1002(fam).famiglia).toEqual({ famiglia: { idFamigliaConvivenzaANPR: '123456789012', tipoScheda: '1' }, legameSoggetto: { tipoLegame: '3', dataDecorrenza: '2025-03-20', codiceLegame: '13' } });
    expect(versoPayload1002(fam).residenza[0]!.dataDecorrenzaResidenza).toBeUndefined();
    const conv = { ...fam, attribuzioneFamiglia: '4', codiceLegame: '2' };
    expect(schema1002.safeParse(conv).success).toBe(true);
    expect(versoPayload1002(conv)).toMatchObject({ convivenza: { convivenza: { tipoScheda: '2' }, legameSoggetto: { tipoLegame: '4', codiceLegame: '2' } } });
    expect(versoPayload1002(conv).famiglia).toBeUndefined();
  });

  it('refuses with the Italian message at the field', () => {
    const e = errori(schema1002.safeParse({ ...base, motivo: '', attribuzioneFamiglia: '5', codiceLegame: '1' }));
    expect(e['motivo']).toBe("Scegliere il motivo dell'iscrizione (Tabella 7).");
    expect(e['idFamiglia']).toBe("Indicare l'ID ANPR della famiglia in cui iscrivere il soggetto (EF030).");
    expect(e['codiceLegame']).toMatch(/^La famiglia ha già un intestatario/);
    expect(errori(schema1002.safeParse({ ...base, motivo: '3' }))['provenienza.tipo']).toBe("Per l'immigrazione da altro comune la provenienza è un comune italiano.");
    expect(errori(schema1002.safeParse({ ...base, motivo: '9' }))['note']).toBe('Per «Altri motivi» descrivere il motivo nelle note.');
    const r = errori(schema1002.safeParse({ ...base, residenza: { ...residenza, cap: '185', numero: '3b', codiceIstat: '' } }));
    expect(r['residenza.cap']).toBe('Il CAP è di 5 cifre (es. 01022).');
    expect(r['residenza.numero']).toMatch(/^Il numero civico è fatto di sole cifre/);
    expect(r['residenza.codiceIstat']).toBe('Indicare il codice ISTAT del comune (6 cifre).');
    expect(errori(schema1002.safeParse({ ...base, persona: { ...persona, codiceFiscale: 'PPSNDR90C04Z129U' } }))['gestioneCF']).toMatch(/^Per chiedere l'attribuzione il codice fiscale va lasciato vuoto/);
    expect(errori(schema1002.safeParse({ ...base, gestioneCF: '0' }))['persona.codiceFiscale']).toMatch(/^Indicare il codice fiscale da verificare/);
    expect(errori(schema1002.safeParse({ ...base, persona: { ...persona, dataNascita: '21/03/2025' } }))['persona.dataNascita']).toBe('La data di nascita non può essere successiva alla data di decorrenza.');
  });
});

describe('5001', () => {
  const base = { ...valoriIniziali5001({}), dataDecorrenza: '20/03/2025', idFamiglia: '123456789012', componenti: [componenteVuoto({ soggetto: laura, codiceLegame: '1' }), componenteVuoto({ soggetto: mario, codiceLegame: '2' })] };

  it('accepts a new head with the old one listed with the new relation', () => {
    expect(schema5001.safeParse(base).success).toBe(true);
    const p = versoPayload5001(base);
    expect(p.famigliaConvivenza).toEqual({ idFamigliaConvivenzaANPR: '123456789012', tipoScheda: '1' });
    expect(p.elencoSoggettiFamiglia[0]).toEqual({ generalita: { codiceFiscale: { codFiscale: 'BNCLRA82B41F205H' }, cognome: 'BIANCHI', nome: 'LAURA' }, legameSoggetto: { tipoLegame: '3', dataDecorrenza: '2025-03-20', codiceLegame: '1' } });
    expect(p.datiControllo).toEqual({ tipoMutazione: '1', tipoScheda: '1' });
    expect(versoPayload5001(daPayload5001(p as unknown as Record<string, unknown>))).toEqual(p);
  });

  it('refuses two heads, no head for tipo 1, a repeated member, a missing family', () => {
    const e = errori(schema5001.safeParse({ ...base, idFamiglia: '', componenti: [base.componenti[0]!, { ...base.componenti[1]!, codiceLegame: '1' }, { ...base.componenti[0]!, codiceLegame: '3' }] }));
    expect(e['idFamiglia']).toBe("Indicare l'ID ANPR della famiglia o convivenza (EF028).");
    expect(e['componenti.1.codiceLegame']).toBe('La famiglia può avere un solo intestatario (EN166).');
    expect(e['componenti.2.soggetto.codiceFiscale']).toBe('Il componente è già indicato alla riga 1.');
    // Named once by ID ANPR + CF and once by CF alone: still the same person.
    const conId = { ...base.componenti[0]!, soggetto: { ...base.componenti[0]!.soggetto, idSchedaSoggettoANPR: '5260128332' } };
    const soloCf = { ...base.componenti[0]!, soggetto: { ...base.componenti[0]!.soggetto, idSchedaSoggettoANPR: '', codiceFiscale: base.componenti[0]!.soggetto.codiceFiscale.toLowerCase() }, codiceLegame: '13' };
    expect(errori(schema5001.safeParse({ ...base, componenti: [conId, soloCf] }))['componenti.1.soggetto.codiceFiscale']).toBe('Il componente è già indicato alla riga 1.');
    const senza = { ...base, componenti: [{ ...base.componenti[1]!, codiceLegame: '' }] };
    const e2 = errori(schema5001.safeParse(senza));
    expect(e2['componenti']).toBe('Per il cambio di intestatario indicare il nuovo intestatario (relazione 1, EN197).');
    expect(e2['componenti.0.codiceLegame']).toBe("Scegliere la relazione con l'intestatario (Tabella 5).");
    expect(errori(schema5001.safeParse({ ...base, tipoMutazione: '2', componenti: [] }))['componenti']).toBe('Indicare almeno un componente della famiglia (EF028).');
    expect(schema5001.safeParse({ ...base, tipoMutazione: '2', componenti: [{ ...base.componenti[1]!, codiceLegame: '13' }] }).success).toBe(true);
  });
});

describe('names follow the XSD alfabeticoNomiCognomi', () => {
  it('refuses a surname over 80 characters, as ANPR would', () => {
    const base = valoriIniziali2003({ soggetto: { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'Rossi', nome: 'Mario' } });
    const cognome = (c: string) => (schema2003.safeParse({ ...base, motivo: '6', soggetto: { ...base.soggetto, cognome: c } }).error?.issues ?? []).filter((i) => i.path.join('.') === 'soggetto.cognome').map((i) => i.message);
    expect(cognome('R'.repeat(80))).toEqual([]);
    expect(cognome('R'.repeat(81))).toEqual(['Al massimo 80 caratteri.']);
  });
});
