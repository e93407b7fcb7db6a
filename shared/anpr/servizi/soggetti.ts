/**
 * Whom a pratica is about, read from its service's data where that service
 * puts the subject (not by hunting the payload for any name): the person's
 * generalità and, for the family services, the family. The pratiche list and
 * the per-person ordering read it; a missing service is a compile error.
 */
import type { ServizioPratica } from './index';
import type { DatiPratica } from './dati-pratica';
import type { Generalita } from './tipi';

export interface SoggettoPratica {
  /** COGNOME NOME, when the data name the person. */
  nome: string | null;
  codiceFiscale: string | null;
  idSchedaSoggettoANPR: string | null;
  /** The family the pratica is about (a family's move, a change of composition). */
  idFamiglia: string | null;
}

function daGeneralita(g: Generalita | undefined, idFamiglia?: string): SoggettoPratica {
  const cf = typeof g?.codiceFiscale === 'string' ? g.codiceFiscale : g?.codiceFiscale?.codFiscale;
  const nome = g?.cognome?.trim() && g.nome?.trim() ? `${g.cognome.trim()} ${g.nome.trim()}`.toUpperCase() : null;
  return { nome, codiceFiscale: cf?.trim() ? cf.trim().toUpperCase() : null, idSchedaSoggettoANPR: g?.idSchedaSoggettoANPR || null, idFamiglia: idFamiglia?.trim() || null };
}

const NESSUNO: SoggettoPratica = { nome: null, codiceFiscale: null, idSchedaSoggettoANPR: null, idFamiglia: null };

type LetturaSoggetto = { readonly [S in ServizioPratica]: (d: DatiPratica<S>) => SoggettoPratica };

const SOGGETTO: LetturaSoggetto = {
  '1001': (d) => daGeneralita(d.generalita1001.generalita, d.famConv?.idFamigliaConvivenzaANPR),
  '1002': (d) => daGeneralita(d.generalita1002.generalita, d.famiglia?.famiglia.idFamigliaConvivenzaANPR ?? d.convivenza?.convivenza.idFamigliaConvivenzaANPR),
  '1013': (d) => daGeneralita(d.datiSchedaSoggettoFamigliaConvivenza.soggetto, d.datiSchedaSoggettoFamigliaConvivenza.schedaFamigliaConvivenza?.idFamigliaConvivenzaANPR),
  '2001': (d) => daGeneralita(d.generalitaPerRicerca),
  '2003': (d) => daGeneralita(d.generalitaPerRicerca),
  '2011': (d) => daGeneralita(d.datiSchedaSoggettoFamigliaConvivenza.soggetto, d.datiSchedaSoggettoFamigliaConvivenza.schedaFamigliaConvivenza?.idFamigliaConvivenzaANPR),
  // The first member listed: the new head, or the person whose relation changes.
  '5001': (d) => daGeneralita(d.elencoSoggettiFamiglia?.[0]?.generalita, d.famigliaConvivenza.idFamigliaConvivenzaANPR),
  // A family's move names nobody but the family; from another comune, the first person who arrives.
  '5005': (d) => daGeneralita(d.elencoSoggettiFamiglia?.[0]?.generalita, d.generalitaSchedaFamiglia.idFamigliaConvivenzaANPR),
  '5008': (d) => daGeneralita(d.generalitaPerRicerca),
  '5012': (d) => daGeneralita(d.datiSchedaSoggettoFamigliaConvivenza.soggetto, d.datiSchedaSoggettoFamigliaConvivenza.schedaFamigliaConvivenza?.idFamigliaConvivenzaANPR),
  '5013': (d) => daGeneralita(d.schedaSoggetto.generalitaPerRicerca),
  // A state change of a citizen's request names the request, not a person (the pratica's avviataPer names the citizen).
  P003: () => NESSUNO,
};

/**
 * The subject of a stored payload of `servizio`. A draft's payload may be partial (a follow-up the core drafted, an
 * old draft): a read that fails on it finds nobody rather than guessing.
 */
export function soggettoDi(servizio: ServizioPratica, payload: unknown): SoggettoPratica {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return NESSUNO;
  try {
    return (SOGGETTO[servizio] as (d: unknown) => SoggettoPratica)(payload);
  } catch {
    return NESSUNO;
  }
}
