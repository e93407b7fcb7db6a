/**
 * Input types for the request builders. Property names mirror the XSD
 * element names (camelCase as in the XSD); optional properties are optional
 * XSD elements. Codes are strings (ANPR codes may have leading zeros and ids
 * may exceed 2^53): numbers are accepted only for small decoding-table codes.
 */

/** Small decoding-table code (Tabella N): '1', 2, '04'… */
export type Codice = string | number;
/** xs:date, `YYYY-MM-DD` (a timezone suffix is accepted by the XSD). */
export type DataXsd = string;

export interface TestataRichiestaInput {
  /** `[0-9a-zA-Z]{1,30}`, unique and increasing. */
  idOperazioneComune: string;
  /** ISTAT code of the comune. */
  codMittente: string;
  /** `ANPR00`/`ANPR01`/`ANPR02`… */
  codDestinatario: string;
  /** 4 characters, e.g. `3002`, `OP01`. */
  operazioneRichiesta: string;
  /** xs:dateTime; a Date is formatted with the local UTC offset. */
  dataOraRichiesta: string | Date;
  /** `C` citizen request, `V` correction, `R` rettifica. */
  tipoOperazione: string;
  /** `TEST`, `PRE_SUB`, `PROD`… (per environment). */
  tipoInvio: string;
  protocolloComune?: string;
  dataProtocolloComune?: DataXsd;
  dataDecorrenza?: DataXsd;
  dataDefinizionePratica?: DataXsd;
  nomeApplicativo?: string;
  versioneApplicativo?: string;
  fornitoreApplicativo?: string;
}

/** Testata as given to a builder: operazioneRichiesta defaults to the service code. */
export type TestataBuilderInput = Omit<TestataRichiestaInput, 'operazioneRichiesta'> & {
  operazioneRichiesta?: string;
};

export interface Comune {
  nomeComune: string;
  codiceIstat?: string;
  siglaProvinciaIstat: string;
  descrizioneLocalita?: string;
}

/** tipoComuneRichiesta: codiceIstat mandatory. */
export interface ComuneRichiesta {
  nomeComune: string;
  codiceIstat: string;
  siglaProvinciaIstat: string;
}

export interface Localita {
  descrizioneLocalita?: string;
  descrizioneStato: string;
  /** 3-digit ISTAT state code. */
  codiceStato: string;
  provinciaContea?: string;
}

/** tipoLuogoEvento: luogoEccezionale and/or comune (Italy) or localita (abroad). */
export interface LuogoEvento {
  luogoEccezionale?: string;
  comune?: Comune;
  localita?: Localita;
}

export interface CodiceFiscale {
  codFiscale: string;
  validitaCF?: Codice;
  dataAttribuzioneValidita?: DataXsd;
}

export interface IdSchedaSoggettoComune {
  idSchedaSoggettoComuneIstat: string;
  idSchedaSoggetto: string;
}

/** tipoGeneralita. Give `cognome` or `senzaCognome: true`, `nome` or `senzaNome: true`. */
export interface Generalita {
  /** A plain string is shorthand for `{ codFiscale }`. */
  codiceFiscale?: CodiceFiscale | string;
  cognome?: string;
  senzaCognome?: boolean;
  nome?: string;
  senzaNome?: boolean;
  sesso?: 'M' | 'F' | 'N';
  dataNascita?: DataXsd;
  senzaGiorno?: boolean;
  senzaGiornoMese?: boolean;
  luogoNascita?: LuogoEvento;
  soggettoAIRE?: string;
  annoEspatrio?: string;
  idSchedaSoggettoComune?: IdSchedaSoggettoComune;
  /** Up to 16 digits: always a string. */
  idSchedaSoggettoANPR?: string;
  note?: string;
}

export interface AttributiSoggetto {
  /** S/N */
  senzaFissaDimora?: string;
  soggettoCertificabile?: Codice;
}

export interface Atto {
  comuneRegistrazione: Comune;
  ufficioMunicipio?: string;
  anno: string;
  parte: string;
  serie?: string;
  numeroAtto: string;
  volume?: string;
  dataFormazioneAtto?: DataXsd;
  trascritto?: Codice;
}

