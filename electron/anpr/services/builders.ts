/**
 * Typed request builders: input object → XML string of the namespace-qualified
 * `ns2:Richiesta<CODE>` element (children unqualified, as the XSDs say with
 * elementFormDefault="unqualified"), children in xs:sequence order.
 */
import { el, leaf, leaves, many, opt, root, serialize, type XmlChild } from '../xml/writer';
import {
  pad,
  wAltraLingua,
  wAltriDati,
  wAnnullamentoMatrimonio,
  wAtto,
  wAttoANPR,
  wAttributiSoggetto,
  wAutoveicoli,
  wCartaIdentita,
  wCensimento,
  wCittadinanza,
  wComune,
  wComuneRichiesta,
  wDatiEvento,
  wDatiOperazione,
  wDatiProcedimento,
  wDatiRicercaScheda,
  wFamigliaConvivenza,
  wGeneralita,
  wGenitore,
  wLegameSoggetto,
  wListaControlli,
  wLocalita,
  wMatrimonio,
  wPermessoSoggiorno,
  wResidenza,
  wSentenza,
  wSoggettoFamiglia,
  wStatoCivile,
  wUnioneCivile,
  wVedovanza,
} from './common';
import { SERVICES, type ServiceCode } from './registry';
import { testataElement } from './testata';
import type {
  AltraLingua,
  AltriDati,
  AnnullamentoMatrimonio,
  Atto,
  AttoANPR,
  AttributiSoggetto,
  Autoveicoli,
  CartaIdentita,
  Censimento,
  Cittadinanza,
  Codice,
  Comune,
  ComuneRichiesta,
  Controllo,
  DataXsd,
  DatiEvento,
  DatiOperazione,
  DatiProcedimento,
  DatiRicercaScheda,
  FamigliaConvivenza,
  Generalita,
  Genitore,
  IdFamigliaConvivenzaComune,
  IdSchedaSoggettoComune,
  LegameSoggetto,
  Localita,
  Matrimonio,
  PermessoSoggiorno,
  Residenza,
  Sentenza,
  SoggettoFamiglia,
  StatoCivile,
  TestataBuilderInput,
  UnioneCivile,
  Vedovanza,
} from './types';

export const REQUEST_PREFIX = 'ns2';

/**
 * The testata of a request sent through the client (`AnprClient.send`): the
 * sender, recipient and environment are left blank because the client fills
 * them from its configuration when it prepares the envelope.
 */
export function testataDaCompletare(idOperazioneComune: string, dataOraRichiesta: Date, tipoOperazione = 'C'): TestataBuilderInput {
  return { idOperazioneComune, codMittente: '', codDestinatario: '', dataOraRichiesta, tipoOperazione, tipoInvio: '' };
}

function request(code: ServiceCode, testata: TestataBuilderInput, ...children: XmlChild[]): string {
  const info = SERVICES[code];
  const t = { ...testata, operazioneRichiesta: testata.operazioneRichiesta ?? info.operazioneRichiesta };
  return serialize(root(REQUEST_PREFIX, info.requestElement, info.namespace, testataElement(t), ...children));
}

// ---------------------------------------------------------------- TestConn

export interface RichiestaConnessioneInput {
  testata: TestataBuilderInput;
}

export function buildRichiestaConnessione(input: RichiestaConnessioneInput): string {
  return request('TestConn', input.testata);
}

// ---------------------------------------------------------------- 3001

export interface Genitore3001 {
  generalita?: Generalita;
  cittadinanza?: Cittadinanza;
}

export interface Richiesta3001Input {
  testata: TestataBuilderInput;
  paternita?: Genitore3001;
  maternita?: Genitore3001;
  /** Flags (numerico 1) telling ANPR which data to use for the search. */
  datiControlli: {
    pPadre: Codice;
    pCodiceFiscalePadre: Codice;
    pCognomePadre?: Codice;
    pMadre: Codice;
    pCognomeMadre: Codice;
    pCodiceFiscaleMadre: Codice;
  };
}

function wGenitore3001(name: string, g: Genitore3001 | undefined): XmlChild {
  if (!g) return undefined;
  return el(name, wGeneralita('generalita', g.generalita), wCittadinanza('cittadinanza', g.cittadinanza));
}

export function buildRichiesta3001(input: Richiesta3001Input): string {
  const c = input.datiControlli;
  return request(
    '3001',
    input.testata,
    wGenitore3001('paternita', input.paternita),
    wGenitore3001('maternita', input.maternita),
    el(
      'datiControlli',
      leaf('pPadre', c.pPadre),
      leaf('pCodiceFiscalePadre', c.pCodiceFiscalePadre),
      leaf('pCognomePadre', c.pCognomePadre),
      leaf('pMadre', c.pMadre),
      leaf('pCognomeMadre', c.pCognomeMadre),
      leaf('pCodiceFiscaleMadre', c.pCodiceFiscaleMadre),
    ),
  );
}

// ---------------------------------------------------------------- 3002

export interface CriteriRicerca3002 {
  codiceFiscale?: string;
  cognome?: string;
  senzaCognome?: boolean;
  nome?: string;
  senzaNome?: boolean;
  sesso?: 'M' | 'F' | 'N';
  soggettoAIRE?: string;
  idSchedaSoggettoComune?: IdSchedaSoggettoComune;
  /** Up to 16 digits: a string, never a number. */
  idSchedaSoggettoANPR?: string;
  tipoScheda?: Codice;
  idFamigliaConvivenzaComune?: IdFamigliaConvivenzaComune;
  identificativoANPR?: string;
  cartaIdentita3000?: { comuneRilascio?: ComuneRichiesta; codiceConsolatoRilascio?: string; numero: string };
  permessoDiSoggiorno3000?: {
    /** Choice with datiSoggiorno30XX. */
    numeroPassaporto?: string;
    datiSoggiorno30XX?: { questuraRilascioSoggiorno?: string; numeroSoggiorno?: string };
  };
  idANPR?: string;
}

