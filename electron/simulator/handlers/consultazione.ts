/**
 * 3000 family: 3001 (parents), 3002 (subject/family from the current state,
 * with each subject's open anomalies), 3003 (earlier answers by id), 3007
 * (the ids of those operations, to fetch them one by one with 3003).
 */
import { wFamigliaConvivenza, wGeneralita, wResidenza } from '../../../shared/anpr/servizi/elementi';
import { el, leaf, serialize, type XmlChild } from '../../../shared/xml/writer';
import { getAnprTables } from '../../platform/tabelle/loader';
import { rifiuta } from '../errori';
import { cerca, chiavi, childByLocalName, text } from '../read';
import { datiSoggetto3002, famigliaOf, generalitaOf, idAnpr, residenzaOf } from '../render';
import { qualified, rispostaRoot, testataRisposta } from '../soap';
import type { PersonaSim } from '../state/store';
import type { HandlerContext, HandlerResult } from './types';

const REGISTRAZIONI = /^[125]\d{3}$|^6001$/;
/** The most subjects a 3002 lists; beyond, EN095 asks to narrow the search (ANPR publishes no limit). */
export const MAX_SOGGETTI_ELENCO = 50;

function ok(ctx: HandlerContext, okElement: string, ...children: XmlChild[]): HandlerResult {
  const bodyXml = serialize(rispostaRoot(ctx.service, qualified(okElement, testataRisposta(ctx.testata, ctx.idOperazioneANPR, '2'), ...children)));
  return { bodyXml, esito: '2', effetti: 0, soggetti: [] };
}

// ---------------------------------------------------------------- 3002

export function handle3002(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const c = childByLocalName(body, 'criteriRicerca');
  const dr = childByLocalName(body, 'datiRichiesta');
  const nazionale = text(dr, 'ricercaNazionale') === '1';
  const scheda = text(dr, 'schedaAnagraficaRichiesta') ?? '1';
  let found: PersonaSim[];
  const idFam = text(c, 'idFamigliaConvivenzaComune', 'idFamigliaConvivenza');
  if (idFam) {
    const s = store.schedaPerIdComune(comune, idFam)[0];
    found = s ? s.componenti.map((id) => store.getPersona(id)).filter((p): p is PersonaSim => !!p) : [];
  } else {
    const k = chiavi(c);
    const dn = text(body, 'datiNascita', 'dataEvento');
    if (dn) k.dataNascita = dn.slice(0, 10);
    const identificativo = text(c, 'identificativoANPR') ?? text(c, 'idANPR');
    if (!k.idSchedaSoggettoANPR && !k.codiceFiscale && !k.cognome && !identificativo) rifiuta('EN132');
    // The public ID ANPR (9 characters) is derived from the subject, so it is found by scanning.
    found =
      identificativo && !k.codiceFiscale && !k.cognome && !k.idSchedaSoggettoANPR
        ? store.tuttePersone().filter((p) => idAnpr(p) === identificativo.toUpperCase())
        : cerca(store, k);
  }
  if (!nazionale) found = found.filter((p) => p.comuneIstat === comune);
  if (found.length === 0) rifiuta('EN122');
  // A search by surname (and name) may find several subjects: ANPR lists them (anpr#1031); too many → "restringere i parametri".
  if (!idFam && new Set(found.map((p) => p.idSchedaSoggettoANPR)).size > MAX_SOGGETTI_ELENCO) rifiuta('EN095');
  if (!idFam && found.length > 1) found = [...found].sort((a, b) => `${a.cognome} ${a.nome} ${a.dataNascita}`.localeCompare(`${b.cognome} ${b.nome} ${b.dataNascita}`));
  const subject = found[0]!;
  let soggetti = found;
  // schedaAnagraficaRichiesta 2 = the whole family/convivenza of the subject (only when the search found one subject).
  const famiglia = subject.stato === 'residente' && (found.length === 1 || idFam) ? store.getScheda(subject.legame.idFamigliaConvivenzaANPR) : undefined;
  if (scheda !== '1' && famiglia && !idFam) {
    soggetti = famiglia.componenti.map((id) => store.getPersona(id)).filter((p): p is PersonaSim => !!p && p.stato === 'residente');
  }
  return ok(
    ctx,
    'Risposta3002_OK',
    el('listaSoggetti', soggetti.map((p) => datiSoggetto3002(store, p))),
    famiglia
      ? el('datiFamigliaConvivenza', wResidenza('residenza', residenzaOf(store, subject)), wFamigliaConvivenza('famigliaConvivenza', famigliaOf(famiglia)))
      : undefined,
  );
}

// ---------------------------------------------------------------- 3001

