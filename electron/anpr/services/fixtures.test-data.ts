/**
 * Realistic (fictitious) inputs for every builder, used by tests and handy
 * for the simulator. No real personal data.
 */
import type { RequestInputs } from './builders';
import type { ServiceCode } from './registry';
import type { Comune, Generalita, Matrimonio, Residenza, TestataBuilderInput } from './types';

export const testataMin: TestataBuilderInput = {
  idOperazioneComune: '1000001',
  codMittente: '058091',
  codDestinatario: 'ANPR02',
  dataOraRichiesta: '2025-03-27T10:20:11.543+01:00',
  tipoOperazione: 'C',
  tipoInvio: 'TEST',
};

export const testataFull: TestataBuilderInput = {
  ...testataMin,
  idOperazioneComune: '2025032700000123',
  protocolloComune: 'PROT-2025/123',
  dataProtocolloComune: '2025-03-26',
  dataDecorrenza: '2025-03-27',
  dataDefinizionePratica: '2025-03-27',
  nomeApplicativo: 'Sportello ANPR',
  versioneApplicativo: '0.1.0',
  fornitoreApplicativo: 'Comune di Roma',
};

const roma: Comune = { nomeComune: 'ROMA', codiceIstat: '058091', siglaProvinciaIstat: 'RM' };
const milano: Comune = { nomeComune: 'MILANO', codiceIstat: '015146', siglaProvinciaIstat: 'MI' };

const rossi: Generalita = {
  codiceFiscale: { codFiscale: 'RSSMRA80A01H501U', validitaCF: '1' },
  cognome: "ROSSI D'ANGELO",
  nome: 'MARIO',
  sesso: 'M',
  dataNascita: '1980-01-01',
  luogoNascita: { comune: roma },
  idSchedaSoggettoANPR: '9007199254740993',
};

const bianchi: Generalita = {
  codiceFiscale: 'BNCLRA82B41F205X',
  cognome: 'BIANCHI',
  nome: 'LAURA',
  sesso: 'F',
  dataNascita: '1982-02-01',
  luogoNascita: { comune: milano },
};

const verdi: Generalita = {
  codiceFiscale: { codFiscale: 'VRDLCU85M12F205L' },
  cognome: 'VERDI',
  nome: 'LUCA',
  sesso: 'M',
  dataNascita: '1985-08-12',
  luogoNascita: { comune: milano },
};

const neonato: Generalita = {
  cognome: 'ROSSI',
  nome: 'LUCA',
  sesso: 'M',
  dataNascita: '2025-03-20',
  luogoNascita: { comune: roma },
};

const residenzaRoma: Residenza = {
  tipoIndirizzo: '1',
  indirizzo: {
    cap: '00184',
    comune: roma,
    toponimo: { codSpecie: '54', specie: 'VIA', denominazioneToponimo: 'NAZIONALE' },
    numeroCivico: { numero: '12', esponente1: 'B', civicoInterno: { scala: 'A', interno1: '5', piano: '2' } },
  },
  presso: "STUDIO VERDI (C.O. D'ANNA)",
  dataDecorrenzaResidenza: '2025-03-27',
};

const famiglia = {
  idFamigliaConvivenzaANPR: '123456789012',
  tipoScheda: '1',
};

/** The marriage 5008 registers and 5013 revokes. */
const matrimonioRossiBianchi: Matrimonio = {
  coniuge: bianchi,
  datiMatrimonio: {
    dataEvento: '2025-03-15',
    luogoEvento: { comune: roma },
    attoEvento: { comuneRegistrazione: roma, anno: '2025', parte: '1', serie: 'A', numeroAtto: '77' },
  },
};

