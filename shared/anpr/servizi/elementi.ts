/**
 * Writers for the shared tipoDato.xsd types, in xs:sequence order (moved
 * from the protocol's services folder; the types are those of ./tipi).
 * Each returns an XmlChild (undefined when the optional block is absent).
 */
import { el, leaf, leaves, many, opt, type XmlChild } from '../../xml/writer';
import type {
  AltraLingua,
  AltriDati,
  AnnullamentoMatrimonio,
  Atto,
  AttoANPR,
  AttoANSC,
  AttributiSoggetto,
  Autoveicoli,
  CartaIdentita,
  Censimento,
  Cittadinanza,
  Codice,
  Comune,
  ComuneRichiesta,
  Consolato,
  Controllo,
  DatiEvento,
  DatiOperazione,
  DatiProcedimento,
  DatiRicercaScheda,
  DomicilioDigitale,
  FamigliaConvivenza,
  Generalita,
  Genitore,
  Indirizzo,
  LegameSoggetto,
  LocalitaEstera,
  Localita,
  LuogoEvento,
  LuogoNascita3000,
  Matrimonio,
  NumeroCivico,
  PermessoSoggiorno,
  Residenza,
  ScioglimentoUnione,
  Sentenza,
  SoggettoFamiglia,
  StatoCivile,
  UnioneCivile,
  Vedovanza,
} from './tipi';

const flag = (b: boolean | undefined): string | undefined => (b ? '1' : undefined);

/** Left-pads a numeric code to a fixed width (numerico2 = exactly 2 digits). */
export function pad(v: Codice | undefined, width: number): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const s = String(v).trim();
  return /^\d+$/.test(s) && s.length < width ? s.padStart(width, '0') : s;
}

export function wComune(name: string, c: Comune | undefined): XmlChild {
  if (!c) return undefined;
  return el(
    name,
    leaf('nomeComune', c.nomeComune),
    leaf('codiceIstat', c.codiceIstat),
    leaf('siglaProvinciaIstat', c.siglaProvinciaIstat),
    leaf('descrizioneLocalita', c.descrizioneLocalita),
  );
}

export function wComuneRichiesta(name: string, c: ComuneRichiesta | undefined): XmlChild {
  if (!c) return undefined;
  return el(name, leaf('nomeComune', c.nomeComune), leaf('codiceIstat', c.codiceIstat), leaf('siglaProvinciaIstat', c.siglaProvinciaIstat));
}

export function wLocalita(name: string, l: Localita | undefined): XmlChild {
  if (!l) return undefined;
  return el(
    name,
    leaf('descrizioneLocalita', l.descrizioneLocalita),
    leaf('descrizioneStato', l.descrizioneStato),
    leaf('codiceStato', l.codiceStato),
    leaf('provinciaContea', l.provinciaContea),
  );
}

export function wLuogoEvento(name: string, l: LuogoEvento | undefined): XmlChild {
  if (!l) return undefined;
  return opt(name, leaf('luogoEccezionale', l.luogoEccezionale), wComune('comune', l.comune), wLocalita('localita', l.localita));
}

export function wGeneralita(name: string, g: Generalita | undefined): XmlChild {
  if (!g) return undefined;
  const cf = typeof g.codiceFiscale === 'string' ? { codFiscale: g.codiceFiscale } : g.codiceFiscale;
  return el(
    name,
    cf &&
      el('codiceFiscale', leaf('codFiscale', cf.codFiscale), leaf('validitaCF', cf.validitaCF), leaf('dataAttribuzioneValidita', cf.dataAttribuzioneValidita)),
    g.cognome !== undefined && g.cognome !== '' ? leaf('cognome', g.cognome) : leaf('senzaCognome', flag(g.senzaCognome)),
    g.nome !== undefined && g.nome !== '' ? leaf('nome', g.nome) : leaf('senzaNome', flag(g.senzaNome)),
    leaf('sesso', g.sesso),
    leaf('dataNascita', g.dataNascita),
    leaf('senzaGiorno', flag(g.senzaGiorno)),
    leaf('senzaGiornoMese', flag(g.senzaGiornoMese)),
    wLuogoEvento('luogoNascita', g.luogoNascita),
    leaf('soggettoAIRE', g.soggettoAIRE),
    leaf('annoEspatrio', g.annoEspatrio),
    g.idSchedaSoggettoComune &&
      el(
        'idSchedaSoggettoComune',
        leaf('idSchedaSoggettoComuneIstat', g.idSchedaSoggettoComune.idSchedaSoggettoComuneIstat),
        leaf('idSchedaSoggetto', g.idSchedaSoggettoComune.idSchedaSoggetto),
      ),
    leaf('idSchedaSoggettoANPR', g.idSchedaSoggettoANPR),
    leaf('note', g.note),
  );
}

