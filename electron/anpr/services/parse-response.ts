/**
 * Response parsers: SOAP envelope (or MTOM multipart) → AnprOutcome<Parsed>.
 * Namespace-agnostic (matches on local names). ANPR ids stay strings.
 */
import type { Element } from '@xmldom/xmldom';
import type { AnprOutcome, ErroreAnpr } from '../outcome';
import { cidToContentId, isMultipartRelated, parseMtom } from '../mtom/mtom';
import {
  childByLocalName,
  childrenByLocalName,
  childText,
  elementChildren,
  localNameOf,
  parseXmlSafely,
  XmlParseError,
  XmlSecurityError,
} from '../xml/safe';
import {
  malformed,
  outcomeFromFault,
  outcomeFromKo,
  outcomeFromOk,
  parseAnyErrori,
  parseErrore,
  parseTestataRisposta,
  type TestataRispostaParsed,
} from './outcome-from-response';
import { SERVICES, type ServiceCode } from './registry';

// ------------------------------------------------------------ parsed types

export interface ComuneParsed {
  nomeComune?: string;
  codiceIstat?: string;
  siglaProvinciaIstat?: string;
  descrizioneLocalita?: string;
}

export interface LocalitaParsed {
  descrizioneLocalita?: string;
  descrizioneStato?: string;
  codiceStato?: string;
  provinciaContea?: string;
}

export interface LuogoParsed {
  luogoEccezionale?: string;
  comune?: ComuneParsed;
  localita?: LocalitaParsed;
}

export interface GeneralitaParsed {
  codiceFiscale?: string;
  validitaCF?: string;
  cognome?: string;
  senzaCognome?: boolean;
  nome?: string;
  senzaNome?: boolean;
  sesso?: string;
  dataNascita?: string;
  senzaGiorno?: boolean;
  senzaGiornoMese?: boolean;
  luogoNascita?: LuogoParsed;
  soggettoAIRE?: string;
  annoEspatrio?: string;
  idSchedaSoggettoComune?: { idSchedaSoggettoComuneIstat?: string; idSchedaSoggetto?: string };
  /** Up to 16 digits: kept as a string (may exceed 2^53). */
  idSchedaSoggettoANPR?: string;
  note?: string;
}

export interface ResidenzaParsed {
  tipoIndirizzo?: string;
  noteIndirizzo?: string;
  cap?: string;
  comune?: ComuneParsed;
  frazione?: string;
  codSpecie?: string;
  specie?: string;
  denominazioneToponimo?: string;
  numero?: string;
  metrico?: string;
  lettera?: string;
  esponente1?: string;
  scala?: string;
  interno1?: string;
  piano?: string;
  localitaEstera?: { indirizzo?: string; localita?: LocalitaParsed; consolato?: string };
  presso?: string;
  dataDecorrenzaResidenza?: string;
  /** One-line address for display, e.g. "VIA NAZIONALE 12/B, 00184 ROMA (RM)". */
  testo: string;
}

export interface FamigliaParsed {
  idFamigliaConvivenzaComune?: { idFamigliaConvivenzaComuneIstat?: string; idFamigliaConvivenza?: string };
  idFamigliaConvivenzaANPR?: string;
  famigliaAire?: string;
  dataOrigineFamigliaConvivenza?: string;
  motivoCostituzione?: string;
  denominazioneConvivenza?: string;
  specieConvivenza?: string;
  tipoScheda?: string;
}

export interface LegameParsed {
  tipoLegame?: string;
  dataDecorrenza?: string;
  codiceLegame?: string;
  progressivoComponente?: string;
}

export interface CittadinanzaParsed {
  descrizioneStato?: string;
  codiceStato?: string;
  dataValidita?: string;
}

export interface StatoCivileParsed {
  statoCivile?: string;
  noteStatoCivile?: string;
}

export interface GenitoreParsed {
  generalita?: GeneralitaParsed;
  cittadinanza?: CittadinanzaParsed;
}

/** One `datiSoggetto` of Risposta3002_OK (tipoDatiRispostaEstrazioneSoggetti). */
export interface Soggetto3002 {
  idANPR?: string;
  generalita: GeneralitaParsed;
  statoCivile?: StatoCivileParsed;
  cittadinanza: CittadinanzaParsed[];
  paternita?: GenitoreParsed;
  maternita?: GenitoreParsed;
  residenza: ResidenzaParsed[];
  famiglia?: { famigliaConvivenza?: FamigliaParsed; legame?: LegameParsed };
  datiDecesso?: { dataEvento?: string; luogoEvento?: LuogoParsed };
  datiCancellazione?: { motivoCancellazione?: string; dataCancellazione?: string };
  /** Open anomalies of the subject (incl. subentro ones). */
  erroriAnomalie: ErroreAnpr[];
}

export interface Risposta3002Parsed {
  testata: TestataRispostaParsed;
  soggetti: Soggetto3002[];
  datiFamigliaConvivenza?: { residenza?: ResidenzaParsed; famigliaConvivenza?: FamigliaParsed };
}

export interface Genitore3001Parsed {
  genitore?: GenitoreParsed & { statoCivile?: StatoCivileParsed };
  residenza?: ResidenzaParsed;
  famiglia?: FamigliaParsed;
}