export function handle3001(ctx: HandlerContext): HandlerResult {
  const { store, body } = ctx;
  const cerca1 = (name: string): PersonaSim[] => {
    const g = childByLocalName(childByLocalName(body, name), 'generalita');
    if (!g) return [];
    const k = chiavi(g);
    if (!k.codiceFiscale && !k.cognome && !k.idSchedaSoggettoANPR) return [];
    return cerca(store, k).filter((p) => p.stato === 'residente');
  };
  const chiesto = (name: string): boolean => !!childByLocalName(body, name);
  const padri = cerca1('paternita');
  const madri = cerca1('maternita');
  if (chiesto('paternita') && chiesto('maternita') && padri.length === 0 && madri.length === 0) rifiuta('EN144');
  if (chiesto('paternita') && padri.length === 0 && !chiesto('maternita')) rifiuta('EN142');
  if (chiesto('maternita') && madri.length === 0 && !chiesto('paternita')) rifiuta('EN143');
  if (!chiesto('paternita') && !chiesto('maternita')) rifiuta('EN140');
  const voce = (name: string, p: PersonaSim): XmlChild => {
    const s = store.getScheda(p.legame.idFamigliaConvivenzaANPR);
    return el(name, el('genitore', wGeneralita('generalita', generalitaOf(p))), wResidenza('residenza', residenzaOf(store, p)), s ? wFamigliaConvivenza('famiglia', famigliaOf(s)) : undefined);
  };
  return ok(ctx, 'Risposta3001_OK', padri.map((p) => voce('elencoSoggettiPadre', p)), madri.map((p) => voce('elencoSoggettiMadre', p)));
}

// ---------------------------------------------------------------- 3003

function statoLavorazione(stato: string, esito: string | null, annullata: boolean): string {
  if (stato === 'in_elaborazione') return '1';
  if (annullata) return '4';
  if (esito === '2') return '2';
  if (esito === '6') return '6';
  return '3';
}

/** The registrations and certificates a 3003/3007 request selects (reads are never listed, anpr#1497). */
function operazioniRichieste(ctx: HandlerContext) {
  const { store, body, comune } = ctx;
  const comuneRichiesta = text(body, 'comuneRichiesta', 'codiceIstat') ?? comune;
  if (comuneRichiesta !== comune) rifiuta('EN167');
  const singola = childByLocalName(body, 'ricercaSingolaRichiesta');
  const elenchi = childByLocalName(body, 'ricercaElenchiRichieste');
  let ops;
  if (singola) {
    const idAnpr = text(singola, 'idOperazioneANPR');
    const idCom = text(singola, 'idOperazioneComune');
    const prot = text(singola, 'protocolloComune');
    if (!idAnpr && !idCom && !prot) rifiuta('EN227');
    const op = idAnpr ? store.getOperazionePerAnpr(idAnpr) : idCom ? store.getOperazione(comune, idCom) : store.operazioni().find((o) => o.comune === comune && o.protocolloComune === prot);
    // Reads are not listed by ANPR (anpr#1497): only registrations and certificates.
    ops = op && op.comune === comune && REGISTRAZIONI.test(op.servizio) && op.idOperazioneComune !== ctx.testata.idOperazioneComune ? [op] : [];
  } else if (elenchi) {
    const stato = text(elenchi, 'statoLavorazione') ?? '9';
    const servizio = text(elenchi, 'operazioneRichiesta');
    ops = store
      .operazioni()
      .filter((o) => o.comune === comune && REGISTRAZIONI.test(o.servizio) && (!servizio || o.servizio === servizio))
      .filter((o) => stato === '9' || statoLavorazione(o.stato, o.esito, o.annullata) === stato);
  } else rifiuta('EN227');
  if (ops.length === 0) rifiuta('EN122');
  return ops;
}

function comuneRichiestaXml(ctx: HandlerContext): XmlChild {
  const c = getAnprTables().comuneValidoAlla(ctx.comune, ctx.oggi);
  return el('comuneRichiesta', leaf('nomeComune', c?.denominazione ?? ctx.comune), leaf('codiceIstat', ctx.comune), leaf('siglaProvinciaIstat', c?.siglaProvincia ?? 'XX'));
}

export function handle3003(ctx: HandlerContext): HandlerResult {
  const ops = operazioniRichieste(ctx);
  return ok(
    ctx,
    'Risposta3003_OK',
    comuneRichiestaXml(ctx),
    ops.map((o) =>
      el(
        'elencoRisposte',
        leaf('statoLavorazione', statoLavorazione(o.stato, o.esito, o.annullata)),
        leaf('tipoOperazione', o.servizio),
        o.rispostaXml ? leaf('xmlRisposta', Buffer.from(o.rispostaXml, 'utf8').toString('base64')) : undefined,
      ),
    ),
  );
}

// ---------------------------------------------------------------- 3007

export function handle3007(ctx: HandlerContext): HandlerResult {
  const ops = operazioniRichieste(ctx);
  return ok(
    ctx,
    'Risposta3007_OK',
    comuneRichiestaXml(ctx),
    el(
      'listaOperazioniAnpr',
      ops.map((o) =>
        el(
          'operazioneANPR',
          leaf('statoLavorazione', statoLavorazione(o.stato, o.esito, o.annullata)),
          leaf('tipoOperazione', o.servizio),
          leaf('idOperazioneANPR', o.idOperazioneANPR),
        ),
      ),
    ),
  );
}
