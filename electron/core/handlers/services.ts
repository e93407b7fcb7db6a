import type { Db } from '../../platform/db/database';
import type { SettingsRepository } from '../../platform/impostazioni';
import type { ConnectionMonitor } from '../connection-monitor';
import type { CoreOptions } from '../create-core';
import type { KeystoreStore } from '../../anpr/security/keystore-store';
import type { CaBundleStore } from '../../anpr/transport/ca-bundle-store';
import type { VerificaCollegamento } from '../verifica-collegamento';
import type { EventBus } from '../event-bus';
import type { Handlers } from '../../platform/ipc/router';
import type { AnprAccess } from '../anpr-access';
import type { CodaHost } from '../coda';
import type { Accesso } from '../../features/operatori/accesso';
import type { Logger } from '../../platform/logger';
import type { Richieste } from '../../features/richieste';

/** What handler factories may use: the core's services, never Electron. */
export interface CoreServices {
  db: Db;
  settings: SettingsRepository;
  connection: ConnectionMonitor;
  keystores: KeystoreStore;
  /** The ANPR CA bundle (Impostazioni). */
  ca: CaBundleStore;
  /** TestConn with reasons, and its last result (go-live checklist). */
  verifica: VerificaCollegamento;
  /** ANPR client and idOperazioneComune allocation for the current environment. */
  anpr: AnprAccess;
  /** The queue of pratiche of the current environment. */
  coda: CodaHost;
  /** The citizens' online requests of the current environment. */
  richieste: Richieste;
  /** Operator accounts and the signed-in session (the only source of "who is calling"). */
  accesso: Accesso;
  events: EventBus;
  options: CoreOptions;
  /** The core's logger (no personal data); handlers fall back to a silent one. */
  logger?: Logger;
}

/** A domain's handlers: the channels whose name starts with `<domain>.`. */
export type DomainHandlers<D extends string> = Pick<Handlers, Extract<keyof Handlers, `${D}.${string}`>>;