export interface Risposta3001Parsed {
  testata: TestataRispostaParsed;
  padri: Genitore3001Parsed[];
  madri: Genitore3001Parsed[];
}

export interface Risposta3003Item {
  statoLavorazione?: string;
  tipoOperazione?: string;
  /** xmlRisposta decoded from base64 (UTF-8). */
  xmlRisposta?: string;
}

export interface Risposta3003Parsed {
  testata: TestataRispostaParsed;
  elencoRisposte: Risposta3003Item[];
}

export interface Risposta3007Parsed {
  testata: TestataRispostaParsed;
  operazioni: { statoLavorazione?: string; tipoOperazione?: string; idOperazioneANPR: string }[];
}

export interface SoggettoVariato {
  idANPR?: string;
  generalitaPrecedenti?: GeneralitaParsed;
  generalitaAttuali?: GeneralitaParsed;
  famigliaConvivenza?: FamigliaParsed;
  legameSoggetto?: LegameParsed;
  residenza: ResidenzaParsed[];
}

export interface RispostaComuneParsed {
  testata: TestataRispostaParsed;
  soggettiVariati: SoggettoVariato[];
}

export interface Risposta6001Parsed {
  testata: TestataRispostaParsed;
  /** numeroProtocolloANPR, as text. */
  protocolloANPR?: string;
  tipiCertificato: string[];
  soggettoIntestatario?: GeneralitaParsed;
  /** The certificate PDF bytes (MTOM attachment or inline base64). */
  certificatoPdf?: Buffer;
  /** listaErrori entries inside a 6001 OK (non-blocking). */
  errori: ErroreAnpr[];
}

export interface Risposta7001Parsed {
  testata: TestataRispostaParsed;
  idTabella?: string;
  /** Each xmlFile decoded from base64. */
  xmlFile: Buffer[];
}

/** One ANPR interface version (tipoAnprVersione), e.g. ANPR05 5.0.0. */
export interface VersioneAnpr {
  codDestinatario: string;
  versioneCompleta: string;
  major: number;
  minor: number;
  patch: number;
  meta?: string;
}

export interface Risposta7003Parsed {
  testata: TestataRispostaParsed;
  /** One entry per statoVersioni: the current version and the others still supported. */
  statoVersioni: { corrente: VersioneAnpr; supportate: VersioneAnpr[] }[];
}

export interface RispostaConnessioneParsed {
  testata: TestataRispostaParsed;
}


/** One request of RispostaOKP001 (tipoRichiestaP001). */
export interface RichiestaCittadinoSintesi {
  codiceRichiesta: string;
  idSchedaSoggettoRichiedente?: string;
  idSchedaSoggettoInteressato?: string;
  idFamigliaConvivenzaANPR?: string;
  idStatoRichiesta: string;
  idTipologia: string;
  dataApertura: string;
  dataChiusura?: string;
  operatore?: string;
  codiceFiscaleSoggettoRichiedente?: string;
}

export interface CriteriRicercaP001Parsed {
  dataIniziale?: string;
  dataFinale?: string;
  idTipologia?: string;
  idStatoRichiesta?: string;
  flagInScadenza?: boolean;
  flagProrogate?: boolean;
}

export interface RispostaP001Parsed {
  testata: TestataRispostaParsed;
  criteriRicerca: CriteriRicercaP001Parsed;
  richieste: RichiestaCittadinoSintesi[];
}

/** A state of a citizen request (tipoStatoRichiesta): current or past. */
export interface StatoRichiestaParsed {
  idStato: string;
  operatore?: string;
  dataStato?: string;
  note?: string;
}

/** A file of the request (attachment or summary PDF); `base64` as sent (or re-encoded from an MTOM part). */
export interface FileRichiestaParsed {
  /** Type of request the attachment belongs to (attachments only). */
  idTipologia?: string;
  nome?: string;
  /** tipoIdFormatoFile: 1 PDF, 99 altro… */
  formato: string;
  descrizione?: string;
  base64: string;
  /** tipoFlagOots: 1 = obtained through the EU Once-Only Technical System. */
  flagOots?: string;
}

/** A generic XML element kept as a parsed object: leaves as strings, repeated children as arrays. */
export type XmlOggetto = { [k: string]: string | XmlOggetto | (string | XmlOggetto)[] };

/** A member involved in a residence declaration (tipoComponente) or an online enrolment (tipoComponenteIsc). */
export interface ComponenteRichiestaParsed {
  idSchedaSoggettoANPR?: string;
  codiceFiscale?: string;
  cognome?: string;
  nome?: string;
  idGradoParentela?: string;
  flagPatente?: string;
  flagVeicoli?: string;
  /** 1 = still to confirm, 3 = confirmed (adults). */
  statoAccettazione?: string;
  dataAccettazione?: string;
  /** Every field of the member as sent. */
  dati: XmlOggetto;
}

