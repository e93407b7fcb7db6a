/**
 * The Electron shell: lifecycle, window, security, IPC registration and
 * safeStorage. Everything else is the core (plain Node), which runs in a
 * `utilityProcess` (core-process.ts, issue 14): the shell checks each IPC
 * call's sender and channel, relays it over a MessagePort (relay-shell.ts)
 * and sends the core's events to the window, so no work of the core ever
 * shares the thread that serves the window.
 */
import { app, BrowserWindow, dialog, MessageChannelMain, utilityProcess } from 'electron';
import { join } from 'node:path';
import { createLogger } from '../platform/logger';
import { RENDERER_DIST_DIR } from '../platform/paths';
import type { AvvioCore } from '../core/worker/relay-protocollo';
import { portaElectron } from '../core/worker/relay-protocollo';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { chiaveDati } from './chiave-dati';
import { createShellRelay, type ShellRelay } from './relay-shell';
import { registerAppScheme, serveRenderer } from './protocol';
import { applySecurityPolicies } from './security';
import { forwardEvents, registerIpc } from './ipc';
import { createMainWindow, preloadPathFrom } from './window';

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database: hand over and leave.
  app.quit();
} else {
  registerAppScheme();
  const log = createLogger({ console: true, scope: 'shell' });
  let relay: ShellRelay | null = null;

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  /** Starts the core process and its relay; resolves once the core has started. */
  const avviaCore = async (): Promise<ShellRelay> => {
    const dataDir = app.getPath('userData');
    const segreti = createSafeStorageSecretStore();
    const chiave = chiaveDati(dataDir, { encryptString: (s) => segreti.encrypt(s), decryptString: (b) => segreti.decrypt(b) });
    const figlio = utilityProcess.fork(join(__dirname, 'core.cjs'), [], { serviceName: 'Sportello ANPR (core)', stdio: 'inherit' });
    const { port1, port2 } = new MessageChannelMain();
    const avvio: AvvioCore = { tipo: 'avvio', dataDir, version: app.getVersion(), chiave, tipoArchivio: `${segreti.kind}+chiave-dati` };
    figlio.postMessage(avvio, [port2]);
    const r = createShellRelay(portaElectron(port1));
    figlio.once('exit', (code) => {
      log.warn('core process exited', { code });
      r.close();
    });
    await r.pronto();
    return r;
  };

  app
    .whenReady()
    .then(async () => {
      applySecurityPolicies();
      serveRenderer(RENDERER_DIST_DIR);
      relay = await avviaCore();
      registerIpc(relay, (message, fields) => log.warn(message, fields));
      const window = createMainWindow(preloadPathFrom(__dirname));
      const stopEvents = forwardEvents(relay, window.webContents);
      window.on('closed', stopEvents);
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Sportello ANPR', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });

  // Never quit with a request on the wire: offer to wait for ANPR's answer.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !relay || relay.chiuso) return;
    // The core answers asynchronously: hold the quit, ask, then quit again if nothing is on the wire.
    event.preventDefault();
    const r = relay;
    void r
      .controllo('puoChiudere')
      .then((risposta) => {
        const check = risposta as { ok: boolean; messaggio?: string | null };
        if (check.ok) return true;
        const choice = dialog.showMessageBoxSync({
          type: 'warning',
          buttons: ['Attendi la risposta e chiudi', 'Non chiudere'],
          defaultId: 0,
          cancelId: 1,
          title: 'Invio in corso',
          message: check.messaggio ?? 'Un invio ad ANPR è in corso.',
          detail: 'Chiudendo ora l\'esito resterebbe da verificare al prossimo avvio. È meglio attendere la risposta.',
        });
        if (choice !== 0) return false;
        return r.controllo('attendiInattivita').then(() => true);
      })
      .catch(() => true)
      .then((chiudi) => {
        if (!chiudi) return;
        quitting = true;
        return r
          .controllo('chiudi')
          .catch(() => undefined)
          .finally(() => app.quit());
      });
  });

  app.on('window-all-closed', () => {
    app.quit();
  });
}
