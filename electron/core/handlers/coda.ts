import type { Pratica } from '../../queue/types';
import type { InvioRow } from '../../queue/store';
import { AppError } from '../../ipc/app-error';
import { QueueError } from '../../queue';
import type { Handlers } from '../../ipc/router';
import { problemaCa, problemaCertificato } from '../prerequisiti-anpr';
import type { CoreServices, DomainHandlers } from './services';
import { bloccoDellaCoda } from '../coda';

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

export interface Annullamento {
  praticaId: string;
  servizio: string;
  stato: Pratica['stato'];
  data: string;
}

/**
 * The annulment of each annulled pratica (by the annulled pratica's id), from
 * the annulment drafts' `_annulla`: the accepted one if any, else the newest
 * not discarded (drafted, in flight, refused).
 */
export function annullamentiPer(pratiche: readonly Pratica[]): Map<string, Annullamento> {
  const out = new Map<string, Annullamento>();
  for (const a of pratiche) {
    if (a.scartata) continue;
    const di = a.payload && typeof a.payload === 'object' ? (a.payload as Record<string, unknown>)['_annulla'] : undefined;
    const target = di && typeof di === 'object' ? (di as { praticaId?: unknown }).praticaId : undefined;
    if (typeof target !== 'string') continue;
    const cur = out.get(target);
    const accolta = a.stato === 'accolta' || a.stato === 'accolta_con_avvisi';
    const curAccolta = cur && (cur.stato === 'accolta' || cur.stato === 'accolta_con_avvisi');
    if (!cur || (accolta && !curAccolta) || (!curAccolta && !accolta && a.aggiornata > cur.data)) {
      out.set(target, { praticaId: a.id, servizio: a.servizio, stato: a.stato, data: a.aggiornata });
    }
  }
  return out;
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

export function codaHandlers(services: CoreServices): DomainHandlers<'coda'> & Pick<Handlers, 'pratiche.elenco' | 'pratiche.dettaglio'> {
  let stato: { stato: 'inattiva' | 'in_invio' | 'in_attesa' | 'in_pausa' | 'offline' | 'anpr_non_raggiungibile' | 'bloccata'; messaggio: string | null } = {
    stato: 'inattiva',
    messaggio: null,
  };
  const lettiDellaFamiglia = services.db.prepare<[string], { cognome: string; nome: string; soggetto_json: string }>(
    'SELECT cognome, nome, soggetto_json FROM letture_anpr WHERE id_famiglia_anpr = ? ORDER BY letto_il DESC',
  );
  const intestatarioLetto = (idFamiglia: string): string | null => {
    for (const r of lettiDellaFamiglia.all(idFamiglia)) {
      const relazione = (JSON.parse(r.soggetto_json) as { famiglia?: { relazione?: string | null } }).famiglia?.relazione;
      if (relazione && /^(intestatario|responsabile)/i.test(relazione)) return `${r.cognome} ${r.nome}`.toUpperCase();
    }
    return null;
  };
  services.events.subscribe((event, payload) => {
    if (event === 'coda.stato') stato = payload as typeof stato;
  });
  return {
    'coda.stato': async () => {
      // Outside training, a queue that cannot reach ANPR at all says why (not "Coda attiva").
      if (services.settings.get().ambiente.tipo !== 'SIMULATORE') {
        const manca = problemaCertificato(services.keystores) ?? problemaCa(services.ca);
        if (manca) throw new AppError(manca.codice, manca.messaggio, manca.log);
      }
      const queue = await services.coda.queue();
      return { ...stato, bloccataDa: bloccoDellaCoda(queue), inPausa: queue.inPausa() };
    },
    'coda.pausa': async () => {
      const queue = await services.coda.queue();
      queue.pause();
      return { ...stato, bloccataDa: bloccoDellaCoda(queue), inPausa: true };
    },
    'coda.riprendi': async () => {
      const queue = await services.coda.queue();
      queue.resume();
      return { ...stato, bloccataDa: bloccoDellaCoda(queue), inPausa: false };
    },
    'coda.verifica': async (_request, context) => {
      const queue = await services.coda.queue();
      const r = await queue.verificaOra(context.operatore?.codiceFiscale);
      if (!r) return { trovata: false, messaggio: "Nessuna pratica con l'esito da verificare: la coda non è ferma.", praticaId: null, stato: null };
      return r;
    },
    'coda.risolvi': async ({ praticaId, esito, nota, idOperazioneANPR }, context) => {
      const queue = await services.coda.queue();
      try {
        return vista(queue.risolviAMano(praticaId, esito, { nota, idOperazioneANPR }, context.operatore?.codiceFiscale));
      } catch (error) {
        if (error instanceof QueueError) throw new AppError(`CODA_${error.codice}`, error.message);
        throw error;
      }
    },
    'pratiche.elenco': async (request) => {
      const queue = await services.coda.queue();
      const pratiche = queue.list(request?.stati ? { stati: request.stati } : {});
      const annullamenti = annullamentiPer(queue.list());
      const capi = new Map<string, string | null>();
      // Operators by name (one read of the local accounts per list).
      const nomi = new Map(services.accesso.elenco().map((o) => [o.codiceFiscale, `${o.nome} ${o.cognome}`.trim()]));
      return pratiche.map((p) => {
        const v = vista(p);
        // A family operation naming nobody: the family's head, as last read from ANPR.
        const idFamiglia = v.soggettoNome ? null : idFamigliaDa(p.payload);
        if (idFamiglia && !capi.has(idFamiglia)) capi.set(idFamiglia, intestatarioLetto(idFamiglia));
        const soggettoNome = v.soggettoNome ?? (idFamiglia ? (capi.get(idFamiglia) ?? null) : null);
        return { ...v, soggettoNome, operatoreNome: (p.operatore && nomi.get(p.operatore)) || null, annullamento: annullamenti.get(p.id) ?? null };
      });
    },
    'pratiche.dettaglio': async ({ id }) => {
      const queue = await services.coda.queue();
      const pratica = queue.get(id);
      if (!pratica) throw new AppError('PRATICA_NON_TROVATA', 'Pratica non trovata.');
      return { pratica: { ...vista(pratica), annullamento: annullamentiPer(queue.list()).get(id) ?? null }, invii: queue.invii(id).map(invio) };
    },
  };
}
