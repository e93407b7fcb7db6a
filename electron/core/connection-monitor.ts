/**
 * Remembers whether ANPR answered lately and pushes changes to the renderer.
 * The probe is injected: TestConn against ANPR or the training simulator.
 */
import type { StatoConnessione } from '../../shared/ipc/contract';
import type { Clock } from './clock';
import type { EventBus } from './event-bus';
import type { Logger } from '../log/logger';

export type ConnectionProbe = () => Promise<{ raggiungibile: boolean; messaggio: string | null }>;

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
  };
  const record = (raggiungibile: boolean, messaggio: string | null): StatoConnessione => {
    const now = deps.clock.now().toISOString();
    state = {
      stato: raggiungibile ? 'raggiungibile' : 'non_raggiungibile',
      ultimaChiamataRiuscita: raggiungibile ? now : state.ultimaChiamataRiuscita,
      verificataIl: now,
      messaggio,
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
        return record(result.raggiungibile, result.messaggio);
      } catch (error) {
        deps.logger.warn('connection probe failed', { error: error instanceof Error ? error.message : String(error) });
        return record(false, 'Verifica del collegamento non riuscita.');
      }
    },
  };
}
