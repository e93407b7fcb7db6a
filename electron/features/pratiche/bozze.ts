/**
 * Drafts and what follows them: saving (always possible, even incomplete),
 * the official checks, the clerk's confirmation (pronta), "Invia ora", retry
 * and discard, over the queue of the current environment. The comune's
 * pratica number goes into the payload at the first check.
 */
import { SERVIZI_ANNULLAMENTO, TITOLI_SERVIZIO } from '../../../shared/anpr/servizi';
import { chiaveRiservata, type EsitoPronta, type SalvaBozza } from '../../../shared/ipc/domains/pratiche';
import type { ServiceCode } from '../../anpr/services/registry';
import type { Clock } from '../../core/clock';
import { createNumerazione, SERVIZI_CON_PROCEDIMENTO } from '../../core/numerazione';
import type { Db } from '../../platform/db/database';
import type { Logger } from '../../platform/logger';
import type { Queue } from '../coda';
import type { MetadatiPratica, Pratica } from '../coda/types';
import { controllaRiferimento } from './annullamenti';
import { ambienteLocale, type SettingsRepository } from '../../platform/impostazioni';
import { traduciProblema } from './problemi';
import { PraticaRifiutata, type Operatore } from './rifiuto';
import { oggiRoma, scadenzaDi } from './scadenze';
import { nomeSoggettoDi, vista } from './vista';

export interface BozzeDeps {
  db: Db;
  queue: () => Promise<Queue>;
  settings: SettingsRepository;
  clock: Clock;
  logger?: Logger;
}

export function mustGet(queue: Queue, id: string): Pratica {
  const p = queue.get(id);
  if (!p) throw new PraticaRifiutata('PRATICA_NON_TROVATA', 'Pratica non trovata.');
  return p;
}

/** Drafting, making ready, sending, retrying and discarding an annulment all need the role drafting one needs. */
export function soloUfficialePerAnnullamenti(servizio: string, op: { ruolo: string }): void {
  if ((SERVIZI_ANNULLAMENTO as readonly string[]).includes(servizio) && op.ruolo !== 'ufficiale_anagrafe' && op.ruolo !== 'amministratore') {
    throw new PraticaRifiutata('OPERAZIONE_NON_CONSENTITA', "Gli annullamenti sono riservati all'ufficiale d'anagrafe.");
  }
}

/** What "Invia ora" really did, in the clerk's words: sent now, or why it waits. */
export function esitoInviaOra(queue: Queue, id: string): string {
  const open = queue.invioAperto();
  const altra = open && open.pratica_id !== id ? queue.get(open.pratica_id) : undefined;
  const perche: string[] = [];
  if (altra) {
    const nome = nomeSoggettoDi(altra);
    perche.push(
      `la coda è ferma finché non si chiarisce l'esito della pratica ${altra.servizio} ${(TITOLI_SERVIZIO as Readonly<Record<string, string>>)[altra.servizio] ?? ''}${nome ? ` di ${nome}` : ''} (${altra.stato === 'esito_incerto' ? 'esito da verificare' : altra.stato === 'richiede_intervento' ? 'richiede intervento' : 'in invio'})`.replace(/\s+/g, ' '),
    );
  }
  if (queue.inPausa()) perche.push("l'invio è sospeso: riprende quando l'ufficiale d'anagrafe lo riattiva");
  if (perche.length) return `Non inviata adesso: ${perche.join('; ')}.`;
  if (open?.pratica_id === id) return 'Nuovo tentativo in corso, con lo stesso identificativo.';
  return 'Invio ad ANPR in corso.';
}

