/**
 * 2000 family: 2001 (death: the subject leaves the family, a surviving spouse
 * becomes widowed and a surviving civil partner "stato libero" (Tabella 1
 * code 7), a new head comes from elencoSoggettiFamiglia or the family is left
 * without one with EN225), 2003 (cancellation for other reasons).
 */
import { rifiuta } from '../errori';
import { childByLocalName, childrenByLocalName, decorrenza, nonPrimaDellUltima, soggettoResidente, text } from '../read';
import { esitoRegistrazione, riassegnaIntestatario, snapshot, statoCivile, togliComponente } from './common';
import type { HandlerContext, HandlerResult } from './types';

function ruoloCoerente(ctx: HandlerContext, isIntestatario: boolean): void {
  const ruolo = text(ctx.body, 'datiControllo', 'ruoloSoggetto');
  if (ruolo === '1' && !isIntestatario) rifiuta('EF008');
}

export function handle2001(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const d = decorrenza(ctx.testata, ctx.oggi);
  const p = soggettoResidente(store, childByLocalName(body, 'generalitaPerRicerca'), comune);
  nonPrimaDellUltima(p, d);
  const motivo = text(body, 'motivoCancellazione', 'tipoMotivoCancellazione') ?? '1';
  const dataMorte = text(body, 'datiDecesso', 'dataEvento')?.slice(0, 10) ?? text(body, 'datiSentenza', 'data')?.slice(0, 10);
  if (motivo === '1' && !childByLocalName(body, 'datiDecesso')) rifiuta('EN081', ['datiDecesso']);
  if (motivo === '2' && !childByLocalName(body, 'datiSentenza')) rifiuta('EN081', ['datiSentenza']);
  if (dataMorte && dataMorte > d) rifiuta('EN398', ['decorrenza', dataMorte]);
  const prima = snapshot(p);
  const scheda = store.getScheda(p.legame.idFamigliaConvivenzaANPR);
  const eraIntestatario = scheda?.tipo === 'famiglia' && scheda.intestatarioId === p.idSchedaSoggettoANPR;
  ruoloCoerente(ctx, eraIntestatario);
  togliComponente(store, p);
  p.stato = 'deceduto';
  p.datiDecesso = { data: dataMorte ?? d };
  p.datiCancellazione = { motivo, data: d };
  p.ultimaDecorrenza = d;
  store.putPersona(p);
  const touched = [p.idSchedaSoggettoANPR];
  // The surviving spouse becomes widowed (3); a surviving civil partner is free again after the partner's death (7).
  if ((p.statoCivile.codice === '2' || p.statoCivile.codice === '6') && p.statoCivile.coniugeId) {
    const c = store.getPersona(p.statoCivile.coniugeId);
    if (c && c.stato === 'residente') {
      prima.set(c.idSchedaSoggettoANPR, structuredClone(c));
      c.statoCivile = statoCivile(p.statoCivile.codice === '6' ? '7' : '3', p.datiDecesso.data, null);
      store.putPersona(c);
      touched.push(c.idSchedaSoggettoANPR);
    }
  }
  const anomalie = eraIntestatario ? riassegnaIntestatario(store, store.getScheda(p.legame.idFamigliaConvivenzaANPR), childrenByLocalName(body, 'elencoSoggettiFamiglia'), d, touched) : [];
  return esitoRegistrazione(ctx, touched, prima, anomalie);
}

export function handle2003(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const d = decorrenza(ctx.testata, ctx.oggi);
  const p = soggettoResidente(store, childByLocalName(body, 'generalitaPerRicerca'), comune);
  nonPrimaDellUltima(p, d);
  const motivo = text(body, 'datiCancellazione', 'motivoCancellazione') ?? '3';
  const dataCanc = text(body, 'datiCancellazione', 'dataDecorrenzaCancellazione')?.slice(0, 10) ?? d;
  if (dataCanc !== d) rifiuta('EN315', ['dataDecorrenzaCancellazione', dataCanc, 'dataDecorrenza', d]);
  const prima = snapshot(p);
  const scheda = store.getScheda(p.legame.idFamigliaConvivenzaANPR);
  const eraIntestatario = scheda?.tipo === 'famiglia' && scheda.intestatarioId === p.idSchedaSoggettoANPR;
  ruoloCoerente(ctx, eraIntestatario);
  togliComponente(store, p);
  p.stato = 'cancellato';
  const note = text(body, 'datiCancellazione', 'notecancellazione');
  p.datiCancellazione = { motivo, data: d, ...(note ? { note } : {}) };
  p.ultimaDecorrenza = d;
  store.putPersona(p);
  const touched = [p.idSchedaSoggettoANPR];
  const anomalie = eraIntestatario ? riassegnaIntestatario(store, store.getScheda(p.legame.idFamigliaConvivenzaANPR), childrenByLocalName(body, 'elencoSoggetti'), d, touched) : [];
  return esitoRegistrazione(ctx, touched, prima, anomalie);
}
