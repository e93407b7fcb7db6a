/**
 * Strict zod schemas of the shared tipoDato.xsd types the request builders
 * take (official XSD 2024-11 v9.0.3, comuni/). Property names mirror the XSD
 * element names; optional properties are optional XSD elements. Every object
 * is strict: a key the XSD does not have is refused. Each schema's type has
 * the schema's name (`Comune` is both).
 *
 * ANPR identifiers and codes are strings (they may have leading zeros and ids
 * may exceed 2^53): numbers are accepted only for small decoding-table codes
 * (`Codice`). The official XSD stays the authoritative check of a body.
 */
import { z } from 'zod';

/** Small decoding-table code (Tabella N): '1', 2, '04'… */
export const Codice = z.union([z.string().min(1), z.number().int().nonnegative()]);
export type Codice = z.infer<typeof Codice>;

/** xs:date, `YYYY-MM-DD` (a timezone suffix is accepted by the XSD). */
export const DataXsd = z.string().regex(/^\d{4}-\d{2}-\d{2}/, { error: 'deve essere una data AAAA-MM-GG' });
export type DataXsd = z.infer<typeof DataXsd>;

/** tipoSN1: S/N. */
const SN = z.enum(['S', 'N', 's', 'n']);
/** alfabeticoNomiCognomi: up to 80 characters. */
const NomeCognome = z.string().max(80);
/** tipoCodiceIstatComune: up to 6 digits. */
const CodiceIstat = z.string().max(6);
/** alfabeticoProvincia: 2 letters. */
const SiglaProvincia = z.string().length(2);
/** numerico3: the 3-digit ISTAT code of a state. */
const CodiceStato = z.string().length(3);

/** Up to 16 digits: always a string. */
const IdSchedaANPR = z.string().regex(/^\d{1,16}$/, { error: "l'ID ANPR è un testo di sole cifre" });

export const TestataRichiesta = z.strictObject({
  /** `[0-9a-zA-Z]{1,30}`, unique and increasing. */
  idOperazioneComune: z.string(),
  /** ISTAT code of the comune. */
  codMittente: z.string(),
  /** `ANPR00`/`ANPR01`/`ANPR02`… */
  codDestinatario: z.string(),
  /** 4 characters, e.g. `3002`, `OP01`. */
  operazioneRichiesta: z.string(),
  /** xs:dateTime; a Date is formatted with the local UTC offset. */
  dataOraRichiesta: z.union([z.string(), z.date()]),
  /** `C` citizen request, `V` correction, `R` rettifica. */
  tipoOperazione: z.string(),
  /** `TEST`, `PRE_SUB`, `PROD`… (per environment). */
  tipoInvio: z.string(),
  protocolloComune: z.string().optional(),
  dataProtocolloComune: DataXsd.optional(),
  dataDecorrenza: DataXsd.optional(),
  dataDefinizionePratica: DataXsd.optional(),
  nomeApplicativo: z.string().optional(),
  versioneApplicativo: z.string().optional(),
  fornitoreApplicativo: z.string().optional(),
});
export type TestataRichiestaInput = z.infer<typeof TestataRichiesta>;

/** Testata as given to a builder: operazioneRichiesta defaults to the service code. */
export const TestataBuilder = TestataRichiesta.extend({ operazioneRichiesta: z.string().optional() });
export type TestataBuilderInput = z.infer<typeof TestataBuilder>;

export const Comune = z.strictObject({
  nomeComune: z.string(),
  codiceIstat: CodiceIstat.optional(),
  siglaProvinciaIstat: SiglaProvincia,
  descrizioneLocalita: z.string().optional(),
});
export type Comune = z.infer<typeof Comune>;

/** tipoComuneRichiesta: codiceIstat mandatory. */
export const ComuneRichiesta = z.strictObject({
  nomeComune: z.string(),
  codiceIstat: CodiceIstat,
  siglaProvinciaIstat: SiglaProvincia,
});
export type ComuneRichiesta = z.infer<typeof ComuneRichiesta>;

export const Localita = z.strictObject({
  descrizioneLocalita: z.string().optional(),
  descrizioneStato: z.string(),
  /** 3-digit ISTAT state code. */
  codiceStato: CodiceStato,
  provinciaContea: z.string().optional(),
});
export type Localita = z.infer<typeof Localita>;