export interface DettaglioRichiestaParsed {
  codiceRichiesta: string;
  idTipologia: string;
  note?: string;
  dataApertura: string;
  dataChiusura?: string;
  dataScadenza?: string;
  dataUltimoAggiornamento?: string;
  numeroProroghe?: number;
  statoCorrente: StatoRichiestaParsed;
  storicoStati: StatoRichiestaParsed[];
  recapiti: { idTipologiaRecapito: string; valore: string }[];
  idANPR?: string;
  richiedente?: GeneralitaParsed;
  interessato?: GeneralitaParsed;
  famigliaConvivenza?: XmlOggetto;
  comuneInteressato?: ComuneParsed;
  riepilogo?: FileRichiestaParsed;
  allegati: FileRichiestaParsed[];
  /** datiDichiarazioneResidenza / datiIscrizioneOnline: the members involved and their acceptance. */
  componenti: ComponenteRichiestaParsed[];
  /** The declared address (indirizzo of the residence/enrolment block). */
  indirizzoDichiarato?: XmlOggetto;
  /** Which type-specific block ANPR sent, and its content as a parsed object. */
  datiSpecifici?: {
    tipo: 'datiRettifica' | 'datiDichiarazioneResidenza' | 'datiIscrizioneOnline' | 'datiRichiestaIscrizioneElettorale';
    dati: XmlOggetto;
  };
}

export interface RispostaP002Parsed {
  testata: TestataRispostaParsed;
  codiceRichiesta?: string;
  /** Absent when ANPR answers OK without a detail. */
  dettaglio?: DettaglioRichiestaParsed;
}

export interface RispostaP003Parsed {
  testata: TestataRispostaParsed;
  codiceRichiesta?: string;
  idStatoRichiesta?: string;
  richiestaProroga?: boolean;
  /** 0 operazione eseguita, 1 eseguita con warning. */
  codiceEsito: string;
}

export interface ParsedResponses {
  TestConn: RispostaConnessioneParsed;
  '3001': Risposta3001Parsed;
  '3002': Risposta3002Parsed;
  '3003': Risposta3003Parsed;
  '3007': Risposta3007Parsed;
  '1001': RispostaComuneParsed;
  '1002': RispostaComuneParsed;
  '1013': RispostaComuneParsed;
  '2001': RispostaComuneParsed;
  '2003': RispostaComuneParsed;
  '2011': RispostaComuneParsed;
  '5001': RispostaComuneParsed;
  '5005': RispostaComuneParsed;
  '5008': RispostaComuneParsed;
  '5012': RispostaComuneParsed;
  '5013': RispostaComuneParsed;
  '6001': Risposta6001Parsed;
  '7001': Risposta7001Parsed;
  '7003': Risposta7003Parsed;
  P001: RispostaP001Parsed;
  P002: RispostaP002Parsed;
  P003: RispostaP003Parsed;
}

// ------------------------------------------------------------ field parsers

const txt = (el: Element | undefined, name: string): string | undefined => {
  const v = childText(el, name);
  return v === undefined || v === '' ? undefined : v;
};

function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function pComune(el: Element | undefined): ComuneParsed | undefined {
  if (!el) return undefined;
  return compact({
    nomeComune: txt(el, 'nomeComune'),
    codiceIstat: txt(el, 'codiceIstat'),
    siglaProvinciaIstat: txt(el, 'siglaProvinciaIstat'),
    descrizioneLocalita: txt(el, 'descrizioneLocalita'),
  });
}

function pLocalita(el: Element | undefined): LocalitaParsed | undefined {
  if (!el) return undefined;
  return compact({
    descrizioneLocalita: txt(el, 'descrizioneLocalita'),
    descrizioneStato: txt(el, 'descrizioneStato'),
    codiceStato: txt(el, 'codiceStato'),
    provinciaContea: txt(el, 'provinciaContea'),
  });
}

function pLuogo(el: Element | undefined): LuogoParsed | undefined {
  if (!el) return undefined;
  return compact({
    luogoEccezionale: txt(el, 'luogoEccezionale'),
    comune: pComune(childByLocalName(el, 'comune')),
    localita: pLocalita(childByLocalName(el, 'localita')),
  });
}

export function parseGeneralita(el: Element | undefined): GeneralitaParsed | undefined {
  if (!el) return undefined;
  const cf = childByLocalName(el, 'codiceFiscale');
  const ids = childByLocalName(el, 'idSchedaSoggettoComune');
  const flag = (n: string): boolean | undefined => (txt(el, n) === '1' ? true : undefined);
  return compact({
    codiceFiscale: txt(cf, 'codFiscale'),
    validitaCF: txt(cf, 'validitaCF'),
    cognome: txt(el, 'cognome'),
    senzaCognome: flag('senzaCognome'),
    nome: txt(el, 'nome'),
    senzaNome: flag('senzaNome'),
    sesso: txt(el, 'sesso'),
    dataNascita: txt(el, 'dataNascita'),
    senzaGiorno: flag('senzaGiorno'),
    senzaGiornoMese: flag('senzaGiornoMese'),
    luogoNascita: pLuogo(childByLocalName(el, 'luogoNascita')),
    soggettoAIRE: txt(el, 'soggettoAIRE'),
    annoEspatrio: txt(el, 'annoEspatrio'),
    idSchedaSoggettoComune: ids
      ? compact({ idSchedaSoggettoComuneIstat: txt(ids, 'idSchedaSoggettoComuneIstat'), idSchedaSoggetto: txt(ids, 'idSchedaSoggetto') })
      : undefined,
    idSchedaSoggettoANPR: txt(el, 'idSchedaSoggettoANPR'),
    note: txt(el, 'note'),
  });
}

function pCittadinanza(el: Element): CittadinanzaParsed {
  return compact({ descrizioneStato: txt(el, 'descrizioneStato'), codiceStato: txt(el, 'codiceStato'), dataValidita: txt(el, 'dataValidita') });
}

