/**
 * The core factory: every service of the app, in plain Node. The Electron
 * shell, the web host, the CLI and the tests all start the app through here,
 * handing over the data folder, the secret store and the clock.
 */
import { join } from 'node:path';
import type { SecretStore } from '../secrets/secret-store';
import type { Clock } from './clock';
import { openDatabase, type Db } from '../db/database';
import { createLogger, type Logger } from '../log/logger';
import { createRouter, type Router } from '../ipc/router';
import { createEventBus, type EventBus } from './event-bus';
import { acquireDataDirLock } from './data-dir-lock';
import { createSettingsRepository, type SettingsRepository } from '../settings/settings';
import { createHandlers } from './handlers';
import { createConnectionMonitor, type ConnectionMonitor, type ConnectionProbe } from './connection-monitor';
import { createKeystoreStore, type KeystoreStore } from '../anpr/security/keystore-store';

export interface CoreOptions {
  dataDir: string;
  secretStore: SecretStore;
  clock: Clock;
  host: 'electron' | 'web' | 'cli' | 'test';
  version?: string;
  logger?: Logger;
  /** How to reach ANPR (or the simulator) for a connection check. */
  probe?: ConnectionProbe;
}

export interface Core {
  readonly router: Router;
  readonly events: EventBus;
  readonly db: Db;
  readonly settings: SettingsRepository;
  readonly connection: ConnectionMonitor;
  /** The comune's and postazione's certificates; private keys stay in this process. */
  readonly keystores: KeystoreStore;
  readonly logger: Logger;
  readonly options: CoreOptions;
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const lock = acquireDataDirLock(options.dataDir);
  const logger = options.logger ?? createLogger({ file: join(options.dataDir, 'logs', 'sportello.log'), now: () => options.clock.now() });
  try {
    const db = openDatabase(join(options.dataDir, 'sportello.sqlite'));
    const events = createEventBus();
    const settings = createSettingsRepository(db, options.clock);
    const connection = createConnectionMonitor({ clock: options.clock, events, probe: options.probe, logger: logger.child('connessione') });
    const keystores = createKeystoreStore({ dir: join(options.dataDir, 'certificati'), secretStore: options.secretStore, clock: options.clock });
    const router = createRouter(createHandlers({ db, settings, connection, keystores, events, options }), logger.child('ipc'));
    logger.info('core started', { host: options.host, secretStore: options.secretStore.kind });
    return {
      router,
      events,
      db,
      settings,
      connection,
      keystores,
      logger,
      options,
      async close() {
        db.close();
        lock.release();
        logger.info('core stopped');
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