/** tipoLuogoEvento: luogoEccezionale and/or comune (Italy) or localita (abroad). */
export const LuogoEvento = z.strictObject({
  luogoEccezionale: z.string().optional(),
  comune: Comune.optional(),
  localita: Localita.optional(),
});
export type LuogoEvento = z.infer<typeof LuogoEvento>;

export const CodiceFiscale = z.strictObject({
  codFiscale: z.string().max(16),
  validitaCF: Codice.optional(),
  dataAttribuzioneValidita: DataXsd.optional(),
});
export type CodiceFiscale = z.infer<typeof CodiceFiscale>;

export const IdSchedaSoggettoComune = z.strictObject({
  idSchedaSoggettoComuneIstat: z.string(),
  idSchedaSoggetto: z.string(),
});
export type IdSchedaSoggettoComune = z.infer<typeof IdSchedaSoggettoComune>;

/** tipoGeneralita. Give `cognome` or `senzaCognome: true`, `nome` or `senzaNome: true`. */
export const Generalita = z.strictObject({
  /** A plain string is shorthand for `{ codFiscale }`. */
  codiceFiscale: z.union([z.string().max(16), CodiceFiscale]).optional(),
  cognome: NomeCognome.optional(),
  senzaCognome: z.boolean().optional(),
  nome: NomeCognome.optional(),
  senzaNome: z.boolean().optional(),
  sesso: z.enum(['M', 'F', 'N']).optional(),
  dataNascita: DataXsd.optional(),
  senzaGiorno: z.boolean().optional(),
  senzaGiornoMese: z.boolean().optional(),
  luogoNascita: LuogoEvento.optional(),
  soggettoAIRE: z.string().optional(),
  annoEspatrio: z.string().optional(),
  idSchedaSoggettoComune: IdSchedaSoggettoComune.optional(),
  idSchedaSoggettoANPR: IdSchedaANPR.optional(),
  /** tipoNote: up to 240 characters. */
  note: z.string().max(240).optional(),
});
export type Generalita = z.infer<typeof Generalita>;

export const AttributiSoggetto = z.strictObject({
  senzaFissaDimora: SN.optional(),
  soggettoCertificabile: Codice.optional(),
});
export type AttributiSoggetto = z.infer<typeof AttributiSoggetto>;

export const Atto = z.strictObject({
  comuneRegistrazione: Comune,
  ufficioMunicipio: z.string().optional(),
  anno: z.string(),
  parte: z.string(),
  serie: z.string().optional(),
  numeroAtto: z.string(),
  volume: z.string().optional(),
  dataFormazioneAtto: DataXsd.optional(),
  trascritto: Codice.optional(),
});
export type Atto = z.infer<typeof Atto>;

export const AttoANSC = z.strictObject({
  idANSC: z.string(),
  comuneRegistrazione: Comune,
  anno: z.string(),
  ufficioMunicipio: z.string().optional(),
  numeroComunale: z.string(),
  dataFormazioneAtto: DataXsd.optional(),
  trascritto: Codice.optional(),
});
export type AttoANSC = z.infer<typeof AttoANSC>;

/** Choice: `atto` (traditional register) or `attoANSC`. */
export const AttoANPR = z.strictObject({ atto: Atto.optional(), attoANSC: AttoANSC.optional() });
export type AttoANPR = z.infer<typeof AttoANPR>;

export const DatiEvento = z.strictObject({
  dataEvento: DataXsd,
  senzaGiorno: z.boolean().optional(),
  senzaGiornoMese: z.boolean().optional(),
  luogoEvento: LuogoEvento.optional(),
  attoEvento: Atto.optional(),
  attoEventoANPR: AttoANPR.optional(),
});
export type DatiEvento = z.infer<typeof DatiEvento>;

export const Cittadinanza = z.strictObject({
  descrizioneStato: z.string(),
  codiceStato: CodiceStato,
  noteStato: z.string().optional(),
  dataValidita: DataXsd.optional(),
});
export type Cittadinanza = z.infer<typeof Cittadinanza>;

