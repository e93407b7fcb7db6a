/**
 * The search criteria as the clerk types them: checked at the fields before
 * anything is sent, turned into the contract's criterion, and described in
 * words above the results they produced.
 */
import { validaCodiceFiscale } from '../../../../shared/domain/codice-fiscale';
import { parseDataItDettaglio } from '../../../../shared/domain/date-it';
import type { CriterioRicerca } from '../../../../shared/ipc/contract';
import { formatData } from '../../format';

export type Modo = CriterioRicerca['tipo'];

export interface Valori {
  cf: string;
  cognome: string;
  nome: string;
  data: string;
  id: string;
  via: string;
  numero: string;
}

export const VALORI_VUOTI: Valori = { cf: '', cognome: '', nome: '', data: '', id: '', via: '', numero: '' };

export type Errori = Partial<Record<keyof Valori, string>>;

const ID_ANPR = /^[A-Z]{2}\d{5}[A-Z]{2}$|^\d{1,16}$/;

/** The criterion for the chosen mode, or the errors at the fields (nothing is sent then). */
export function costruisciCriterio(modo: Modo, v: Valori): { criterio: CriterioRicerca } | { errori: Errori } {
  const errori: Errori = {};
  if (modo === 'codiceFiscale') {
    const e = validaCodiceFiscale(v.cf);
    if (!e.valido) errori.cf = e.errori[0]?.messaggio ?? 'Codice fiscale non valido.';
    return Object.keys(errori).length ? { errori } : { criterio: { tipo: 'codiceFiscale', codiceFiscale: v.cf.trim() } };
  }
  if (modo === 'generalita') {
    if (!v.cognome.trim()) errori.cognome = 'Indicare il cognome (basta il cognome; nome e data di nascita restringono la ricerca).';
    let dataNascita: string | undefined;
    if (v.data.trim()) {
      const d = parseDataItDettaglio(v.data);
      if (d.ok) dataNascita = d.iso;
      else errori.data = d.messaggio;
    }
    if (Object.keys(errori).length) return { errori };
    return { criterio: { tipo: 'generalita', cognome: v.cognome.trim(), ...(v.nome.trim() ? { nome: v.nome.trim() } : {}), ...(dataNascita ? { dataNascita } : {}) } };
  }
  if (modo === 'indirizzo') {
    if (v.via.trim().length < 2) errori.via = 'Indicare la via (almeno 2 caratteri, es. ROMA o VIA ROMA).';
    if (v.numero.trim() && !/^\d{1,6}$/.test(v.numero.trim())) errori.numero = 'Il numero civico è fatto di sole cifre (es. 12).';
    if (Object.keys(errori).length) return { errori };
    return { criterio: { tipo: 'indirizzo', via: v.via.trim(), ...(v.numero.trim() ? { numero: v.numero.trim() } : {}) } };
  }
  const id = v.id.trim().toUpperCase();
  if (!ID_ANPR.test(id)) errori.id = "L'ID ANPR è formato da 2 lettere, 5 cifre e 2 lettere (es. AB12345CD).";
  return Object.keys(errori).length ? { errori } : { criterio: { tipo: 'idAnpr', idAnpr: id } };
}

/** The criterion in words, shown with the results it produced. */
export function descriviCriterio(c: CriterioRicerca): string {
  switch (c.tipo) {
    case 'codiceFiscale':
      return `codice fiscale ${c.codiceFiscale.toUpperCase()}`;
    case 'generalita':
      return [`cognome ${c.cognome.toUpperCase()}`, c.nome ? `nome ${c.nome.toUpperCase()}` : null, c.dataNascita ? `nato il ${formatData(c.dataNascita)}` : null].filter(Boolean).join(', ');
    case 'indirizzo':
      return `indirizzo ${c.via.toUpperCase()}${c.numero ? ` ${c.numero}` : ''}`;
    case 'idAnpr':
      return `ID ANPR ${c.idAnpr.toUpperCase()}`;
  }
}
