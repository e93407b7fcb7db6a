import { createMessaInEsercizio } from '../messa-in-esercizio';
import type { CoreServices, DomainHandlers } from './services';

export function messaInEsercizioHandlers(services: CoreServices): DomainHandlers<'messaInEsercizio'> {
  const checklist = createMessaInEsercizio({
    dataDir: services.options.dataDir,
    db: services.db,
    settings: services.settings,
    keystores: services.keystores,
    ca: services.ca,
    verifica: services.verifica,
    accesso: services.accesso,
    clock: services.options.clock,
  });
  return {
    'messaInEsercizio.stato': () => checklist.stato(),
    'messaInEsercizio.confermaIp': ({ confermato }) => {
      const da = services.accesso.corrente()?.codiceFiscale ?? '';
      services.logger?.info('public IP registration confirmation changed', { confermato, ambiente: services.settings.get().ambiente.tipo });
      return checklist.confermaIp(confermato, da);
    },
  };
}