export const StatoCivile = z.strictObject({
  statoCivile: Codice,
  noteStatoCivile: z.string().optional(),
  statoCivileND: z.string().optional(),
});
export type StatoCivile = z.infer<typeof StatoCivile>;

export const AltriDati = z.strictObject({
  posizioneProfessionale: z.string().optional(),
  condizioneNonProfessionale: Codice.optional(),
  titoloStudio: z.string().optional(),
});
export type AltriDati = z.infer<typeof AltriDati>;

export const Genitore = z.strictObject({
  generalita: Generalita,
  statoCivile: StatoCivile.optional(),
  cittadinanza: Cittadinanza.optional(),
  altriDati: AltriDati.optional(),
});
export type Genitore = z.infer<typeof Genitore>;

export const IdFamigliaConvivenzaComune = z.strictObject({
  idFamigliaConvivenzaComuneIstat: z.string(),
  idFamigliaConvivenza: z.string(),
});
export type IdFamigliaConvivenzaComune = z.infer<typeof IdFamigliaConvivenzaComune>;

export const FamigliaConvivenza = z.strictObject({
  idFamigliaConvivenzaComune: IdFamigliaConvivenzaComune.optional(),
  idFamigliaConvivenzaANPR: z.string().optional(),
  famigliaAire: z.string().optional(),
  dataOrigineFamigliaConvivenza: DataXsd.optional(),
  motivoCostituzione: Codice.optional(),
  denominazioneConvivenza: z.string().optional(),
  specieConvivenza: Codice.optional(),
  tipoMovimentazione: Codice.optional(),
  presenzaFamigliaCoabitante: z.string().optional(),
  /** Mandatory. */
  tipoScheda: Codice,
});
export type FamigliaConvivenza = z.infer<typeof FamigliaConvivenza>;

export const LegameSoggetto = z.strictObject({
  /** 3 famiglia, 4 convivenza, 5 famiglia AIRE. */
  tipoLegame: Codice.optional(),
  dataDecorrenza: DataXsd,
  /** Tabella 5 (relazione di parentela) or 6 (convivenza). */
  codiceLegame: Codice,
  progressivoComponente: Codice.optional(),
});
export type LegameSoggetto = z.infer<typeof LegameSoggetto>;

export const Autoveicoli = z.strictObject({ possessoAutoveicoli: z.string(), possessoPatente: z.string() });
export type Autoveicoli = z.infer<typeof Autoveicoli>;

export const SoggettoFamiglia = z.strictObject({
  generalita: Generalita,
  legameSoggetto: LegameSoggetto,
  autoveicoli: Autoveicoli.optional(),
});
export type SoggettoFamiglia = z.infer<typeof SoggettoFamiglia>;

export const Toponimo = z.strictObject({
  codSpecie: Codice.optional(),
  specie: z.string().optional(),
  specieFonte: Codice.optional(),
  codToponimo: z.string().optional(),
  denominazioneToponimo: z.string().optional(),
  toponimoFonte: Codice.optional(),
});
export type Toponimo = z.infer<typeof Toponimo>;

export const CivicoInterno = z.strictObject({
  corte: z.string().optional(),
  scala: z.string().optional(),
  interno1: z.string().optional(),
  espInterno1: z.string().optional(),
  interno2: z.string().optional(),
  espInterno2: z.string().optional(),
  scalaEsterna: z.string().optional(),
  secondario: z.string().optional(),
  piano: z.string().optional(),
  nui: z.string().optional(),
  isolato: z.string().optional(),
});
export type CivicoInterno = z.infer<typeof CivicoInterno>;

export const NumeroCivico = z.strictObject({
  codiceCivico: z.string().optional(),
  civicoFonte: Codice.optional(),
  /** Choice with `metrico`. */
  numero: z.string().optional(),
  metrico: z.string().optional(),
  progSNC: z.string().optional(),
  lettera: z.string().optional(),
  esponente1: z.string().optional(),
  colore: Codice.optional(),
  civicoInterno: CivicoInterno.optional(),
});
export type NumeroCivico = z.infer<typeof NumeroCivico>;

