/**
 * 5000 family: 5005 (a family moves: new address for all or, with
 * tipoScheda 2, the listed subjects found a new family there), 5001 (family
 * composition: new head, subjects joining), 5008 (individual data: civil
 * status — marriage, widowhood, divorce, civil union and its dissolution —,
 * names, citizenship). 5012 is in annullamento.ts.
 */
import { decodeCodiceFiscale } from '../../../shared/domain/codice-fiscale';
import type { Element } from '../../anpr/xml/safe';
import { rifiuta } from '../errori';
import { ANOMALIE_SANATE_DA_RETTIFICA_GENERALITA } from '../population/anomalie';
import type { StatoCivile } from '../population/types';
import { cerca, chiavi, childByLocalName, childrenByLocalName, decorrenza, nonPrimaDellUltima, schedaDelComune, soggettoResidente, text } from '../read';
import type { PersonaSim } from '../state/store';
import { aggiungiComponente, avvisoProcedimento, esitoRegistrazione, nuovaScheda, nuovoIndirizzo, snapshot, statoCivile, togliComponente } from './common';
import type { HandlerContext, HandlerResult } from './types';

function soggettoElenco(ctx: HandlerContext, e: Parameters<typeof chiavi>[0]): PersonaSim {
  const gen = childByLocalName(e, 'generalita');
  return soggettoResidente(ctx.store, gen, ctx.comune);
}

// ---------------------------------------------------------------- 5005

/**
 * A move from another comune (both subentrati, Allegato 5): 5005 with
 * tipoMutazione 2 (Tabella 47, residenza) and the tipoMovimentazione of
 * generalitaSchedaFamiglia (Tabella 23): 1 immigration into a new family at
 * residenzaFamiglia (the listed head, relation 1: EF021), 3 into an existing
 * family of this comune (which keeps its head: EF007). The listed subjects are
 * found nationally; one already resident here gets EN429, a cancelled or
 * deceased one EN184 / EN397.
 */
function immigrazione5005(ctx: HandlerContext, d: string, movimentazione: string): HandlerResult {
  const { store, body, comune } = ctx;
  const elenco = childrenByLocalName(body, 'elencoSoggettiFamiglia');
  if (elenco.length === 0) rifiuta('EF029');
  const membri = elenco.map((e) => {
    const found = cerca(store, chiavi(childByLocalName(e, 'generalita')));
    if (found.length === 0) rifiuta('EN185', [''], { campo: 'generalita' });
    if (found.length > 1) rifiuta('EN095');
    const p = found[0]!;
    if (p.stato === 'deceduto') rifiuta('EN397', [p.idSchedaSoggettoANPR, p.datiDecesso?.data ?? '']);
    if (p.stato === 'cancellato') rifiuta('EN184', [p.idSchedaSoggettoANPR]);
    if (p.comuneIstat === comune) rifiuta('EN429', ['2']);
    nonPrimaDellUltima(p, d);
    return p;
  });
  const prima = snapshot(...membri);
  let scheda;
  if (movimentazione === '1') {
    const res = childrenByLocalName(body, 'residenzaFamiglia')[0];
    if (!res) rifiuta('EN081', ['residenzaFamiglia']);
    const decRes = text(res, 'dataDecorrenzaResidenza');
    if (decRes && decRes.slice(0, 10) !== d) rifiuta('EN239');
    if (!elenco.some((e) => text(e, 'legameSoggetto', 'codiceLegame') === '1')) rifiuta('EF021');
    const ind = nuovoIndirizzo(store, comune, res, d);
    store.putIndirizzo(ind);
    scheda = nuovaScheda(store, comune, '', ind.id, d);
  } else {
    scheda = schedaDelComune(store, childByLocalName(body, 'generalitaSchedaFamiglia'), comune);
    if (elenco.some((e) => text(e, 'legameSoggetto', 'codiceLegame') === '1')) rifiuta('EF007');
  }
  for (const [i, p] of membri.entries()) {
    togliComponente(store, p);
    const codice = text(elenco[i], 'legameSoggetto', 'codiceLegame') ?? '1';
    aggiungiComponente(store, scheda, p, codice, codice === '1' ? 'Intestatario Scheda' : p.legame.descrizioneLegame, d);
    if (codice === '1' && scheda.tipo === 'famiglia') scheda.intestatarioId = p.idSchedaSoggettoANPR;
  }
  store.putScheda(scheda);
  for (const p of membri) {
    p.comuneIstat = comune;
    p.indirizzoId = scheda.indirizzoId;
    p.dataDecorrenzaResidenza = d;
    p.ultimaDecorrenza = d;
    store.putPersona(p);
  }
  return esitoRegistrazione(ctx, membri.map((p) => p.idSchedaSoggettoANPR), prima, avvisoProcedimento(body));
}

