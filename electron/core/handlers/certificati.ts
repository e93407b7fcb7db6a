import { KeystoreError } from '../../anpr/security/keystore';
import { AppError } from '../../ipc/app-error';
import type { CoreServices, DomainHandlers } from './services';

export function certificatiHandlers(services: CoreServices): DomainHandlers<'certificati'> {
  return {
    'certificati.elenco': () => ({ comune: services.keystores.info('comune'), postazione: services.keystores.info('postazione') }),
    'certificati.importa': ({ tipo, p12Base64, passphrase }) => {
      try {
        return services.keystores.import(tipo, Buffer.from(p12Base64, 'base64'), passphrase);
      } catch (error) {
        if (error instanceof KeystoreError) throw new AppError(error.code, error.message, error.detail);
        throw error;
      }
    },
  };
}
