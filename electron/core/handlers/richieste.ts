/** Citizens' online requests (issue 15): thin adapters from the contract to electron/features/richieste. */
import { AppError } from '../../platform/ipc/app-error';
import type { CallContext } from '../../platform/ipc/router';
import { vista } from '../../features/pratiche/vista';
import type { CoreServices, DomainHandlers } from './services';

function operatoreDi(context: CallContext): { codiceFiscale: string } {
  if (!context.operatore) throw new AppError('NON_AUTENTICATO', 'Sessione scaduta o non aperta: accedere per continuare.');
  return context.operatore;
}

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
    'richieste.cambiaStato': ({ codiceRichiesta, ...cambio }, context) => r.cambiaStato(codiceRichiesta, cambio, operatoreDi(context)),
    'richieste.avviaPratica': async ({ codiceRichiesta }, context) => vista(await r.avviaPratica(codiceRichiesta, operatoreDi(context))),
  };
}