export interface DatiNascita3000 {
  dataEvento: DataXsd;
  senzaGiorno?: boolean;
  senzaGiornoMese?: boolean;
  /** If given, `comune` or `localita` is mandatory (xs:choice). */
  luogoNascita?: { luogoEccezionale?: string; comune?: Comune; localita?: Localita };
}

export interface Richiesta3002Input {
  testata: TestataBuilderInput;
  criteriRicerca: CriteriRicerca3002;
  datiNascita?: DatiNascita3000;
  residenzaIscrizioneAIRE?: { comune?: Comune; localita?: Localita; codiceConsolato?: string };
  datiRichiesta: {
    /** 1 = scheda individuale, 2 = famiglia… */
    schedaAnagraficaRichiesta: Codice;
    dataRiferimentoRichiesta: DataXsd;
    /** Tabella 16: 1 full record, 2 generalità, 3 stato civile… */
    datiAnagraficiRichiesti?: Codice[];
    /** 1 = all comuni, 0 = comune of residence only. */
    ricercaNazionale?: Codice;
    comuneResidenza?: Comune;
    parametriANPR?: string[];
  };
}

function wLuogoNascita3000(l: DatiNascita3000['luogoNascita']): XmlChild {
  if (!l) return undefined;
  return el('luogoNascita', leaf('luogoEccezionale', l.luogoEccezionale), l.comune ? wComune('comune', l.comune) : wLocalita('localita', l.localita));
}

export function buildRichiesta3002(input: Richiesta3002Input): string {
  const c = input.criteriRicerca;
  const n = input.datiNascita;
  const a = input.residenzaIscrizioneAIRE;
  const r = input.datiRichiesta;
  const ps = c.permessoDiSoggiorno3000;
  return request(
    '3002',
    input.testata,
    el(
      'criteriRicerca',
      leaf('codiceFiscale', c.codiceFiscale),
      leaf('cognome', c.cognome),
      leaf('senzaCognome', c.senzaCognome ? '1' : undefined),
      leaf('nome', c.nome),
      leaf('senzaNome', c.senzaNome ? '1' : undefined),
      leaf('sesso', c.sesso),
      leaf('soggettoAIRE', c.soggettoAIRE),
      c.idSchedaSoggettoComune &&
        el(
          'idSchedaSoggettoComune',
          leaf('idSchedaSoggettoComuneIstat', c.idSchedaSoggettoComune.idSchedaSoggettoComuneIstat),
          leaf('idSchedaSoggetto', c.idSchedaSoggettoComune.idSchedaSoggetto),
        ),
      leaf('idSchedaSoggettoANPR', c.idSchedaSoggettoANPR),
      leaf('tipoScheda', c.tipoScheda),
      c.idFamigliaConvivenzaComune &&
        el(
          'idFamigliaConvivenzaComune',
          leaf('idFamigliaConvivenzaComuneIstat', c.idFamigliaConvivenzaComune.idFamigliaConvivenzaComuneIstat),
          leaf('idFamigliaConvivenza', c.idFamigliaConvivenzaComune.idFamigliaConvivenza),
        ),
      leaf('identificativoANPR', c.identificativoANPR),
      c.cartaIdentita3000 &&
        el(
          'cartaIdentita3000',
          wComuneRichiesta('comuneRilascio', c.cartaIdentita3000.comuneRilascio),
          leaf('codiceConsolatoRilascio', c.cartaIdentita3000.codiceConsolatoRilascio),
          leaf('numero', c.cartaIdentita3000.numero),
        ),
      ps &&
        opt(
          'permessoDiSoggiorno3000',
          ps.numeroPassaporto
            ? leaf('numeroPassaporto', ps.numeroPassaporto)
            : ps.datiSoggiorno30XX &&
                el(
                  'datiSoggiorno30XX',
                  leaf('questuraRilascioSoggiorno', ps.datiSoggiorno30XX.questuraRilascioSoggiorno),
                  leaf('numeroSoggiorno', ps.datiSoggiorno30XX.numeroSoggiorno),
                ),
        ),
      leaf('idANPR', c.idANPR),
    ),
    n &&
      el(
        'datiNascita',
        leaf('dataEvento', n.dataEvento),
        leaf('senzaGiorno', n.senzaGiorno ? '1' : undefined),
        leaf('senzaGiornoMese', n.senzaGiornoMese ? '1' : undefined),
        wLuogoNascita3000(n.luogoNascita),
      ),
    a && opt('residenzaIscrizioneAIRE', wComune('comune', a.comune), wLocalita('localita', a.localita), leaf('codiceConsolato', a.codiceConsolato)),
    el(
      'datiRichiesta',
      leaf('schedaAnagraficaRichiesta', r.schedaAnagraficaRichiesta),
      leaf('dataRiferimentoRichiesta', r.dataRiferimentoRichiesta),
      leaves('datiAnagraficiRichiesti', r.datiAnagraficiRichiesti),
      leaf('ricercaNazionale', r.ricercaNazionale),
      wComune('comuneResidenza', r.comuneResidenza),
      leaves('parametriANPR', r.parametriANPR),
    ),
  );
}

// ---------------------------------------------------------------- 3003 / 3007

