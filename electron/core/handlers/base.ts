import type { TipoAmbiente } from '../../../shared/ipc/contract';
import { contaPratichePerStato } from '../../features/pratiche/conteggi';
import type { CoreServices, DomainHandlers } from './services';

export const ETICHETTE_AMBIENTE: Record<TipoAmbiente, string> = {
  SIMULATORE: 'Ambiente di prova locale (simulatore ANPR)',
  TEST: 'ANPR – ambiente di TEST',
  PRODUZIONE: 'ANPR – PRODUZIONE',
};

export function baseHandlers(
  services: CoreServices,
): DomainHandlers<'app'> & DomainHandlers<'home'> & DomainHandlers<'connessione'> & DomainHandlers<'impostazioni'> {
  return {
    'app.info': () => ({
      nome: 'Sportello ANPR',
      versione: services.options.version ?? '0.0.0',
      host: services.options.host === 'electron' ? 'electron' : 'web',
      cartellaDati: services.options.dataDir,
      archivioSegreti: services.options.secretStore.kind,
    }),
    'home.riepilogo': () => {
      const settings = services.settings.get();
      return {
        comune: settings.comune,
        ambiente: {
          tipo: settings.ambiente.tipo,
          etichetta: ETICHETTE_AMBIENTE[settings.ambiente.tipo],
          endpoint: settings.ambiente.endpoint,
        },
        connessione: services.connection.current(),
        coda: contaPratichePerStato(services.db),
        sicurezza: settings.sicurezza,
        letturaRichieste: settings.letturaRichieste,
      };
    },
    'connessione.verifica': () => services.connection.verify(),
    'impostazioni.salvaComune': (comune) => services.settings.update({ comune }).comune,
    'impostazioni.salvaSicurezza': (sicurezza) => services.settings.update({ sicurezza }).sicurezza,
    'impostazioni.salvaLetturaRichieste': (letturaRichieste) => {
      const salvata = services.settings.update({ letturaRichieste }).letturaRichieste;
      services.richieste.intervalloCambiato();
      return salvata;
    },
  };
}
