/**
 * P000 family: the citizens' online requests. P001 lists them (one type, a
 * window of at most 30 days), P002 gives one in full (attachments, summary PDF,
 * the type-specific block), P003 changes its state or extends it, by the state
 * machine of richieste/stati.ts. Only requests whose arrival instant has passed
 * on the simulator's clock exist.
 */
import { TIPOLOGIE_RICHIESTA, type TipologiaRichiesta } from '../../../shared/anpr/servizi/P001';
import { wComune, wGeneralita } from '../../../shared/anpr/servizi/elementi';
import { giornoRoma } from '../../../shared/domain/date-it';
import { el, leaf, serialize, type XmlChild, type XmlElement } from '../../../shared/xml/writer';
import { rifiuta, rifiutaEN148 } from '../errori';
import { buildCertificatoPdf } from '../pdf';
import { childByLocalName, text } from '../read';
import { generalitaOf, idAnpr } from '../render';
import { inScadenza, OPERATORE_PORTALE, scadenzaDi } from '../richieste/genera';
import { INTEGRATA, MOTIVI_IRRICEVIBILITA, PROROGABILI, SOSPESA, STATI_FINALI, STATI_RICHIESTA, transizione } from '../../../shared/anpr/richieste/stati';
import { qualified, rispostaRoot, testataRisposta } from '../soap';
import type { PersonaSim, RichiestaSim, SimStore, StatoRichiestaSim } from '../state/store';
import type { HandlerContext, HandlerResult } from './types';

/** P001's widest window (anpr#3302). */
export const GIORNI_MAX_P001 = 30;
const DAY = 86_400_000;

/** A tiny valid JPEG (8×8, blue): the photo of a document the citizen attached. */
export const JPEG_ALLEGATO = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AIADg9//2Q==',
  'base64',
);

const TITOLI_TIPO: Record<TipologiaRichiesta, string> = {
  '1': 'Richiesta di rettifica dei dati anagrafici',
  '2': 'Dichiarazione di residenza',
  '4': 'Trasferimento in Italia di un cittadino UE',
  '5': 'Iscrizione elettorale di un cittadino UE',
  '6': 'Rettifica dei dati elettorali',
};

function ok(ctx: HandlerContext, okElement: string, ...children: XmlChild[]): HandlerResult {
  const bodyXml = serialize(rispostaRoot(ctx.service, qualified(okElement, testataRisposta(ctx.testata, ctx.idOperazioneANPR, '2'), ...children)));
  return { bodyXml, esito: '2', effetti: 0, soggetti: [] };
}

const statoCorrente = (r: RichiestaSim): StatoRichiestaSim => r.storico[r.storico.length - 1]!;

/** The request as the comune sees it now: its own, and already filed. */
function visibile(store: SimStore, ctx: HandlerContext, codice: string | undefined): RichiestaSim {
  const r = codice ? store.getRichiesta(codice) : undefined;
  if (!r || r.comune !== ctx.comune || r.arrivo > ctx.now.toISOString()) rifiuta('EN122');
  return r;
}

/** Rome's calendar day of an ISO instant. */
const giorno = (iso: string): string => giornoRoma(new Date(iso));

// ---------------------------------------------------------------- P001

