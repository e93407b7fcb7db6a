/**
 * The Electron shell: lifecycle, window, security, IPC registration and
 * safeStorage. Everything else is the core (plain Node).
 */
import { app, BrowserWindow, dialog } from 'electron';
import { createCore, type Core } from '../core/create-core';
import { systemClock } from '../core/clock';
import { RENDERER_DIST_DIR } from '../platform/paths';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { registerAppScheme, serveRenderer } from './protocol';
import { applySecurityPolicies } from './security';
import { forwardEvents, registerIpc } from './ipc';
import { createMainWindow, preloadPathFrom } from './window';

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database: hand over and leave.
  app.quit();
} else {
  registerAppScheme();
  let core: Core | null = null;

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app
    .whenReady()
    .then(() => {
      applySecurityPolicies();
      serveRenderer(RENDERER_DIST_DIR);
      core = createCore({
        dataDir: app.getPath('userData'),
        secretStore: createSafeStorageSecretStore(),
        clock: systemClock,
        host: 'electron',
        version: app.getVersion(),
      });
      registerIpc(core);
      void core.connection.verify();
      core.coda.start().catch((error: unknown) => core?.logger.warn('queue not started', { error: error instanceof Error ? error.message : String(error) }));
      const window = createMainWindow(preloadPathFrom(__dirname));
      const stopEvents = forwardEvents(core, window.webContents);
      window.on('closed', stopEvents);
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Sportello ANPR', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });

  // Never quit with a request on the wire: offer to wait for ANPR's answer.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    const check = core.coda.canQuit();
    if (check.ok) return;
    event.preventDefault();
    const choice = dialog.showMessageBoxSync({
      type: 'warning',
      buttons: ['Attendi la risposta e chiudi', 'Non chiudere'],
      defaultId: 0,
      cancelId: 1,
      title: 'Invio in corso',
      message: check.messaggio ?? 'Un invio ad ANPR è in corso.',
      detail: 'Chiudendo ora l\'esito resterebbe da verificare al prossimo avvio. È meglio attendere la risposta.',
    });
    if (choice === 0) {
      void core.coda.waitIdle().then(() => {
        quitting = true;
        app.quit();
      });
    }
  });

  app.on('window-all-closed', () => {
    void core?.close().finally(() => app.quit());
  });
}
