import type { EventName, EventPayload } from '../../shared/ipc/contract';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Pushes from the core to whichever transport is attached (IPC or SSE). */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: CoreEventListener): () => void;
  /** How many listeners are subscribed (a closed core leaves none of its own). */
  listenerCount(): number;
}

export function createEventBus(): EventBus {
  const listeners = new Set<CoreEventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
}
