/**
 * The messages between the Electron shell and the core running in a
 * `utilityProcess` (issue 14): over one MessagePort, the shell relays each
 * IPC call it has validated (sender frame, channel allowlist) and the core
 * answers with the router's envelope; the core pushes its events; a few
 * control calls (may the app quit, wait for the queue, close) and the start.
 *
 * The port is an interface (`PortaRelay`) so that the same code runs over
 * Electron's MessagePortMain (shell ↔ utility process) and over
 * node:worker_threads' MessagePort (the unit tests' fake port).
 */
import type { MessagePort } from 'node:worker_threads';
import type { Envelope } from '../../../shared/ipc/envelope';

export interface PortaRelay {
  postMessage(messaggio: unknown): void;
  /** Returns the function that removes the listener. */
  onMessage(ascolta: (messaggio: unknown) => void): () => void;
  /** Called once when the other side goes away (port closed, process ended). */
  onClose(ascolta: () => void): void;
  close(): void;
}

export type AzioneControllo = 'puoChiudere' | 'attendiInattivita' | 'chiudi';

/** Shell → core. */
export type DalloShell =
  | { tipo: 'chiamata'; id: number; canale: string; payload: unknown }
  | { tipo: 'controllo'; id: number; azione: AzioneControllo };

/** Core → shell. */
export type DalCore =
  | { tipo: 'pronto' }
  | { tipo: 'errore-avvio'; messaggio: string }
  | { tipo: 'risposta'; id: number; envelope: Envelope<unknown> }
  | { tipo: 'esito-controllo'; id: number; valore: unknown; errore?: string }
  | { tipo: 'evento'; evento: string; payload: unknown };

/** What the shell sends the utility process first (with the port in the transfer list). */
export interface AvvioCore {
  tipo: 'avvio';
  dataDir: string;
  version: string;
  /**
   * The data key the core seals secrets with (AES-256-GCM, chiave-segreti.ts),
   * itself sealed at rest by the shell with safeStorage: the OS keyring stays
   * in the shell, the core never sees safeStorage.
   */
  chiave: string;
  tipoArchivio: string;
}

/** A node:worker_threads MessagePort as a relay port (tests, worker threads). */
export function portaNode(p: MessagePort): PortaRelay {
  return {
    postMessage: (m) => p.postMessage(m),
    onMessage(ascolta) {
      p.on('message', ascolta);
      return () => void p.off('message', ascolta);
    },
    onClose: (ascolta) => void p.once('close', ascolta),
    close: () => p.close(),
  };
}

/** The shape of Electron's MessagePortMain (structural: this module does not import electron). */
export interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

export function portaElectron(p: MessagePortMainLike): PortaRelay {
  const porta: PortaRelay = {
    postMessage: (m) => p.postMessage(m),
    onMessage(ascolta) {
      const l = (e: { data: unknown }) => ascolta(e.data);
      p.on('message', l);
      return () => void p.off('message', l);
    },
    onClose: (ascolta) => void p.once('close', ascolta),
    close: () => p.close(),
  };
  p.start();
  return porta;
}
