/**
 * 5000 family: 5005 (a family moves: new address for all or, with
 * tipoScheda 2, the listed subjects found a new family there), 5001 (family
 * composition: new head, subjects joining), 5008 (individual data: civil
 * status, names, citizenship). 5012 is in annullamento.ts.
 */
import { rifiuta } from '../errori';
import { cerca, chiavi, childByLocalName, childrenByLocalName, decorrenza, nonPrimaDellUltima, schedaDelComune, soggettoResidente, text } from '../read';
import type { PersonaSim } from '../state/store';
import { aggiungiComponente, avvisoProcedimento, esitoRegistrazione, nuovaScheda, nuovoIndirizzo, snapshot, togliComponente } from './common';
import type { HandlerContext, HandlerResult } from './types';

function soggettoElenco(ctx: HandlerContext, e: Parameters<typeof chiavi>[0]): PersonaSim {
  const gen = childByLocalName(e, 'generalita');
  return soggettoResidente(ctx.store, gen, ctx.comune);
}

// ---------------------------------------------------------------- 5005

export function handle5005(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const d = decorrenza(ctx.testata, ctx.oggi);
  const scheda = schedaDelComune(store, childByLocalName(body, 'generalitaSchedaFamiglia'), comune);
  const res = childrenByLocalName(body, 'residenzaFamiglia')[0];
  if (!res) rifiuta('EN081', ['residenzaFamiglia']);
  const decRes = text(res, 'dataDecorrenzaResidenza');
  if (decRes && decRes.slice(0, 10) !== d) rifiuta('EN239');
  const tipoScheda = text(body, 'datiControllo', 'tipoScheda') ?? '1';
  const elenco = childrenByLocalName(body, 'elencoSoggettiFamiglia');
  const membri = elenco.length > 0 ? elenco.map((e) => soggettoElenco(ctx, e)) : scheda.componenti.map((id) => store.getPersona(id)).filter((p): p is PersonaSim => !!p);
  if (membri.length === 0) rifiuta('EF029');
  for (const p of membri) {
    if (!scheda.componenti.includes(p.idSchedaSoggettoANPR)) rifiuta('EN136');
    if (d < p.dataDecorrenzaResidenza) rifiuta('EN237');
    nonPrimaDellUltima(p, d);
  }
  const prima = snapshot(...membri);
  const ind = nuovoIndirizzo(store, comune, res, d);
  store.putIndirizzo(ind);
  const tuttaLaFamiglia = membri.length === scheda.componenti.length;
  if (tipoScheda === '2' && !tuttaLaFamiglia) {
    // The listed subjects found a new family at the new address.
    const capo = elenco.find((e) => text(e, 'legameSoggetto', 'codiceLegame') === '1');
    if (!capo) rifiuta('EF021');
    const nuova = nuovaScheda(store, comune, '', ind.id, d);
    for (const [i, p] of membri.entries()) {
      togliComponente(store, p);
      const codice = text(elenco[i], 'legameSoggetto', 'codiceLegame') ?? '1';
      aggiungiComponente(store, nuova, p, codice, codice === '1' ? 'Intestatario Scheda' : p.legame.descrizioneLegame, d);
      if (codice === '1') nuova.intestatarioId = p.idSchedaSoggettoANPR;
    }
    store.putScheda(nuova);
  } else {
    if (!tuttaLaFamiglia) rifiuta('EF029');
    scheda.indirizzoId = ind.id;
    store.putScheda(scheda);
  }
  for (const p of membri) {
    const fresh = store.getScheda(p.legame.idFamigliaConvivenzaANPR);
    p.indirizzoId = fresh?.indirizzoId ?? ind.id;
    p.dataDecorrenzaResidenza = d;
    p.ultimaDecorrenza = d;
    store.putPersona(p);
  }
  return esitoRegistrazione(ctx, membri.map((p) => p.idSchedaSoggettoANPR), prima, avvisoProcedimento(body));
}

// ---------------------------------------------------------------- 5001

export function handle5001(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const d = decorrenza(ctx.testata, ctx.oggi);
  const scheda = schedaDelComune(store, childByLocalName(body, 'famigliaConvivenza'), comune);
  const tipo = text(body, 'datiControllo', 'tipoMutazione') ?? '2';
  const elenco = childrenByLocalName(body, 'elencoSoggettiFamiglia');
  if (elenco.length === 0) rifiuta('EF028');
  const soggetti = elenco.map((e) => soggettoElenco(ctx, e));
  const prima = snapshot(...soggetti);
  const intestatari = elenco.filter((e) => text(e, 'legameSoggetto', 'codiceLegame') === '1');
  if (intestatari.length > 1) rifiuta('EN166');
  if (tipo === '1' && intestatari.length === 0) rifiuta('EN197');
  if (scheda.tipo === 'famiglia' && intestatari.length === 1) {
    const nuovo = soggetti[elenco.indexOf(intestatari[0]!)]!;
    const vecchio = scheda.intestatarioId;
    if (vecchio && vecchio !== nuovo.idSchedaSoggettoANPR && !soggetti.some((s) => s.idSchedaSoggettoANPR === vecchio) && store.getPersona(vecchio)?.stato === 'residente') {
      rifiuta('EN166');
    }
  }
  for (const [i, p] of soggetti.entries()) {
    nonPrimaDellUltima(p, d);
    const codice = text(elenco[i], 'legameSoggetto', 'codiceLegame')!;
    if (!scheda.componenti.includes(p.idSchedaSoggettoANPR)) {
      // Composition change: the subject moves into this scheda.
      togliComponente(store, p);
      const fresh = store.getScheda(scheda.idFamigliaConvivenzaANPR)!;
      aggiungiComponente(store, fresh, p, codice, p.legame.descrizioneLegame, d);
      Object.assign(scheda, fresh);
      p.dataDecorrenzaResidenza = d;
    } else {
      p.legame = { ...p.legame, codiceLegame: codice, dataDecorrenza: d };
    }
    if (codice === '1' && scheda.tipo === 'famiglia') scheda.intestatarioId = p.idSchedaSoggettoANPR;
    p.ultimaDecorrenza = d;
    store.putPersona(p);
  }
  store.putScheda(scheda);
  return esitoRegistrazione(ctx, soggetti.map((p) => p.idSchedaSoggettoANPR), prima);
}

