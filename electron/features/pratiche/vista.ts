/**
 * What the clerk sees of a pratica: the subject it is about (name, codice
 * fiscale, family), read from the payload, and the pratica and submission
 * as the IPC contract shows them.
 */
import type { InvioRow } from '../coda/store';
import type { Pratica } from '../coda/types';

/**
 * The first person a payload names (depth-first, in the builder's element
 * order: the newborn, the person registered, the subject, the new head…;
 * hidden keys such as `_famiglia` are the form's notes, not the payload);
 * when the payload names nobody (a family's move), the person the pratica
 * was started for (its `avviataPer`, written by the form).
 */
export function nomeSoggettoDa(payload: unknown, avviataPer?: string | null): string | null {
  const nominato = personaNominata(payload);
  if (nominato) return nominato;
  return avviataPer?.trim() ? avviataPer.trim().toUpperCase().slice(0, 120) : null;
}

/** The subject's name of a pratica (its payload, else whom it was started for). */
export function nomeSoggettoDi(p: Pick<Pratica, 'payload' | 'metadati'>): string | null {
  return nomeSoggettoDa(p.payload, p.metadati.avviataPer);
}

/** The first codice fiscale a payload names (hidden keys such as `_famiglia` excluded). */
export function codiceFiscaleDa(payload: unknown): string | null {
  if (payload === null || typeof payload !== 'object') return null;
  for (const [k, v] of Object.entries(payload as Record<string, unknown>)) {
    if (k.startsWith('_')) continue;
    if ((k === 'codFiscale' || k === 'codiceFiscale') && typeof v === 'string' && v.trim()) return v.trim().toUpperCase();
    const dentro = codiceFiscaleDa(v);
    if (dentro) return dentro;
  }
  return null;
}

/** The family a payload is about (idFamigliaConvivenzaANPR, hidden keys excluded). */
export function idFamigliaDa(payload: unknown): string | null {
  if (payload === null || typeof payload !== 'object') return null;
  for (const [k, v] of Object.entries(payload as Record<string, unknown>)) {
    if (k.startsWith('_')) continue;
    if (k === 'idFamigliaConvivenzaANPR' && typeof v === 'string' && v.trim()) return v.trim();
    const dentro = idFamigliaDa(v);
    if (dentro) return dentro;
  }
  return null;
}

function personaNominata(payload: unknown): string | null {
  if (payload === null || typeof payload !== 'object') return null;
  if (Array.isArray(payload)) {
    for (const x of payload) {
      const n = personaNominata(x);
      if (n) return n;
    }
    return null;
  }
  const o = payload as Record<string, unknown>;
  if (typeof o['cognome'] === 'string' && typeof o['nome'] === 'string' && o['cognome'].trim() && o['nome'].trim()) {
    return `${o['cognome'].trim()} ${o['nome'].trim()}`.toUpperCase();
  }
  for (const [k, v] of Object.entries(o)) {
    if (k.startsWith('_')) continue;
    const n = personaNominata(v);
    if (n) return n;
  }
  return null;
}

export function vista(pratica: Pratica) {
  return {
    id: pratica.id,
    servizio: pratica.servizio,
    stato: pratica.stato,
    soggettoKey: pratica.soggettoKey,
    soggettoNome: nomeSoggettoDi(pratica),
    soggettoCF: codiceFiscaleDa(pratica.payload),
    dataDecorrenza: pratica.dataDecorrenza,
    protocollo: pratica.protocollo,
    dataProtocollo: pratica.dataProtocollo,
    scadenza: pratica.scadenza,
    operatore: pratica.operatore,
    idOperazioneComune: pratica.idOperazioneComune,
    idOperazioneANPR: pratica.idOperazioneANPR,
    errori: pratica.errori,
    messaggio: pratica.messaggio,
    scartata: pratica.scartata,
    creata: pratica.creata,
    aggiornata: pratica.aggiornata,
    variante: pratica.metadati.variante,
    daAnnullare: pratica.metadati.daAnnullare,
    avviataPer: pratica.metadati.avviataPer,
  };
}

export function invio(row: InvioRow) {
  return {
    idOperazioneComune: row.id_operazione_comune,
    idOperazioneANPR: row.id_operazione_anpr,
    aperto: row.aperto === 1,
    esito: row.esito,
    tentativi: row.tentativi,
    allocato: row.allocato,
    primoInvio: row.primo_invio,
    chiuso: row.chiuso,
    ultimoErrore: row.ultimo_errore,
  };
}

