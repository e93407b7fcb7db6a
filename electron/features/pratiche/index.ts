/**
 * The pratiche feature: drafts, checks, confirmation, sending, annulments,
 * follow-ups of warnings, ANPR's errors explained, support text, deadlines
 * and the lists, over the queue of the current environment. Built once by
 * `createPratiche`; the IPC handlers (`electron/core/handlers/pratiche.ts`)
 * only parse the call's context, call it and map its refusals.
 */
import type { Clock } from '../../core/clock';
import type { CodaHost } from '../../core/coda';
import type { Db } from '../../platform/db/database';
import type { Logger } from '../../platform/logger';
import type { Accesso } from '../operatori/accesso';
import type { StatoPratica } from '../coda/types';
import type { SettingsRepository } from '../../platform/impostazioni';
import { annullamentiPer, creaAnnullamento } from './annullamenti';
import { createBozze, mustGet } from './bozze';
import { spiegaErrore, supportoDi } from './errori';
import type { Operatore } from './rifiuto';
import { PraticaRifiutata } from './rifiuto';
import { oggiRoma, scadenzeDi } from './scadenze';
import { payloadSeguito, seguitoEsistente, seguitoPer } from './seguiti';
import { idFamigliaDi, invio, vista } from './vista';

export { PraticaRifiutata, type Operatore } from './rifiuto';
export { avviaRegistroEsiti } from './registro-esiti';

export interface PraticheDeps {
  db: Db;
  coda: Pick<CodaHost, 'queue'>;
  settings: SettingsRepository;
  accesso: Pick<Accesso, 'elenco'>;
  clock: Clock;
  logger?: Logger;
}

export type Pratiche = ReturnType<typeof createPratiche>;