function pStatoCivile(el: Element | undefined): StatoCivileParsed | undefined {
  if (!el) return undefined;
  return compact({ statoCivile: txt(el, 'statoCivile'), noteStatoCivile: txt(el, 'noteStatoCivile') });
}

function pGenitore(el: Element | undefined): (GenitoreParsed & { statoCivile?: StatoCivileParsed }) | undefined {
  if (!el) return undefined;
  const c = childByLocalName(el, 'cittadinanza');
  return compact({
    generalita: parseGeneralita(childByLocalName(el, 'generalita')),
    statoCivile: pStatoCivile(childByLocalName(el, 'statoCivile')),
    cittadinanza: c ? pCittadinanza(c) : undefined,
  });
}

function pFamiglia(el: Element | undefined): FamigliaParsed | undefined {
  if (!el) return undefined;
  const idc = childByLocalName(el, 'idFamigliaConvivenzaComune');
  return compact({
    idFamigliaConvivenzaComune: idc
      ? compact({ idFamigliaConvivenzaComuneIstat: txt(idc, 'idFamigliaConvivenzaComuneIstat'), idFamigliaConvivenza: txt(idc, 'idFamigliaConvivenza') })
      : undefined,
    idFamigliaConvivenzaANPR: txt(el, 'idFamigliaConvivenzaANPR'),
    famigliaAire: txt(el, 'famigliaAire'),
    dataOrigineFamigliaConvivenza: txt(el, 'dataOrigineFamigliaConvivenza'),
    motivoCostituzione: txt(el, 'motivoCostituzione'),
    denominazioneConvivenza: txt(el, 'denominazioneConvivenza'),
    specieConvivenza: txt(el, 'specieConvivenza'),
    tipoScheda: txt(el, 'tipoScheda'),
  });
}

function pLegame(el: Element | undefined): LegameParsed | undefined {
  if (!el) return undefined;
  return compact({
    tipoLegame: txt(el, 'tipoLegame'),
    dataDecorrenza: txt(el, 'dataDecorrenza'),
    codiceLegame: txt(el, 'codiceLegame'),
    progressivoComponente: txt(el, 'progressivoComponente'),
  });
}

export function parseResidenza(el: Element | undefined): ResidenzaParsed | undefined {
  if (!el) return undefined;
  const ind = childByLocalName(el, 'indirizzo');
  const top = childByLocalName(ind, 'toponimo');
  const civ = childByLocalName(ind, 'numeroCivico');
  const ci = childByLocalName(civ, 'civicoInterno');
  const est = childByLocalName(el, 'localitaEstera');
  const ie = childByLocalName(est, 'indirizzoEstero');
  const r: ResidenzaParsed = compact({
    tipoIndirizzo: txt(el, 'tipoIndirizzo'),
    noteIndirizzo: txt(el, 'noteIndirizzo'),
    cap: txt(ind, 'cap'),
    comune: pComune(childByLocalName(ind, 'comune')),
    frazione: txt(ind, 'frazione'),
    codSpecie: txt(top, 'codSpecie'),
    specie: txt(top, 'specie'),
    denominazioneToponimo: txt(top, 'denominazioneToponimo'),
    numero: txt(civ, 'numero'),
    metrico: txt(civ, 'metrico'),
    lettera: txt(civ, 'lettera'),
    esponente1: txt(civ, 'esponente1'),
    scala: txt(ci, 'scala'),
    interno1: txt(ci, 'interno1'),
    piano: txt(ci, 'piano'),
    localitaEstera: est
      ? compact({
          indirizzo: [txt(childByLocalName(ie, 'toponimo'), 'denominazione'), txt(childByLocalName(ie, 'toponimo'), 'numeroCivico')]
            .filter(Boolean)
            .join(' ') || undefined,
          localita: pLocalita(childByLocalName(ie, 'localita')),
          consolato: txt(childByLocalName(est, 'consolato'), 'descrizioneConsolato'),
        })
      : undefined,
    presso: txt(el, 'presso'),
    dataDecorrenzaResidenza: txt(el, 'dataDecorrenzaResidenza'),
    testo: '',
  });
  if (ind) {
    const civico = [r.numero ?? r.metrico, r.lettera, r.esponente1].filter(Boolean).join('/');
    const via = [r.specie, r.denominazioneToponimo, civico].filter(Boolean).join(' ');
    const interno = [r.scala && `scala ${r.scala}`, r.piano && `piano ${r.piano}`, r.interno1 && `interno ${r.interno1}`].filter(Boolean).join(' ');
    const com = [r.cap, r.comune?.nomeComune, r.comune?.siglaProvinciaIstat ? `(${r.comune.siglaProvinciaIstat})` : undefined].filter(Boolean).join(' ');
    r.testo = [via, interno, r.frazione, com].filter(Boolean).join(', ');
  } else if (r.localitaEstera) {
    const l = r.localitaEstera;
    r.testo = [l.indirizzo, l.localita?.descrizioneLocalita, l.localita?.descrizioneStato].filter(Boolean).join(', ');
  }
  return r;
}