export const FULL: RequestInputs = {
  TestConn: { testata: { ...testataFull, operazioneRichiesta: 'OP01' } },
  '3001': {
    testata: testataFull,
    paternita: { generalita: rossi },
    maternita: { generalita: bianchi, cittadinanza: { descrizioneStato: 'ITALIA', codiceStato: '100' } },
    datiControlli: { pPadre: 1, pCodiceFiscalePadre: 1, pCognomePadre: 1, pMadre: 1, pCognomeMadre: 1, pCodiceFiscaleMadre: 1 },
  },
  '3002': {
    testata: testataFull,
    criteriRicerca: { cognome: 'ROSSI', nome: 'MARIO', sesso: 'M', tipoScheda: '1' },
    datiNascita: { dataEvento: '1980-01-01', luogoNascita: { comune: roma } },
    datiRichiesta: {
      schedaAnagraficaRichiesta: '1',
      dataRiferimentoRichiesta: '2025-03-27',
      datiAnagraficiRichiesti: ['1', 2, '3'],
      ricercaNazionale: '1',
    },
  },
  '3003': {
    testata: testataFull,
    comuneRichiesta: { nomeComune: 'ROMA', codiceIstat: '058091', siglaProvinciaIstat: 'RM' },
    ricercaSingolaRichiesta: { idOperazioneComune: '2025032700000120', tipoOperazione: '1' },
  },
  '3007': {
    testata: testataFull,
    ricercaElenchiRichieste: {
      statoLavorazione: '7',
      operazioneRichiesta: 'N010',
      periodoRiferimentoRichieste: { dataOraIniziale: '2025-03-01T00:00:00', dataOraFinale: '2025-03-27T23:59:59' },
    },
  },
  '1001': {
    testata: testataFull,
    generalita1001: { generalita: neonato, attributiSoggetto: { soggettoCertificabile: '1' } },
    attoNascita: { comuneRegistrazione: roma, anno: '2025', parte: '1', serie: 'A', numeroAtto: '123', dataFormazioneAtto: '2025-03-21' },
    cittadinanza: { descrizioneStato: 'ITALIA', codiceStato: '100' },
    paternita: { generalita: rossi },
    maternita: { generalita: bianchi },
    famConv: famiglia,
    legameSoggetto: { tipoLegame: '3', dataDecorrenza: '2025-03-20', codiceLegame: '3' },
    datiDelProcedimento: { numeroPraticaComune: 'N-2025-17' },
    datiControllo: { origineCognome: '1', filiazione: '1', attribuzioneFamiglia: '1', gestioneCF: '1', listaControlli: [{ codice: 'FI', valore: '0' }] },
  },
  '1002': {
    testata: testataFull,
    motivoIscrizione: { idMotivoIscrizione: '4', note: "Immigrazione dall'estero" },
    generalita1002: {
      generalita: { ...bianchi, luogoNascita: { localita: { descrizioneLocalita: 'PARIGI', descrizioneStato: 'FRANCIA', codiceStato: '215' } } },
      statoCivile: { statoCivile: '1' },
    },
    cittadinanza: [{ descrizioneStato: 'FRANCIA', codiceStato: '215' }],
    provenienza: { localita: { descrizioneStato: 'FRANCIA', codiceStato: '215' } },
    residenza: [residenzaRoma],
    famiglia: { famiglia: { tipoScheda: '2' }, legameSoggetto: { dataDecorrenza: '2025-03-27', codiceLegame: '1' } },
    permessoSoggiorno: { tipoSoggiorno: '1', numeroSoggiorno: 'I12345678', dataRilascio: '2024-01-10', questuraRilascioSoggiorno: 'ROMA' },
    datiControllo: { attribuzioneFamiglia: '5', gestioneCF: '1' },
  },
  '1013': {
    testata: testataFull,
    datiOperazione: {
      operazioneRichiesta: '1001',
      idOperazioneComune: '2025032700000100',
      idOperazioneANPR: '9007199254740993',
      motivoRichiesta: '1',
      noteOperazione: 'Iscrizione errata',
    },
    datiSchedaSoggettoFamigliaConvivenza: { soggetto: neonato, schedaFamigliaConvivenza: famiglia },
    datiControllo: { tiposcheda: '1', annullamentoAttribuzione: 'N' },
  },
  '2001': {
    testata: testataFull,
    motivoCancellazione: { tipoMotivoCancellazione: '1' },
    generalitaPerRicerca: rossi,
    datiDecesso: {
      dataEvento: '2025-03-25',
      luogoEvento: { comune: roma },
      attoEvento: { comuneRegistrazione: roma, anno: '2025', parte: '1', serie: 'A', numeroAtto: '55' },
    },
    elencoSoggettiFamiglia: [{ generalita: bianchi, legameSoggetto: { dataDecorrenza: '2025-03-25', codiceLegame: '1' } }],
    datiDelProcedimento: { numeroPraticaComune: 'D-2025-9' },
    datiControllo: { ruoloSoggetto: '1' },
  },
  '2003': {
    testata: testataFull,
    datiCancellazione: { motivoCancellazione: '5', notecancellazione: 'Trasferimento in Francia', dataDecorrenzaCancellazione: '2025-03-20' },
    generalitaPerRicerca: rossi,
    destinazione: { localita: { descrizioneLocalita: 'LIONE', descrizioneStato: 'FRANCIA', codiceStato: '215' } },
    datiControllo: { ruoloSoggetto: '2' },
  },
  '2011': {
    testata: testataFull,
    datiOperazioneDaAnnullare: { operazioneRichiesta: '2001', idOperazioneComune: '2025032500000001', idOperazioneANPR: '4294967296123' },
    datiSchedaSoggettoFamigliaConvivenza: { soggetto: rossi },
    datiControllo: { tipoScheda: '1' },
  },
  '5001': {
    testata: testataFull,
    famigliaConvivenza: famiglia,
    elencoSoggettiFamiglia: [
      { generalita: rossi, legameSoggetto: { dataDecorrenza: '2025-03-27', codiceLegame: '1' } },
      { generalita: bianchi, legameSoggetto: { dataDecorrenza: '2025-03-27', codiceLegame: '2' }, autoveicoli: { possessoAutoveicoli: 'N', possessoPatente: 'S' } },
    ],
    datiControllo: { tipoMutazione: '1', tipoScheda: '1' },
  },
  '5005': {
    testata: testataFull,
    generalitaSchedaFamiglia: famiglia,
    residenzaFamiglia: [residenzaRoma],
    elencoSoggettiFamiglia: [{ generalita: rossi, legameSoggetto: { dataDecorrenza: '2025-03-27', codiceLegame: '1' } }],
    datiDelProcedimento: { numeroPraticaComune: 'R-2025-44' },
    datiControllo: { tipoMutazione: 3, tipoScheda: '1', listaControlli: [{ codice: 'FO', valore: 'S' }] },
  },
  '5008': {
    testata: testataFull,
    generalitaPerRicerca: rossi,
    statoCivile: { statoCivile: '2' },
    matrimonio: matrimonioRossiBianchi,
    datiControllo: { tipoMutazione: [12] },
  },
  '5012': {
    testata: testataFull,
    datiOperazioneDaAnnullare: { operazioneRichiesta: '5005', idOperazioneComune: '2025032000000007', idOperazioneANPR: '18446744073709551617' },
    datiSchedaSoggettoFamigliaConvivenza: { soggetto: rossi, schedaFamigliaConvivenza: famiglia },
    datiControllo: { tipoScheda: '1', annullamentoAttribuzioneCF: 'N', listaControlli: [{ codice: 'RA', valore: '1' }] },
  },
  '5013': {
    testata: testataFull,
    schedaSoggetto: {
      generalitaPerRicerca: rossi,
      matrimonio: matrimonioRossiBianchi,
    },
    motivoAnnullamento: { motivoRevoca: '1', noteRevoca: "ATTO TRASCRITTO PER ERRORE, RETTIFICA DELL'UFFICIALE" },
    datiControllo: { tipoRevoca: 6, listaControlli: [{ codice: 'RA', valore: '1' }] },
  },
  '6001': {
    testata: testataFull,
    listaTipiCertificati: ['8', 12],
    generalitaRichiedente: { generalita: bianchi, docRiconoscimento: { estDocRiconoscimento: 'CA12345AB', dataRilascio: '2020-05-05' } },
    soggettoIntestatario: { generalita: rossi },
    datiControllo: {
      cognomeUffAnagrafe: 'VERDI',
      nomeUffAnagrafe: 'ANNA',
      tipoRichiedente: '1',
      tipoRichiesta: '1',
      paEstera: '0',
      emissione: '1',
      bollo: '1600',
      bolloVirtuale: '1',
      diritti: '52',
      listaAnnotazioni: ['Rilasciato per uso pensione (€ 0,52)'],
    },
  },
  '7001': { testata: testataFull, idTabella: 1 },
  '7003': { testata: testataFull, tipoVersioni: '2' },
  P001: {
    testata: { ...testataFull, tipoOperazione: 'V' },
    criteriRicerca: { dataIniziale: '2025-03-01', dataFinale: '2025-03-27', idTipologia: '2', idStatoRichiesta: '2', flagInScadenza: true },
  },
  P002: { testata: { ...testataFull, tipoOperazione: 'V' }, criteriRicerca: { codiceRichiesta: '28833517' } },
  P003: {
    testata: testataFull,
    criteriAggiornamento: {
      codiceRichiesta: '28833517',
      idStatoRichiesta: '4',
      idMotivoIrricevibile: '1',
      note: "Dichiarazione priva della firma dell'intestatario: irricevibile (art. 5 DL 5/2012).",
      operatore: 'ROSSI ANNA',
    },
  },
};

