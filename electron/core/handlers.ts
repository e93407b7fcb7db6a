/**
 * Every IPC handler, one per contract channel. The `Handlers` type makes a
 * missing or extra handler a compile error; a unit test checks it at run time.
 */
import type { Handlers } from '../ipc/router';
import type { Db } from '../db/database';
import type { SettingsRepository } from '../settings/settings';
import type { ConnectionMonitor } from './connection-monitor';
import type { CoreOptions } from './create-core';
import { contaPratichePerStato } from '../pratiche/conteggi';
import type { TipoAmbiente } from '../../shared/ipc/contract';
import type { KeystoreStore } from '../anpr/security/keystore-store';
import { KeystoreError } from '../anpr/security/keystore';
import { AppError } from '../ipc/app-error';

const ETICHETTE_AMBIENTE: Record<TipoAmbiente, string> = {
  SIMULATORE: 'Ambiente di prova locale (simulatore ANPR)',
  TEST: 'ANPR – ambiente di TEST',
  PRODUZIONE: 'ANPR – PRODUZIONE',
};

export function createHandlers(deps: {
  db: Db;
  settings: SettingsRepository;
  connection: ConnectionMonitor;
  keystores: KeystoreStore;
  options: CoreOptions;
}): Handlers {
  return {
    'app.info': () => ({
      nome: 'Sportello ANPR',
      versione: deps.options.version ?? '0.0.0',
      host: deps.options.host === 'electron' ? 'electron' : 'web',
      cartellaDati: deps.options.dataDir,
      archivioSegreti: deps.options.secretStore.kind,
    }),
    'home.riepilogo': () => {
      const settings = deps.settings.get();
      return {
        comune: settings.comune,
        ambiente: {
          tipo: settings.ambiente.tipo,
          etichetta: ETICHETTE_AMBIENTE[settings.ambiente.tipo],
          endpoint: settings.ambiente.endpoint,
        },
        connessione: deps.connection.current(),
        coda: contaPratichePerStato(deps.db),
      };
    },
    'connessione.verifica': () => deps.connection.verify(),
    'impostazioni.salvaComune': (comune) => deps.settings.update({ comune }).comune,
    'certificati.elenco': () => ({ comune: deps.keystores.info('comune'), postazione: deps.keystores.info('postazione') }),
    'certificati.importa': ({ tipo, p12Base64, passphrase }) => {
      try {
        return deps.keystores.import(tipo, Buffer.from(p12Base64, 'base64'), passphrase);
      } catch (error) {
        if (error instanceof KeystoreError) throw new AppError(error.code, error.message, error.detail);
        throw error;
      }
    },
  };
}
