/**
 * Shapes the contract into the object the renderer sees:
 * `api.home.riepilogo()`, `api.eventi.coda.cambiata(listener) → unsubscribe`.
 * Used by the preload (on top of ipcRenderer) and by the renderer's web
 * transport (on top of fetch), so both expose exactly the same functions.
 */
import type { Envelope } from './envelope';
import {
  channels,
  eventNames,
  type Channel,
  type EventName,
  type EventPayload,
  type RequestOf,
  type ResponseOf,
} from './contract';

type DomainOf<K extends string> = K extends `${infer D}.${string}` ? D : never;
type ChannelFn<C extends Channel> = RequestOf<C> extends void | undefined
  ? () => Promise<Envelope<ResponseOf<C>>>
  : (request: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>;
type Unsubscribe = () => void;

export type SportelloBridge = {
  [D in DomainOf<Channel>]: { [C in Channel as C extends `${D}.${infer V}` ? V : never]: ChannelFn<C> };
} & {
  eventi: {
    [D in DomainOf<EventName>]: {
      [E in EventName as E extends `${D}.${infer V}` ? V : never]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe;
    };
  };
};

export type Invoke = (channel: Channel, request: unknown) => Promise<Envelope<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => Unsubscribe;

function setPath(target: Record<string, Record<string, unknown>>, dotted: string, value: unknown): void {
  const [domain, verb] = dotted.split('.') as [string, string];
  (target[domain] ??= {})[verb] = value;
}

/** One function per channel and per event, generated from the contract. */
export function buildBridge(invoke: Invoke, subscribe: Subscribe): SportelloBridge {
  const bridge: Record<string, Record<string, unknown>> = {};
  for (const channel of channels) {
    setPath(bridge, channel, (request?: unknown) => invoke(channel, request));
  }
  const eventi: Record<string, Record<string, unknown>> = {};
  for (const name of eventNames) {
    setPath(eventi, name, (listener: (payload: unknown) => void) => subscribe(name, listener));
  }
  return Object.freeze({ ...bridge, eventi }) as unknown as SportelloBridge;
}
