/** Helpers shared by the registration handlers (1000/2000/5000 families). */
import type { IsoDate } from '../../../shared/domain/date-it';
import { calcolaCodiceFiscale, omocodice } from '../../../shared/domain/codice-fiscale';
import type { Element } from '../../anpr/xml/safe';
import { getAnprTables } from '../../platform/tabelle/loader';
import type { LuogoNascita, StatoCivile } from '../population/types';
import { errore, rifiuta } from '../errori';
import { childByLocalName, text } from '../read';
import { datiSoggettoVariato } from '../render';
import { rispostaComuneBody, type Errore } from '../soap';
import type { FamigliaSim, IndirizzoSim, PersonaSim, SchedaSim, SimStore } from '../state/store';
import type { HandlerContext, HandlerResult } from './types';

export function nuovoIdSoggetto(store: SimStore): string {
  return store.next('idSchedaSoggettoANPR', 7_000_000_000_000n);
}

export function nuovoIdSchedaComune(store: SimStore, comune: string): string {
  return store.next(`idSchedaSoggettoComune:${comune}`, 8_000_001n);
}

export function nuovaScheda(store: SimStore, comune: string, intestatario: string, indirizzoId: string, d: IsoDate): FamigliaSim {
  return {
    tipo: 'famiglia',
    idFamigliaConvivenzaANPR: store.next('idFamigliaConvivenzaANPR', 6_000_000_000_000n),
    idFamigliaConvivenzaComune: store.next(`idFamigliaConvivenzaComune:${comune}`, 700_001n),
    intestatarioId: intestatario,
    motivoCostituzione: null,
    dataOrigine: d,
    indirizzoId,
    componenti: [],
    comuneIstat: comune,
    attiva: true,
  };
}

/** Reads a tipoResidenza into a new address record (EN081 when incomplete). */
export function nuovoIndirizzo(store: SimStore, comune: string, res: Element | undefined, d: IsoDate): IndirizzoSim {
  const ind = childByLocalName(res, 'indirizzo');
  if (!res || !ind) rifiuta('EN081', ['residenza/indirizzo']);
  const istat = text(ind, 'comune', 'codiceIstat') ?? comune;
  if (istat !== comune) rifiuta('EN204');
  const c = getAnprTables().comuneValidoAlla(istat, d);
  return {
    id: `${comune}-N${store.next('indirizzo', 1n)}`,
    tipoIndirizzo: text(res, 'tipoIndirizzo') ?? '1',
    comune: { codiceIstat: istat, belfiore: c?.belfiore ?? '', nomeComune: c?.denominazione ?? text(ind, 'comune', 'nomeComune') ?? '', siglaProvincia: c?.siglaProvincia ?? text(ind, 'comune', 'siglaProvinciaIstat') ?? '' },
    cap: text(ind, 'cap') ?? '00000',
    toponimo: {
      codSpecie: text(ind, 'toponimo', 'codSpecie') ?? '',
      specie: text(ind, 'toponimo', 'specie') ?? 'VIA',
      denominazioneToponimo: text(ind, 'toponimo', 'denominazioneToponimo') ?? '',
    },
    numeroCivico: {
      numero: text(ind, 'numeroCivico', 'numero') ?? text(ind, 'numeroCivico', 'metrico') ?? '1',
      lettera: text(ind, 'numeroCivico', 'lettera') ?? null,
      esponente1: text(ind, 'numeroCivico', 'esponente1') ?? null,
      civicoInterno: text(ind, 'numeroCivico', 'civicoInterno', 'interno1') ?? null,
      scala: text(ind, 'numeroCivico', 'civicoInterno', 'scala') ?? null,
      piano: text(ind, 'numeroCivico', 'civicoInterno', 'piano') ?? null,
    },
    dataDecorrenza: d,
  };
}

/** Birth place of a tipoGeneralita (Italian comune or foreign state), resolved on the tables. */
export function luogoNascita(gen: Element | undefined, dataNascita: IsoDate): LuogoNascita {
  const tables = getAnprTables();
  const istat = text(gen, 'luogoNascita', 'comune', 'codiceIstat');
  if (istat) {
    const c = tables.comuneValidoAlla(istat, dataNascita);
    if (!c || !c.belfiore) rifiuta('EC007', [text(gen, 'luogoNascita', 'comune', 'nomeComune') ?? istat, text(gen, 'luogoNascita', 'comune', 'siglaProvinciaIstat') ?? '']);
    return { tipo: 'comune', codiceIstat: c.codIstat, belfiore: c.belfiore, nomeComune: c.denominazione, siglaProvincia: c.siglaProvincia };
  }
  const stato = text(gen, 'luogoNascita', 'localita', 'codiceStato');
  if (stato) {
    const s = tables.statoEsteroPerCodice(stato);
    if (!s || !s.belfiore) rifiuta('EN098');
    return { tipo: 'estero', codiceStato: s.codIstat, belfiore: s.belfiore, descrizioneStato: s.denominazione };
  }
  return rifiuta('EN081', ['luogoNascita']);
}