export interface RicercaRichiesteInput {
  testata: TestataBuilderInput;
  comuneRichiesta?: ComuneRichiesta;
  /** One request, by idOperazioneANPR, protocolloComune or idOperazioneComune. */
  ricercaSingolaRichiesta?: {
    idOperazioneANPR?: string;
    /** Exactly 20 characters (XSD char20). */
    protocolloComune?: string;
    idOperazioneComune?: string;
    /** tipoOperazione3003 (numerico 1). */
    tipoOperazione: Codice;
  };
  /** Lists by state (Tabella 44: 1 in elaborazione, 2 OK, 3 KO, 4 annullata, … 9 all). */
  ricercaElenchiRichieste?: {
    statoLavorazione: Codice;
    operazioneRichiesta?: string;
    periodoRiferimentoRichieste?: { dataOraIniziale: string; dataOraFinale: string };
    identificativiANPR?: { protocolloANPRDa: string; protocolloANPRA: string };
    identificativiComune?: {
      protocolloComuneDa?: string;
      protocolloComuneA?: string;
      idOperazioneComuneDa?: string;
      idOperazioneComuneA?: string;
    };
  };
  parametriRicercaSoggetto?: {
    datiSoggetto?: {
      codiceFiscale?: string;
      cognome?: string;
      nome?: string;
      datiNascitaSoggetto?: { dataEvento: DataXsd; luogoNascita?: DatiNascita3000['luogoNascita'] };
      idSchedaSoggettoANPR?: string;
    };
    dettaglioElenco?: Codice;
  };
}

export type Richiesta3003Input = RicercaRichiesteInput;
export type Richiesta3007Input = RicercaRichiesteInput;

function ricercaRichieste(code: '3003' | '3007', input: RicercaRichiesteInput): string {
  const s = input.ricercaSingolaRichiesta;
  const e = input.ricercaElenchiRichieste;
  const p = input.parametriRicercaSoggetto;
  const ds = p?.datiSoggetto;
  return request(
    code,
    input.testata,
    wComuneRichiesta('comuneRichiesta', input.comuneRichiesta),
    s &&
      el(
        'ricercaSingolaRichiesta',
        leaf('idOperazioneANPR', s.idOperazioneANPR),
        leaf('protocolloComune', s.protocolloComune),
        leaf('idOperazioneComune', s.idOperazioneComune),
        leaf('tipoOperazione', s.tipoOperazione),
      ),
    e &&
      el(
        'ricercaElenchiRichieste',
        leaf('statoLavorazione', e.statoLavorazione),
        leaf('operazioneRichiesta', e.operazioneRichiesta),
        e.periodoRiferimentoRichieste &&
          el(
            'periodoRiferimentoRichieste',
            leaf('dataOraIniziale', e.periodoRiferimentoRichieste.dataOraIniziale),
            leaf('dataOraFinale', e.periodoRiferimentoRichieste.dataOraFinale),
          ),
        e.identificativiANPR &&
          el('identificativiANPR', leaf('protocolloANPRDa', e.identificativiANPR.protocolloANPRDa), leaf('protocolloANPRA', e.identificativiANPR.protocolloANPRA)),
        e.identificativiComune &&
          opt(
            'identificativiComune',
            leaf('protocolloComuneDa', e.identificativiComune.protocolloComuneDa),
            leaf('protocolloComuneA', e.identificativiComune.protocolloComuneA),
            leaf('idOperazioneComuneDa', e.identificativiComune.idOperazioneComuneDa),
            leaf('idOperazioneComuneA', e.identificativiComune.idOperazioneComuneA),
          ),
      ),
    p &&
      opt(
        'parametriRicercaSoggetto',
        ds &&
          opt(
            'datiSoggetto',
            leaf('codiceFiscale', ds.codiceFiscale),
            leaf('cognome', ds.cognome),
            leaf('nome', ds.nome),
            ds.datiNascitaSoggetto &&
              el('datiNascitaSoggetto', leaf('dataEvento', ds.datiNascitaSoggetto.dataEvento), wLuogoNascita3000(ds.datiNascitaSoggetto.luogoNascita)),
            leaf('idSchedaSoggettoANPR', ds.idSchedaSoggettoANPR),
          ),
        leaf('dettaglioElenco', p.dettaglioElenco),
      ),
  );
}

export function buildRichiesta3003(input: Richiesta3003Input): string {
  return ricercaRichieste('3003', input);
}

export function buildRichiesta3007(input: Richiesta3007Input): string {
  return ricercaRichieste('3007', input);
}

// ---------------------------------------------------------------- 1001

export interface Richiesta1001Input {
  testata: TestataBuilderInput;
  generalita1001: { generalita: Generalita; attributiSoggetto?: AttributiSoggetto };
  attoNascita?: Atto;
  attoNascitaANPR?: AttoANPR;
  cittadinanza: Cittadinanza;
  paternita?: Genitore;
  maternita?: Genitore;
  /** Target family/convivenza (must already exist). */
  famConv?: FamigliaConvivenza;
  /** Mandatory for attribuzioneFamiglia 4 or 5. */
  legameSoggetto?: LegameSoggetto;
  datiDelProcedimento?: DatiProcedimento;
  datiControllo: {
    /** 1 father's surname, 3 both… */
    origineCognome?: Codice;
    /** 1 both parents, 2 father, 3 mother… */
    filiazione?: Codice;
    /** 1 parents' family, 2 father's, 3 mother's, 4 convivenza, 5 other family. */
    attribuzioneFamiglia: Codice;
    /** 0 validate only (default), 1 ask AE to assign, 2 omocodice, 3 no AE check. */
    gestioneCF?: Codice;
    listaControlli?: Controllo[];
  };
}

