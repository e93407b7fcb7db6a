import { createMemoryLogger } from '../../platform/logger';
import { createRicerca } from '../../features/ricerca/ricerca';
import { createRicercaGenitori } from '../../features/ricerca/genitori';
import type { CoreServices, DomainHandlers } from './services';

export function ricercaHandlers(services: CoreServices): DomainHandlers<'ricerca'> {
  const ricerca = createRicerca({
    db: services.db,
    clock: services.options.clock,
    logger: services.logger ?? createMemoryLogger(),
    settings: services.settings,
    anpr: services.anpr,
    events: services.events,
  });
  const genitori = createRicercaGenitori({ clock: services.options.clock, logger: services.logger ?? createMemoryLogger(), anpr: services.anpr });
  return {
    'ricerca.genitori': (richiesta) => genitori(richiesta),
    'ricerca.soggetti': (criterio) => ricerca.soggetti(criterio),
    'ricerca.scheda': ({ idSchedaSoggettoANPR }) => ricerca.scheda(idSchedaSoggettoANPR),
  };
}