/** The CF given, or computed like AE (first free omocode) when absent. */
export function codiceFiscale(store: SimStore, given: string | undefined, p: Pick<PersonaSim, 'cognome' | 'nome' | 'sesso' | 'dataNascita' | 'luogoNascita'>): { cf: string; base: string; livello: number } {
  if (given) return { cf: given.toUpperCase(), base: given.toUpperCase(), livello: 0 };
  const base = calcolaCodiceFiscale({ cognome: p.cognome, nome: p.nome, sesso: p.sesso === 'F' ? 'F' : 'M', dataNascita: p.dataNascita, belfiore: p.luogoNascita.belfiore });
  for (let livello = 0; livello <= 7; livello++) {
    const cf = livello === 0 ? base : omocodice(base, livello);
    if (store.personePerCf(cf).length === 0) return { cf, base, livello };
  }
  return rifiuta('EA001');
}

/** Adds a subject to a scheda with the next progressivo. */
export function aggiungiComponente(store: SimStore, s: SchedaSim, p: PersonaSim, codiceLegame: string, descr: string, d: IsoDate): void {
  s.componenti = [...s.componenti.filter((id) => id !== p.idSchedaSoggettoANPR), p.idSchedaSoggettoANPR];
  p.legame = {
    tipoLegame: s.tipo === 'famiglia' ? '3' : '4',
    idFamigliaConvivenzaANPR: s.idFamigliaConvivenzaANPR,
    codiceLegame,
    descrizioneLegame: descr,
    progressivoComponente: s.componenti.length,
    dataDecorrenza: d,
  };
  p.indirizzoId = s.indirizzoId;
  store.putScheda(s);
}

/** Removes a subject from its scheda; closes the scheda when empty. Returns the scheda. */
export function togliComponente(store: SimStore, p: PersonaSim): SchedaSim | undefined {
  const s = store.getScheda(p.legame.idFamigliaConvivenzaANPR);
  if (!s) return undefined;
  s.componenti = s.componenti.filter((id) => id !== p.idSchedaSoggettoANPR);
  if (s.tipo === 'famiglia' && s.intestatarioId === p.idSchedaSoggettoANPR) s.intestatarioId = '';
  if (s.componenti.length === 0) s.attiva = false;
  store.putScheda(s);
  return s;
}

/** EN111 (W) when no procedimento is given for a service that opens one. */
export function avvisoProcedimento(body: Element): Errore[] {
  return childByLocalName(body, 'datiDelProcedimento') ? [] : [errore('EN111')];
}

/** Risposta_Comune listing the new state of the touched subjects. */
export function esitoRegistrazione(ctx: HandlerContext, ids: readonly string[], precedenti: ReadonlyMap<string, PersonaSim>, anomalie: Errore[] = []): HandlerResult {
  const uniq = [...new Set(ids)];
  const variati = uniq.map((id) => ctx.store.getPersona(id)).filter((p): p is PersonaSim => !!p);
  const bodyXml = rispostaComuneBody(
    ctx.service,
    ctx.testata,
    ctx.idOperazioneANPR,
    variati.map((p) => datiSoggettoVariato(ctx.store, p, precedenti.get(p.idSchedaSoggettoANPR))),
    anomalie,
  );
  return { bodyXml, esito: anomalie.length > 0 ? '6' : '2', effetti: 1, soggetti: uniq, anomalie };
}

/** A civil status (Tabella 1 code) with its official description. */
export function statoCivile(codice: string, dataEvento: IsoDate | null, coniugeId: string | null): StatoCivile {
  return { codice, descrizione: getAnprTables().decodifica(1, codice) ?? '', dataEvento, coniugeId };
}

/** Snapshot of subjects before a change (for generalitaPrecedenti). */
export function snapshot(...ps: (PersonaSim | undefined)[]): Map<string, PersonaSim> {
  const m = new Map<string, PersonaSim>();
  for (const p of ps) if (p) m.set(p.idSchedaSoggettoANPR, structuredClone(p));
  return m;
}

/** Applies `elencoSoggettiFamiglia` (new head and links) to a scheda after its head left. */
export function riassegnaIntestatario(store: SimStore, s: SchedaSim | undefined, elenco: readonly Element[], d: IsoDate, touched: string[]): Errore[] {
  if (!s || !s.attiva || s.tipo !== 'famiglia') return [];
  if (elenco.length === 0) return s.intestatarioId ? [] : [errore('EN225')];
  const intestatari = elenco.filter((e) => text(e, 'legameSoggetto', 'codiceLegame') === '1');
  if (intestatari.length > 1) rifiuta('EN166');
  if (intestatari.length === 0) rifiuta('EN197');
  for (const e of elenco) {
    const id = text(e, 'generalita', 'idSchedaSoggettoANPR');
    const cf = text(e, 'generalita', 'codiceFiscale', 'codFiscale');
    const p = id ? store.getPersona(id) : cf ? store.personePerCf(cf).find((x) => x.stato === 'residente') : undefined;
    if (!p || !s.componenti.includes(p.idSchedaSoggettoANPR)) rifiuta('EN185', [` ${id ?? cf ?? ''}`]);
    const codice = text(e, 'legameSoggetto', 'codiceLegame')!;
    p.legame = { ...p.legame, codiceLegame: codice, descrizioneLegame: codice === '1' ? 'Intestatario Scheda' : p.legame.descrizioneLegame, dataDecorrenza: d };
    p.ultimaDecorrenza = d;
    if (codice === '1') s.intestatarioId = p.idSchedaSoggettoANPR;
    store.putPersona(p);
    touched.push(p.idSchedaSoggettoANPR);
  }
  store.putScheda(s);
  return [];
}