export function handle5005(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const d = decorrenza(ctx.testata, ctx.oggi);
  // Codes are numeric (the builder writes tipoMutazione as "02").
  const movimentazione = String(Number(text(body, 'generalitaSchedaFamiglia', 'tipoMovimentazione') ?? '0'));
  if (Number(text(body, 'datiControllo', 'tipoMutazione')) === 2 && (movimentazione === '1' || movimentazione === '3')) return immigrazione5005(ctx, d, movimentazione);
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

/** Tabella 43 (Cessazione unione civile / convivenze): the codes that end a civil union (98 = death of the partner). */
const MOTIVI_SCIOGLIMENTO_UNIONE = ['1', '2', '3', '98'];

const coniugatoOUnito = (p: PersonaSim): boolean => p.statoCivile.codice === '2' || p.statoCivile.codice === '6';

/** The resident a tipoGeneralita points at by CF or ID (a spouse or partner outside ANPR's population gives undefined). */
function residenteIndicato(ctx: HandlerContext, gen: Element | undefined): PersonaSim | undefined {
  const k = chiavi(gen);
  return k.codiceFiscale || k.idSchedaSoggettoANPR ? cerca(ctx.store, k).find((x) => x.stato === 'residente') : undefined;
}

/** Sex of the other party: from the population, else as sent, else from the codice fiscale. */
function sessoIndicato(gen: Element | undefined, trovato: PersonaSim | undefined): string | undefined {
  if (trovato) return trovato.sesso;
  const s = text(gen, 'sesso');
  if (s) return s;
  const cf = chiavi(gen).codiceFiscale;
  if (!cf) return undefined;
  try {
    return decodeCodiceFiscale(cf).sesso;
  } catch {
    return undefined;
  }
}

/** Whether the keys sent for the partner describe this subject. */
function corrisponde(gen: Element | undefined, x: PersonaSim): boolean {
  const k = chiavi(gen);
  return (
    (!k.idSchedaSoggettoANPR || k.idSchedaSoggettoANPR === x.idSchedaSoggettoANPR) &&
    (!k.codiceFiscale || k.codiceFiscale === x.codiceFiscale) &&
    (!k.cognome || k.cognome === x.cognome) &&
    (!k.nome || k.nome === x.nome)
  );
}

export function handle5008(ctx: HandlerContext): HandlerResult {
  const { store, body, comune } = ctx;
  const d = decorrenza(ctx.testata, ctx.oggi);
  const p = soggettoResidente(store, childByLocalName(body, 'generalitaPerRicerca'), comune);
  nonPrimaDellUltima(p, d);
  const tipi = childrenByLocalName(childByLocalName(body, 'datiControllo'), 'tipoMutazione').map((e) => String(Number(e.textContent ?? '0')));
  if (tipi.includes('12') && tipi.includes('18')) rifiuta('EN311');
  const prima = snapshot(p);
  const touched = [p.idSchedaSoggettoANPR];
  /** Changes the civil status of the other party (spouse or partner), keeping its before-image for the answer. */
  const aggiornaAltraParte = (x: PersonaSim, sc: StatoCivile): void => {
    if (x.idSchedaSoggettoANPR === p.idSchedaSoggettoANPR) return;
    if (!prima.has(x.idSchedaSoggettoANPR)) prima.set(x.idSchedaSoggettoANPR, structuredClone(x));
    x.statoCivile = sc;
    x.ultimaDecorrenza = d;
    store.putPersona(x);
    touched.push(x.idSchedaSoggettoANPR);
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
      // The rectified generalità are checked with AT again: its anomalies on the codice fiscale close.
      if (p.anomalie.some((x) => ANOMALIE_SANATE_DA_RETTIFICA_GENERALITA.has(x.codice))) {
        p.anomalie = p.anomalie.filter((x) => !ANOMALIE_SANATE_DA_RETTIFICA_GENERALITA.has(x.codice));
        p.validitaCF = '1';
      }
    } else if (t === '2') {
      const c = childrenByLocalName(body, 'cittadinanza');
      if (c.length === 0) rifiuta('EN081', ['cittadinanza']);
      p.cittadinanze = c.map((x) => ({ codiceStato: text(x, 'codiceStato') ?? '100', descrizioneStato: text(x, 'descrizioneStato') ?? '' }));
    } else if (t === '12') {
      const blocco = childByLocalName(body, 'matrimonio');
      if (!blocco) rifiuta('EN081', ['matrimonio']);
      const data = text(blocco, 'datiMatrimonio', 'dataEvento')?.slice(0, 10) ?? d;
      const coniuge = residenteIndicato(ctx, childByLocalName(blocco, 'coniuge'));
      // Either spouse already married or united: EN272 (an error), as for a civil union.
      for (const x of [p, coniuge]) if (x && coniugatoOUnito(x)) rifiuta('EN272', [data, x.codiceFiscale]);
      p.statoCivile = statoCivile('2', data, coniuge?.idSchedaSoggettoANPR ?? null);
      if (coniuge) aggiornaAltraParte(coniuge, statoCivile('2', data, p.idSchedaSoggettoANPR));
    } else if (t === '18') {
      // Unione civile (L. 76/2016): partner and date required, same sex, both free.
      const u = childByLocalName(body, 'unioneCivile');
      if (!u) rifiuta('EN268');
      const gen = childByLocalName(u, 'unitoCivilmente');
      const data = text(u, 'attoUnione', 'dataEvento')?.slice(0, 10);
      if (!gen || !data) rifiuta('EN269');
      if (data > d) rifiuta('EHR22');
      const parte = residenteIndicato(ctx, gen);
      for (const x of [p, parte]) if (x && coniugatoOUnito(x)) rifiuta('EN272', [data, x.codiceFiscale]);
      const sesso = sessoIndicato(gen, parte);
      if (sesso && sesso !== p.sesso) rifiuta('EN270');
      p.statoCivile = statoCivile('6', data, parte?.idSchedaSoggettoANPR ?? null);
      if (parte) aggiornaAltraParte(parte, statoCivile('6', data, p.idSchedaSoggettoANPR));
    } else if (t === '19') {
      // Scioglimento: motive (Tabella 43) and either the sentenza or the event, never both.
      const u = childByLocalName(body, 'unioneCivile');
      const s = childByLocalName(u, 'scioglimentoUnione');
      if (!s) rifiuta('EN275');
      const motivo = text(s, 'motivoScioglimento');
      const sentenza = childByLocalName(s, 'sentenza');
      const evento = childByLocalName(s, 'datiEvento');
      const data = (sentenza ? text(sentenza, 'data') : text(evento, 'dataEvento'))?.slice(0, 10);
      if (!motivo || !data || (sentenza && evento)) rifiuta('EN278');
      const codiceMotivo = String(Number(motivo.trim()));
      if (!MOTIVI_SCIOGLIMENTO_UNIONE.includes(codiceMotivo)) rifiuta('EN276', [], { valore: motivo });
      if (data > d) rifiuta('EHR23');
      if (p.statoCivile.codice !== '6') rifiuta('EN274');
      const attuale = p.statoCivile.coniugeId ? store.getPersona(p.statoCivile.coniugeId) : undefined;
      const gen = childByLocalName(u, 'unitoCivilmente');
      if (attuale && gen && !corrisponde(gen, attuale)) rifiuta('EN274');
      if (codiceMotivo === '98') {
        // The partner died (outside this population's records): the subject alone is free again.
        p.statoCivile = statoCivile('7', data, null);
      } else {
        p.statoCivile = statoCivile('8', data, null);
        if (attuale && attuale.stato === 'residente' && attuale.statoCivile.coniugeId === p.idSchedaSoggettoANPR) aggiornaAltraParte(attuale, statoCivile('8', data, null));
      }
    } else if (t === '13') {
      if (p.statoCivile.codice !== '2') rifiuta('EN202');
      p.statoCivile = statoCivile('3', text(body, 'vedovanza', 'datiMorteconiuge', 'dataEvento')?.slice(0, 10) ?? d, null);
    } else if (t === '14') {
      if (p.statoCivile.codice !== '2') rifiuta('EN202');
      p.statoCivile = statoCivile('4', d, null);
    }
  }
  const sc = text(body, 'statoCivile', 'statoCivile');
  if (sc && !tipi.some((t) => ['12', '13', '14', '18', '19'].includes(t))) p.statoCivile = statoCivile(String(Number(sc)), d, p.statoCivile.coniugeId);
  p.ultimaDecorrenza = d;
  store.putPersona(p);
  return esitoRegistrazione(ctx, touched, prima);
}