function pSoggetto3002(el: Element): Soggetto3002 {
  const fam = childByLocalName(el, 'famigliaConvivenza');
  const leg = childByLocalName(el, 'legameSoggetto');
  const dec = childByLocalName(el, 'datiDecesso');
  const canc = childByLocalName(el, 'datiCancellazione');
  return compact({
    idANPR: txt(childByLocalName(el, 'identificativi'), 'idANPR'),
    generalita: parseGeneralita(childByLocalName(el, 'generalita')) ?? {},
    statoCivile: pStatoCivile(childByLocalName(el, 'statoCivile')),
    cittadinanza: childrenByLocalName(el, 'cittadinanza').map(pCittadinanza),
    paternita: pGenitore(childByLocalName(el, 'paternita')),
    maternita: pGenitore(childByLocalName(el, 'maternita')),
    residenza: childrenByLocalName(el, 'residenza').map((r) => parseResidenza(r)!),
    famiglia: fam || leg ? compact({ famigliaConvivenza: pFamiglia(fam), legame: pLegame(leg) }) : undefined,
    datiDecesso: dec ? compact({ dataEvento: txt(dec, 'dataEvento'), luogoEvento: pLuogo(childByLocalName(dec, 'luogoEvento')) }) : undefined,
    datiCancellazione: canc ? compact({ motivoCancellazione: txt(canc, 'motivoCancellazione'), dataCancellazione: txt(canc, 'dataCancellazione') }) : undefined,
    erroriAnomalie: childrenByLocalName(el, 'erroriAnomalie').map(parseErrore),
  });
}

function pVersione(el: Element | undefined): VersioneAnpr {
  const n = (name: string) => Number(txt(el, name) ?? 'NaN');
  return compact({
    codDestinatario: txt(el, 'CodDestinatario') ?? '',
    versioneCompleta: txt(el, 'VersioneCompleta') ?? '',
    major: n('VersioneMajor'),
    minor: n('VersioneMinor'),
    patch: n('VersionePatch'),
    meta: txt(el, 'VersioneMeta'),
  });
}

function pSoggettoVariato(el: Element): SoggettoVariato {
  return compact({
    idANPR: txt(childByLocalName(el, 'identificativi'), 'idANPR'),
    generalitaPrecedenti: parseGeneralita(childByLocalName(el, 'generalitaPrecedenti')),
    generalitaAttuali: parseGeneralita(childByLocalName(el, 'generalitaAttuali')),
    famigliaConvivenza: pFamiglia(childByLocalName(el, 'famigliaConvivenza')),
    legameSoggetto: pLegame(childByLocalName(el, 'legameSoggetto')),
    residenza: childrenByLocalName(el, 'residenza').map((r) => parseResidenza(r)!),
  });
}

function decodeBase64Text(el: Element | undefined): Buffer | undefined {
  if (!el) return undefined;
  const t = (el.textContent ?? '').replace(/\s+/g, '');
  return t ? Buffer.from(t, 'base64') : undefined;
}


// ------------------------------------------------------------ P000 (citizens' requests)

/** Any element as a plain object (local names; leaves as trimmed text; repeated children become arrays). */
export function xmlOggetto(el: Element): XmlOggetto {
  const out: XmlOggetto = {};
  for (const c of elementChildren(el)) {
    const k = localNameOf(c);
    const v: string | XmlOggetto = elementChildren(c).length > 0 ? xmlOggetto(c) : (c.textContent ?? '').trim();
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[k] = [prev, v];
  }
  return out;
}

const bool = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v === 'true' || v === '1');

function pStatoRichiesta(el: Element | undefined): StatoRichiestaParsed | undefined {
  if (!el) return undefined;
  return compact({ idStato: txt(el, 'idStato') ?? '', operatore: txt(el, 'operatore'), dataStato: txt(el, 'dataStato'), note: txt(el, 'note') });
}

function pFileRichiesta(el: Element, opts: ParseOptions): FileRichiestaParsed {
  const cont = childByLocalName(el, 'contenuto');
  const inc = cont ? elementChildren(cont).find((c) => localNameOf(c) === 'Include') : undefined;
  const base64 = !cont ? '' : inc ? (resolveBinary(cont, opts)?.toString('base64') ?? '') : (cont.textContent ?? '').replace(/\s+/g, '');
  return compact({
    idTipologia: txt(el, 'idTipologia'),
    nome: txt(el, 'nomeFile'),
    formato: txt(el, 'idFormatoFile') ?? '',
    descrizione: txt(el, 'descrizione'),
    base64,
    flagOots: txt(el, 'flagOots'),
  });
}

function pComponenteRichiesta(el: Element): ComponenteRichiestaParsed {
  return compact({
    idSchedaSoggettoANPR: txt(el, 'idSchedaSoggettoANPR'),
    codiceFiscale: txt(el, 'codiceFiscale'),
    cognome: txt(el, 'cognome'),
    nome: txt(el, 'nome'),
    idGradoParentela: txt(el, 'idGradoParentela'),
    flagPatente: txt(el, 'flagPatente'),
    flagVeicoli: txt(el, 'flagVeicoli'),
    statoAccettazione: txt(el, 'statoAccettazione'),
    dataAccettazione: txt(el, 'dataAccettazione'),
    dati: xmlOggetto(el),
  });
}

const BLOCCHI_SPECIFICI = ['datiRettifica', 'datiDichiarazioneResidenza', 'datiIscrizioneOnline', 'datiRichiestaIscrizioneElettorale'] as const;