export function buildRichiesta1001(input: Richiesta1001Input): string {
  const d = input.datiControllo;
  return request(
    '1001',
    input.testata,
    el('generalita1001', wGeneralita('generalita', input.generalita1001.generalita), wAttributiSoggetto('attributiSoggetto', input.generalita1001.attributiSoggetto)),
    wAtto('attoNascita', input.attoNascita),
    wAttoANPR('attoNascitaANPR', input.attoNascitaANPR),
    wCittadinanza('cittadinanza', input.cittadinanza),
    wGenitore('paternita', input.paternita),
    wGenitore('maternita', input.maternita),
    wFamigliaConvivenza('famConv', input.famConv),
    wLegameSoggetto('legameSoggetto', input.legameSoggetto),
    wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
    el(
      'datiControllo',
      leaf('origineCognome', d.origineCognome),
      leaf('filiazione', d.filiazione),
      leaf('attribuzioneFamiglia', d.attribuzioneFamiglia),
      leaf('gestioneCF', d.gestioneCF),
      wListaControlli(d.listaControlli),
    ),
  );
}

// ---------------------------------------------------------------- 1002

export interface Richiesta1002Input {
  testata: TestataBuilderInput;
  motivoIscrizione: {
    /** Tabella 7: 3 immigrazione da comune non subentrato, 4 dall'estero, 5 ricomparsa… */
    idMotivoIscrizione: Codice;
    note?: string;
  };
  generalita1002: { generalita: Generalita; statoCivile?: StatoCivile; attributiSoggetto?: AttributiSoggetto };
  altriDati?: AltriDati;
  attoNascita?: Atto;
  attoNascitaANPR?: AttoANPR;
  /** At least one. */
  cittadinanza: Cittadinanza[];
  paternita?: Genitore;
  maternita?: Genitore;
  /** Choice: comune (Italy) or localita (abroad). */
  provenienza?: { comune?: Comune; localita?: Localita };
  residenza?: Residenza[];
  altraLingua?: AltraLingua[];
  /** Family to join, or convivenza (one of the two). */
  famiglia?: { famiglia: FamigliaConvivenza; legameSoggetto: LegameSoggetto };
  convivenza?: { convivenza: FamigliaConvivenza; legameSoggetto: LegameSoggetto };
  matrimonio?: Matrimonio;
  vedovanza?: Vedovanza;
  separazioneAnnullamentoCessazioneMatrimonio?: AnnullamentoMatrimonio;
  cartaIdentita?: CartaIdentita;
  permessoSoggiorno?: PermessoSoggiorno;
  censimento?: Censimento;
  autoveicoli?: Autoveicoli;
  datiDelProcedimento?: DatiProcedimento;
  datiSentenza?: Sentenza;
  datiControllo: { attribuzioneFamiglia: Codice; gestioneCF?: Codice; listaControlli?: Controllo[] };
}

export function buildRichiesta1002(input: Richiesta1002Input): string {
  const g = input.generalita1002;
  const p = input.provenienza;
  const d = input.datiControllo;
  return request(
    '1002',
    input.testata,
    el('motivoIscrizione', leaf('idMotivoIscrizione', input.motivoIscrizione.idMotivoIscrizione), leaf('note', input.motivoIscrizione.note)),
    el('generalita1002', wGeneralita('generalita', g.generalita), wStatoCivile('statoCivile', g.statoCivile), wAttributiSoggetto('attributiSoggetto', g.attributiSoggetto)),
    wAltriDati('altriDati', input.altriDati),
    wAtto('attoNascita', input.attoNascita),
    wAttoANPR('attoNascitaANPR', input.attoNascitaANPR),
    many(input.cittadinanza, (c) => wCittadinanza('cittadinanza', c)),
    wGenitore('paternita', input.paternita),
    wGenitore('maternita', input.maternita),
    p && opt('provenienza', p.comune ? wComune('comune', p.comune) : wLocalita('localita', p.localita)),
    many(input.residenza, (r) => wResidenza('residenza', r)),
    many(input.altraLingua, (a) => wAltraLingua('altraLingua', a)),
    input.famiglia && el('famiglia', wFamigliaConvivenza('famiglia', input.famiglia.famiglia), wLegameSoggetto('legameSoggetto', input.famiglia.legameSoggetto)),
    input.convivenza &&
      el('convivenza', wFamigliaConvivenza('convivenza', input.convivenza.convivenza), wLegameSoggetto('legameSoggetto', input.convivenza.legameSoggetto)),
    wMatrimonio('matrimonio', input.matrimonio),
    wVedovanza('vedovanza', input.vedovanza),
    wAnnullamentoMatrimonio('separazioneAnnullamentoCessazioneMatrimonio', input.separazioneAnnullamentoCessazioneMatrimonio),
    wCartaIdentita('cartaIdentita', input.cartaIdentita),
    wPermessoSoggiorno('permessoSoggiorno', input.permessoSoggiorno),
    wCensimento('censimento', input.censimento),
    wAutoveicoli('autoveicoli', input.autoveicoli),
    wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
    wSentenza('datiSentenza', input.datiSentenza),
    el('datiControllo', leaf('attribuzioneFamiglia', d.attribuzioneFamiglia), leaf('gestioneCF', d.gestioneCF), wListaControlli(d.listaControlli)),
  );
}

// ---------------------------------------------------------------- 1013 / 2011 / 5012 (annullamenti)

export interface Richiesta1013Input {
  testata: TestataBuilderInput;
  datiOperazione: DatiOperazione;
  datiSchedaSoggettoFamigliaConvivenza: DatiRicercaScheda;
  datiDelProcedimento?: DatiProcedimento;
  datiControllo: {
    /** tipoSchedaAnn (numerico 1). Note the lowercase XSD name `tiposcheda`. */
    tiposcheda: Codice;
    /** S/N: also cancel the CF attribution. */
    annullamentoAttribuzione: string;
    listaControlli?: Controllo[];
  };
}

