/**
 * The queue inside the app: one Queue for the current environment (the
 * training simulator, TEST or PRODUZIONE), its dispatcher running in the
 * background, its events forwarded to the renderer and to the connection
 * monitor ("last successful call", "ANPR non raggiungibile").
 */
import { networkInterfaces } from 'node:os';
import type { Clock } from './clock';
import type { Logger } from '../platform/logger';
import type { Db } from '../platform/db/database';
import type { EventBus } from './event-bus';
import type { ConnectionMonitor } from './connection-monitor';
import type { AnprAccess } from './anpr-access';
import { createQueue, type Queue } from '../features/coda';
import { lookup3003FromClient, sendFnFromClient } from '../features/coda/anpr-adapter';
import type { Lookup3003Fn, SendFn } from '../features/coda/types';
import type { BloccoCoda } from '../../shared/ipc/domains/coda';
import { nomeSoggettoDi } from '../features/pratiche/vista';
import type { StatoCoda } from '../features/coda/types';

export interface CodaHost {
  /** The queue of the current environment. */
  queue(): Promise<Queue>;
  /** The queue's state as last reported by its dispatcher (`coda.stato` event). */
  stato(): { stato: StatoCoda; messaggio: string | null };
  /** Starts the background dispatcher (the app does; tests may not). */
  start(): Promise<void>;
  canQuit(): { ok: boolean; messaggio: string | null };
  waitIdle(): Promise<void>;
  close(): Promise<void>;
}

/** Why the queue waits: the pratica whose submission holds every other, in the clerk's words. */
export function bloccoDellaCoda(queue: Queue): BloccoCoda | null {
  const open = queue.invioAperto();
  if (!open) return null;
  const p = queue.get(open.pratica_id);
  if (!p) return null;
  const conteggi = queue.conteggi();
  const perche =
    p.stato === 'esito_incerto'
      ? "ANPR potrebbe averla già registrata, ma la risposta non è arrivata. Finché l'esito non è chiarito nessun'altra pratica viene inviata: ANPR rifiuterebbe poi il suo identificativo come inferiore all'ultimo ricevuto."
      : p.stato === 'richiede_intervento'
        ? `Richiede intervento: ${p.messaggio ?? ''}`.trim()
        : "È in invio ad ANPR: le altre pratiche attendono il suo esito (nuovo tentativo con lo stesso identificativo).";
  return {
    praticaId: p.id,
    servizio: p.servizio,
    soggettoNome: nomeSoggettoDi(p),
    stato: p.stato,
    idOperazioneComune: open.id_operazione_comune,
    perche,
    inAttesa: conteggi.pronta ?? 0,
  };
}

/** A machine with no network interface but loopback is offline. */
export function hasNetwork(): boolean {
  return Object.values(networkInterfaces()).some((addresses) => addresses?.some((address) => !address.internal));
}

export function createCodaHost(deps: {
  db: Db;
  anpr: AnprAccess;
  events: EventBus;
  connection: ConnectionMonitor;
  clock: Clock;
  logger: Logger;
  version: string;
}): CodaHost {
  let current: { key: string; queue: Queue; unsubscribe: () => void } | null = null;
  let started = false;
  let ultimo: { stato: StatoCoda; messaggio: string | null } = { stato: 'inattiva', messaggio: null };

  const build = async (): Promise<Queue> => {
    const ambiente = await deps.anpr.ambiente();
    const key = `${ambiente.ambiente}|${ambiente.comune}|${ambiente.postazione}`;
    if (current?.key === key) return current.queue;
    if (current) {
      await current.queue.stop();
      current.unsubscribe();
    }
    // Both resolved per call, so a changed certificate takes effect at once. A pratica goes to ANPR signed
    // (SAML NameID) by the operator who made it ready, whoever is signed in now.
    const send: SendFn = async (service, bodyXml, idOperazioneComune, invio) =>
      sendFnFromClient(await deps.anpr.client(invio?.operatore ?? undefined))(service, bodyXml, idOperazioneComune);
    const lookup3003: Lookup3003Fn = async (args) =>
      lookup3003FromClient(await deps.anpr.client(), { comune: ambiente.comune, codDestinatario: ambiente.codDestinatario, ambiente: ambiente.ambiente })(args);
    const queue = createQueue({
      db: deps.db,
      send,
      lookup3003,
      clock: deps.clock,
      logger: deps.logger,
      comune: ambiente.comune,
      ambiente: ambiente.ambiente,
      postazione: ambiente.postazione,
      operatore: ambiente.operatore,
      codDestinatario: ambiente.codDestinatario,
      applicativo: { nome: 'Sportello ANPR', versione: deps.version, fornitore: 'Sportello ANPR' },
      isOnline: ambiente.ambiente === 'SIMULATORE' ? () => true : hasNetwork,
    });
    const unsubscribe = queue.subscribe((event) => {
      if (event.tipo === 'coda') {
        ultimo = { stato: event.stato, messaggio: event.messaggio };
        deps.events.emit('coda.cambiata', event.conteggi);
        deps.events.emit('coda.stato', { stato: event.stato, messaggio: event.messaggio, bloccataDa: bloccoDellaCoda(queue), inPausa: queue.inPausa() });
        if (event.stato === 'anpr_non_raggiungibile') deps.connection.record(false, event.messaggio);
      } else {
        deps.events.emit('pratiche.cambiata', {
          praticaId: event.praticaId,
          stato: event.stato,
          idOperazioneComune: event.idOperazioneComune,
          idOperazioneANPR: event.idOperazioneANPR,
          messaggio: event.messaggio,
        });
        if (event.idOperazioneANPR) deps.connection.record(true, null);
      }
    });
    current = { key, queue, unsubscribe };
    if (started) queue.start();
    return queue;
  };

  return {
    queue: build,
    stato: () => ultimo,
    async start() {
      started = true;
      (await build()).start();
    },
    canQuit: () => current?.queue.canQuit() ?? { ok: true, messaggio: null },
    waitIdle: async () => current?.queue.waitIdle(),
    async close() {
      if (current) {
        await current.queue.stop();
        current.unsubscribe();
      }
      current = null;
    },
  };
}