export const Indirizzo = z.strictObject({
  /** tipoCap: up to 5 digits. */
  cap: z.string().max(5),
  comune: Comune,
  frazione: z.string().optional(),
  toponimo: Toponimo,
  numeroCivico: NumeroCivico.optional(),
});
export type Indirizzo = z.infer<typeof Indirizzo>;

export const Consolato = z.strictObject({ codiceConsolato: z.string(), descrizioneConsolato: z.string() });
export type Consolato = z.infer<typeof Consolato>;

export const LocalitaEstera = z.strictObject({
  indirizzoEstero: z
    .strictObject({
      cap: z.string().optional(),
      localita: z.strictObject({
        descrizioneLocalita: z.string().optional(),
        descrizioneStato: z.string().optional(),
        codiceStato: z.string(),
        provinciaContea: z.string().optional(),
      }),
      toponimo: z.strictObject({ denominazione: z.string(), numeroCivico: z.string().optional() }).optional(),
    })
    .optional(),
  consolato: Consolato,
});
export type LocalitaEstera = z.infer<typeof LocalitaEstera>;

/** tipoResidenza: `indirizzo` (Italy) or `localitaEstera`. */
export const Residenza = z.strictObject({
  /** Tabella 25. */
  tipoIndirizzo: Codice,
  noteIndirizzo: z.string().optional(),
  indirizzo: Indirizzo.optional(),
  localitaEstera: LocalitaEstera.optional(),
  presso: z.string().optional(),
  dataDecorrenzaResidenza: DataXsd.optional(),
});
export type Residenza = z.infer<typeof Residenza>;

export const AltraLingua = z.strictObject({
  idLingua: z.string(),
  noteIndirizzo: z.string().optional(),
  descrizioneLocalita: z.string().optional(),
  frazione: z.string().optional(),
  specie: z.string().optional(),
  denominazioneToponimo: z.string().optional(),
  presso: z.string().optional(),
});
export type AltraLingua = z.infer<typeof AltraLingua>;

export const DatiProcedimento = z.strictObject({
  numeroPraticaAnpr: z.string().optional(),
  numeroPraticaComune: z.string().optional(),
});
export type DatiProcedimento = z.infer<typeof DatiProcedimento>;

/** `listaControlli/controllo`: codice (2 chars, e.g. FI, FO, RA) + valore. */
export const Controllo = z.strictObject({ codice: z.string().length(2), valore: z.string().min(1) });
export type Controllo = z.infer<typeof Controllo>;

/** tipoListaControlli. */
export const ListaControlli = z.array(Controllo).optional();

/** tipoDatiOperazione: identifies the earlier operation being cancelled. */
export const DatiOperazione = z.strictObject({
  /** operazioneRichiesta of the operation to cancel, e.g. `1001`. */
  operazioneRichiesta: z.string().length(4),
  /** idOperazioneComune of the operation to cancel. */
  idOperazioneComune: z.string().regex(/^[0-9A-Za-z]{1,30}$/),
  protocolloComune: z.string().optional(),
  dataProtocolloComune: DataXsd.optional(),
  /** Always a string: it passed 2^31 in 2025. */
  idOperazioneANPR: z.string().regex(/^\d{1,30}$/, { error: 'idOperazioneANPR è un testo di sole cifre' }),
  dataOperazione: DataXsd.optional(),
  motivoRichiesta: z.string().optional(),
  noteOperazione: z.string().optional(),
  dataDecorrenza: DataXsd.optional(),
});
export type DatiOperazione = z.infer<typeof DatiOperazione>;

export const DatiRicercaScheda = z.strictObject({
  soggetto: Generalita,
  schedaFamigliaConvivenza: FamigliaConvivenza.optional(),
});
export type DatiRicercaScheda = z.infer<typeof DatiRicercaScheda>;

export const Sentenza = z.strictObject({
  data: DataXsd,
  numero: z.string().optional(),
  /** Tabella 32. */
  tipoTribunale: Codice,
  autorita: z.string(),
  dataValidita: DataXsd,
});
export type Sentenza = z.infer<typeof Sentenza>;

export const Matrimonio = z.strictObject({
  coniuge: Generalita,
  cittadinanza: Cittadinanza.optional(),
  datiMatrimonio: DatiEvento.optional(),
  ordineMatrimonio: Codice.optional(),
});
export type Matrimonio = z.infer<typeof Matrimonio>;