export const MINIMAL: RequestInputs = {
  TestConn: { testata: { ...testataMin, operazioneRichiesta: 'OP01' } },
  '3001': {
    testata: testataMin,
    datiControlli: { pPadre: 0, pCodiceFiscalePadre: 0, pMadre: 0, pCognomeMadre: 0, pCodiceFiscaleMadre: 0 },
  },
  '3002': {
    testata: testataMin,
    criteriRicerca: { codiceFiscale: 'RSSMRA80A01H501U' },
    datiRichiesta: { schedaAnagraficaRichiesta: '1', dataRiferimentoRichiesta: '2025-03-27' },
  },
  '3003': { testata: testataMin },
  '3007': { testata: testataMin },
  '1001': {
    testata: testataMin,
    generalita1001: { generalita: { senzaCognome: true, nome: 'LUCA' } },
    cittadinanza: { descrizioneStato: 'ITALIA', codiceStato: '100' },
    datiControllo: { attribuzioneFamiglia: '3' },
  },
  '1002': {
    testata: testataMin,
    motivoIscrizione: { idMotivoIscrizione: '3' },
    generalita1002: { generalita: { cognome: 'BIANCHI', nome: 'LAURA' } },
    cittadinanza: [{ descrizioneStato: 'ITALIA', codiceStato: '100' }],
    datiControllo: { attribuzioneFamiglia: '1' },
  },
  '1013': {
    testata: testataMin,
    datiOperazione: { operazioneRichiesta: '1001', idOperazioneComune: '1', idOperazioneANPR: '1' },
    datiSchedaSoggettoFamigliaConvivenza: { soggetto: { cognome: 'ROSSI', nome: 'LUCA' } },
    datiControllo: { tiposcheda: '1', annullamentoAttribuzione: 'S' },
  },
  '2001': {
    testata: testataMin,
    motivoCancellazione: { tipoMotivoCancellazione: '1' },
    generalitaPerRicerca: { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'ROSSI', nome: 'MARIO' },
    datiDecesso: { dataEvento: '2025-03-25' },
    datiControllo: { ruoloSoggetto: '2' },
  },
  '2003': {
    testata: testataMin,
    datiCancellazione: { motivoCancellazione: '6', dataDecorrenzaCancellazione: '2025-03-20' },
    generalitaPerRicerca: { cognome: 'ROSSI', nome: 'MARIO' },
    datiControllo: { ruoloSoggetto: '2' },
  },
  '2011': {
    testata: testataMin,
    datiOperazioneDaAnnullare: { operazioneRichiesta: '2003', idOperazioneComune: '7', idOperazioneANPR: '8' },
    datiSchedaSoggettoFamigliaConvivenza: { soggetto: { cognome: 'ROSSI', nome: 'MARIO' } },
    datiControllo: { tipoScheda: '1' },
  },
  '5001': { testata: testataMin, famigliaConvivenza: { tipoScheda: '1' }, datiControllo: { tipoMutazione: '3', tipoScheda: '1' } },
  '5005': { testata: testataMin, generalitaSchedaFamiglia: { tipoScheda: '1' }, datiControllo: { tipoMutazione: '03', tipoScheda: '1' } },
  '5008': { testata: testataMin, generalitaPerRicerca: { cognome: 'ROSSI', nome: 'MARIO' }, datiControllo: { tipoMutazione: ['7'] } },
  '5012': {
    testata: testataMin,
    datiOperazioneDaAnnullare: { operazioneRichiesta: '5005', idOperazioneComune: '9', idOperazioneANPR: '10' },
    datiSchedaSoggettoFamigliaConvivenza: { soggetto: { cognome: 'ROSSI', nome: 'MARIO' } },
    datiControllo: { tipoScheda: '1', annullamentoAttribuzioneCF: 'N' },
  },
  '5013': {
    testata: testataMin,
    schedaSoggetto: { generalitaPerRicerca: { cognome: 'ROSSI', nome: 'MARIO' } },
    motivoAnnullamento: { motivoRevoca: '1' },
    datiControllo: { tipoRevoca: '1' },
  },
  '6001': {
    testata: testataMin,
    listaTipiCertificati: ['8'],
    soggettoIntestatario: { generalita: { cognome: 'ROSSI', nome: 'MARIO' } },
    datiControllo: {
      cognomeUffAnagrafe: 'VERDI',
      nomeUffAnagrafe: 'ANNA',
      tipoRichiedente: '2',
      tipoRichiesta: '1',
      paEstera: '0',
      emissione: '1',
      bollo: '0',
      diritti: '0',
    },
  },
  '7001': { testata: testataMin, idTabella: '013' },
  '7003': { testata: testataMin },
  P001: { testata: testataMin, criteriRicerca: { dataIniziale: '2025-03-01', dataFinale: '2025-03-27', idTipologia: 1 } },
  P002: { testata: testataMin, criteriRicerca: { codiceRichiesta: '1' } },
  P003: { testata: testataMin, criteriAggiornamento: { codiceRichiesta: '1', richiestaProroga: true, operatore: 'OPERATORE' } },
};

