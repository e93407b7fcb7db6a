/**
 * 1000 family: 1001 (a newborn joins an existing family), 1002 (immigration:
 * a new resident joins a family or founds a new one). 1013 is in annullamento.ts.
 */
import type { Sesso } from '../../../shared/domain/codice-fiscale';
import type { Element } from '../../anpr/xml/safe';
import { errore, rifiuta } from '../errori';
import { cerca, chiavi, childByLocalName, childrenByLocalName, decorrenza, schedaDelComune, text } from '../read';
import type { Errore } from '../soap';
import type { PersonaSim, SchedaSim } from '../state/store';
import {
  aggiungiComponente,
  avvisoProcedimento,
  codiceFiscale,
  esitoRegistrazione,
  luogoNascita,
  nuovaScheda,
  nuovoIdSchedaComune,
  nuovoIdSoggetto,
  nuovoIndirizzo,
} from './common';
import type { HandlerContext, HandlerResult } from './types';

const DESCR_LEGAME: Record<string, string> = { '1': 'Intestatario Scheda', '2': 'Marito / Moglie', '3': 'Figlio / Figlia', '6': 'Padre / Madre', '9': 'Fratello / Sorella' };

function genitore(ctx: HandlerContext, name: string): PersonaSim | undefined {
  const g = childByLocalName(childByLocalName(ctx.body, name), 'generalita');
  if (!g) return undefined;
  const k = chiavi(g);
  if (!k.idSchedaSoggettoANPR && !k.codiceFiscale && !k.cognome) return undefined;
  return cerca(ctx.store, k).find((p) => p.stato === 'residente');
}

function nuovaPersona(ctx: HandlerContext, gen: Element, d: string, extra: Partial<PersonaSim>): PersonaSim {
  const { store, comune } = ctx;
  const cognome = text(gen, 'cognome');
  const nome = text(gen, 'nome');
  const sesso = (text(gen, 'sesso') ?? 'M') as Sesso;
  const dataNascita = text(gen, 'dataNascita')?.slice(0, 10);
  if (!cognome || !nome) rifiuta('EN081', [!cognome ? 'cognome' : 'nome']);
  if (!dataNascita) rifiuta('EN081', ['dataNascita']);
  if (d < dataNascita) rifiuta('EHA3', [d, dataNascita]);
  const luogo = luogoNascita(gen, dataNascita);
  const givenCf = text(gen, 'codiceFiscale', 'codFiscale');
  if (givenCf) {
    const esistenti = store.personePerCf(givenCf);
    const attivo = esistenti.find((p) => p.stato !== 'cancellato');
    if (attivo) rifiuta('EN248', [givenCf.toUpperCase()]);
    if (esistenti.length > 0) rifiuta('EN190', [cognome, nome, dataNascita, luogo.belfiore, givenCf, esistenti[0]!.idSchedaSoggettoANPR]);
  }
  const cf = codiceFiscale(store, givenCf, { cognome, nome, sesso, dataNascita, luogoNascita: luogo });
  return {
    idSchedaSoggettoANPR: nuovoIdSoggetto(store),
    idSchedaSoggettoComune: nuovoIdSchedaComune(store, comune),
    codiceFiscale: cf.cf,
    codiceFiscaleBase: cf.base,
    livelloOmocodia: cf.livello,
    validitaCF: givenCf ? '1' : '9',
    cognome: cognome.toUpperCase(),
    nome: nome.toUpperCase(),
    sesso,
    dataNascita,
    luogoNascita: luogo,
    cittadinanze: [],
    statoCivile: { codice: '1', descrizione: 'Celibe/Nubile', dataEvento: null, coniugeId: null },
    padreId: null,
    madreId: null,
    legame: { tipoLegame: '3', idFamigliaConvivenzaANPR: '', codiceLegame: '3', descrizioneLegame: '', progressivoComponente: 0, dataDecorrenza: d },
    indirizzoId: '',
    dataDecorrenzaResidenza: d,
    motivoIscrizione: '1',
    anomalie: [],
    comuneIstat: comune,
    stato: 'residente',
    ultimaDecorrenza: d,
    ...extra,
  };
}

function cittadinanze(els: Element[]): PersonaSim['cittadinanze'] {
  return els.map((c) => ({ codiceStato: text(c, 'codiceStato') ?? '100', descrizioneStato: text(c, 'descrizioneStato') ?? 'ITALIA' }));
}

// ---------------------------------------------------------------- 1001

