/**
 * Warnings with a known follow-up: ANPR accepts the pratica but its warning
 * asks for a second operation (official texts in
 * resources/anpr/errori/tab_elenco_errori_anpr.csv). On an accepted pratica
 * each of these offers its follow-up, a draft pre-filled from what the
 * first pratica knew (the family and its members, in the 2001 form's values
 * as `famiglia`), linked back to it by its `seguitoDi`.
 */
import { getAnprTables } from '../../platform/tabelle/loader';
import type { Pratica, SeguitoDi } from '../coda/types';

export type Prefill = 'nuovo_intestatario' | 'composizione' | 'nessuno';

export interface SeguitoNoto {
  servizio: '5001' | '5008';
  etichetta: string;
  prefill: Prefill;
}

export const SEGUITI: Readonly<Record<string, SeguitoNoto>> = {
  // "Aggiornare la famiglia del soggetto cancellato indicando un nuovo intestatario ed eventualmente i relativi rapporti di parentela" (2001/2003 of a head).
  EN225: { servizio: '5001', etichetta: 'Nomina il nuovo intestatario (5001)', prefill: 'nuovo_intestatario' },
  // "Aggiornare la famiglia di provenienza del soggetto di cui e' stata cambiata la residenza ed eventualmente i relativi rapporti di parentela" (5005 of part of a family).
  EN226: { servizio: '5001', etichetta: 'Aggiorna la famiglia di provenienza (5001)', prefill: 'nuovo_intestatario' },
  // "Aggiornare la relazione di parentela della famiglia di appartenenza".
  EN219: { servizio: '5001', etichetta: 'Aggiorna le relazioni di parentela (5001)', prefill: 'composizione' },
  // "Occorre modificare lo stato civile del coniuge @ @" (the spouse is named only in the text).
  EN310: { servizio: '5008', etichetta: 'Aggiorna lo stato civile del coniuge (5008)', prefill: 'nessuno' },
};

const STATI_ACCOLTI = new Set(['accolta', 'accolta_con_avvisi']);

/** The follow-up a warning of this pratica asks for, if the pratica was accepted and the code has one. */
export function seguitoPer(pratica: Pick<Pratica, 'stato' | 'scartata'>, errore: { codice: string; tipo: string }): SeguitoNoto | null {
  if (!STATI_ACCOLTI.has(pratica.stato) || pratica.scartata) return null;
  return SEGUITI[errore.codice.trim().toUpperCase()] ?? null;
}

/** The follow-up already started for (pratica, code), if any (not discarded). */
export function seguitoEsistente(pratiche: readonly Pratica[], praticaId: string, codice: string): Pratica | undefined {
  return pratiche.find((p) => {
    if (p.scartata) return false;
    const s = p.metadati.seguitoDi;
    return s?.praticaId === praticaId && s.codice === codice;
  });
}

interface ComponenteNoto {
  idSchedaSoggettoANPR?: string;
  codiceFiscale?: string;
  cognome?: string;
  nome?: string;
  dataNascita?: string;
  /** The decoded relation as ANPR gave it (Tabella 5), e.g. "Marito / Moglie". */
  relazione?: string | null;
}
interface FamigliaNota {
  idFamigliaConvivenzaANPR?: string;
  componenti?: ComponenteNoto[];
}

function primoIdFamiglia(x: unknown): string | undefined {
  if (x === null || typeof x !== 'object') return undefined;
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
    if (k.startsWith('_')) continue;
    if (k === 'idFamigliaConvivenzaANPR' && typeof v === 'string' && v) return v;
    const dentro = primoIdFamiglia(v);
    if (dentro) return dentro;
  }
  return undefined;
}

/** Tabella 5 code of a decoded relation (the reads keep the description only). */
function codiceRelazione(descrizione: string | null | undefined): string {
  if (!descrizione) return '';
  try {
    const voci = getAnprTables().tabella('relazione_parentela')?.voci ?? [];
    return voci.find((v) => v.descrizione.toLowerCase() === descrizione.toLowerCase())?.codice ?? '';
  } catch {
    return '';
  }
}