export function wAttributiSoggetto(name: string, a: AttributiSoggetto | undefined): XmlChild {
  if (!a) return undefined;
  return opt(name, leaf('senzaFissaDimora', a.senzaFissaDimora), leaf('soggettoCertificabile', a.soggettoCertificabile));
}

export function wAtto(name: string, a: Atto | undefined): XmlChild {
  if (!a) return undefined;
  return el(
    name,
    wComune('comuneRegistrazione', a.comuneRegistrazione),
    leaf('ufficioMunicipio', a.ufficioMunicipio),
    leaf('anno', a.anno),
    leaf('parte', a.parte),
    leaf('serie', a.serie),
    leaf('numeroAtto', a.numeroAtto),
    leaf('volume', a.volume),
    leaf('dataFormazioneAtto', a.dataFormazioneAtto),
    leaf('trascritto', a.trascritto),
  );
}

export function wAttoANSC(name: string, a: AttoANSC | undefined): XmlChild {
  if (!a) return undefined;
  return el(
    name,
    leaf('idANSC', a.idANSC),
    wComune('comuneRegistrazione', a.comuneRegistrazione),
    leaf('anno', a.anno),
    leaf('ufficioMunicipio', a.ufficioMunicipio),
    leaf('numeroComunale', a.numeroComunale),
    leaf('dataFormazioneAtto', a.dataFormazioneAtto),
    leaf('trascritto', a.trascritto),
  );
}

export function wAttoANPR(name: string, a: AttoANPR | undefined): XmlChild {
  if (!a) return undefined;
  // xs:choice: only one of the two.
  return opt(name, a.atto ? wAtto('atto', a.atto) : wAttoANSC('attoANSC', a.attoANSC));
}

export function wDatiEvento(name: string, d: DatiEvento | undefined): XmlChild {
  if (!d) return undefined;
  return el(
    name,
    leaf('dataEvento', d.dataEvento),
    leaf('senzaGiorno', flag(d.senzaGiorno)),
    leaf('senzaGiornoMese', flag(d.senzaGiornoMese)),
    wLuogoEvento('luogoEvento', d.luogoEvento),
    wAtto('attoEvento', d.attoEvento),
    wAttoANPR('attoEventoANPR', d.attoEventoANPR),
  );
}

export function wCittadinanza(name: string, c: Cittadinanza | undefined): XmlChild {
  if (!c) return undefined;
  return el(name, leaf('descrizioneStato', c.descrizioneStato), leaf('codiceStato', c.codiceStato), leaf('noteStato', c.noteStato), leaf('dataValidita', c.dataValidita));
}

export function wStatoCivile(name: string, s: StatoCivile | undefined): XmlChild {
  if (!s) return undefined;
  return el(name, leaf('statoCivile', s.statoCivile), leaf('noteStatoCivile', s.noteStatoCivile), leaf('statoCivileND', s.statoCivileND));
}

export function wAltriDati(name: string, a: AltriDati | undefined): XmlChild {
  if (!a) return undefined;
  return opt(
    name,
    leaf('posizioneProfessionale', a.posizioneProfessionale),
    leaf('condizioneNonProfessionale', a.condizioneNonProfessionale),
    leaf('titoloStudio', a.titoloStudio),
  );
}

export function wGenitore(name: string, g: Genitore | undefined): XmlChild {
  if (!g) return undefined;
  return el(name, wGeneralita('generalita', g.generalita), wStatoCivile('statoCivile', g.statoCivile), wCittadinanza('cittadinanza', g.cittadinanza), wAltriDati('altriDati', g.altriDati));
}