export function handleP001(ctx: HandlerContext): HandlerResult {
  const c = childByLocalName(ctx.body, 'criteriRicerca');
  const tipologia = text(c, 'idTipologia');
  if (!tipologia) rifiuta('EN081', ['idTipologia']);
  const da = text(c, 'dataIniziale') ?? '';
  const a = text(c, 'dataFinale') ?? '';
  if (a < da) rifiuta('EHR16', [a, da, ctx.oggi]);
  const giorni = Math.round((Date.parse(a) - Date.parse(da)) / DAY);
  if (giorni > GIORNI_MAX_P001) rifiutaEN148('intervallo', [String(GIORNI_MAX_P001)]);
  const stato = text(c, 'idStatoRichiesta');
  const flagInScadenza = text(c, 'flagInScadenza');
  const flagProrogate = text(c, 'flagProrogate');
  const si = (v: string | undefined) => v === 'true' || v === '1';
  const now = ctx.now.toISOString();
  const tipo = String(Number(tipologia));
  const elenco = (TIPOLOGIE_RICHIESTA as readonly string[]).includes(tipo)
    ? ctx.store
        // A day either side, then by Rome's calendar day.
        .richieste(ctx.comune, tipo, new Date(Date.parse(da) - DAY).toISOString(), new Date(Date.parse(a) + 2 * DAY).toISOString())
        .filter((r) => r.arrivo <= now && giorno(r.arrivo) >= da.slice(0, 10) && giorno(r.arrivo) <= a.slice(0, 10))
        .filter((r) => !stato || statoCorrente(r).idStato === String(Number(stato)))
        .filter((r) => !si(flagInScadenza) || inScadenza(r, ctx.now))
        .filter((r) => !si(flagProrogate) || r.numeroProroghe > 0)
    : [];
  return ok(
    ctx,
    'RispostaOKP001',
    el(
      'criteriRicerca',
      leaf('dataIniziale', da),
      leaf('dataFinale', a),
      leaf('idTipologia', tipologia),
      { name: 'idStatoRichiesta', text: stato ?? '' },
      leaf('flagInScadenza', flagInScadenza),
      leaf('flagProrogate', flagInScadenza === undefined ? flagProrogate : undefined),
    ),
    el(
      'elenco',
      elenco.map((r) => {
        const p = ctx.store.getPersona(r.richiedente);
        const s = statoCorrente(r);
        return el(
          'richiesta',
          leaf('codiceRichiesta', r.codice),
          leaf('idSchedaSoggettoRichiedente', r.richiedente),
          leaf('idSchedaSoggettoInteressato', r.interessato),
          leaf('idFamigliaConvivenzaANPR', r.famiglia),
          leaf('idStatoRichiesta', s.idStato),
          leaf('idTipologia', r.tipologia),
          leaf('dataApertura', r.arrivo),
          leaf('dataChiusura', r.chiusura),
          leaf('operatore', s.operatore),
          p && el('codiceFiscaleSoggettoRichiedente', leaf('codFiscale', p.codiceFiscale), leaf('validitaCF', p.validitaCF)),
        );
      }),
    ),
  );
}

// ---------------------------------------------------------------- P002

function statoElement(name: string, s: StatoRichiestaSim): XmlElement {
  return el(name, leaf('idStato', s.idStato), leaf('operatore', s.operatore), leaf('dataStato', s.dataStato), leaf('note', s.note));
}

function nomeDi(p: PersonaSim | undefined): string {
  return p ? `${p.cognome} ${p.nome}` : '';
}

/** The summary PDF ANPR makes of the request, and the citizen's attachments: a PDF and a JPEG. */
export function fileRichiesta(store: SimStore, r: RichiestaSim): { riepilogo: Buffer; documento: Buffer; foto: Buffer } {
  const p = store.getPersona(r.richiedente);
  const comune = p ? (store.getIndirizzo(p.indirizzoId)?.comune.nomeComune ?? r.comune) : r.comune;
  const righe = [
    `Codice richiesta: ${r.codice}`,
    `Presentata il: ${giorno(r.arrivo)}`,
    `Richiedente: ${nomeDi(p)} (${p?.codiceFiscale ?? ''})`,
    ...(r.indirizzo ? [`Indirizzo dichiarato: ${r.indirizzo.specie} ${r.indirizzo.denominazioneToponimo} ${r.indirizzo.civico}, ${r.indirizzo.cap}`] : []),
    ...(r.rettifiche ?? []).map((x) => `${x.datoAnagrafico}: da "${x.valoreAttuale}" a "${x.valoreRichiesto}"`),
    ...(r.componenti ?? []).map((m) => `Componente ${nomeDi(store.getPersona(m.idSchedaSoggettoANPR))}: ${m.statoAccettazione === '3' ? 'ha confermato' : 'deve confermare'}`),
  ];
  const pdf = (titolo: string, rr: string[]) => buildCertificatoPdf({ titolo, comune, intestatario: nomeDi(p), righe: rr, protocollo: null, anteprima: false, emessoIl: giorno(r.arrivo) });
  return {
    riepilogo: pdf(`Riepilogo - ${TITOLI_TIPO[r.tipologia]}`, righe),
    documento: pdf("Documento d'identita' (copia)", [`Titolare: ${nomeDi(p)}`, 'Copia allegata dal cittadino']),
    foto: JPEG_ALLEGATO,
  };
}

