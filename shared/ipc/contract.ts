/**
 * The one IPC contract between the renderer and the core. Each channel has a
 * zod request and response schema; each event a payload schema. The preload
 * (Electron) and the web host expose exactly these, nothing else.
 *
 * Channel names are `<domain>.<verb>`; the renderer calls them as
 * `window.sportello.<domain>.<verb>(request)`. Each domain declares its
 * channels in `domains/<domain>.ts`; add a new domain with one line below.
 */
import type { z } from 'zod';
import { baseChannels, baseEvents } from './domains/base';
import { certificatiChannels } from './domains/certificati';
import { codaChannels, codaEvents } from './domains/coda';
import { operatoriChannels } from './domains/operatori';
import { ricercaChannels } from './domains/ricerca';
import { ambienteChannels } from './domains/ambiente';
import { certificazioneChannels } from './domains/certificazione';
import { anomalieChannels, anomalieEvents } from './domains/anomalie';
import { praticheChannels } from './domains/pratiche';
import { tabelleChannels } from './domains/tabelle';
import { messaInEsercizioChannels } from './domains/messa-in-esercizio';
import { richiesteChannels, richiesteEvents } from './domains/richieste';

export * from './domains/schemas';
export * from './domains/certificati';
export * from './domains/coda';
export * from './domains/operatori';
export * from './domains/ricerca';
export * from './domains/ambiente';
export * from './domains/certificazione';
export * from './domains/anomalie';
export * from './domains/pratiche';
export * from './domains/tabelle';
export * from './domains/messa-in-esercizio';
export * from './domains/richieste';

export const contract = {
  ...baseChannels,
  ...certificatiChannels,
  ...codaChannels,
  ...operatoriChannels,
  ...ricercaChannels,
  ...ambienteChannels,
  ...certificazioneChannels,
  ...anomalieChannels,
  ...praticheChannels,
  ...tabelleChannels,
  ...messaInEsercizioChannels,
  ...richiesteChannels,
} as const;

export const events = {
  ...baseEvents,
  ...codaEvents,
  ...anomalieEvents,
  ...richiesteEvents,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type EventName = keyof typeof events;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channels = Object.keys(contract) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Electron channel names: a fixed prefix so nothing else can collide. */
export const IPC_PREFIX = 'sportello:';
export const EVENT_PREFIX = 'sportello-evento:';