export interface AttoANSC {
  idANSC: string;
  comuneRegistrazione: Comune;
  anno: string;
  ufficioMunicipio?: string;
  numeroComunale: string;
  dataFormazioneAtto?: DataXsd;
  trascritto?: Codice;
}

/** Choice: `atto` (traditional register) or `attoANSC`. */
export interface AttoANPR {
  atto?: Atto;
  attoANSC?: AttoANSC;
}

export interface DatiEvento {
  dataEvento: DataXsd;
  senzaGiorno?: boolean;
  senzaGiornoMese?: boolean;
  luogoEvento?: LuogoEvento;
  attoEvento?: Atto;
  attoEventoANPR?: AttoANPR;
}

export interface Cittadinanza {
  descrizioneStato: string;
  codiceStato: string;
  noteStato?: string;
  dataValidita?: DataXsd;
}

export interface StatoCivile {
  statoCivile: Codice;
  noteStatoCivile?: string;
  statoCivileND?: string;
}

export interface AltriDati {
  posizioneProfessionale?: string;
  condizioneNonProfessionale?: Codice;
  titoloStudio?: string;
}

export interface Genitore {
  generalita: Generalita;
  statoCivile?: StatoCivile;
  cittadinanza?: Cittadinanza;
  altriDati?: AltriDati;
}

export interface IdFamigliaConvivenzaComune {
  idFamigliaConvivenzaComuneIstat: string;
  idFamigliaConvivenza: string;
}

export interface FamigliaConvivenza {
  idFamigliaConvivenzaComune?: IdFamigliaConvivenzaComune;
  idFamigliaConvivenzaANPR?: string;
  famigliaAire?: string;
  dataOrigineFamigliaConvivenza?: DataXsd;
  motivoCostituzione?: Codice;
  denominazioneConvivenza?: string;
  specieConvivenza?: Codice;
  tipoMovimentazione?: Codice;
  presenzaFamigliaCoabitante?: string;
  /** Mandatory. */
  tipoScheda: Codice;
}

export interface LegameSoggetto {
  /** 3 famiglia, 4 convivenza, 5 famiglia AIRE. */
  tipoLegame?: Codice;
  dataDecorrenza: DataXsd;
  /** Tabella 5 (relazione di parentela) or 6 (convivenza). */
  codiceLegame: Codice;
  progressivoComponente?: Codice;
}

export interface Autoveicoli {
  possessoAutoveicoli: string;
  possessoPatente: string;
}

export interface SoggettoFamiglia {
  generalita: Generalita;
  legameSoggetto: LegameSoggetto;
  autoveicoli?: Autoveicoli;
}

export interface Toponimo {
  codSpecie?: Codice;
  specie?: string;
  specieFonte?: Codice;
  codToponimo?: string;
  denominazioneToponimo?: string;
  toponimoFonte?: Codice;
}

export interface CivicoInterno {
  corte?: string;
  scala?: string;
  interno1?: string;
  espInterno1?: string;
  interno2?: string;
  espInterno2?: string;
  scalaEsterna?: string;
  secondario?: string;
  piano?: string;
  nui?: string;
  isolato?: string;
}

export interface NumeroCivico {
  codiceCivico?: string;
  civicoFonte?: Codice;
  /** Choice with `metrico`. */
  numero?: string;
  metrico?: string;
  progSNC?: string;
  lettera?: string;
  esponente1?: string;
  colore?: Codice;
  civicoInterno?: CivicoInterno;
}

export interface Indirizzo {
  cap: string;
  comune: Comune;
  frazione?: string;
  toponimo: Toponimo;
  numeroCivico?: NumeroCivico;
}

export interface Consolato {
  codiceConsolato: string;
  descrizioneConsolato: string;
}

export interface LocalitaEstera {
  indirizzoEstero?: {
    cap?: string;
    localita: { descrizioneLocalita?: string; descrizioneStato?: string; codiceStato: string; provinciaContea?: string };
    toponimo?: { denominazione: string; numeroCivico?: string };
  };
  consolato: Consolato;
}