function bloccoSpecifico(store: SimStore, r: RichiestaSim, comune: XmlChild): XmlChild {
  if (r.rettifiche) {
    return el(
      'datiRettifica',
      el(
        'rettificheRichieste',
        r.rettifiche.map((x) =>
          el(
            'infoRettifica',
            leaf('idSchedaSoggettoANPR', x.idSchedaSoggettoANPR),
            leaf('idSezioneDati', x.idSezioneDati),
            leaf('sezioneDati', x.sezioneDati),
            leaf('idDatoAnagrafico', x.idDatoAnagrafico),
            leaf('datoAnagrafico', x.datoAnagrafico),
            leaf('valoreAttuale', x.valoreAttuale),
            leaf('valoreRichiesto', x.valoreRichiesto),
          ),
        ),
      ),
    );
  }
  const i = r.indirizzo;
  const indirizzo =
    i &&
    el(
      'indirizzo',
      leaf('cap', i.cap),
      comune,
      el('toponimo', leaf('codSpecie', i.codSpecie), leaf('specie', i.specie), leaf('denominazioneToponimo', i.denominazioneToponimo)),
      leaf('civico', i.civico),
      leaf('piano', i.piano),
      leaf('interno', i.interno),
    );
  const immobile = el('datiImmobile', leaf('idTipoOccupazione', '1'), leaf('foglio', '12'), leaf('particella_mappale', '345'), leaf('subalterno', '6'));
  if (r.tipologia === '2' && i) {
    return el(
      'datiDichiarazioneResidenza',
      leaf('tipoFamiglia', r.tipoFamiglia ?? '2'),
      leaf('recapitoTelefonico', r.recapiti.find((x) => x.tipo === '3')?.valore),
      el(
        'componentiCoinvolti',
        (r.componenti ?? []).map((m) =>
          el(
            'componente',
            leaf('idSchedaSoggettoANPR', m.idSchedaSoggettoANPR),
            leaf('idGradoParentela', m.idGradoParentela),
            leaf('flagPatente', m.flagPatente),
            leaf('flagVeicoli', m.flagVeicoli),
            leaf('statoAccettazione', m.statoAccettazione),
            leaf('dataAccettazione', m.dataAccettazione),
          ),
        ),
      ),
      indirizzo,
      immobile,
    );
  }
  if (r.tipologia === '4' && i) {
    return el(
      'datiIscrizioneOnline',
      leaf('tipoFamiglia', r.tipoFamiglia ?? '2'),
      leaf('recapitoTelefonico', r.recapiti.find((x) => x.tipo === '3')?.valore),
      el(
        'componentiCoinvoltiIsc',
        (r.componenti ?? []).map((m) => {
          const p = store.getPersona(m.idSchedaSoggettoANPR);
          const c = p?.cittadinanze[0];
          const l = p?.luogoNascita;
          return el(
            'componenteIsc',
            p && el('codiceFiscale', leaf('codFiscale', p.codiceFiscale), leaf('validitaCF', p.validitaCF)),
            leaf('cognome', p?.cognome ?? 'ND'),
            leaf('nome', p?.nome ?? 'ND'),
            leaf('sesso', p?.sesso ?? 'N'),
            leaf('dataNascita', p?.dataNascita ?? '1900-01-01'),
            l?.tipo === 'comune' ? [leaf('siglaProvinciaNascita', l.siglaProvincia), leaf('nomeComuneNascita', l.nomeComune)] : leaf('statoNascita', l?.descrizioneStato),
            el('cittadinanza', leaf('nomeCittadinanza', c?.descrizioneStato ?? 'ITALIA'), leaf('idCittadinanza', c?.codiceStato ?? '100')),
            el('statoCivile', leaf('statoCivile', p?.statoCivile.codice ?? '1')),
            leaf('idGradoParentela', m.idGradoParentela),
            // Assumed codes (Tabella not published): 1 cittadino UE, 1 lavoratore.
            el('classificazioneComponente', leaf('nomeClassificazione', 'CITTADINO UE'), leaf('idClassificazione', '1')),
            el('categoriaComponente', leaf('nomeCategoria', 'LAVORATORE'), leaf('idCategoria', '1')),
            leaf('statoUltimaProvenienza', 'FRANCIA'),
            leaf('flagPatente', m.flagPatente),
            leaf('flagVeicoli', m.flagVeicoli),
          );
        }),
      ),
      indirizzo,
      immobile,
    );
  }
  const e = r.elettorale;
  return el(
    'datiRichiestaIscrizioneElettorale',
    leaf('recapito', e?.recapito),
    leaf('idStatoResidenzaOrigine', e?.idStatoResidenzaOrigine),
    leaf('statoResidenzaOrigine', e?.statoResidenzaOrigine),
    leaf('localitaStatoResidenzaOrigine', e?.localitaStatoResidenzaOrigine),
    leaf('indirizzoStatoResidenzaOrigine', e?.indirizzoStatoResidenzaOrigine),
  );
}