/** The subject the first pratica was about (its generalitaPerRicerca), to leave out of the survivors. */
function stessoSoggetto(c: ComponenteNoto, payload: Record<string, unknown>): boolean {
  const g = payload['generalitaPerRicerca'] as { idSchedaSoggettoANPR?: string; codiceFiscale?: { codFiscale?: string } } | undefined;
  if (!g) return false;
  return (!!c.idSchedaSoggettoANPR && c.idSchedaSoggettoANPR === g.idSchedaSoggettoANPR) || (!!c.codiceFiscale && c.codiceFiscale === g.codiceFiscale?.codFiscale);
}

/**
 * The draft payload of the follow-up (builder input without testata, as a
 * form would write it; the form reads it back with its `daPayload`) and whom
 * it is started for (the pratica's `avviataPer`).
 * For a new head: the spouse if among the members, else the first member, as
 * intestatario (relation 1); the others keep the relation they had, for the
 * clerk to check.
 */
export function payloadSeguito(pratica: Pratica, codice: string, seguito: SeguitoNoto, oggi: string): { payload: Record<string, unknown>; avviataPer: string | null; seguitoDi: SeguitoDi } {
  const payload = (pratica.payload && typeof pratica.payload === 'object' ? pratica.payload : {}) as Record<string, unknown>;
  const seguitoDi: SeguitoDi = { praticaId: pratica.id, servizio: pratica.servizio, codice };
  if (seguito.servizio !== '5001') return { payload: {}, avviataPer: null, seguitoDi };
  const famiglia = (pratica.metadati.valoriModulo?.['famiglia'] ?? {}) as FamigliaNota;
  const idFamiglia = famiglia.idFamigliaConvivenzaANPR ?? primoIdFamiglia(payload) ?? '';
  const membri = (famiglia.componenti ?? []).filter((c) => !stessoSoggetto(c, payload));
  const conCodice = membri.map((c) => ({ c, codice: codiceRelazione(c.relazione) }));
  let capo = -1;
  if (seguito.prefill === 'nuovo_intestatario' && conCodice.length) {
    capo = conCodice.findIndex((x) => x.codice === '2');
    if (capo < 0) capo = 0;
  }
  const ordinati = capo >= 0 ? [conCodice[capo]!, ...conCodice.filter((_, i) => i !== capo)] : conCodice;
  const elenco = ordinati.map((x, i) => ({
    generalita: {
      ...(x.c.codiceFiscale ? { codiceFiscale: { codFiscale: x.c.codiceFiscale } } : {}),
      ...(x.c.cognome ? { cognome: x.c.cognome } : {}),
      ...(x.c.nome ? { nome: x.c.nome } : {}),
      ...(x.c.dataNascita ? { dataNascita: x.c.dataNascita } : {}),
      ...(x.c.idSchedaSoggettoANPR ? { idSchedaSoggettoANPR: x.c.idSchedaSoggettoANPR } : {}),
    },
    legameSoggetto: { tipoLegame: '3', dataDecorrenza: oggi, codiceLegame: capo >= 0 && i === 0 ? '1' : x.codice },
  }));
  const nuovoCapo = capo >= 0 ? elenco[0]?.generalita : undefined;
  return {
    payload: {
      famigliaConvivenza: { idFamigliaConvivenzaANPR: idFamiglia, tipoScheda: '1' },
      elencoSoggettiFamiglia: elenco,
      datiControllo: { tipoMutazione: seguito.prefill === 'nuovo_intestatario' ? '1' : '2', tipoScheda: '1' },
    },
    // Whom it is started for: the new head (the list names it while the clerk has typed nothing).
    avviataPer: nuovoCapo?.cognome && nuovoCapo.nome ? `${nuovoCapo.cognome} ${nuovoCapo.nome}` : null,
    seguitoDi,
  };
}
