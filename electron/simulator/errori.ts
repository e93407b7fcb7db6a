/**
 * Business errors and warnings with the real codes and texts of the official
 * lists (resources/anpr/errori), `@` placeholders filled in. A few codes ANPR
 * returns but does not publish (999, EN527, EN148) and the two the simulator
 * needs where ANPR publishes none (SX001 schema, SX002 lower id) are defined here.
 */
import { formatDescrizione, lookupErrore } from '../anpr/catalogue/catalogue';
import type { Errore } from './soap';

/** Codes not in the official lists (texts as observed in anpr#1168, anpr#4780, anpr#5176). */
const EXTRA: Record<string, { tipo: 'E' | 'W'; testo: string }> = {
  '999': { tipo: 'E', testo: 'Operazione non effettuabile' },
  EN527: { tipo: 'E', testo: "Informazioni sull'operazione da fornire in caso di assistenza : data @ , idOperazioneANPR @" },
  EN148: { tipo: 'E', testo: "Operazione con lo stesso idOperazioneComune ancora in elaborazione: riprovare piu' tardi" },
  SX001: { tipo: 'E', testo: 'Messaggio non conforme allo schema XSD del servizio: @' },
  SX002: { tipo: 'E', testo: "idOperazioneComune @ inferiore all'ultimo inviato dal comune (@)" },
};

/** Builds an error/anomaly entry; `valori` fill the `@` placeholders in order. */
export function errore(codice: string, valori: readonly string[] = [], extra: Partial<Pick<Errore, 'oggetto' | 'campo' | 'valore' | 'tipo'>> = {}): Errore {
  const x = EXTRA[codice];
  const cat = x ? undefined : lookupErrore(codice);
  const testo = formatDescrizione(x?.testo ?? cat?.descrizione ?? codice, valori);
  const sev = (x?.tipo ?? (cat?.severita === 'W' ? 'W' : 'E')) as 'E' | 'W';
  return { codice, tipo: extra.tipo ?? sev, testo, ...(extra.oggetto ? { oggetto: extra.oggetto } : {}), ...(extra.campo ? { campo: extra.campo } : {}), ...(extra.valore ? { valore: extra.valore } : {}) };
}

/** Thrown by handlers: the operation is refused with these errors (nothing is stored in the population). */
export class BusinessError extends Error {
  constructor(readonly errori: Errore[]) {
    super(errori.map((e) => e.codice).join(','));
  }
}

export function rifiuta(codice: string, valori: readonly string[] = [], extra: Partial<Pick<Errore, 'oggetto' | 'campo' | 'valore'>> = {}): never {
  throw new BusinessError([errore(codice, valori, extra)]);
}

/**
 * EN148 is ANPR's generic "operation not allowed", each time with a text of
 * its own (anpr#1906): these are the texts observed for the citizens' requests
 * (anpr#3134, anpr#4386, anpr#4607) and for a date window too wide (anpr#1906,
 * 4005 with 31 days; P001's limit is 30 days, anpr#3302).
 */
const TESTI_EN148 = {
  /** Esito 12003: change not allowed from the current state; 12004: notes (or motive) missing. */
  statoPratica: "Errore nell'impostazione dello stato/proroga pratica. Esito: @",
  intervallo: "La differenza tra la data iniziale e finale non puo' essere superiore a @ giorni",
} as const;

export function rifiutaEN148(variante: keyof typeof TESTI_EN148, valori: readonly string[]): never {
  throw new BusinessError([{ codice: 'EN148', tipo: 'E', testo: formatDescrizione(TESTI_EN148[variante], valori) }]);
}

/** ANPR's "yyyy-mm-dd hh:mm:ss" (Europe/Rome) used in EN527. */
export function dataAssistenza(d: Date): string {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return f.format(d).replace('T', ' ');
}
