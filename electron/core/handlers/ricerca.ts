import { createMemoryLogger } from '../../log/logger';
import { createRicerca } from '../../ricerca/ricerca';
import type { CoreServices, DomainHandlers } from './services';

export function ricercaHandlers(services: CoreServices): DomainHandlers<'ricerca'> {
  const ricerca = createRicerca({
    db: services.db,
    clock: services.options.clock,
    logger: services.logger ?? createMemoryLogger(),
    settings: services.settings,
    anpr: services.anpr,
  });
  return {
    'ricerca.soggetti': (criterio) => ricerca.soggetti(criterio),
    'ricerca.scheda': ({ idSchedaSoggettoANPR }) => ricerca.scheda(idSchedaSoggettoANPR),
  };
}