export function createPratiche(deps: PraticheDeps) {
  const queue = () => deps.coda.queue();
  const bozze = createBozze({ db: deps.db, queue, settings: deps.settings, clock: deps.clock, logger: deps.logger });
  const log = deps.logger?.child('pratiche');

  const nomiOperatori = (): Map<string, string> => {
    try {
      return new Map(deps.accesso.elenco().map((o) => [o.codiceFiscale, `${o.nome} ${o.cognome}`.trim()]));
    } catch {
      return new Map();
    }
  };
  const soggettiDellaPratica = deps.db.prepare<[string], { id_anpr: string | null; dati_json: string }>(
    'SELECT id_anpr, dati_json FROM soggetti_locali WHERE pratica_id = ? ORDER BY rowid',
  );
  /** The subjects as ANPR returned them when it accepted the pratica (e.g. a newborn's new ID). */
  const soggettiDaRisposta = (praticaId: string) =>
    soggettiDellaPratica.all(praticaId).flatMap((r) => {
      const g = (JSON.parse(r.dati_json) as { generalitaAttuali?: { idSchedaSoggettoANPR?: string; codiceFiscale?: string; cognome?: string; nome?: string } }).generalitaAttuali;
      const idScheda = g?.idSchedaSoggettoANPR ?? r.id_anpr;
      if (!idScheda || !/^\d{1,16}$/.test(idScheda)) return [];
      return [{ idSchedaSoggettoANPR: idScheda, codiceFiscale: g?.codiceFiscale ?? null, descrizione: [g?.cognome, g?.nome].filter(Boolean).join(' ') }];
    });
  const lettiDellaFamiglia = deps.db.prepare<[string], { cognome: string; nome: string; soggetto_json: string }>(
    'SELECT cognome, nome, soggetto_json FROM letture_anpr WHERE id_famiglia_anpr = ? ORDER BY letto_il DESC',
  );
  /** A family's head as last read from ANPR. */
  const intestatarioLetto = (idFamiglia: string): string | null => {
    for (const r of lettiDellaFamiglia.all(idFamiglia)) {
      const relazione = (JSON.parse(r.soggetto_json) as { famiglia?: { relazione?: string | null } }).famiglia?.relazione;
      if (relazione && /^(intestatario|responsabile)/i.test(relazione)) return `${r.cognome} ${r.nome}`.toUpperCase();
    }
    return null;
  };

  return {
    salvaBozza: bozze.salvaBozza,
    verifica: bozze.verifica,
    rendiPronta: bozze.rendiPronta,
    invia: bozze.invia,
    riprova: bozze.riprova,
    scarta: bozze.scarta,

    async annulla(id: string, op: Operatore) {
      const q = await queue();
      return vista(mustGet(q, creaAnnullamento(q, mustGet(q, id), op.codiceFiscale)));
    },

    async elenco(filtro?: { stati?: StatoPratica[] }) {
      const q = await queue();
      const pratiche = q.list(filtro?.stati ? { stati: filtro.stati } : {});
      const annullamenti = annullamentiPer(q.list());
      const capi = new Map<string, string | null>();
      // Operators by name (one read of the local accounts per list).
      const nomi = new Map(deps.accesso.elenco().map((o) => [o.codiceFiscale, `${o.nome} ${o.cognome}`.trim()]));
      return pratiche.map((p) => {
        const v = vista(p);
        // A family operation naming nobody: the family's head, as last read from ANPR.
        const idFamiglia = v.soggettoNome ? null : idFamigliaDi(p);
        if (idFamiglia && !capi.has(idFamiglia)) capi.set(idFamiglia, intestatarioLetto(idFamiglia));
        const soggettoNome = v.soggettoNome ?? (idFamiglia ? (capi.get(idFamiglia) ?? null) : null);
        return { ...v, soggettoNome, operatoreNome: (p.operatore && nomi.get(p.operatore)) || null, annullamento: annullamenti.get(p.id) ?? null };
      });
    },

    async dettaglio(id: string) {
      const q = await queue();
      const pratica = mustGet(q, id);
      return {
        pratica: { ...vista(pratica), valoriModulo: pratica.metadati.valoriModulo, annullamento: annullamentiPer(q.list()).get(id) ?? null },
        invii: q.invii(id).map(invio),
      };
    },

    /** Pratica + payload + submissions + ANPR errors explained + support text. */
    async apri(id: string) {
      const q = await queue();
      const p = mustGet(q, id);
      const payload = (p.payload && typeof p.payload === 'object' ? p.payload : {}) as Record<string, unknown>;
      const tutte = q.list();
      return {
        pratica: { ...vista(p), valoriModulo: p.metadati.valoriModulo, annullamento: annullamentiPer(tutte).get(p.id) ?? null },
        payload,
        invii: q.invii(id).map(invio),
        errori: p.errori.map((e) => {
          const seguito = seguitoPer(p, e);
          return {
            ...spiegaErrore(e),
            seguito: seguito ? { servizio: seguito.servizio, etichetta: seguito.etichetta, praticaId: seguitoEsistente(tutte, p.id, e.codice.trim().toUpperCase())?.id ?? null } : null,
          };
        }),
        supporto: supportoDi(p),
        daAnnullare: p.metadati.daAnnullare,
        nomeOperatore: (p.operatore && nomiOperatori().get(p.operatore)) || null,
        soggettiANPR: soggettiDaRisposta(id),
        numeroPraticaComune: bozze.numerazione.di(id),
      };
    },

    /** The follow-up a warning of an accepted pratica asks for: started once, then reopened. */
    async seguito(id: string, codice: string, op: Operatore) {
      const q = await queue();
      const p = mustGet(q, id);
      const c = codice.trim().toUpperCase();
      const seguito = p.errori.some((e) => e.codice.trim().toUpperCase() === c) ? seguitoPer(p, { codice: c, tipo: 'W' }) : null;
      if (!seguito) throw new PraticaRifiutata('SEGUITO_NON_PREVISTO', 'Per questo avviso non è prevista una pratica di seguito.');
      const esistente = seguitoEsistente(q.list(), p.id, c);
      if (esistente) return vista(esistente);
      const bozza = payloadSeguito(p, c, seguito, oggiRoma(deps.clock));
      const nuova = q.salvaBozza({ servizio: seguito.servizio, formato: 'dati', payload: bozza.payload, metadati: { avviataPer: bozza.avviataPer, seguitoDi: bozza.seguitoDi }, operatore: op.codiceFiscale });
      log?.info('follow-up started', { pratica: p.id, codice: c, seguito: nuova, servizio: seguito.servizio });
      return vista(mustGet(q, nuova));
    },

    async supporto(id: string) {
      return supportoDi(mustGet(await queue(), id));
    },

    async scadenze(entroGiorni = 60) {
      return scadenzeDi((await queue()).list(), oggiRoma(deps.clock), entroGiorni);
    },
  };
}
