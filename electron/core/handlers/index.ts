/**
 * Every IPC handler, one per contract channel, grouped by domain. The
 * `Handlers` type makes a missing or extra handler a compile error; a unit
 * test checks it at run time. Add a domain with one line here.
 */
import type { Handlers } from '../../platform/ipc/router';
import { baseHandlers } from './base';
import { certificatiHandlers } from './certificati';
import { codaHandlers } from './coda';
import { operatoriHandlers } from './operatori';
import { ricercaHandlers } from './ricerca';
import { ambienteHandlers } from './ambiente';
import { certificazioneHandlers } from './certificazione';
import { anomalieHandlers } from './anomalie';
import { praticheHandlers } from './pratiche';
import { tabelleHandlers } from './tabelle';
import { messaInEsercizioHandlers } from './messa-in-esercizio';
import { richiesteHandlers } from './richieste';
import type { CoreServices } from './services';

export type { CoreServices } from './services';

export function createHandlers(services: CoreServices): Handlers {
  return {
    ...baseHandlers(services),
    ...certificatiHandlers(services),
    ...codaHandlers(services),
    ...operatoriHandlers(services),
    ...ricercaHandlers(services),
    ...ambienteHandlers(services),
    ...certificazioneHandlers(services),
    ...anomalieHandlers(services),
    ...praticheHandlers(services),
    ...tabelleHandlers(services),
    ...messaInEsercizioHandlers(services),
    ...richiesteHandlers(services),
  };
}
