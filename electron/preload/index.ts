/**
 * Preload (sandboxed, bundled to one CommonJS file): exposes exactly one
 * function per contract channel and one subscription per event on
 * `window.sportello`. No generic send/invoke/on, and listeners never see the
 * IpcRendererEvent.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../../shared/ipc/api';
import { EVENT_PREFIX, IPC_PREFIX } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/envelope';

const bridge = buildBridge(
  (channel, request) => ipcRenderer.invoke(IPC_PREFIX + channel, request) as Promise<Envelope<unknown>>,
  (event, listener) => {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_PREFIX + event, wrapped);
    return () => void ipcRenderer.removeListener(EVENT_PREFIX + event, wrapped);
  },
);

contextBridge.exposeInMainWorld('sportello', bridge);
