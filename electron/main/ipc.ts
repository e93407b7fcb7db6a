import { ipcMain, type WebContents } from 'electron';
import { channels, EVENT_PREFIX, IPC_PREFIX } from '../../shared/ipc/contract';
import { ERROR_CODES } from '../../shared/ipc/envelope';
import type { Core } from '../core/create-core';
import { isTrustedSender } from '../platform/ipc/sender';

/**
 * One `ipcMain.handle` per contract channel, all through the same wrapper:
 * sender frame check, then the core router (allowlist, parse, envelope).
 */
export function registerIpc(core: Core, devServerOrigin?: string): () => void {
  for (const channel of channels) {
    ipcMain.handle(IPC_PREFIX + channel, (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame, devServerOrigin)) {
        core.logger.warn('ipc: refused untrusted sender', { channel });
        return {
          ok: false,
          error: { code: ERROR_CODES.untrustedSender, message: 'Richiesta da una pagina non autorizzata.' },
        };
      }
      return core.router.dispatch(channel, payload, { transport: 'electron' });
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(IPC_PREFIX + channel));
}

/** Pushes core events to one window. */
export function forwardEvents(core: Core, contents: WebContents): () => void {
  return core.events.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_PREFIX + event, payload);
  });
}