/** tipoResidenza: `indirizzo` (Italy) or `localitaEstera`. */
export interface Residenza {
  /** Tabella 25. */
  tipoIndirizzo: Codice;
  noteIndirizzo?: string;
  indirizzo?: Indirizzo;
  localitaEstera?: LocalitaEstera;
  presso?: string;
  dataDecorrenzaResidenza?: DataXsd;
}

export interface AltraLingua {
  idLingua: string;
  noteIndirizzo?: string;
  descrizioneLocalita?: string;
  frazione?: string;
  specie?: string;
  denominazioneToponimo?: string;
  presso?: string;
}

export interface DatiProcedimento {
  numeroPraticaAnpr?: string;
  numeroPraticaComune?: string;
}

/** `listaControlli/controllo`: codice (2 chars, e.g. FI, FO, RA) + valore. */
export interface Controllo {
  codice: string;
  valore: string;
}

/** tipoDatiOperazione: identifies the earlier operation being cancelled. */
export interface DatiOperazione {
  /** operazioneRichiesta of the operation to cancel, e.g. `1001`. */
  operazioneRichiesta: string;
  /** idOperazioneComune of the operation to cancel. */
  idOperazioneComune: string;
  protocolloComune?: string;
  dataProtocolloComune?: DataXsd;
  /** Always a string: it passed 2^31 in 2025. */
  idOperazioneANPR: string;
  dataOperazione?: DataXsd;
  motivoRichiesta?: string;
  noteOperazione?: string;
  dataDecorrenza?: DataXsd;
}

export interface DatiRicercaScheda {
  soggetto: Generalita;
  schedaFamigliaConvivenza?: FamigliaConvivenza;
}

export interface Sentenza {
  data: DataXsd;
  numero?: string;
  /** Tabella 32. */
  tipoTribunale: Codice;
  autorita: string;
  dataValidita: DataXsd;
}

export interface Matrimonio {
  coniuge: Generalita;
  cittadinanza?: Cittadinanza;
  datiMatrimonio?: DatiEvento;
  ordineMatrimonio?: Codice;
}

export interface Vedovanza {
  datiMorteconiuge: DatiEvento;
  ordineMatrimonioPrecedente?: Codice;
}

export interface AnnullamentoMatrimonio {
  /** Tabella 31. */
  tipoCessazione: Codice;
  sentenza?: Sentenza;
  attoAnnullamentoMatrimonio?: Atto;
  attoAnnullamentoMatrimonioANPR?: AttoANPR;
}

/** tipoScioglimentoUnione: sentenza and datiEvento are an exclusive alternative (ANPR rule, EN278). */
export interface ScioglimentoUnione {
  /** Tabella 43 (Cessazione unione civile / convivenze): 1, 2, 3 for civil unions, 98 death of the partner. */
  motivoScioglimento?: Codice;
  sentenza?: Sentenza;
  datiEvento?: DatiEvento;
}

/** tipoUnioneCivile (5008 tipoMutazione 18 / 19, 1002, 3002 answers). */
export interface UnioneCivile {
  unitoCivilmente?: Generalita;
  attoUnione?: DatiEvento;
  scioglimentoUnione?: ScioglimentoUnione;
  cittadinanza?: Cittadinanza;
  ordineUnione?: Codice;
}

export interface CartaIdentita {
  numero: string;
  dataRilascio: DataXsd;
  cartaceaElettronica?: Codice;
  /** S/N */
  interdizioneEspatrio: string;
  /** Choice with consolatoRilascio. */
  comuneRilascio?: Comune;
  consolatoRilascio?: Consolato;
  dataScadenza?: DataXsd;
  dataAnnullamento?: DataXsd;
}

export interface PermessoSoggiorno {
  numeroSoggiorno?: string;
  /** Tabella 8. */
  tipoSoggiorno: Codice;
  noteSoggiorno?: string;
  dataRilascio?: DataXsd;
  dataScadenza?: DataXsd;
  questuraRilascioSoggiorno?: string;
  comune?: Comune;
  numeroPassaporto?: string;
}

export interface Censimento {
  annoCensimento: string;
  sezioneCensimento: string;
  foglioCensimento: string;
  dataRegolarizzazione?: DataXsd;
  motivoCompilazione?: string;
}
