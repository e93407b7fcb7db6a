/**
 * How the core reaches "ANPR" for the current environment:
 * - SIMULATORE (first start, training): the ANPR simulator runs on loopback,
 *   with a training PKI made on first use: in this thread (tests, CLI), or in
 *   a worker thread when the host asks for it (`usaWorker`, worker/layout.ts:
 *   the web host and the Electron core, so its TLS, signature checks and XSD
 *   validation never share the thread that serves the window);
 * - TEST / PRODUZIONE: the endpoint from the settings, the imported comune
 *   (and postazione) certificate, the configured CA bundle.
 * It also allocates `idOperazioneComune` for reads from the same per-comune,
 * per-environment sequence the queue uses, so ids stay increasing.
 */
import { join } from 'node:path';
import type { Clock } from './clock';
import type { Logger } from '../platform/logger';
import type { Db } from '../platform/db/database';
import type { SettingsRepository } from '../platform/impostazioni';
import type { KeystoreStore } from '../anpr/security/keystore-store';
import { createAnprClient, type AnprClient } from '../anpr/client';
import { KeystoreError, loadPkcs12 } from '../anpr/security/keystore';
import type { CaBundleStore } from '../anpr/transport/ca-bundle-store';
import { problemaCa, problemaCertificato } from './prerequisiti-anpr';
import { closeTransportAgents } from '../anpr/transport/https-transport';
import { ensureTrainingEnvironment, startSimulator, type SimulatorHandle } from '../simulator';
import { createStore } from '../features/coda/store';
import { suffissoPostazione } from '../features/coda/id-operazione';
import { AppError } from '../platform/ipc/app-error';
import { layoutWorker } from './worker/layout';
import { avviaSimulatoreInWorker } from './worker/simulatore-worker';
import { RESOURCES_DIR } from '../platform/paths';
import { VERSIONE_INTERFACCIA } from '../../shared/anpr/versione-interfaccia';

export interface AnprAccess {
  /**
   * The client for the current environment (starts the training simulator on first use), acting for
   * `operatore` (SAML NameID; default the signed-in clerk).
   */
  client(operatore?: string): Promise<AnprClient>;
  /** Parameters of the current environment, for the queue. */
  ambiente(): Promise<{ ambiente: string; comune: string; postazione: string; operatore: string; codDestinatario: string }>;
  nuovoIdOperazione(): Promise<string>;
  /** The running training simulator, if any (tests and diagnostics). */
  simulatore(): SimulatorHandle | null;
  close(): Promise<void>;
}

export const DEFAULT_CA_BUNDLE = join(RESOURCES_DIR, 'ca', 'anpr-ca-bundle.pem');
const ENDPOINTS = { TEST: 'https://wstest.anpr.interno.it', PRODUZIONE: 'https://ws.anpr.interno.it' } as const;
/** The interface version this app speaks (testataRichiesta/codDestinatario). */
const COD_DESTINATARIO = VERSIONE_INTERFACCIA.codDestinatario;

interface Session {
  key: string;
  client: AnprClient;
  ambiente: string;
  comune: string;
  postazione: string;
  operatore: string;
  codDestinatario: string;
}

