/** The queue's channels: its state and why it waits, pause and resume, 3003 now, the outcome recorded by hand. */
import { AppError } from '../../platform/ipc/app-error';
import { QueueError } from '../../features/coda';
import { problemaCa, problemaCertificato } from '../prerequisiti-anpr';
import type { CoreServices, DomainHandlers } from './services';
import { bloccoDellaCoda } from '../coda';
import { vista } from '../../features/pratiche/vista';

export function codaHandlers(services: CoreServices): DomainHandlers<'coda'> {
  return {
    'coda.stato': async () => {
      // Outside training, a queue that cannot reach ANPR at all says why (not "Coda attiva").
      if (services.settings.get().ambiente.tipo !== 'SIMULATORE') {
        const manca = problemaCertificato(services.keystores) ?? problemaCa(services.ca);
        if (manca) throw new AppError(manca.codice, manca.messaggio, manca.log);
      }
      const queue = await services.coda.queue();
      return { ...services.coda.stato(), bloccataDa: bloccoDellaCoda(queue), inPausa: queue.inPausa() };
    },
    'coda.pausa': async () => {
      const queue = await services.coda.queue();
      queue.pause();
      return { ...services.coda.stato(), bloccataDa: bloccoDellaCoda(queue), inPausa: true };
    },
    'coda.riprendi': async () => {
      const queue = await services.coda.queue();
      queue.resume();
      return { ...services.coda.stato(), bloccataDa: bloccoDellaCoda(queue), inPausa: false };
    },
    'coda.verifica': async (_request, context) => {
      const queue = await services.coda.queue();
      const r = await queue.verificaOra(context.operatore?.codiceFiscale);
      if (!r) return { trovata: false, messaggio: "Nessuna pratica con l'esito da verificare: la coda non è ferma.", praticaId: null, stato: null };
      return r;
    },
    'coda.risolvi': async ({ praticaId, esito, nota, idOperazioneANPR }, context) => {
      const queue = await services.coda.queue();
      try {
        return vista(queue.risolviAMano(praticaId, esito, { nota, idOperazioneANPR }, context.operatore?.codiceFiscale));
      } catch (error) {
        if (error instanceof QueueError) throw new AppError(`CODA_${error.codice}`, error.message);
        throw error;
      }
    },
  };
}
