/**
 * Every ANPR error and warning of an answer goes to the anomaly lists as soon
 * as a pratica gets it (idempotent: the same answer adds nothing twice).
 * Subscribed by the composition root (`electron/core/create-core.ts`), which
 * releases it on close.
 */
import { registraAnomalieDaRisposta } from '../anomalie';
import { STATI_CON_ESITO } from '../coda/states';
import type { CodaHost } from '../../core/coda';
import type { EventBus } from '../../core/event-bus';
import type { Db } from '../../platform/db/database';
import type { Logger } from '../../platform/logger';
import { ambienteLocale, type SettingsRepository } from '../../platform/impostazioni';


export interface RegistroEsitiDeps {
  db: Db;
  coda: Pick<CodaHost, 'queue'>;
  settings: SettingsRepository;
  events: EventBus;
  logger?: Logger;
}

/** Listens to `pratiche.cambiata`; returns the function that stops listening. */
export function avviaRegistroEsiti(deps: RegistroEsitiDeps): () => void {
  const log = deps.logger?.child('pratiche');
  return deps.events.subscribe((event, payload) => {
    if (event !== 'pratiche.cambiata') return;
    const e = payload as { praticaId: string; stato: string; idOperazioneComune: string | null; idOperazioneANPR: string | null };
    if (!STATI_CON_ESITO.has(e.stato) || !e.idOperazioneComune) return;
    void deps.coda
      .queue()
      .then((queue) => {
        const p = queue.get(e.praticaId);
        if (!p || p.errori.length === 0 || !p.idOperazioneComune) return;
        // The lists of the environment that answered (the pratica's), not of the one current by now.
        const s = deps.settings.get();
        const ambiente = ambienteLocale({ ambiente: { tipo: p.ambiente || s.ambiente.tipo }, comune: s.comune });
        const r = registraAnomalieDaRisposta(deps.db, ambiente, {
          soggettoKey: p.soggettoKey,
          idOperazioneComune: p.idOperazioneComune,
          idOperazioneANPR: p.idOperazioneANPR,
          servizio: p.servizio,
          errori: p.errori,
        });
        if (r.inserite) {
          log?.info('anomalies registered from answer', { pratica: p.id, inserite: r.inserite, codici: p.errori.map((x) => x.codice).join(',') });
          deps.events.emit('anomalie.cambiate', { origine: 'risposta', inserite: r.inserite, sanate: 0 });
        }
      })
      .catch((error: unknown) => log?.warn('anomalies not registered', { pratica: e.praticaId, error: error instanceof Error ? error.message : String(error) }));
  });
}