export function createAnprAccess(deps: {
  dataDir: string;
  db: Db;
  settings: SettingsRepository;
  keystores: KeystoreStore;
  /** The ANPR CA bundle (imported in Impostazioni, else the shipped one). */
  ca: CaBundleStore;
  clock: Clock;
  logger: Logger;
  version: string;
  /** Operator codice fiscale for the SAML NameID (the signed-in clerk). */
  operatore?: () => string | null;
}): AnprAccess {
  let simulator: SimulatorHandle | null = null;
  let starting: Promise<SimulatorHandle> | null = null;
  // One session per operator the queue sends for (a pratica is signed by whoever made it ready).
  const sessions = new Map<string, Session>();
  const store = createStore(deps.db);

  const startTraining = async (): Promise<{ handle: SimulatorHandle; env: ReturnType<typeof ensureTrainingEnvironment> }> => {
    const env = ensureTrainingEnvironment(deps.dataDir, { now: deps.clock.now() });
    if (!simulator) {
      const inWorker = layoutWorker().simulatore;
      // A worker runs on the system clock: the host asks for it only with the system clock.
      starting ??= inWorker
        ? avviaSimulatoreInWorker(env.simConfig, { logger: deps.logger.child('simulatore') })
        : startSimulator(env.simConfig, { clock: deps.clock, logger: deps.logger.child('simulatore') });
      simulator = await starting;
      deps.logger.info('training simulator started', { url: simulator.url, worker: inWorker });
    }
    return { handle: simulator, env };
  };

  const remember = (s: Session): Session => {
    if (sessions.size >= 16) sessions.clear();
    sessions.set(s.key, s);
    return s;
  };

  const build = async (perOperatore?: string): Promise<Session> => {
    const settings = deps.settings.get();
    const operatoreCorrente = perOperatore ?? deps.operatore?.() ?? null;
    if (settings.ambiente.tipo === 'SIMULATORE') {
      const { handle, env } = await startTraining();
      const key = `SIM|${handle.url}|${operatoreCorrente ?? ''}`;
      const cached = sessions.get(key);
      if (cached) return cached;
      const operatore = operatoreCorrente ?? env.operatoreCodiceFiscale;
      const client = createAnprClient({
        config: {
          comune: env.idSede,
          postazione: env.idPostazione,
          applicazione: env.idApplicazione,
          operatore,
          ambiente: env.tipoInvio,
          endpoint: handle.url,
          caPems: [env.caPem],
          codDestinatario: env.codDestinatario,
        },
        keystores: { comune: loadPkcs12(env.comuneP12, env.passphrase, { now: deps.clock.now() }) },
        clock: deps.clock,
        logger: deps.logger,
        version: deps.version,
      });
      return remember({ key, client, ambiente: 'SIMULATORE', comune: env.idSede, postazione: env.idPostazione, operatore, codDestinatario: env.codDestinatario });
    }
    const tipo = settings.ambiente.tipo;
    const endpoint = settings.ambiente.endpoint.startsWith('https://') ? settings.ambiente.endpoint : ENDPOINTS[tipo];
    // Say what is missing, in the clerk's words, rather than failing deeper down.
    const manca = problemaCertificato(deps.keystores) ?? problemaCa(deps.ca);
    if (manca) throw new AppError(manca.codice, manca.messaggio, manca.log);
    const comuneKeystore = deps.keystores.load('comune');
    let postazioneKeystore;
    try {
      postazioneKeystore = deps.keystores.info('postazione') ? deps.keystores.load('postazione') : undefined;
    } catch (error) {
      if (!(error instanceof KeystoreError)) throw error;
      throw new AppError(`CERTIFICATO_POSTAZIONE_${error.code}`, `Il certificato della postazione non è utilizzabile: ${error.message} Importarlo di nuovo in Impostazioni › Certificati.`, error.detail);
    }
    if (!operatoreCorrente) {
      throw new AppError('OPERATORE_NON_IDENTIFICATO', 'Accedere con un operatore registrato in ANPR prima di inviare richieste.');
    }
    let caPems: string[];
    try {
      caPems = deps.ca.load().pems;
    } catch (error) {
      throw new AppError('CA_ANPR_NON_VALIDA', error instanceof Error ? error.message : String(error));
    }
    // A replaced CA bundle takes effect at once, like a replaced certificate.
    const key = `${tipo}|${endpoint}|${comuneKeystore.info.serialNumber}|${operatoreCorrente}|${caPems.join('')}`;
    const cached = sessions.get(key);
    if (cached) return cached;
    const postazione = comuneKeystore.info.commonName;
    const client = createAnprClient({
      config: {
        comune: settings.comune.codiceIstat,
        postazione: postazioneKeystore?.info.commonName ?? postazione,
        applicazione: 'SPORTELLO-ANPR',
        operatore: operatoreCorrente,
        ambiente: tipo === 'PRODUZIONE' ? 'PROD' : 'TEST',
        endpoint,
        caPems,
        codDestinatario: COD_DESTINATARIO,
      },
      keystores: { comune: comuneKeystore, ...(postazioneKeystore ? { postazione: postazioneKeystore } : {}) },
      clock: deps.clock,
      logger: deps.logger,
      version: deps.version,
    });
    return remember({
      key,
      client,
      ambiente: tipo,
      comune: settings.comune.codiceIstat,
      postazione: postazioneKeystore?.info.commonName ?? postazione,
      operatore: operatoreCorrente,
      codDestinatario: COD_DESTINATARIO,
    });
  };

  return {
    async client(operatore) {
      return (await build(operatore)).client;
    },
    async ambiente() {
      const { ambiente, comune, postazione, operatore, codDestinatario } = await build();
      return { ambiente, comune, postazione, operatore, codDestinatario };
    },
    async nuovoIdOperazione() {
      const { ambiente, comune, postazione } = await build();
      return store.allocaId(ambiente, comune, suffissoPostazione(postazione), deps.clock.now().getTime());
    },
    simulatore: () => simulator,
    async close() {
      closeTransportAgents();
      if (simulator) await simulator.close();
      simulator = null;
      starting = null;
      sessions.clear();
    },
  };
}