// ---------------------------------------------------------------- 5008

const STATI_CIVILI: Record<string, string> = { '1': 'Celibe/Nubile', '2': 'Coniugato/a', '3': 'Vedovo/a', '4': 'Divorziato/a', '6': 'Unito civilmente', '7': 'Stato libero a seguito di decesso della parte unita civilmente', '8': 'Stato libero a seguito di scioglimento dell\'unione' };

export function handle5008(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const d = decorrenza(ctx.testata, ctx.oggi);
  const p = soggettoResidente(store, childByLocalName(body, 'generalitaPerRicerca'), comune);
  nonPrimaDellUltima(p, d);
  const tipi = childrenByLocalName(childByLocalName(body, 'datiControllo'), 'tipoMutazione').map((e) => String(Number(e.textContent ?? '0')));
  const prima = snapshot(p);
  const touched = [p.idSchedaSoggettoANPR];
  const setStato = (codice: string, data: string | null, coniugeId: string | null): void => {
    p.statoCivile = { codice, descrizione: STATI_CIVILI[codice] ?? '', dataEvento: data, coniugeId };
  };
  for (const t of tipi) {
    if (t === '1') {
      const g = childByLocalName(childByLocalName(body, 'generalitaDaModificare'), 'generalita');
      if (!g) rifiuta('EN081', ['generalitaDaModificare']);
      const cognome = text(g, 'cognome');
      const nome = text(g, 'nome');
      const cf = text(g, 'codiceFiscale', 'codFiscale');
      if (cognome) p.cognome = cognome.toUpperCase();
      if (nome) p.nome = nome.toUpperCase();
      if (cf) p.codiceFiscale = cf.toUpperCase();
    } else if (t === '2') {
      const c = childrenByLocalName(body, 'cittadinanza');
      if (c.length === 0) rifiuta('EN081', ['cittadinanza']);
      p.cittadinanze = c.map((x) => ({ codiceStato: text(x, 'codiceStato') ?? '100', descrizioneStato: text(x, 'descrizioneStato') ?? '' }));
    } else if (t === '12' || t === '18') {
      const blocco = childByLocalName(body, t === '12' ? 'matrimonio' : 'unioneCivile');
      if (!blocco) rifiuta('EN081', [t === '12' ? 'matrimonio' : 'unioneCivile']);
      if (p.statoCivile.codice === '2' || p.statoCivile.codice === '6') rifiuta('ES016');
      const data = text(blocco, t === '12' ? 'datiMatrimonio' : 'datiUnione', 'dataEvento')?.slice(0, 10) ?? d;
      const coniugeGen = childByLocalName(blocco, 'coniuge') ?? childByLocalName(blocco, 'unito');
      const k = chiavi(coniugeGen);
      const coniuge = k.codiceFiscale || k.idSchedaSoggettoANPR ? cerca(store, k).find((x) => x.stato === 'residente') : undefined;
      setStato(t === '12' ? '2' : '6', data, coniuge?.idSchedaSoggettoANPR ?? null);
      if (coniuge && coniuge.idSchedaSoggettoANPR !== p.idSchedaSoggettoANPR) {
        prima.set(coniuge.idSchedaSoggettoANPR, structuredClone(coniuge));
        coniuge.statoCivile = { codice: t === '12' ? '2' : '6', descrizione: STATI_CIVILI[t === '12' ? '2' : '6']!, dataEvento: data, coniugeId: p.idSchedaSoggettoANPR };
        coniuge.ultimaDecorrenza = d;
        store.putPersona(coniuge);
        touched.push(coniuge.idSchedaSoggettoANPR);
      }
    } else if (t === '13') {
      if (p.statoCivile.codice !== '2') rifiuta('EN202');
      setStato('3', text(body, 'vedovanza', 'datiMorteconiuge', 'dataEvento')?.slice(0, 10) ?? d, null);
    } else if (t === '14') {
      if (p.statoCivile.codice !== '2') rifiuta('EN202');
      setStato('4', d, null);
    }
  }
  const sc = text(body, 'statoCivile', 'statoCivile');
  if (sc && !tipi.some((t) => ['12', '13', '14', '18'].includes(t))) setStato(String(Number(sc)), d, p.statoCivile.coniugeId);
  p.ultimaDecorrenza = d;
  store.putPersona(p);
  return esitoRegistrazione(ctx, touched, prima);
}