export function createBozze(deps: BozzeDeps) {
  const numerazione = createNumerazione(deps.db);
  const log = deps.logger?.child('pratiche');
  const rendiDovuto = deps.db.prepare<[string, string]>('UPDATE invii SET prossimo_tentativo = ? WHERE pratica_id = ? AND aperto = 1');

  /** An annulment's actions are the ufficiale's (the pratica's service says whether it is one). */
  const controllaAnnullamento = async (id: string, op: Operatore) => {
    const p = (await deps.queue()).get(id);
    if (p) soloUfficialePerAnnullamenti(p.servizio, op);
  };

  /**
   * The comune's progressive number goes into `datiDelProcedimento` when the
   * clerk left "Numero pratica del comune" empty (ANPR warns EN111 without a
   * procedimento). Allocated once per pratica; the clerk's own number wins.
   */
  const numeroDi = (queue: Queue, id: string): string | null => {
    const p = mustGet(queue, id);
    if (!SERVIZI_CON_PROCEDIMENTO.has(p.servizio) || p.formato !== 'dati' || !p.payload || typeof p.payload !== 'object') return numerazione.di(id);
    const payload = p.payload as Record<string, unknown>;
    const proc = (payload['datiDelProcedimento'] ?? {}) as Record<string, unknown>;
    const proprio = typeof proc['numeroPraticaComune'] === 'string' ? proc['numeroPraticaComune'].trim() : '';
    if (proprio) return proprio;
    const s = deps.settings.get();
    const ambito = ambienteLocale({ ambiente: { tipo: p.ambiente || s.ambiente.tipo }, comune: s.comune });
    const numero = numerazione.assegna(id, ambito, Number(oggiRoma(deps.clock).slice(0, 4)));
    if (p.stato === 'bozza') queue.modifica(id, { payload: { ...payload, datiDelProcedimento: { ...proc, numeroPraticaComune: numero } } }, p.operatore ?? undefined);
    return numero;
  };

  const esitoPronta = async (queue: Queue, id: string, operatore: string, r: { conferma?: boolean; invio?: string }): Promise<EsitoPronta> => {
    // Nothing goes to ANPR without the clerk's confirmation of the review step.
    if (r.conferma !== true) throw new PraticaRifiutata('CONFERMA_RICHIESTA', "Prima dell'invio ad ANPR rivedere il riepilogo della pratica e confermarlo.");
    const numeroPraticaComune = mustGet(queue, id).stato === 'bozza' ? numeroDi(queue, id) : numerazione.di(id);
    const esito = await queue.rendiPronta(id, operatore);
    const pratica = vista(mustGet(queue, id));
    if (esito.ok) {
      log?.info('pratica confirmed by the clerk', { pratica: id, invio: r.invio ?? 'automatico' });
      return { ok: true, problemi: [], pratica, numeroPraticaComune };
    }
    return { ok: false, problemi: esito.problemi.map(traduciProblema), pratica, numeroPraticaComune };
  };

  return {
    numerazione,

    async salvaBozza(r: SalvaBozza, op: Operatore) {
      soloUfficialePerAnnullamenti(r.servizio, op);
      if (r.servizio === 'P003') {
        // A request's state change is checked against its state machine and allowed once at a time: only from its sheet.
        throw new PraticaRifiutata('SERVIZIO_DALLA_RICHIESTA', 'Il cambio di stato di una richiesta online si chiede dalla scheda della richiesta («Richieste online»).');
      }
      // What the payload once carried under hidden keys now has fields of its own; the payload is the builder input only.
      const riservata = r.payload ? Object.keys(r.payload).find(chiaveRiservata) : undefined;
      if (riservata) {
        throw new PraticaRifiutata(
          'CHIAVE_RISERVATA',
          `Il contenuto della pratica non può contenere «${riservata}»: i valori del modulo, la variante, la pratica da annullare e il soggetto si indicano nei campi valoriModulo, variante, daAnnullare e avviataPer.`,
        );
      }
      const queue = await deps.queue();
      const metadati: Partial<MetadatiPratica> = {
        ...(r.valoriModulo !== undefined ? { valoriModulo: r.valoriModulo } : {}),
        ...(r.variante !== undefined ? { variante: r.variante } : {}),
        ...(r.daAnnullare !== undefined ? { daAnnullare: r.daAnnullare && controllaRiferimento(queue, r.servizio, r.daAnnullare) } : {}),
        ...(r.avviataPer !== undefined ? { avviataPer: r.avviataPer } : {}),
      };
      const meta = {
        // Null while the form's values are incomplete: the values are in valoriModulo, the checks will say what is missing.
        payload: r.payload ?? {},
        metadati,
        soggettoKey: r.soggettoKey ?? undefined,
        dataDecorrenza: r.dataDecorrenza ?? undefined,
        protocollo: r.protocollo ?? undefined,
        dataProtocollo: r.dataProtocollo ?? undefined,
        scadenza: scadenzaDi(r.servizio, r.dataProtocollo),
      };
      if (!r.id) {
        const id = queue.salvaBozza({ servizio: r.servizio as ServiceCode, formato: 'dati', ...meta, operatore: op.codiceFiscale });
        return vista(mustGet(queue, id));
      }
      const cur = mustGet(queue, r.id);
      if (cur.servizio !== r.servizio) throw new PraticaRifiutata('SERVIZIO_DIVERSO', 'La bozza appartiene a un altro tipo di pratica.');
      return vista(queue.modifica(r.id, meta, op.codiceFiscale));
    },

    /** zod + official XSD on the body that would be sent; the pratica stays bozza. */
    async verifica(id: string, op: Operatore): Promise<EsitoPronta> {
      await controllaAnnullamento(id, op);
      const queue = await deps.queue();
      const p = mustGet(queue, id);
      if (p.scartata) throw new PraticaRifiutata('PRATICA_SCARTATA', 'La pratica è stata scartata.');
      if (p.stato !== 'bozza') throw new PraticaRifiutata('STATO_NON_VALIDO', 'Solo una bozza si verifica prima della conferma.');
      const numeroPraticaComune = numeroDi(queue, id);
      const esito = await queue.verifica(id);
      const pratica = vista(mustGet(queue, id));
      return { ok: esito.ok, problemi: esito.ok ? [] : esito.problemi.map(traduciProblema), pratica, numeroPraticaComune };
    },

    async rendiPronta(r: { id: string; conferma?: boolean; invio?: string }, op: Operatore): Promise<EsitoPronta> {
      await controllaAnnullamento(r.id, op);
      return esitoPronta(await deps.queue(), r.id, op.codiceFiscale, r);
    },

    /** "Invia ora": a draft is confirmed and made pronta, a waiting submission is due at once, one needing attention is retried. */
    async invia(r: { id: string; conferma?: boolean }, op: Operatore): Promise<EsitoPronta> {
      const { id } = r;
      await controllaAnnullamento(id, op);
      const queue = await deps.queue();
      const p = mustGet(queue, id);
      if (p.scartata) throw new PraticaRifiutata('PRATICA_SCARTATA', 'La pratica è stata scartata.');
      if (p.stato === 'bozza') {
        const esito = await esitoPronta(queue, id, op.codiceFiscale, { conferma: r.conferma, invio: 'ora' });
        const messaggio = esito.ok
          ? `Pronta. ${esitoInviaOra(queue, id)}`
          : `Non inviata: ${esito.problemi.length === 1 ? 'c\'è un problema' : `ci sono ${esito.problemi.length} problemi`} da correggere nel modulo («Modifica»): ${esito.problemi.map((x) => x.messaggio).join(' ')}`;
        return { ...esito, messaggio };
      }
      if (p.stato === 'richiede_intervento') queue.riprova(id, op.codiceFiscale);
      else if (p.stato === 'pronta' || p.stato === 'in_invio' || p.stato === 'esito_incerto') {
        // "Invia ora": the same submission (same id, same body) is due now.
        rendiDovuto.run(deps.clock.now().toISOString(), id);
        // A pause is the ufficiale's: "Invia ora" does not lift it (the answer says so).
        if (!queue.inPausa()) queue.resume();
      } else throw new PraticaRifiutata('STATO_NON_VALIDO', 'La pratica ha già un esito di ANPR: non c\'è nulla da inviare.');
      return { ok: true, problemi: [], pratica: vista(mustGet(queue, id)), messaggio: esitoInviaOra(queue, id) };
    },

    async riprova(id: string, op: Operatore) {
      await controllaAnnullamento(id, op);
      return vista((await deps.queue()).riprova(id, op.codiceFiscale));
    },

    async scarta(id: string, op: Operatore) {
      await controllaAnnullamento(id, op);
      return vista((await deps.queue()).scarta(id, op.codiceFiscale));
    },
  };
}
