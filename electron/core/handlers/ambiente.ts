import { CONFERMA_PRODUZIONE } from '../../../shared/ipc/domains/ambiente';
import { AppError } from '../../platform/ipc/app-error';
import { ETICHETTE_AMBIENTE } from './base';
import type { CoreServices, DomainHandlers } from './services';

const ENDPOINT_UFFICIALE = { SIMULATORE: 'simulatore-locale', TEST: 'https://wstest.anpr.interno.it', PRODUZIONE: 'https://ws.anpr.interno.it' } as const;

export function ambienteHandlers(services: CoreServices): DomainHandlers<'ambiente'> {
  return {
    'ambiente.salva': ({ tipo, endpoint, conferma }) => {
      if (tipo === 'PRODUZIONE' && conferma !== CONFERMA_PRODUZIONE) {
        throw new AppError('CONFERMA_RICHIESTA', `Per passare in PRODUZIONE digitare ${CONFERMA_PRODUZIONE} nel campo di conferma.`);
      }
      let url: string = ENDPOINT_UFFICIALE[tipo];
      if (tipo !== 'SIMULATORE' && endpoint) {
        if (!/^https:\/\/[a-z0-9.-]+(:\d+)?(\/.*)?$/i.test(endpoint)) {
          throw new AppError('ENDPOINT_NON_VALIDO', "L'indirizzo di ANPR deve iniziare con https:// ed essere un indirizzo valido.");
        }
        url = endpoint.replace(/\/+$/, '');
      }
      const { ambiente } = services.settings.update({ ambiente: { tipo, endpoint: url } });
      services.logger?.info('environment changed', { tipo });
      void services.connection.verify();
      return { tipo: ambiente.tipo, etichetta: ETICHETTE_AMBIENTE[ambiente.tipo], endpoint: ambiente.endpoint };
    },
  };
}