function pDettaglioP002(d: Element, opts: ParseOptions): DettaglioRichiestaParsed {
  const blocco = elementChildren(d).find((c) => (BLOCCHI_SPECIFICI as readonly string[]).includes(localNameOf(c)));
  const componenti = blocco
    ? [
        ...childrenByLocalName(childByLocalName(blocco, 'componentiCoinvolti'), 'componente'),
        ...childrenByLocalName(childByLocalName(blocco, 'componentiCoinvoltiIsc'), 'componenteIsc'),
      ].map(pComponenteRichiesta)
    : [];
  const indirizzo = blocco ? childByLocalName(blocco, 'indirizzo') : undefined;
  const riep = childByLocalName(d, 'riepilogoRichiesta');
  const fam = childByLocalName(d, 'famigliaConvivenza');
  const proroghe = txt(d, 'numeroProroghe');
  return compact({
    codiceRichiesta: txt(d, 'codiceRichiesta') ?? '',
    idTipologia: txt(d, 'idTipologia') ?? '',
    note: txt(d, 'note'),
    dataApertura: txt(d, 'dataApertura') ?? '',
    dataChiusura: txt(d, 'dataChiusura'),
    dataScadenza: txt(d, 'dataScadenza'),
    dataUltimoAggiornamento: txt(d, 'dataUltimoAggiornamento'),
    numeroProroghe: proroghe === undefined ? undefined : Number(proroghe),
    statoCorrente: pStatoRichiesta(childByLocalName(d, 'statoRichiestaCorrente')) ?? { idStato: '' },
    storicoStati: childrenByLocalName(childByLocalName(d, 'storicoStati'), 'statoRichiesta').map((e) => pStatoRichiesta(e)!),
    recapiti: childrenByLocalName(childByLocalName(d, 'recapiti'), 'recapito').map((r) => ({
      idTipologiaRecapito: txt(r, 'idTipologiaRecapito') ?? '',
      valore: txt(r, 'valoreRecapito') ?? '',
    })),
    idANPR: txt(childByLocalName(d, 'identificativi'), 'idANPR'),
    richiedente: parseGeneralita(childByLocalName(d, 'soggettoRichiedente')),
    interessato: parseGeneralita(childByLocalName(d, 'soggettoInteressato')),
    famigliaConvivenza: fam ? xmlOggetto(fam) : undefined,
    comuneInteressato: pComune(childByLocalName(d, 'comuneInteressato')),
    riepilogo: riep ? pFileRichiesta(riep, opts) : undefined,
    allegati: childrenByLocalName(childByLocalName(d, 'allegati'), 'allegato').map((a) => pFileRichiesta(a, opts)),
    componenti,
    indirizzoDichiarato: indirizzo ? xmlOggetto(indirizzo) : undefined,
    datiSpecifici: blocco ? { tipo: localNameOf(blocco) as (typeof BLOCCHI_SPECIFICI)[number], dati: xmlOggetto(blocco) } : undefined,
  });
}

function pRichiestaP001(r: Element): RichiestaCittadinoSintesi {
  return compact({
    codiceRichiesta: txt(r, 'codiceRichiesta') ?? '',
    idSchedaSoggettoRichiedente: txt(r, 'idSchedaSoggettoRichiedente'),
    idSchedaSoggettoInteressato: txt(r, 'idSchedaSoggettoInteressato'),
    idFamigliaConvivenzaANPR: txt(r, 'idFamigliaConvivenzaANPR'),
    idStatoRichiesta: txt(r, 'idStatoRichiesta') ?? '',
    idTipologia: txt(r, 'idTipologia') ?? '',
    dataApertura: txt(r, 'dataApertura') ?? '',
    dataChiusura: txt(r, 'dataChiusura'),
    operatore: txt(r, 'operatore'),
    codiceFiscaleSoggettoRichiedente: txt(childByLocalName(r, 'codiceFiscaleSoggettoRichiedente'), 'codFiscale'),
  });
}

// ------------------------------------------------------------ entry points

export interface ParseOptions {
  /** MTOM attachments (Content-ID → bytes) to resolve xop:Include. */
  attachments?: ReadonlyMap<string, Buffer>;
}

/** Locates the SOAP Body payload (or accepts a bare Risposta element). */
function bodyPayload(doc: ReturnType<typeof parseXmlSafely>): { payload?: Element; fault?: Element } {
  const root = doc.documentElement as unknown as Element;
  if (localNameOf(root) === 'Envelope') {
    const body = childByLocalName(root, 'Body');
    const first = elementChildren(body)[0];
    if (!first) return {};
    if (localNameOf(first) === 'Fault') return { fault: first };
    return { payload: first };
  }
  if (localNameOf(root) === 'Fault') return { fault: root };
  return { payload: root };
}

/**
 * Parses an ANPR SOAP response for `service` into an AnprOutcome.
 * Never throws: unreadable input → esito_sconosciuto / risposta_malformata.
 */