export function handleP002(ctx: HandlerContext): HandlerResult {
  const { store } = ctx;
  const codice = text(ctx.body, 'criteriRicerca', 'codiceRichiesta');
  const r = visibile(store, ctx, codice);
  const richiedente = store.getPersona(r.richiedente);
  const interessato = r.interessato ? store.getPersona(r.interessato) : undefined;
  const ind = richiedente ? store.getIndirizzo(richiedente.indirizzoId) : undefined;
  const comune = ind
    ? { nomeComune: ind.comune.nomeComune, codiceIstat: ind.comune.codiceIstat, siglaProvinciaIstat: ind.comune.siglaProvincia }
    : { nomeComune: r.comune, codiceIstat: r.comune, siglaProvinciaIstat: 'RM' };
  const files = fileRichiesta(store, r);
  const corrente = statoCorrente(r);
  const allegato = (nome: string, formato: string, descrizione: string, b: Buffer) =>
    el('allegato', leaf('idTipologia', r.tipologia), leaf('nomeFile', nome), leaf('idFormatoFile', formato), leaf('descrizione', descrizione), leaf('contenuto', b.toString('base64')));
  return ok(
    ctx,
    'RispostaOKP002',
    el('criteriRicerca', leaf('codiceRichiesta', r.codice)),
    el(
      'dettaglio',
      leaf('codiceRichiesta', r.codice),
      leaf('idTipologia', r.tipologia),
      leaf('note', r.note),
      leaf('dataApertura', r.arrivo),
      leaf('dataChiusura', r.chiusura),
      leaf('dataScadenza', r.scadenza),
      leaf('dataUltimoAggiornamento', corrente.dataStato),
      leaf('numeroProroghe', String(r.numeroProroghe)),
      statoElement('statoRichiestaCorrente', corrente),
      el('recapiti', r.recapiti.map((x) => el('recapito', leaf('idTipologiaRecapito', x.tipo), leaf('valoreRecapito', x.valore)))),
      interessato && el('identificativi', leaf('idANPR', idAnpr(interessato))),
      wGeneralita('soggettoRichiedente', richiedente ? generalitaOf(richiedente) : { cognome: 'ND', nome: 'ND' }),
      interessato && wGeneralita('soggettoInteressato', generalitaOf(interessato)),
      wComune('comuneInteressato', comune),
      el('storicoStati', r.storico.map((s) => statoElement('statoRichiesta', s))),
      el('riepilogoRichiesta', leaf('nomeFile', `riepilogo_${r.codice}.pdf`), leaf('idFormatoFile', '1'), leaf('descrizione', 'Riepilogo della richiesta'), leaf('contenuto', files.riepilogo.toString('base64'))),
      el('allegati', allegato(`documento_${r.codice}.pdf`, '1', "Documento d'identita'", files.documento), allegato(`foto_${r.codice}.jpg`, '99', 'Fotografia del documento', files.foto)),
      bloccoSpecifico(store, r, wComune('comune', comune)),
    ),
  );
}

// ---------------------------------------------------------------- P003

/** A state change by ANPR or the citizen (not through P003): the same record the comune's changes leave. */
export function cambiaStato(r: RichiestaSim, idStato: string, operatore: string, now: Date, note?: string): RichiestaSim {
  const storico = [...r.storico, { idStato, operatore, dataStato: now.toISOString(), ...(note ? { note } : {}) }];
  const out: RichiestaSim = { ...r, storico };
  if ((STATI_FINALI as readonly string[]).includes(idStato)) out.chiusura = now.toISOString();
  out.scadenza = scadenzaDi(out);
  return out;
}