export function handle1001(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const d = decorrenza(ctx.testata, ctx.oggi);
  const attribuzione = text(body, 'datiControllo', 'attribuzioneFamiglia') ?? '1';
  const padre = genitore(ctx, 'paternita');
  const madre = genitore(ctx, 'maternita');
  const famConv = childByLocalName(body, 'famConv');
  let scheda: SchedaSim;
  if (famConv) scheda = schedaDelComune(store, famConv, comune);
  else if (attribuzione === '4' || attribuzione === '5') rifiuta('EF030');
  else {
    const g = attribuzione === '3' ? madre ?? padre : padre ?? madre;
    if (!padre && !madre) rifiuta(childByLocalName(body, 'paternita') && childByLocalName(body, 'maternita') ? 'EN144' : childByLocalName(body, 'paternita') ? 'EN142' : 'EN143');
    const s = g ? store.getScheda(g.legame.idFamigliaConvivenzaANPR) : undefined;
    if (!g || !s || !s.attiva || s.comuneIstat !== comune) rifiuta('EN134');
    scheda = s;
  }
  return iscriviNeonato(ctx, d, scheda, padre, madre);
}

function iscriviNeonato(ctx: HandlerContext, d: string, scheda: SchedaSim, padre?: PersonaSim, madre?: PersonaSim): HandlerResult {
  const { store, body } = ctx;
  const gen = childByLocalName(childByLocalName(body, 'generalita1001'), 'generalita')!;
  const p = nuovaPersona(ctx, gen, d, {
    padreId: padre?.idSchedaSoggettoANPR ?? null,
    madreId: madre?.idSchedaSoggettoANPR ?? null,
    cittadinanze: cittadinanze(childrenByLocalName(body, 'cittadinanza')),
    motivoIscrizione: '1',
  });
  const codiceLegame = text(body, 'legameSoggetto', 'codiceLegame') ?? '3';
  aggiungiComponente(store, scheda, p, codiceLegame, DESCR_LEGAME[codiceLegame] ?? 'Figlio / Figlia', d);
  store.putPersona(p);
  const anomalie: Errore[] = [];
  if (p.validitaCF === '9') anomalie.push(errore('EA029', [], { tipo: 'W' }));
  return esitoRegistrazione(ctx, [p.idSchedaSoggettoANPR], new Map(), anomalie);
}

// ---------------------------------------------------------------- 1002

export function handle1002(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const d = decorrenza(ctx.testata, ctx.oggi);
  const gen = childByLocalName(childByLocalName(body, 'generalita1002'), 'generalita')!;
  const fam = childByLocalName(body, 'famiglia') ?? childByLocalName(body, 'convivenza');
  const famEl = childByLocalName(fam, 'famiglia') ?? childByLocalName(fam, 'convivenza');
  const codiceLegame = text(fam, 'legameSoggetto', 'codiceLegame') ?? '1';
  const statoCivile = text(body, 'generalita1002', 'statoCivile', 'statoCivile') ?? '1';
  const p = nuovaPersona(ctx, gen, d, {
    cittadinanze: cittadinanze(childrenByLocalName(body, 'cittadinanza')),
    motivoIscrizione: text(body, 'motivoIscrizione', 'idMotivoIscrizione') ?? '4',
    statoCivile: { codice: statoCivile, descrizione: '', dataEvento: null, coniugeId: null },
  });
  const joinId = text(famEl, 'idFamigliaConvivenzaANPR') ?? text(famEl, 'idFamigliaConvivenzaComune', 'idFamigliaConvivenza');
  let scheda: SchedaSim;
  if (joinId) {
    scheda = schedaDelComune(store, famEl, comune);
    if (codiceLegame === '1' && scheda.tipo === 'famiglia' && scheda.intestatarioId) rifiuta('EF007');
  } else {
    // A new family: the subject must be its head and bring the address (EF021, EF027).
    if (codiceLegame !== '1') rifiuta('EF021');
    const res = childrenByLocalName(body, 'residenza')[0];
    if (!res) rifiuta('EF027');
    const decRes = text(res, 'dataDecorrenzaResidenza');
    if (decRes && decRes.slice(0, 10) !== d) rifiuta('EF055');
    const ind = nuovoIndirizzo(store, comune, res, d);
    store.putIndirizzo(ind);
    scheda = nuovaScheda(store, comune, p.idSchedaSoggettoANPR, ind.id, d);
  }
  aggiungiComponente(store, scheda, p, codiceLegame, DESCR_LEGAME[codiceLegame] ?? 'Altro', d);
  if (codiceLegame === '1' && scheda.tipo === 'famiglia') {
    scheda.intestatarioId = p.idSchedaSoggettoANPR;
    store.putScheda(scheda);
  }
  store.putPersona(p);
  return esitoRegistrazione(ctx, [p.idSchedaSoggettoANPR], new Map(), avvisoProcedimento(body));
}
