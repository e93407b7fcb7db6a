/**
 * The core factory: every service of the app, in plain Node. The Electron
 * shell, the web host, the CLI and the tests all start the app through here,
 * handing over the data folder, the secret store and the clock.
 */
import { join } from 'node:path';
import type { SecretStore } from '../platform/secrets/secret-store';
import type { Clock } from './clock';
import { openDatabase, type Db } from '../platform/db/database';
import { createAuditPrivilegi } from './audit';
import { createLogger, type Logger } from '../platform/logger';
import { createRouter, type Router } from '../platform/ipc/router';
import { createEventBus, type EventBus } from './event-bus';
import { acquireDataDirLock } from './data-dir-lock';
import { createSettingsRepository, type SettingsRepository } from '../platform/impostazioni';
import { createHandlers } from './handlers';
import { createConnectionMonitor, type ConnectionMonitor, type ConnectionProbe } from './connection-monitor';
import { createKeystoreStore, type KeystoreStore } from '../anpr/security/keystore-store';
import { createAnprAccess, DEFAULT_CA_BUNDLE, type AnprAccess } from './anpr-access';
import { createCaBundleStore, type CaBundleStore } from '../anpr/transport/ca-bundle-store';
import { createVerificaCollegamento, type VerificaCollegamento } from './verifica-collegamento';
import { createCodaHost, type CodaHost } from './coda';
import { createAccesso, type Accesso } from '../features/operatori/accesso';
import { createGuard } from './permissions';
import { avviaRegistroEsiti } from '../features/pratiche';
import { createRichieste, type Richieste, type Timers } from '../features/richieste';

export interface CoreOptions {
  dataDir: string;
  secretStore: SecretStore;
  clock: Clock;
  host: 'electron' | 'web' | 'cli' | 'test';
  version?: string;
  logger?: Logger;
  /** Overrides the connection check (default: ANPR's TestConn for the current environment). */
  probe?: ConnectionProbe;
  /**
   * Reads the citizens' online requests by itself: after the first successful connection check, then every
   * MINUTI_AGGIORNAMENTO minutes (default: every host but 'test', whose tests read on demand).
   */
  richiesteAutomatiche?: boolean;
  /** Timers of the background reads (tests: fake ones). */
  timers?: Timers;
}

export interface Core {
  readonly router: Router;
  readonly events: EventBus;
  readonly db: Db;
  readonly settings: SettingsRepository;
  readonly connection: ConnectionMonitor;
  /** The comune's and postazione's certificates; private keys stay in this process. */
  readonly keystores: KeystoreStore;
  /** The ANPR CA bundle trusted in TEST/PRODUZIONE. */
  readonly ca: CaBundleStore;
  /** TestConn with the real reason of a failure; its last result. */
  readonly verifica: VerificaCollegamento;
  /** ANPR (or the training simulator) for the current environment. */
  readonly anpr: AnprAccess;
  /** The queue of pratiche (its dispatcher runs once `coda.start()` is called). */
  readonly coda: CodaHost;
  /** The citizens' online requests (P001/P002 read, kept locally). */
  readonly richieste: Richieste;
  /** Operator accounts and the signed-in session. */
  readonly accesso: Accesso;
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
    const keystores = createKeystoreStore({ dir: join(options.dataDir, 'certificati'), secretStore: options.secretStore, clock: options.clock });
    const ca = createCaBundleStore({ dir: join(options.dataDir, 'certificati'), clock: options.clock, defaultPath: DEFAULT_CA_BUNDLE });
    const accesso = createAccesso({ db, clock: options.clock, logger, minutiInattivita: () => settings.get().sicurezza.minutiInattivita });
    const anpr = createAnprAccess({
      dataDir: options.dataDir,
      db,
      settings,
      keystores,
      ca,
      clock: options.clock,
      logger,
      version: options.version ?? '0.0.0',
      // The signed-in clerk is the SAML NameID of every call.
      operatore: () => accesso.corrente()?.codiceFiscale ?? null,
    });
    const verifica = createVerificaCollegamento({ anpr, keystores, ca, settings, clock: options.clock, logger });
    const connection = createConnectionMonitor({
      clock: options.clock,
      events,
      probe: options.probe ?? verifica.probe,
      logger: logger.child('connessione'),
    });
    const coda = createCodaHost({ db, anpr, events, connection, clock: options.clock, logger, version: options.version ?? '0.0.0' });
    // Event subscriptions of the core's own services: made here, released on close.
    const disiscrizioni: Array<() => void> = [avviaRegistroEsiti({ db, coda, settings, events, logger })];
    const nomeOperatore = (codiceFiscale: string) => {
      const o = accesso.elenco().find((x) => x.codiceFiscale === codiceFiscale);
      return (o ? `${o.cognome} ${o.nome}`.trim().toUpperCase() : '') || codiceFiscale;
    };
    const richieste = createRichieste({ db, clock: options.clock, logger, settings, anpr, coda, nomeOperatore, events, ...(options.timers ? { timers: options.timers } : {}) });
    disiscrizioni.push(richieste.seguiEsiti());
    if (options.richiesteAutomatiche ?? options.host !== 'test') {
      // The first read waits for the connection check: started once ANPR is known to answer.
      let avviata = false;
      disiscrizioni.push(
        events.subscribe((event, payload) => {
          if (avviata || event !== 'connessione.cambiata' || (payload as { stato: string }).stato !== 'raggiungibile') return;
          avviata = true;
          void richieste.aggiorna().catch((error: unknown) => logger.error('first requests read crashed', { error: error instanceof Error ? error.message : String(error) }));
        }),
        richieste.avvia(),
      );
    }
    const router = createRouter(createHandlers({ db, settings, connection, keystores, ca, verifica, anpr, coda, richieste, accesso, events, options, logger }), logger.child('ipc'), {
      guard: createGuard(accesso),
      audit: createAuditPrivilegi({ db, clock: options.clock, logger }),
    });
    logger.info('core started', { host: options.host, secretStore: options.secretStore.kind });
    return {
      router,
      events,
      db,
      settings,
      connection,
      keystores,
      ca,
      verifica,
      anpr,
      coda,
      richieste,
      accesso,
      logger,
      options,
      async close() {
        for (const disiscrivi of disiscrizioni.splice(0)) disiscrivi();
        await richieste.chiudi();
        await coda.close();
        await anpr.close();
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