export function buildRichiesta1013(input: Richiesta1013Input): string {
  const d = input.datiControllo;
  return request(
    '1013',
    input.testata,
    wDatiOperazione('datiOperazione', input.datiOperazione),
    wDatiRicercaScheda('datiSchedaSoggettoFamigliaConvivenza', input.datiSchedaSoggettoFamigliaConvivenza),
    wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
    el('datiControllo', leaf('tiposcheda', d.tiposcheda), leaf('annullamentoAttribuzione', d.annullamentoAttribuzione), wListaControlli(d.listaControlli)),
  );
}

export interface Richiesta2011Input {
  testata: TestataBuilderInput;
  datiOperazioneDaAnnullare: DatiOperazione;
  datiSchedaSoggettoFamigliaConvivenza: DatiRicercaScheda;
  datiDelProcedimento?: DatiProcedimento;
  datiControllo: { tipoScheda: Codice; listaControlli?: Controllo[] };
}

export function buildRichiesta2011(input: Richiesta2011Input): string {
  return request(
    '2011',
    input.testata,
    wDatiOperazione('datiOperazioneDaAnnullare', input.datiOperazioneDaAnnullare),
    wDatiRicercaScheda('datiSchedaSoggettoFamigliaConvivenza', input.datiSchedaSoggettoFamigliaConvivenza),
    wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
    el('datiControllo', leaf('tipoScheda', input.datiControllo.tipoScheda), wListaControlli(input.datiControllo.listaControlli)),
  );
}

export interface Richiesta5012Input {
  testata: TestataBuilderInput;
  datiOperazioneDaAnnullare: DatiOperazione;
  datiSchedaSoggettoFamigliaConvivenza: DatiRicercaScheda;
  datiControllo: {
    tipoScheda: Codice;
    /** S/N */
    annullamentoAttribuzioneCF: string;
    /** e.g. RA=1 ripristino posizione anagrafica, RP=1 ripristino parziale. */
    listaControlli?: Controllo[];
  };
}

export function buildRichiesta5012(input: Richiesta5012Input): string {
  const d = input.datiControllo;
  return request(
    '5012',
    input.testata,
    wDatiOperazione('datiOperazioneDaAnnullare', input.datiOperazioneDaAnnullare),
    wDatiRicercaScheda('datiSchedaSoggettoFamigliaConvivenza', input.datiSchedaSoggettoFamigliaConvivenza),
    el('datiControllo', leaf('tipoScheda', d.tipoScheda), leaf('annullamentoAttribuzioneCF', d.annullamentoAttribuzioneCF), wListaControlli(d.listaControlli)),
  );
}

// ---------------------------------------------------------------- 2001

export interface Richiesta2001Input {
  testata: TestataBuilderInput;
  /** Choice: tipoMotivoCancellazione (1 morte accertata, 2 presunta) or tipoMotivoCancellazioneAIRE. */
  motivoCancellazione: { tipoMotivoCancellazione?: Codice; tipoMotivoCancellazioneAIRE?: Codice };
  generalitaPerRicerca: Generalita;
  /** Mandatory for morte accertata. */
  datiDecesso?: DatiEvento;
  /** Mandatory for morte presunta. */
  datiSentenza?: Sentenza;
  /** New head of family and links, when the deceased was the intestatario. */
  elencoSoggettiFamiglia?: SoggettoFamiglia[];
  altriDati?: AltriDati;
  datiDelProcedimento?: DatiProcedimento;
  /** ruoloSoggetto 1 = intestatario, 2 = altro componente. */
  datiControllo: { ruoloSoggetto: Codice; listaControlli?: Controllo[] };
}

export function buildRichiesta2001(input: Richiesta2001Input): string {
  const m = input.motivoCancellazione;
  return request(
    '2001',
    input.testata,
    el(
      'motivoCancellazione',
      m.tipoMotivoCancellazione !== undefined
        ? leaf('tipoMotivoCancellazione', m.tipoMotivoCancellazione)
        : leaf('tipoMotivoCancellazioneAIRE', m.tipoMotivoCancellazioneAIRE),
    ),
    wGeneralita('generalitaPerRicerca', input.generalitaPerRicerca),
    wDatiEvento('datiDecesso', input.datiDecesso),
    wSentenza('datiSentenza', input.datiSentenza),
    many(input.elencoSoggettiFamiglia, (s) => wSoggettoFamiglia('elencoSoggettiFamiglia', s)),
    wAltriDati('altriDati', input.altriDati),
    wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
    el('datiControllo', leaf('ruoloSoggetto', input.datiControllo.ruoloSoggetto), wListaControlli(input.datiControllo.listaControlli)),
  );
}

// ---------------------------------------------------------------- 2003

export interface Richiesta2003Input {
  testata: TestataBuilderInput;
  datiCancellazione: {
    /** Tabella 15: 3 comune non subentrato, 5 estero, 6 irreperibilità… */
    motivoCancellazione: Codice;
    notecancellazione?: string;
    dataDecorrenzaCancellazione: DataXsd;
    datiSentenza?: Sentenza;
  };
  generalitaPerRicerca: Generalita;
  /** Choice: comune or localita. */
  destinazione?: { comune?: Comune; localita?: Localita };
  elencoSoggetti?: SoggettoFamiglia[];
  altriDati?: AltriDati;
  datiDelProcedimento?: DatiProcedimento;
  datiControllo: { ruoloSoggetto: Codice; listaControlli?: Controllo[] };
}

