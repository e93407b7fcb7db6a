/**
 * `npm run web`: the app's core in Node plus the renderer in a browser.
 * Options: --port N (default 0 = any free port), --data-dir DIR
 * (default: the app's data folder, or SPORTELLO_DATA_DIR).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../core/create-core';
import { systemClock } from '../../core/clock';
import { APP_ROOT, RENDERER_DIST_DIR, appVersion, defaultDataDir } from '../../platform/paths';
import { FileKeySecretStore } from '../../platform/secrets/file-key-store';
import { fileChiave } from '../../platform/secrets/file-key-path';
import { startWebHost } from './server';
import { AppError } from '../../platform/ipc/app-error';
import { usaWorker } from '../../core/worker/layout';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.SPORTELLO_WEB_PORT ?? '0' },
      'data-dir': { type: 'string' },
    },
  });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  if (!existsSync(join(RENDERER_DIST_DIR, 'index.html'))) {
    console.error(`Interfaccia non compilata: eseguire "npm run build:renderer" in ${APP_ROOT}.`);
    process.exit(1);
  }
  // The HTTP server's thread serves the window: the training simulator and the anomaly imports run in worker threads.
  usaWorker({ simulatore: true, importazioni: true });
  const secretStore = new FileKeySecretStore(fileChiave(dataDir, process.env, (m) => console.log(m)));
  const core = createCore({ dataDir, secretStore, clock: systemClock, host: 'web', version: appVersion() });
  const host = await startWebHost({ core, staticDir: RENDERER_DIST_DIR, port: Number(values.port) });
  console.log(`Sportello ANPR (versione web) in ascolto: ${host.openUrl}`);
  console.log(`Cartella dati: ${dataDir}`);
  // Check ANPR (or start the training simulator) right away, so the home screen is current.
  void core.connection.verify();
  // Test hook (e2e only): print the training simulator's own address, so a test can inject faults
  // through its loopback admin endpoint (POST /__admin/faults) with the per-run admin token. Never active outside SPORTELLO_E2E=1.
  if (process.env.SPORTELLO_E2E === '1') {
    void core.anpr
      .client()
      .then(() => {
        const sim = core.anpr.simulatore();
        console.log(`E2E simulatore: ${sim?.url ?? 'assente'}`);
        if (sim) console.log(`E2E simulatore token: ${sim.adminToken}`);
      })
      .catch(() => console.log('E2E simulatore: assente'));
  }
  // The queue's dispatcher: sends pratiche marked "pronta" whenever ANPR is reachable.
  core.coda.start().catch((error: unknown) => core.logger.warn('queue not started', { error: error instanceof Error ? error.message : String(error) }));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (!core.coda.canQuit().ok) {
      console.log('Invio ad ANPR in corso: attendo la risposta prima di chiudere…');
      await Promise.race([core.coda.waitIdle(), new Promise((resolve) => setTimeout(resolve, 120_000))]);
    }
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(error.message);
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
