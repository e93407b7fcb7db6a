/**
 * The pratiche channels: each takes the operator from the session, calls the
 * pratiche module (`electron/features/pratiche`) and maps its refusals (and the
 * queue's) to the contract's errors.
 */
import type { CallContext } from '../../platform/ipc/router';
import { AppError } from '../../platform/ipc/app-error';
import { QueueError } from '../../features/coda';
import { createPratiche, PraticaRifiutata, type Operatore } from '../../features/pratiche';
import type { CoreServices, DomainHandlers } from './services';

function operatoreDi(context: CallContext): Operatore {
  if (!context.operatore) throw new AppError('NON_AUTENTICATO', 'Sessione scaduta o non aperta: accedere per continuare.');
  return context.operatore;
}

/** The module's and the queue's refusals as the contract's errors (Italian messages as they are). */
async function mappa<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PraticaRifiutata) throw new AppError(error.codice, error.message);
    if (error instanceof QueueError) throw new AppError(`CODA_${error.codice}`, error.message);
    throw error;
  }
}

export function praticheHandlers(services: CoreServices): DomainHandlers<'pratiche'> {
  const pratiche = createPratiche({
    db: services.db,
    coda: services.coda,
    settings: services.settings,
    accesso: services.accesso,
    clock: services.options.clock,
    logger: services.logger,
  });
  return {
    'pratiche.elenco': (r) => mappa(() => pratiche.elenco(r ?? undefined)),
    'pratiche.dettaglio': ({ id }) => mappa(() => pratiche.dettaglio(id)),
    'pratiche.salvaBozza': (r, context) => mappa(() => pratiche.salvaBozza(r, operatoreDi(context))),
    'pratiche.verifica': ({ id }, context) => mappa(() => pratiche.verifica(id, operatoreDi(context))),
    'pratiche.rendiPronta': (r, context) => mappa(() => pratiche.rendiPronta(r, operatoreDi(context))),
    'pratiche.invia': (r, context) => mappa(() => pratiche.invia(r, operatoreDi(context))),
    'pratiche.riprova': ({ id }, context) => mappa(() => pratiche.riprova(id, operatoreDi(context))),
    'pratiche.scarta': ({ id }, context) => mappa(() => pratiche.scarta(id, operatoreDi(context))),
    'pratiche.annulla': ({ id }, context) => mappa(() => pratiche.annulla(id, operatoreDi(context))),
    'pratiche.apri': ({ id }) => mappa(() => pratiche.apri(id)),
    'pratiche.seguito': ({ id, codice }, context) => mappa(() => pratiche.seguito(id, codice, operatoreDi(context))),
    'pratiche.supporto': ({ id }) => mappa(() => pratiche.supporto(id)),
    'pratiche.scadenze': (r) => mappa(() => pratiche.scadenze(r?.entroGiorni ?? 60)),
  };
}