export function buildRichiesta2003(input: Richiesta2003Input): string {
  const c = input.datiCancellazione;
  const dst = input.destinazione;
  return request(
    '2003',
    input.testata,
    el(
      'datiCancellazione',
      leaf('motivoCancellazione', c.motivoCancellazione),
      leaf('notecancellazione', c.notecancellazione),
      leaf('dataDecorrenzaCancellazione', c.dataDecorrenzaCancellazione),
      wSentenza('datiSentenza', c.datiSentenza),
    ),
    wGeneralita('generalitaPerRicerca', input.generalitaPerRicerca),
    dst && opt('destinazione', dst.comune ? wComune('comune', dst.comune) : wLocalita('localita', dst.localita)),
    many(input.elencoSoggetti, (s) => wSoggettoFamiglia('elencoSoggetti', s)),
    wAltriDati('altriDati', input.altriDati),
    wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
    el('datiControllo', leaf('ruoloSoggetto', input.datiControllo.ruoloSoggetto), wListaControlli(input.datiControllo.listaControlli)),
  );
}

// ---------------------------------------------------------------- 5001

export interface Richiesta5001Input {
  testata: TestataBuilderInput;
  famigliaConvivenza: FamigliaConvivenza;
  elencoSoggettiFamiglia?: SoggettoFamiglia[];
  residenzaFamigliaConvivenza?: Residenza;
  altraLingua?: AltraLingua[];
  datiDelProcedimento?: DatiProcedimento;
  /** tipoMutazione Tabella 46 (1 intestatario, 2 composizione, 3 dati generali, 4 residenza…). */
  datiControllo: { tipoMutazione: Codice; tipoScheda: Codice; listaControlli?: Controllo[] };
}

export function buildRichiesta5001(input: Richiesta5001Input): string {
  const d = input.datiControllo;
  return request(
    '5001',
    input.testata,
    wFamigliaConvivenza('famigliaConvivenza', input.famigliaConvivenza),
    many(input.elencoSoggettiFamiglia, (s) => wSoggettoFamiglia('elencoSoggettiFamiglia', s)),
    wResidenza('residenzaFamigliaConvivenza', input.residenzaFamigliaConvivenza),
    many(input.altraLingua, (a) => wAltraLingua('altraLingua', a)),
    wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
    el('datiControllo', leaf('tipoMutazione', d.tipoMutazione), leaf('tipoScheda', d.tipoScheda), wListaControlli(d.listaControlli)),
  );
}

// ---------------------------------------------------------------- 5005

export interface Richiesta5005Input {
  testata: TestataBuilderInput;
  generalitaSchedaFamiglia: FamigliaConvivenza;
  residenzaFamiglia?: Residenza[];
  altraLingua?: AltraLingua[];
  /** Who moves, with their legame in the (new) family. */
  elencoSoggettiFamiglia?: SoggettoFamiglia[];
  datiDelProcedimento?: DatiProcedimento;
  datiControllo: {
    /** Tabella 47 (1 senza fissa dimora, 2 residenza tra comuni, 3 dimora abituale…); written as 2 digits. */
    tipoMutazione: Codice;
    /** 1 existing family/convivenza, 2 new family. */
    tipoScheda: Codice;
    /** e.g. FO=S to force a residence change with the same address. */
    listaControlli?: Controllo[];
  };
}

export function buildRichiesta5005(input: Richiesta5005Input): string {
  const d = input.datiControllo;
  return request(
    '5005',
    input.testata,
    wFamigliaConvivenza('generalitaSchedaFamiglia', input.generalitaSchedaFamiglia),
    many(input.residenzaFamiglia, (r) => wResidenza('residenzaFamiglia', r)),
    many(input.altraLingua, (a) => wAltraLingua('altraLingua', a)),
    many(input.elencoSoggettiFamiglia, (s) => wSoggettoFamiglia('elencoSoggettiFamiglia', s)),
    wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
    el('datiControllo', leaf('tipoMutazione', pad(d.tipoMutazione, 2)), leaf('tipoScheda', d.tipoScheda), wListaControlli(d.listaControlli)),
  );
}

// ---------------------------------------------------------------- 5008

export interface DomicilioDigitale5008 {
  indirizzoDigitale: string;
  dataInizioValidita: DataXsd;
  enteErogatore?: string;
  statoDomicilio?: Codice;
  noteStatoDomicilio?: string;
  emailContatto?: string;
}

function wDomicilioDigitale(name: string, dom: DomicilioDigitale5008 | undefined): XmlChild {
  return (
    dom &&
    el(
      name,
      leaf('indirizzoDigitale', dom.indirizzoDigitale),
      leaf('dataInizioValidita', dom.dataInizioValidita),
      leaf('enteErogatore', dom.enteErogatore),
      leaf('statoDomicilio', dom.statoDomicilio),
      leaf('noteStatoDomicilio', dom.noteStatoDomicilio),
      leaf('emailContatto', dom.emailContatto),
    )
  );
}

export interface Richiesta5008Input {
  testata: TestataBuilderInput;
  generalitaPerRicerca: Generalita;
  generalitaDaModificare?: { generalita?: Generalita; attributiSoggetto?: AttributiSoggetto };
  statoCivile?: StatoCivile;
  attoNascita?: Atto;
  attoNascitaANPR?: AttoANPR;
  paternita?: Genitore;
  maternita?: Genitore;
  cittadinanza?: Cittadinanza[];
  matrimonio?: Matrimonio;
  vedovanza?: Vedovanza;
  separazioneAnnullamentoCessazioneMatrimonio?: AnnullamentoMatrimonio;
  /** tipoMutazione 18 (unitoCivilmente + attoUnione) and 19 (scioglimentoUnione). */
  unioneCivile?: UnioneCivile;
  cartaIdentita?: CartaIdentita;
  permessoSoggiorno?: PermessoSoggiorno;
  censimento?: Censimento;
  altriDati?: AltriDati;
  autoVeicoli?: Autoveicoli;
  domicilioDigitale?: DomicilioDigitale5008;
  datiDecesso?: { motivoDecesso?: Codice; eventoDecesso?: DatiEvento; sentenza?: Sentenza };
  datiDelProcedimento?: DatiProcedimento;
  datiControllo: {
    /** Tabella 36, one or more (12 matrimonio, 13 vedovanza, 14 annullamento, 18 unione civile, 19 scioglimento…); written as 2 digits. */
    tipoMutazione: Codice[];
    gestioneCF?: Codice;
    listaControlli?: Controllo[];
  };
}