/** The citizen supplements a suspended request (6 → 7): the admin endpoint's /integra. */
export function integra(store: SimStore, codice: string, now: Date): RichiestaSim {
  const r = store.getRichiesta(codice);
  if (!r) throw new RangeError(`Richiesta ${codice} inesistente`);
  if (statoCorrente(r).idStato !== SOSPESA) throw new RangeError(`La richiesta ${codice} non e' sospesa (stato ${STATI_RICHIESTA[statoCorrente(r).idStato as keyof typeof STATI_RICHIESTA] ?? statoCorrente(r).idStato})`);
  const dopo = cambiaStato(r, INTEGRATA, OPERATORE_PORTALE, now, 'Integrazione documentale del cittadino');
  store.putRichiesta(dopo);
  return dopo;
}

/**
 * Someone other than this workstation changes the state (another operator in the ANPR web application, ANPR itself):
 * the admin endpoint's /stato, for training and the e2e of a refused change. No state machine check: that is the point.
 */
export function impostaStato(store: SimStore, codice: string, idStato: string, now: Date, note?: string): RichiestaSim {
  const r = store.getRichiesta(codice);
  if (!r) throw new RangeError(`Richiesta ${codice} inesistente`);
  if (!(idStato in STATI_RICHIESTA)) throw new RangeError(`Stato ${idStato} non previsto`);
  const dopo = cambiaStato(r, idStato, 'OPERATORE WEB APPLICATION ANPR', now, note ?? 'Stato impostato dalla web application ANPR');
  store.putRichiesta(dopo);
  return dopo;
}

export function handleP003(ctx: HandlerContext): HandlerResult {
  const { store } = ctx;
  const c = childByLocalName(ctx.body, 'criteriAggiornamento');
  const r = visibile(store, ctx, text(c, 'codiceRichiesta'));
  const corrente = statoCorrente(r).idStato;
  const note = text(c, 'note');
  const operatore = text(c, 'operatore') ?? '';
  const proroga = text(c, 'richiestaProroga');
  const nuovo = text(c, 'idStatoRichiesta');
  let dopo: RichiestaSim;
  if (proroga !== undefined) {
    const chiusa = (STATI_FINALI as readonly string[]).includes(corrente);
    if (!(proroga === 'true' || proroga === '1') || chiusa || !PROROGABILI.includes(r.tipologia)) rifiutaEN148('statoPratica', ['12003']);
    dopo = { ...r, numeroProroghe: r.numeroProroghe + 1 };
    dopo.scadenza = scadenzaDi(dopo);
    dopo.storico = [...r.storico.slice(0, -1), { ...r.storico[r.storico.length - 1]!, dataStato: ctx.now.toISOString(), ...(note ? { note } : {}) }];
  } else {
    const a = String(Number(nuovo));
    const t = transizione(r.tipologia, corrente, a);
    if (!t) rifiutaEN148('statoPratica', ['12003']);
    if (t.note && !note) rifiutaEN148('statoPratica', ['12004']);
    const motivo = text(c, 'idMotivoIrricevibile');
    if (t.motivo && (!motivo || !Object.hasOwn(MOTIVI_IRRICEVIBILITA, String(Number(motivo))))) rifiutaEN148('statoPratica', ['12004']);
    dopo = cambiaStato(r, a, operatore, ctx.now, note);
  }
  store.putRichiesta(dopo);
  return {
    ...ok(
      ctx,
      'RispostaOKP003',
      el(
        'criteriRicerca',
        leaf('codiceRichiesta', r.codice),
        proroga !== undefined ? leaf('richiestaProroga', proroga) : leaf('idStatoRichiesta', nuovo),
        leaf('idMotivoIrricevibile', text(c, 'idMotivoIrricevibile')),
        leaf('note', note),
        leaf('idUnicoNazionale', text(c, 'idUnicoNazionale')),
        leaf('operatore', operatore),
      ),
      el('esito', leaf('codiceEsito', '0')),
    ),
    effetti: 1,
  };
}
