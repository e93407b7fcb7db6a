/**
 * Turns an `anpr` config file into a ready ANPR client: the keystores are
 * opened (passphrase from the file or from an environment variable), the CA
 * bundle loaded; every problem becomes one Italian line (CliError).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { systemClock, type Clock } from '../../core/clock';
import { appVersion } from '../../platform/paths';
import { createLogger } from '../../platform/logger';
import { createAnprClient, type AnprClient } from '../../anpr/client';
import { AnprConfigError, loadAnprConfig, type AnprConfig, type KeystoreRef } from '../../anpr/config/anpr-config';
import { loadPkcs12, KeystoreError, type LoadedKeystore } from '../../anpr/security/keystore';
import { CaBundleError, loadCaBundle } from '../../anpr/transport/ca-bundle';
import { isServiceCode, type ServiceCode } from '../../anpr/services/registry';
import { join } from 'node:path';
import { composeId, suffissoPostazione } from '../../features/coda/id-operazione';
import { createStore } from '../../features/coda/store';
import { openDatabase } from '../../platform/db/database';
import { acquireDataDirLock } from '../../core/data-dir-lock';
import { AppError } from '../../platform/ipc/app-error';
import { CliError } from './cli-error';

export interface AnprContext {
  config: AnprConfig;
  client: AnprClient;
  clock: Clock;
}

function openKeystore(ref: KeystoreRef, what: string, clock: Clock): LoadedKeystore {
  let p12: Buffer;
  try {
    p12 = readFileSync(ref.p12);
  } catch {
    throw new CliError(`${what}: file non trovato o non leggibile (${ref.p12}).`);
  }
  try {
    return loadPkcs12(p12, ref.passphrase, { now: clock.now() });
  } catch (error) {
    if (error instanceof KeystoreError) throw new CliError(`${what}: ${error.message}`);
    throw error;
  }
}

export function loadAnprContext(configPath: string, clock: Clock = systemClock): AnprContext {
  let config: AnprConfig;
  try {
    config = loadAnprConfig(configPath);
  } catch (error) {
    if (error instanceof AnprConfigError) throw new CliError(error.message, 2);
    throw error;
  }
  const comune = openKeystore(config.keystore, 'certificato del comune', clock);
  const postazione = config.postazioneKeystore ? openKeystore(config.postazioneKeystore, 'certificato della postazione', clock) : undefined;
  let caPems: string[];
  try {
    caPems = loadCaBundle(config.caFile, { now: clock.now() }).pems;
  } catch (error) {
    if (error instanceof CaBundleError) throw new CliError(error.message);
    throw error;
  }
  const client = createAnprClient({
    config: {
      comune: config.comune,
      postazione: config.postazione,
      applicazione: config.applicazione,
      operatore: config.operatore,
      ambiente: config.ambiente,
      endpoint: config.endpoint,
      caPems,
      codDestinatario: config.codDestinatario,
      timeouts: config.timeouts,
      algorithms: config.algorithms,
    },
    keystores: { comune, ...(postazione ? { postazione } : {}) },
    clock,
    logger: createLogger({ console: process.env.ANPR_LOG === '1', minLevel: 'info' }),
    version: appVersion(),
  });
  return { config, client, clock };
}

/**
 * `--id N`, or the next id of the queue's scheme (timestamp + workstation
 * suffix): from the queue's own sequence when the config names a `dataDir`
 * (so it can never collide with a queued pratica), else from the clock.
 */
export function idOperazioneFrom(given: string | undefined, context: AnprContext): string {
  if (given !== undefined) {
    if (!/^[0-9a-zA-Z]{1,30}$/.test(given)) throw new CliError('--id: idOperazioneComune deve avere da 1 a 30 caratteri alfanumerici.', 2);
    return given;
  }
  const { config, clock } = context;
  const suffisso = suffissoPostazione(config.postazione);
  if (!config.dataDir) return composeId(clock.now().getTime(), suffisso);
  let lock;
  try {
    lock = acquireDataDirLock(config.dataDir);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  }
  try {
    const db = openDatabase(join(config.dataDir, 'sportello.sqlite'));
    try {
      return createStore(db).allocaId(config.ambiente, config.comune, suffisso, clock.now().getTime());
    } finally {
      db.close();
    }
  } finally {
    lock.release();
  }
}

export function serviceFrom(value: string | undefined): ServiceCode {
  if (!value) throw new CliError('--service è obbligatorio (es. 3002).', 2);
  if (!isServiceCode(value)) throw new CliError(`--service: servizio ${value} non supportato.`, 2);
  return value;
}

export function readBody(path: string | undefined): string {
  if (!path) throw new CliError('--body è obbligatorio (file XML con un elemento Richiesta<CODICE>).', 2);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`--body: file non trovato o non leggibile (${path}).`, 2);
  }
}

/** Options shared by envelope and send. */
export function parseCallArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      service: { type: 'string' },
      body: { type: 'string' },
      id: { type: 'string' },
    },
    strict: true,
  });
  if (!values.config) throw new CliError('--config è obbligatorio.', 2);
  return { config: values.config, service: values.service, body: values.body, id: values.id };
}

export function parseCliArgs(args: string[], parse: () => ReturnType<typeof parseCallArgs>) {
  try {
    return parse();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(error instanceof Error ? error.message : String(error), 2);
  }
}