export function buildRichiesta5008(input: Richiesta5008Input): string {
  const d = input.datiControllo;
  const gm = input.generalitaDaModificare;
  const dd = input.datiDecesso;
  return request(
    '5008',
    input.testata,
    wGeneralita('generalitaPerRicerca', input.generalitaPerRicerca),
    gm && opt('generalitaDaModificare', wGeneralita('generalita', gm.generalita), wAttributiSoggetto('attributiSoggetto', gm.attributiSoggetto)),
    wStatoCivile('statoCivile', input.statoCivile),
    wAtto('attoNascita', input.attoNascita),
    wAttoANPR('attoNascitaANPR', input.attoNascitaANPR),
    wGenitore('paternita', input.paternita),
    wGenitore('maternita', input.maternita),
    many(input.cittadinanza, (c) => wCittadinanza('cittadinanza', c)),
    wMatrimonio('matrimonio', input.matrimonio),
    wVedovanza('vedovanza', input.vedovanza),
    wAnnullamentoMatrimonio('separazioneAnnullamentoCessazioneMatrimonio', input.separazioneAnnullamentoCessazioneMatrimonio),
    // convivenzaDiFatto (not supported) comes here, in the XSD sequence.
    wUnioneCivile('unioneCivile', input.unioneCivile),
    wCartaIdentita('cartaIdentita', input.cartaIdentita),
    wPermessoSoggiorno('permessoSoggiorno', input.permessoSoggiorno),
    wCensimento('censimento', input.censimento),
    wAltriDati('altriDati', input.altriDati),
    wAutoveicoli('autoVeicoli', input.autoVeicoli),
    wDomicilioDigitale('domicilioDigitale', input.domicilioDigitale),
    dd && opt('datiDecesso', leaf('motivoDecesso', dd.motivoDecesso), wDatiEvento('eventoDecesso', dd.eventoDecesso), wSentenza('sentenza', dd.sentenza)),
    wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
    el(
      'datiControllo',
      d.tipoMutazione.map((t) => leaf('tipoMutazione', pad(t, 2))),
      leaf('gestioneCF', d.gestioneCF),
      wListaControlli(d.listaControlli),
    ),
  );
}

// ---------------------------------------------------------------- 5013

export interface Richiesta5013Input {
  testata: TestataBuilderInput;
  /**
   * The subject whose datum is revoked and, for the data that are blocks of
   * the sheet (marriage, civil union, permit, census, digital domicile), the
   * block as ANPR holds it. Paternity and maternity (tipoRevoca 1, 2) need
   * only the subject. The XSD's other choice, `famigliaConvivenza`, is not supported.
   */
  schedaSoggetto: {
    generalitaPerRicerca: Generalita;
    matrimonio?: Matrimonio;
    unioneCivile?: UnioneCivile;
    permessoSoggiorno?: PermessoSoggiorno;
    censimento?: Censimento;
    domicilioDigitale?: DomicilioDigitale5008;
  };
  /** Tabella 49 motivoRevoca (1 errore materiale, 2 revoca, 3 altro) and a note (≤ 80 characters). */
  motivoAnnullamento: { motivoRevoca: Codice; noteRevoca?: string };
  /** Tabella 48 tipoRevoca: which datum is revoked (1 paternità … 9 tutore o responsabile della convivenza); written as 2 digits. */
  datiControllo: { tipoRevoca: Codice; listaControlli?: Controllo[] };
}

export function buildRichiesta5013(input: Richiesta5013Input): string {
  const s = input.schedaSoggetto;
  const m = input.motivoAnnullamento;
  return request(
    '5013',
    input.testata,
    el(
      'schedaSoggetto',
      wGeneralita('generalitaPerRicerca', s.generalitaPerRicerca),
      wMatrimonio('matrimonio', s.matrimonio),
      // convivenzaDiFatto (not supported) comes here, in the XSD sequence.
      wUnioneCivile('unioneCivile', s.unioneCivile),
      wPermessoSoggiorno('permessoSoggiorno', s.permessoSoggiorno),
      wCensimento('censimento', s.censimento),
      wDomicilioDigitale('domicilioDigitale', s.domicilioDigitale),
    ),
    el('motivoAnnullamento', leaf('motivoRevoca', m.motivoRevoca), leaf('noteRevoca', m.noteRevoca)),
    el('datiControllo', leaf('tipoRevoca', pad(input.datiControllo.tipoRevoca, 2)), wListaControlli(input.datiControllo.listaControlli)),
  );
}

// ---------------------------------------------------------------- 6001