export function parseResponse<K extends ServiceCode>(service: K, soapEnvelopeXml: string, opts: ParseOptions = {}): AnprOutcome<ParsedResponses[K]> {
  const info = SERVICES[service];
  let doc;
  try {
    doc = parseXmlSafely(soapEnvelopeXml);
  } catch (err) {
    const why = err instanceof XmlSecurityError ? 'DOCTYPE/ENTITY refused' : err instanceof XmlParseError ? `malformed XML: ${err.message}` : String(err);
    return malformed(`${service}: ${why}`);
  }
  const { payload, fault } = bodyPayload(doc);
  if (fault) return outcomeFromFault(fault);
  if (!payload) return malformed(`${service}: empty SOAP Body`);
  if (localNameOf(payload) !== info.responseElement) {
    return malformed(`${service}: expected ${info.responseElement}, got ${localNameOf(payload)}`);
  }
  try {
    return parsePayload(service, payload, opts) as AnprOutcome<ParsedResponses[K]>;
  } catch (err) {
    return malformed(`${service}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Parses a raw HTTP response body: MTOM multipart (6001) or plain XML.
 */
export function parseHttpResponse<K extends ServiceCode>(service: K, contentType: string | undefined, body: Buffer): AnprOutcome<ParsedResponses[K]> {
  if (isMultipartRelated(contentType)) {
    try {
      const m = parseMtom(contentType!, body);
      return parseResponse(service, m.rootXml, { attachments: m.attachments });
    } catch (err) {
      return malformed(`${service}: MTOM: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return parseResponse(service, body.toString('utf8'));
}

function koFrom(ko: Element): AnprOutcome<never> {
  const t = parseTestataRisposta(childByLocalName(ko, 'testataRisposta'));
  return outcomeFromKo(t, parseAnyErrori(childByLocalName(ko, 'listaErrori')));
}

function parsePayload(service: ServiceCode, payload: Element, opts: ParseOptions): AnprOutcome<unknown> {
  const info = SERVICES[service];
  if (info.responseShape === 'testconn') {
    const t = parseTestataRisposta(childByLocalName(payload, 'testataRisposta'));
    return outcomeFromOk(t, { testata: t }, []);
  }
  const inner = elementChildren(payload)[0];
  if (!inner) return malformed(`${service}: ${info.responseElement} is empty`);
  const name = localNameOf(inner);

  if (name === 'rispostaKO' || name === 'Risposta6001KO') return koFrom(inner);

  const testata = parseTestataRisposta(childByLocalName(inner, 'testataRisposta'));

  if (name === 'Risposta_Comune') {
    const anomalie = parseAnyErrori(childByLocalName(inner, 'listaAnomalie'));
    const value: RispostaComuneParsed = {
      testata,
      soggettiVariati: childrenByLocalName(childByLocalName(inner, 'listaSoggettiVariati'), 'datiSoggetto').map(pSoggettoVariato),
    };
    const esito = testata.esitoOperazione;
    if (esito === '3' || esito === '4') return outcomeFromKo(testata, anomalie);
    if (esito !== undefined && esito !== '2' && esito !== '6') {
      return malformed(`${service}: Risposta_Comune with unexpected esitoOperazione=${esito}`, testata.idOperazioneComune);
    }
    return outcomeFromOk(testata, value, anomalie);
  }

  if (/^RispostaMultipla100[12]$/.test(name)) {
    // Parents not unique: nothing was registered; the clerk must choose.
    return {
      kind: 'respinta',
      errori: [
        {
          codice: 'MULTIPLA',
          tipo: 'E',
          testo: 'I genitori indicati non sono univoci in ANPR: precisare i dati (codice fiscale o id ANPR) e reinviare.',
        },
      ],
      idOperazioneComune: testata.idOperazioneComune,
      ...(testata.idOperazioneANPR ? { idOperazioneANPR: testata.idOperazioneANPR } : {}),
      ...(testata.esitoOperazione ? { esitoOperazione: testata.esitoOperazione } : {}),
    };
  }

  switch (name) {
    case 'Risposta3002_OK': {
      const dfc = childByLocalName(inner, 'datiFamigliaConvivenza');
      const value: Risposta3002Parsed = compact({
        testata,
        soggetti: childrenByLocalName(childByLocalName(inner, 'listaSoggetti'), 'datiSoggetto').map(pSoggetto3002),
        datiFamigliaConvivenza: dfc
          ? compact({ residenza: parseResidenza(childByLocalName(dfc, 'residenza')), famigliaConvivenza: pFamiglia(childByLocalName(dfc, 'famigliaConvivenza')) })
          : undefined,
      });
      return outcomeFromOk(testata, value, parseAnyErrori(childByLocalName(inner, 'listaAnomalie')));
    }
    case 'Risposta3001_OK': {
      const g = (e: Element): Genitore3001Parsed =>
        compact({
          genitore: pGenitore(childByLocalName(e, 'genitore')),
          residenza: parseResidenza(childByLocalName(e, 'residenza')),
          famiglia: pFamiglia(childByLocalName(e, 'famiglia')),
        });
      const value: Risposta3001Parsed = {
        testata,
        padri: childrenByLocalName(inner, 'elencoSoggettiPadre').map(g),
        madri: childrenByLocalName(inner, 'elencoSoggettiMadre').map(g),
      };
      return outcomeFromOk(testata, value, []);
    }
    case 'Risposta3003_OK': {
      const value: Risposta3003Parsed = {
        testata,
        elencoRisposte: childrenByLocalName(inner, 'elencoRisposte').map((e) =>
          compact({
            statoLavorazione: txt(e, 'statoLavorazione'),
            tipoOperazione: txt(e, 'tipoOperazione'),
            xmlRisposta: decodeBase64Text(childByLocalName(e, 'xmlRisposta'))?.toString('utf8'),
          }),
        ),
      };
      return outcomeFromOk(testata, value, []);
    }
    case 'Risposta3007_OK': {
      const value: Risposta3007Parsed = {
        testata,
        operazioni: childrenByLocalName(childByLocalName(inner, 'listaOperazioniAnpr'), 'operazioneANPR').map((e) =>
          compact({ statoLavorazione: txt(e, 'statoLavorazione'), tipoOperazione: txt(e, 'tipoOperazione'), idOperazioneANPR: txt(e, 'idOperazioneANPR') ?? '' }),
        ),
      };
      return outcomeFromOk(testata, value, []);
    }
    case 'Risposta6001OK': {
      const errori = childrenByLocalName(inner, 'listaErrori').flatMap((l) => parseAnyErrori(l));
      const pdfEl = childByLocalName(childByLocalName(inner, 'file'), 'certificatoPdf');
      const value: Risposta6001Parsed = compact({
        testata,
        protocolloANPR: txt(childByLocalName(inner, 'protocolloANPR'), 'numeroProtocolloANPR'),
        tipiCertificato: childrenByLocalName(childByLocalName(inner, 'listaTipiCertificato'), 'tipoCertificato').map((e) => (e.textContent ?? '').trim()),
        soggettoIntestatario: parseGeneralita(childByLocalName(childByLocalName(inner, 'soggettoIntestatario'), 'generalita')),
        certificatoPdf: pdfEl ? resolveBinary(pdfEl, opts) : undefined,
        errori,
      });
      if (errori.some((e) => e.tipo.toUpperCase() === 'E') && !value.certificatoPdf && !value.protocolloANPR) {
        return outcomeFromKo(testata, errori);
      }
      return outcomeFromOk(testata, value, [...parseAnyErrori(childByLocalName(inner, 'listaAnomalie')), ...errori]);
    }
    case 'RispostaMultipla7001': {
      const det = childByLocalName(inner, 'datiDettaglioRisposta');
      const value: Risposta7001Parsed = compact({
        testata,
        idTabella: txt(det, 'idTabella'),
        xmlFile: childrenByLocalName(det, 'xmlFile').map((e) => decodeBase64Text(e) ?? Buffer.alloc(0)),
      });
      return outcomeFromOk(testata, value, []);
    }
    case 'RispostaMultipla7003': {
      const value: Risposta7003Parsed = {
        testata,
        statoVersioni: childrenByLocalName(inner, 'statoVersioni').map((e) => ({
          corrente: pVersione(childByLocalName(e, 'versioneCorrente')),
          supportate: childrenByLocalName(e, 'versioniSupportate').map(pVersione),
        })),
      };
      return outcomeFromOk(testata, value, []);
    }
    case 'RispostaOKP001': {
      const c = childByLocalName(inner, 'criteriRicerca');
      const value: RispostaP001Parsed = {
        testata,
        criteriRicerca: compact({
          dataIniziale: txt(c, 'dataIniziale'),
          dataFinale: txt(c, 'dataFinale'),
          idTipologia: txt(c, 'idTipologia'),
          idStatoRichiesta: txt(c, 'idStatoRichiesta'),
          flagInScadenza: bool(txt(c, 'flagInScadenza')),
          flagProrogate: bool(txt(c, 'flagProrogate')),
        }),
        richieste: childrenByLocalName(childByLocalName(inner, 'elenco'), 'richiesta').map(pRichiestaP001),
      };
      return outcomeFromOk(testata, value, []);
    }
    case 'RispostaOKP002': {
      const d = childByLocalName(inner, 'dettaglio');
      const value: RispostaP002Parsed = compact({
        testata,
        codiceRichiesta: txt(childByLocalName(inner, 'criteriRicerca'), 'codiceRichiesta'),
        dettaglio: d ? pDettaglioP002(d, opts) : undefined,
      });
      return outcomeFromOk(testata, value, []);
    }
    case 'RispostaOKP003': {
      const c = childByLocalName(inner, 'criteriRicerca');
      const value: RispostaP003Parsed = compact({
        testata,
        codiceRichiesta: txt(c, 'codiceRichiesta'),
        idStatoRichiesta: txt(c, 'idStatoRichiesta'),
        richiestaProroga: bool(txt(c, 'richiestaProroga')),
        codiceEsito: txt(childByLocalName(inner, 'esito'), 'codiceEsito') ?? '',
      });
      return outcomeFromOk(testata, value, []);
    }
    default:
      return malformed(`${service}: unexpected element ${name} in ${info.responseElement}`, testata.idOperazioneComune);
  }
}

/** base64Binary element: inline base64, or xop:Include href="cid:…" resolved from attachments. */
function resolveBinary(el: Element, opts: ParseOptions): Buffer | undefined {
  const inc = elementChildren(el).find((c) => localNameOf(c) === 'Include');
  if (inc) {
    const href = inc.getAttribute('href') ?? '';
    const id = cidToContentId(href);
    const data = opts.attachments?.get(id);
    if (!data) throw new Error(`xop:Include ${href} without a matching MIME part`);
    return data;
  }
  return decodeBase64Text(el);
}