export function wFamigliaConvivenza(name: string, f: FamigliaConvivenza | undefined): XmlChild {
  if (!f) return undefined;
  return el(
    name,
    f.idFamigliaConvivenzaComune &&
      el(
        'idFamigliaConvivenzaComune',
        leaf('idFamigliaConvivenzaComuneIstat', f.idFamigliaConvivenzaComune.idFamigliaConvivenzaComuneIstat),
        leaf('idFamigliaConvivenza', f.idFamigliaConvivenzaComune.idFamigliaConvivenza),
      ),
    leaf('idFamigliaConvivenzaANPR', f.idFamigliaConvivenzaANPR),
    leaf('famigliaAire', f.famigliaAire),
    leaf('dataOrigineFamigliaConvivenza', f.dataOrigineFamigliaConvivenza),
    leaf('motivoCostituzione', f.motivoCostituzione),
    leaf('denominazioneConvivenza', f.denominazioneConvivenza),
    leaf('specieConvivenza', f.specieConvivenza),
    leaf('tipoMovimentazione', f.tipoMovimentazione),
    leaf('presenzaFamigliaCoabitante', f.presenzaFamigliaCoabitante),
    leaf('tipoScheda', f.tipoScheda),
  );
}

export function wLegameSoggetto(name: string, l: LegameSoggetto | undefined): XmlChild {
  if (!l) return undefined;
  return el(
    name,
    leaf('tipoLegame', l.tipoLegame),
    leaf('dataDecorrenza', l.dataDecorrenza),
    leaf('codiceLegame', l.codiceLegame),
    leaf('progressivoComponente', l.progressivoComponente),
  );
}

export function wAutoveicoli(name: string, a: Autoveicoli | undefined): XmlChild {
  if (!a) return undefined;
  return el(name, leaf('possessoAutoveicoli', a.possessoAutoveicoli), leaf('possessoPatente', a.possessoPatente));
}

export function wSoggettoFamiglia(name: string, s: SoggettoFamiglia): XmlChild {
  return el(name, wGeneralita('generalita', s.generalita), wLegameSoggetto('legameSoggetto', s.legameSoggetto), wAutoveicoli('autoveicoli', s.autoveicoli));
}

function wNumeroCivico(n: NumeroCivico | undefined): XmlChild {
  if (!n) return undefined;
  const ci = n.civicoInterno;
  return opt(
    'numeroCivico',
    leaf('codiceCivico', n.codiceCivico),
    leaf('civicoFonte', n.civicoFonte),
    n.numero ? leaf('numero', n.numero) : leaf('metrico', n.metrico),
    leaf('progSNC', n.progSNC),
    leaf('lettera', n.lettera),
    leaf('esponente1', n.esponente1),
    leaf('colore', n.colore),
    ci &&
      opt(
        'civicoInterno',
        leaf('corte', ci.corte),
        leaf('scala', ci.scala),
        leaf('interno1', ci.interno1),
        leaf('espInterno1', ci.espInterno1),
        leaf('interno2', ci.interno2),
        leaf('espInterno2', ci.espInterno2),
        leaf('scalaEsterna', ci.scalaEsterna),
        leaf('secondario', ci.secondario),
        leaf('piano', ci.piano),
        leaf('nui', ci.nui),
        leaf('isolato', ci.isolato),
      ),
  );
}

export function wIndirizzo(name: string, i: Indirizzo | undefined): XmlChild {
  if (!i) return undefined;
  const t = i.toponimo;
  return el(
    name,
    leaf('cap', i.cap),
    wComune('comune', i.comune),
    leaf('frazione', i.frazione),
    el(
      'toponimo',
      leaf('codSpecie', t.codSpecie),
      leaf('specie', t.specie),
      leaf('specieFonte', t.specieFonte),
      leaf('codToponimo', t.codToponimo),
      leaf('denominazioneToponimo', t.denominazioneToponimo),
      leaf('toponimoFonte', t.toponimoFonte),
    ),
    wNumeroCivico(i.numeroCivico),
  );
}