export interface Richiesta6001Input {
  testata: TestataBuilderInput;
  /** Tabella 14: IT/DE/FR/SL. */
  linguaCertificato?: string[];
  /** Tabella 13; more than one = certificato cumulativo. */
  listaTipiCertificati: Codice[];
  generalitaRichiedente?: { generalita: Generalita; docRiconoscimento?: { estDocRiconoscimento: string; dataRilascio: DataXsd } };
  soggettoIntestatario: { generalita: Generalita };
  datiControllo: {
    cognomeUffAnagrafe: string;
    nomeUffAnagrafe: string;
    /** 1 richiedente ≠ intestatario, 2 = intestatario, 3 PA. */
    tipoRichiedente: Codice;
    /** 1 emissione certificato, 2 solo dati. */
    tipoRichiesta: Codice;
    /** 0 no, 1 sì, 2 immigrazione, 3 art. 40 DPR 445, 4 estero. */
    paEstera: Codice;
    /** 1 sportello, 2 online, 3 anteprima. */
    emissione: Codice;
    /** Euro cents, e.g. 1600. */
    bollo: Codice;
    bolloVirtuale?: Codice;
    esenzioneDiritti?: Codice;
    /** Euro cents. */
    diritti: Codice;
    esenzioneBollo?: Codice;
    descrizioneEsenzioneBollo?: string;
    listaAnnotazioni?: string[];
    forzaCertificazione?: Codice;
    modalita?: Codice;
    tipoFirmaElettorale?: Codice;
  };
}

export function buildRichiesta6001(input: Richiesta6001Input): string {
  const d = input.datiControllo;
  const r = input.generalitaRichiedente;
  return request(
    '6001',
    input.testata,
    input.linguaCertificato && input.linguaCertificato.length > 0 ? el('linguaCertificato', leaves('tipoLinguaCertificato', input.linguaCertificato)) : undefined,
    el('listaTipiCertificati', leaves('tipoCertificato', input.listaTipiCertificati)),
    r &&
      el(
        'generalitaRichiedente',
        wGeneralita('generalita', r.generalita),
        r.docRiconoscimento &&
          el('docRiconoscimento', leaf('estDocRiconoscimento', r.docRiconoscimento.estDocRiconoscimento), leaf('dataRilascio', r.docRiconoscimento.dataRilascio)),
      ),
    el('soggettoIntestatario', wGeneralita('generalita', input.soggettoIntestatario.generalita)),
    el(
      'datiControllo',
      leaf('cognomeUffAnagrafe', d.cognomeUffAnagrafe),
      leaf('nomeUffAnagrafe', d.nomeUffAnagrafe),
      leaf('tipoRichiedente', d.tipoRichiedente),
      leaf('tipoRichiesta', d.tipoRichiesta),
      leaf('paEstera', d.paEstera),
      leaf('emissione', d.emissione),
      leaf('bollo', d.bollo),
      leaf('bolloVirtuale', d.bolloVirtuale),
      leaf('esenzioneDiritti', d.esenzioneDiritti),
      leaf('diritti', d.diritti),
      leaf('esenzioneBollo', d.esenzioneBollo),
      leaf('descrizioneEsenzioneBollo', d.descrizioneEsenzioneBollo),
      d.listaAnnotazioni && d.listaAnnotazioni.length > 0 ? el('listaAnnotazioni', leaves('rigaAnnotazione', d.listaAnnotazioni)) : undefined,
      leaf('forzaCertificazione', d.forzaCertificazione),
      leaf('modalita', d.modalita),
      leaf('tipoFirmaElettorale', d.tipoFirmaElettorale),
    ),
  );
}

// ---------------------------------------------------------------- 7001

export interface Richiesta7001Input {
  testata: TestataBuilderInput;
  /** 3 digits, e.g. '001'; a number is zero-padded. */
  idTabella: Codice;
}

export function buildRichiesta7001(input: Richiesta7001Input): string {
  return request('7001', input.testata, el('datiRichiesta', leaf('idTabella', pad(input.idTabella, 3))));
}

// ---------------------------------------------------------------- 7003

export interface Richiesta7003Input {
  testata: TestataBuilderInput;
  /** 1 (ANPR's default): the current version only; 2: every supported version. */
  tipoVersioni?: Codice;
}

export function buildRichiesta7003(input: Richiesta7003Input): string {
  return request('7003', input.testata, el('datiRichiesta', leaf('tipoVersioni', input.tipoVersioni)));
}

// ---------------------------------------------------------------- dispatch

export interface RequestInputs {
  TestConn: RichiestaConnessioneInput;
  '3001': Richiesta3001Input;
  '3002': Richiesta3002Input;
  '3003': Richiesta3003Input;
  '3007': Richiesta3007Input;
  '1001': Richiesta1001Input;
  '1002': Richiesta1002Input;
  '1013': Richiesta1013Input;
  '2001': Richiesta2001Input;
  '2003': Richiesta2003Input;
  '2011': Richiesta2011Input;
  '5001': Richiesta5001Input;
  '5005': Richiesta5005Input;
  '5008': Richiesta5008Input;
  '5012': Richiesta5012Input;
  '5013': Richiesta5013Input;
  '6001': Richiesta6001Input;
  '7001': Richiesta7001Input;
  '7003': Richiesta7003Input;
}

export const BUILDERS: { readonly [K in ServiceCode]: (input: RequestInputs[K]) => string } = {
  TestConn: buildRichiestaConnessione,
  '3001': buildRichiesta3001,
  '3002': buildRichiesta3002,
  '3003': buildRichiesta3003,
  '3007': buildRichiesta3007,
  '1001': buildRichiesta1001,
  '1002': buildRichiesta1002,
  '1013': buildRichiesta1013,
  '2001': buildRichiesta2001,
  '2003': buildRichiesta2003,
  '2011': buildRichiesta2011,
  '5001': buildRichiesta5001,
  '5005': buildRichiesta5005,
  '5008': buildRichiesta5008,
  '5012': buildRichiesta5012,
  '5013': buildRichiesta5013,
  '6001': buildRichiesta6001,
  '7001': buildRichiesta7001,
  '7003': buildRichiesta7003,
};

/** Builds the `Richiesta<CODE>` XML for any service. */
export function buildRequest<K extends ServiceCode>(service: K, input: RequestInputs[K]): string {
  return (BUILDERS[service] as (i: RequestInputs[K]) => string)(input);
}
