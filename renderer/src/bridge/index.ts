/**
 * The renderer's only door to the core. In Electron the preload has put
 * `window.sportello` in place; in a browser we build the same object over
 * the web host. Nothing else in the renderer knows which one it got.
 * `api` unwraps the envelopes: it resolves with the value or throws an
 * `ApiError` carrying the Italian message.
 */
import { buildBridge, type SportelloBridge } from '../../../shared/ipc/api';
import type { Envelope, IpcError } from '../../../shared/ipc/envelope';
import { createWebTransport, readToken } from './web-transport';

declare global {
  interface Window {
    sportello?: SportelloBridge;
  }
}

export class ApiError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

function resolveBridge(): SportelloBridge | null {
  if (window.sportello) return window.sportello;
  const token = readToken();
  if (!token) return null;
  const transport = createWebTransport(token);
  return buildBridge(transport.invoke, transport.subscribe);
}

/**
 * Window event fired when the core answers that no operator is signed in.
 * `detail` is the error code: `SESSIONE_SCADUTA` when the session closed for
 * inactivity, `NON_AUTENTICATO` otherwise.
 */
export const SESSIONE_SCADUTA = 'sportello:sessione-scaduta';
const CODICI_SESSIONE_CHIUSA = new Set(['NON_AUTENTICATO', 'SESSIONE_SCADUTA']);
/** Window event fired when the core refuses a call because the initial password is still to change. */
export const PASSWORD_DA_CAMBIARE = 'sportello:password-da-cambiare';

export const bridge: SportelloBridge | null = resolveBridge();

export async function unwrap<T>(call: Promise<Envelope<T>>): Promise<T> {
  const envelope = await call;
  if (!envelope.ok) {
    // The core closed the session (inactivity, sign-out elsewhere, operator deactivated): the shell goes back to sign-in.
    if (CODICI_SESSIONE_CHIUSA.has(envelope.error.code)) window.dispatchEvent(new CustomEvent(SESSIONE_SCADUTA, { detail: envelope.error.code }));
    if (envelope.error.code === 'PASSWORD_DA_CAMBIARE') window.dispatchEvent(new CustomEvent(PASSWORD_DA_CAMBIARE));
    throw new ApiError(envelope.error);
  }
  return envelope.value;
}
