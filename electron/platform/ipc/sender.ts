/**
 * Sender validation for Electron IPC (VS Code's validateEvent): only the
 * app's own origin, and only the main frame. Kept free of `electron` imports
 * so it is unit-tested in plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sportello';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface SenderFrameLike {
  url: string;
  /** `null` for the main frame. */
  parent: unknown;
}

export function isTrustedSender(frame: SenderFrameLike | null | undefined, devServerOrigin?: string): boolean {
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  return devServerOrigin !== undefined && url.origin === devServerOrigin;
}