export function wConsolato(name: string, c: Consolato | undefined): XmlChild {
  if (!c) return undefined;
  return el(name, leaf('codiceConsolato', c.codiceConsolato), leaf('descrizioneConsolato', c.descrizioneConsolato));
}

export function wLocalitaEstera(name: string, l: LocalitaEstera | undefined): XmlChild {
  if (!l) return undefined;
  const ie = l.indirizzoEstero;
  return el(
    name,
    ie &&
      el(
        'indirizzoEstero',
        leaf('cap', ie.cap),
        el(
          'localita',
          leaf('descrizioneLocalita', ie.localita.descrizioneLocalita),
          leaf('descrizioneStato', ie.localita.descrizioneStato),
          leaf('codiceStato', ie.localita.codiceStato),
          leaf('provinciaContea', ie.localita.provinciaContea),
        ),
        ie.toponimo && el('toponimo', leaf('denominazione', ie.toponimo.denominazione), leaf('numeroCivico', ie.toponimo.numeroCivico)),
      ),
    wConsolato('consolato', l.consolato),
  );
}

export function wResidenza(name: string, r: Residenza | undefined): XmlChild {
  if (!r) return undefined;
  return el(
    name,
    leaf('tipoIndirizzo', r.tipoIndirizzo),
    leaf('noteIndirizzo', r.noteIndirizzo),
    r.indirizzo ? wIndirizzo('indirizzo', r.indirizzo) : wLocalitaEstera('localitaEstera', r.localitaEstera),
    leaf('presso', r.presso),
    leaf('dataDecorrenzaResidenza', r.dataDecorrenzaResidenza),
  );
}

export function wAltraLingua(name: string, a: AltraLingua): XmlChild {
  return el(
    name,
    leaf('idLingua', a.idLingua),
    leaf('noteIndirizzo', a.noteIndirizzo),
    leaf('descrizioneLocalita', a.descrizioneLocalita),
    leaf('frazione', a.frazione),
    leaf('specie', a.specie),
    leaf('denominazioneToponimo', a.denominazioneToponimo),
    leaf('presso', a.presso),
  );
}

export function wDatiProcedimento(name: string, d: DatiProcedimento | undefined): XmlChild {
  if (!d) return undefined;
  return opt(name, leaf('numeroPraticaAnpr', d.numeroPraticaAnpr), leaf('numeroPraticaComune', d.numeroPraticaComune));
}

export function wListaControlli(list: readonly Controllo[] | undefined): XmlChild {
  if (!list || list.length === 0) return undefined;
  return el(
    'listaControlli',
    many(list, (c) => el('controllo', leaf('codice', c.codice), leaf('valore', c.valore))),
  );
}

export function wDatiOperazione(name: string, d: DatiOperazione): XmlChild {
  return el(
    name,
    leaf('operazioneRichiesta', d.operazioneRichiesta),
    leaf('idOperazioneComune', d.idOperazioneComune),
    leaf('protocolloComune', d.protocolloComune),
    leaf('dataProtocolloComune', d.dataProtocolloComune),
    leaf('idOperazioneANPR', d.idOperazioneANPR),
    leaf('dataOperazione', d.dataOperazione),
    leaf('motivoRichiesta', d.motivoRichiesta),
    leaf('noteOperazione', d.noteOperazione),
    leaf('dataDecorrenza', d.dataDecorrenza),
  );
}

export function wDatiRicercaScheda(name: string, d: DatiRicercaScheda): XmlChild {
  return el(name, wGeneralita('soggetto', d.soggetto), wFamigliaConvivenza('schedaFamigliaConvivenza', d.schedaFamigliaConvivenza));
}

export function wSentenza(name: string, s: Sentenza | undefined): XmlChild {
  if (!s) return undefined;
  return el(name, leaf('data', s.data), leaf('numero', s.numero), leaf('tipoTribunale', s.tipoTribunale), leaf('autorita', s.autorita), leaf('dataValidita', s.dataValidita));
}

export function wMatrimonio(name: string, m: Matrimonio | undefined): XmlChild {
  if (!m) return undefined;
  return el(
    name,
    wGeneralita('coniuge', m.coniuge),
    wCittadinanza('cittadinanza', m.cittadinanza),
    wDatiEvento('datiMatrimonio', m.datiMatrimonio),
    leaf('ordineMatrimonio', m.ordineMatrimonio),
  );
}

