import { app, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from '../platform/ipc/sender';

/** Help pages the app may open in the system browser, nothing else. */
const EXTERNAL_ALLOWLIST = new Set(['https://www.anagrafenazionale.interno.it', 'https://github.com']);

function isAllowedExternal(raw: string): boolean {
  try {
    return EXTERNAL_ALLOWLIST.has(new URL(raw).origin);
  } catch {
    return false;
  }
}

/** Navigation, new windows, webviews and permission requests: denied by default. */
export function applySecurityPolicies(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event, url) => {
      if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