export const Vedovanza = z.strictObject({
  datiMorteconiuge: DatiEvento,
  ordineMatrimonioPrecedente: Codice.optional(),
});
export type Vedovanza = z.infer<typeof Vedovanza>;

export const AnnullamentoMatrimonio = z.strictObject({
  /** Tabella 31. */
  tipoCessazione: Codice,
  sentenza: Sentenza.optional(),
  attoAnnullamentoMatrimonio: Atto.optional(),
  attoAnnullamentoMatrimonioANPR: AttoANPR.optional(),
});
export type AnnullamentoMatrimonio = z.infer<typeof AnnullamentoMatrimonio>;

/** tipoScioglimentoUnione: sentenza and datiEvento are an exclusive alternative (ANPR rule, EN278). */
export const ScioglimentoUnione = z.strictObject({
  /** Tabella 43 (Cessazione unione civile / convivenze): 1, 2, 3 for civil unions, 98 death of the partner. */
  motivoScioglimento: Codice.optional(),
  sentenza: Sentenza.optional(),
  datiEvento: DatiEvento.optional(),
});
export type ScioglimentoUnione = z.infer<typeof ScioglimentoUnione>;

/** tipoUnioneCivile (5008 tipoMutazione 18 / 19, 1002, 3002 answers). */
export const UnioneCivile = z.strictObject({
  unitoCivilmente: Generalita.optional(),
  attoUnione: DatiEvento.optional(),
  scioglimentoUnione: ScioglimentoUnione.optional(),
  cittadinanza: Cittadinanza.optional(),
  ordineUnione: Codice.optional(),
});
export type UnioneCivile = z.infer<typeof UnioneCivile>;

export const CartaIdentita = z.strictObject({
  numero: z.string(),
  dataRilascio: DataXsd,
  cartaceaElettronica: Codice.optional(),
  interdizioneEspatrio: SN,
  /** Choice with consolatoRilascio. */
  comuneRilascio: Comune.optional(),
  consolatoRilascio: Consolato.optional(),
  dataScadenza: DataXsd.optional(),
  dataAnnullamento: DataXsd.optional(),
});
export type CartaIdentita = z.infer<typeof CartaIdentita>;

export const PermessoSoggiorno = z.strictObject({
  numeroSoggiorno: z.string().optional(),
  /** Tabella 8. */
  tipoSoggiorno: Codice,
  noteSoggiorno: z.string().optional(),
  dataRilascio: DataXsd.optional(),
  dataScadenza: DataXsd.optional(),
  questuraRilascioSoggiorno: z.string().optional(),
  comune: Comune.optional(),
  numeroPassaporto: z.string().optional(),
});
export type PermessoSoggiorno = z.infer<typeof PermessoSoggiorno>;

export const Censimento = z.strictObject({
  annoCensimento: z.string(),
  sezioneCensimento: z.string(),
  foglioCensimento: z.string(),
  dataRegolarizzazione: DataXsd.optional(),
  motivoCompilazione: z.string().optional(),
});
export type Censimento = z.infer<typeof Censimento>;

/** tipoDomicilioDigitale (5008, 5013). */
export const DomicilioDigitale = z.strictObject({
  indirizzoDigitale: z.string(),
  dataInizioValidita: DataXsd,
  enteErogatore: z.string().optional(),
  statoDomicilio: Codice.optional(),
  noteStatoDomicilio: z.string().optional(),
  emailContatto: z.string().optional(),
});
export type DomicilioDigitale = z.infer<typeof DomicilioDigitale>;

/** Luogo di nascita of the 3000 family (tipoLuogoNascita3000): comune or localita, mandatory if given. */
export const LuogoNascita3000 = z.strictObject({
  luogoEccezionale: z.string().optional(),
  comune: Comune.optional(),
  localita: Localita.optional(),
});
export type LuogoNascita3000 = z.infer<typeof LuogoNascita3000>;

/** Choice: comune (Italy) or localita (abroad): provenienza, destinazione. */
export const ComuneOLocalita = z.strictObject({ comune: Comune.optional(), localita: Localita.optional() });
export type ComuneOLocalita = z.infer<typeof ComuneOLocalita>;