export function wVedovanza(name: string, v: Vedovanza | undefined): XmlChild {
  if (!v) return undefined;
  return el(name, wDatiEvento('datiMorteconiuge', v.datiMorteconiuge), leaf('ordineMatrimonioPrecedente', v.ordineMatrimonioPrecedente));
}

export function wAnnullamentoMatrimonio(name: string, a: AnnullamentoMatrimonio | undefined): XmlChild {
  if (!a) return undefined;
  return el(
    name,
    leaf('tipoCessazione', a.tipoCessazione),
    wSentenza('sentenza', a.sentenza),
    wAtto('attoAnnullamentoMatrimonio', a.attoAnnullamentoMatrimonio),
    wAttoANPR('attoAnnullamentoMatrimonioANPR', a.attoAnnullamentoMatrimonioANPR),
  );
}

export function wScioglimentoUnione(name: string, s: ScioglimentoUnione | undefined): XmlChild {
  if (!s) return undefined;
  return el(name, leaf('motivoScioglimento', s.motivoScioglimento), wSentenza('sentenza', s.sentenza), wDatiEvento('datiEvento', s.datiEvento));
}

export function wUnioneCivile(name: string, u: UnioneCivile | undefined): XmlChild {
  if (!u) return undefined;
  return el(
    name,
    wGeneralita('unitoCivilmente', u.unitoCivilmente),
    wDatiEvento('attoUnione', u.attoUnione),
    wScioglimentoUnione('scioglimentoUnione', u.scioglimentoUnione),
    wCittadinanza('cittadinanza', u.cittadinanza),
    leaf('ordineUnione', u.ordineUnione),
  );
}

export function wCartaIdentita(name: string, c: CartaIdentita | undefined): XmlChild {
  if (!c) return undefined;
  return el(
    name,
    leaf('numero', c.numero),
    leaf('dataRilascio', c.dataRilascio),
    leaf('cartaceaElettronica', c.cartaceaElettronica),
    leaf('interdizioneEspatrio', c.interdizioneEspatrio),
    c.comuneRilascio ? wComune('comuneRilascio', c.comuneRilascio) : wConsolato('consolatoRilascio', c.consolatoRilascio),
    leaf('dataScadenza', c.dataScadenza),
    leaf('dataAnnullamento', c.dataAnnullamento),
  );
}

export function wPermessoSoggiorno(name: string, p: PermessoSoggiorno | undefined): XmlChild {
  if (!p) return undefined;
  return el(
    name,
    leaf('numeroSoggiorno', p.numeroSoggiorno),
    leaf('tipoSoggiorno', p.tipoSoggiorno),
    leaf('noteSoggiorno', p.noteSoggiorno),
    leaf('dataRilascio', p.dataRilascio),
    leaf('dataScadenza', p.dataScadenza),
    leaf('questuraRilascioSoggiorno', p.questuraRilascioSoggiorno),
    wComune('comune', p.comune),
    leaf('numeroPassaporto', p.numeroPassaporto),
  );
}

export function wCensimento(name: string, c: Censimento | undefined): XmlChild {
  if (!c) return undefined;
  return el(
    name,
    leaf('annoCensimento', c.annoCensimento),
    leaf('sezioneCensimento', c.sezioneCensimento),
    leaf('foglioCensimento', c.foglioCensimento),
    leaf('dataRegolarizzazione', c.dataRegolarizzazione),
    leaf('motivoCompilazione', c.motivoCompilazione),
  );
}

/** luogoNascita of the 3000 family: luogoEccezionale, then comune or localita (xs:choice). */
export function wLuogoNascita3000(l: LuogoNascita3000 | undefined): XmlChild {
  if (!l) return undefined;
  return el('luogoNascita', leaf('luogoEccezionale', l.luogoEccezionale), l.comune ? wComune('comune', l.comune) : wLocalita('localita', l.localita));
}

export function wDomicilioDigitale(name: string, dom: DomicilioDigitale | undefined): XmlChild {
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

export { leaves };
