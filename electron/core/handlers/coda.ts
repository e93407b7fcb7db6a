import type { Pratica } from '../../queue/types';
import type { InvioRow } from '../../queue/store';
import { AppError } from '../../ipc/app-error';
import type { Handlers } from '../../ipc/router';
import { problemaCa, problemaCertificato } from '../prerequisiti-anpr';
import type { CoreServices, DomainHandlers } from './services';

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

export function codaHandlers(services: CoreServices): DomainHandlers<'coda'> & Pick<Handlers, 'pratiche.elenco' | 'pratiche.dettaglio'> {
  let stato: { stato: 'inattiva' | 'in_invio' | 'in_attesa' | 'in_pausa' | 'offline' | 'anpr_non_raggiungibile' | 'bloccata'; messaggio: string | null } = {
    stato: 'inattiva',
    messaggio: null,
  };
  services.events.subscribe((event, payload) => {
    if (event === 'coda.stato') stato = payload as typeof stato;
  });
  return {
    'coda.stato': () => {
      // Outside training, a queue that cannot reach ANPR at all says why (not "Coda attiva").
      if (services.settings.get().ambiente.tipo !== 'SIMULATORE') {
        const manca = problemaCertificato(services.keystores) ?? problemaCa(services.ca);
        if (manca) throw new AppError(manca.codice, manca.messaggio, manca.log);
      }
      return stato;
    },
    'coda.pausa': async () => {
      (await services.coda.queue()).pause();
      return stato;
    },
    'coda.riprendi': async () => {
      (await services.coda.queue()).resume();
      return stato;
    },
    'pratiche.elenco': async (request) => {
      const pratiche = (await services.coda.queue()).list(request?.stati ? { stati: request.stati } : {});
      // Operators by name (one read of the local accounts per list).
      const nomi = new Map(services.accesso.elenco().map((o) => [o.codiceFiscale, `${o.nome} ${o.cognome}`.trim()]));
      return pratiche.map((p) => ({ ...vista(p), operatoreNome: (p.operatore && nomi.get(p.operatore)) || null }));
    },
    'pratiche.dettaglio': async ({ id }) => {
      const queue = await services.coda.queue();
      const pratica = queue.get(id);
      if (!pratica) throw new AppError('PRATICA_NON_TROVATA', 'Pratica non trovata.');
      return { pratica: vista(pratica), invii: queue.invii(id).map(invio) };
    },
  };
}
