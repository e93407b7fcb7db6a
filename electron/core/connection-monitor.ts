/**
 * Remembers whether ANPR answered lately and pushes changes to the renderer.
 * The probe is injected: TestConn against ANPR or the training simulator.
 */
import type { StatoConnessione, VersioniAnpr } from '../../shared/ipc/contract';
import type { Clock } from './clock';
import type { EventBus } from './event-bus';
import type { Logger } from '../platform/logger';
import { AppError } from '../platform/ipc/app-error';

/** `versioni`: what 7003 said, when the probe asked ANPR for its interface versions. */
export type ConnectionProbe = () => Promise<{ raggiungibile: boolean; messaggio: string | null; versioni?: VersioniAnpr | null }>;

export interface ConnectionMonitor {
  current(): StatoConnessione;
  verify(): Promise<StatoConnessione>;
  /** Called by anything that just completed (or failed) a real ANPR call. */
  record(raggiungibile: boolean, messaggio: string | null): StatoConnessione;
}

export function createConnectionMonitor(deps: {
  clock: Clock;
  events: EventBus;
  probe: ConnectionProbe | undefined;
  logger: Logger;
}): ConnectionMonitor {
  let state: StatoConnessione = {
    stato: 'non_verificata',
    ultimaChiamataRiuscita: null,
    verificataIl: null,
    messaggio: null,
    versioni: null,
  };
  // The versions ANPR listed last are kept until a later probe reads them again.
  const record = (raggiungibile: boolean, messaggio: string | null, versioni?: VersioniAnpr | null): StatoConnessione => {
    const now = deps.clock.now().toISOString();
    state = {
      stato: raggiungibile ? 'raggiungibile' : 'non_raggiungibile',
      ultimaChiamataRiuscita: raggiungibile ? now : state.ultimaChiamataRiuscita,
      verificataIl: now,
      messaggio,
      versioni: versioni ?? state.versioni ?? null,
    };
    deps.events.emit('connessione.cambiata', state);
    return state;
  };
  return {
    current: () => state,
    record,
    async verify() {
      if (!deps.probe) {
        return record(false, 'Collegamento ad ANPR non configurato.');
      }
      try {
        const result = await deps.probe();
        return record(result.raggiungibile, result.messaggio, result.versioni);
      } catch (error) {
        if (error instanceof AppError) {
          deps.logger.warn('connection probe refused', { code: error.code, detail: error.detail });
          return record(false, error.message);
        }
        deps.logger.error('connection probe failed unexpectedly', { error: error instanceof Error ? error.stack : String(error) });
        return record(false, "Errore imprevisto durante la verifica del collegamento, prima di ricevere una risposta da ANPR: il dettaglio tecnico è nel registro dell'applicazione (cartella dati, logs/sportello.log).");
      }
    },
  };
}
