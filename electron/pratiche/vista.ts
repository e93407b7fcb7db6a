/**
 * What the clerk sees of a pratica: the subject it is about (name, codice
 * fiscale, family), read from the payload, and the pratica and submission
 * as the IPC contract shows them.
 */
import type { InvioRow } from '../queue/store';
import type { Pratica } from '../queue/types';

/**
 * The first person a payload names (depth-first, in the builder's element
 * order: the newborn, the person registered, the subject, the new head…).
 * The form values under `_modulo` are the clerk's draft, not the payload;
 * when the payload names nobody (a family's move), the person the pratica
 * was started for (`_soggetto`, written by the form).
 */
export function nomeSoggettoDa(payload: unknown): string | null {
  const nominato = personaNominata(payload);
  if (nominato) return nominato;
  const avviataPer = payload && typeof payload === 'object' ? (payload as Record<string, unknown>)['_soggetto'] : undefined;
  return typeof avviataPer === 'string' && avviataPer.trim() ? avviataPer.trim().toUpperCase().slice(0, 120) : null;
}

/** The first codice fiscale a payload names (the form's values under `_modulo` excluded). */
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

/** The family a payload is about (idFamigliaConvivenzaANPR, the form's values excluded). */
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
    soggettoNome: nomeSoggettoDa(pratica.payload),
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

