import { ipcMain, type WebContents } from 'electron';
import { channels, EVENT_PREFIX, IPC_PREFIX } from '../../shared/ipc/contract';
import { ERROR_CODES, type Envelope } from '../../shared/ipc/envelope';
import { isTrustedSender } from '../platform/ipc/sender';

/** Where the shell hands a call it has validated: the relay to the core process (relay-shell.ts). */
export interface DestinazioneIpc {
  dispatch(channel: string, payload: unknown): Promise<Envelope<unknown>>;
}

/**
 * One `ipcMain.handle` per contract channel (the allowlist), all through the
 * same wrapper: sender frame check here in the shell, then the relay to the
 * core process, whose router parses, checks permissions and answers the envelope.
 */
export function registerIpc(target: DestinazioneIpc, warn: (message: string, fields: Record<string, unknown>) => void, devServerOrigin?: string): () => void {
  for (const channel of channels) {
    ipcMain.handle(IPC_PREFIX + channel, (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame, devServerOrigin)) {
        warn('ipc: refused untrusted sender', { channel });
        return {
          ok: false,
          error: { code: ERROR_CODES.untrustedSender, message: 'Richiesta da una pagina non autorizzata.' },
        };
      }
      return target.dispatch(channel, payload);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(IPC_PREFIX + channel));
}

/** Pushes the core's events (already filtered by the relay against the contract) to one window. */
export function forwardEvents(source: { onEvent(listener: (event: string, payload: unknown) => void): () => void }, contents: WebContents): () => void {
  return source.onEvent((event, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_PREFIX + event, payload);
  });
}
