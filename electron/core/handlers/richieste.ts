/** Citizens' online requests (issue 15, read side): thin adapters from the contract to electron/features/richieste. */
import { AppError } from '../../platform/ipc/app-error';
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
    'richieste.cambiaStato': () => {
      throw new AppError('NON_DISPONIBILE', 'Il cambio di stato delle richieste non è ancora disponibile in questa versione.');
    },
    'richieste.avviaPratica': () => {
      throw new AppError('NON_DISPONIBILE', 'L’avvio della pratica da una richiesta non è ancora disponibile in questa versione.');
    },
  };
}