/** More inputs of one service, for blocks that FULL and MINIMAL (one input per service) cannot all show. */
export type VarianteRichiesta = { [K in ServiceCode]: { nome: string; servizio: K; input: RequestInputs[K] } }[ServiceCode];

export const VARIANTI: readonly VarianteRichiesta[] = [
  {
    nome: '5008 unione civile (realistic)',
    servizio: '5008',
    input: {
      testata: testataFull,
      generalitaPerRicerca: rossi,
      statoCivile: { statoCivile: '6' },
      unioneCivile: {
        unitoCivilmente: verdi,
        attoUnione: {
          dataEvento: '2025-03-15',
          luogoEvento: { comune: roma },
          attoEvento: { comuneRegistrazione: roma, anno: '2025', parte: '2', serie: 'C', numeroAtto: '12', dataFormazioneAtto: '2025-03-15' },
        },
        cittadinanza: { descrizioneStato: 'ITALIA', codiceStato: '100' },
        ordineUnione: '1',
      },
      datiDelProcedimento: { numeroPraticaComune: 'UC-2025-3' },
      datiControllo: { tipoMutazione: [18] },
    },
  },
  {
    nome: '5008 unione civile (minimal)',
    servizio: '5008',
    input: {
      testata: testataMin,
      generalitaPerRicerca: { cognome: 'ROSSI', nome: 'MARIO' },
      unioneCivile: { unitoCivilmente: { cognome: 'VERDI', nome: 'LUCA' }, attoUnione: { dataEvento: '2025-03-15' } },
      datiControllo: { tipoMutazione: ['18'] },
    },
  },
  {
    nome: '5008 scioglimento unione by sentenza (realistic)',
    servizio: '5008',
    input: {
      testata: testataFull,
      generalitaPerRicerca: rossi,
      statoCivile: { statoCivile: '8' },
      unioneCivile: {
        unitoCivilmente: verdi,
        attoUnione: { dataEvento: '2020-06-20' },
        scioglimentoUnione: {
          motivoScioglimento: '3',
          sentenza: { data: '2025-01-10', numero: '123/2025', tipoTribunale: '1', autorita: 'TRIBUNALE DI ROMA', dataValidita: '2025-02-10' },
        },
      },
      datiControllo: { tipoMutazione: ['19'] },
    },
  },
  {
    nome: '5008 scioglimento unione by agreement, with the act (realistic)',
    servizio: '5008',
    input: {
      testata: testataFull,
      generalitaPerRicerca: rossi,
      statoCivile: { statoCivile: '8' },
      unioneCivile: {
        unitoCivilmente: verdi,
        scioglimentoUnione: {
          motivoScioglimento: '1',
          datiEvento: {
            dataEvento: '2025-03-01',
            luogoEvento: { comune: roma },
            attoEvento: { comuneRegistrazione: roma, anno: '2025', parte: '2', serie: 'C', numeroAtto: '40', dataFormazioneAtto: '2025-03-01' },
          },
        },
      },
      datiDelProcedimento: { numeroPraticaComune: 'UC-2025-9' },
      datiControllo: { tipoMutazione: [19] },
    },
  },
  {
    nome: '5008 scioglimento unione (minimal)',
    servizio: '5008',
    input: {
      testata: testataMin,
      generalitaPerRicerca: { cognome: 'ROSSI', nome: 'MARIO' },
      unioneCivile: { scioglimentoUnione: { motivoScioglimento: '98', datiEvento: { dataEvento: '2025-03-01' } } },
      datiControllo: { tipoMutazione: ['19'] },
    },
  },
];
