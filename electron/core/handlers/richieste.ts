/** Citizens' online requests (issue 15, read side): thin adapters from the contract to electron/features/richieste. */
import type { CoreServices, DomainHandlers } from './services';

export function richiesteHandlers(services: CoreServices): DomainHandlers<'richieste'> {
  const r = services.richieste;
  return {
    'richieste.elenco': (filtri) => r.elenco(filtri),
    'richieste.aggiorna': async () => {
      const esito = await r.aggiorna();
      return { lettaIl: esito.lettaIl, nuove: esito.nuove, messaggio: esito.messaggio };
    },
    'richieste.conteggi': () => r.conteggi(),
    'richieste.dettaglio': ({ codiceRichiesta }) => r.dettaglio(codiceRichiesta),
    'richieste.file': ({ id }) => r.file(id),
  };
}
