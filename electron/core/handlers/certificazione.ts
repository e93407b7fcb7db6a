import { createMemoryLogger } from '../../platform/logger';
import { createRicerca } from '../../features/ricerca/ricerca';
import { createServizioCertificazione, type OperatoreCertificazione } from '../../features/certificazione/servizio';
import { AppError } from '../../platform/ipc/app-error';
import type { CallContext } from '../../platform/ipc/router';
import type { CoreServices, DomainHandlers } from './services';

/** Certificates issued through ANPR 6001 (not the comune's keystores: see `certificati.*`). */
export function certificazioneHandlers(services: CoreServices): DomainHandlers<'certificazione'> {
  const logger = services.logger ?? createMemoryLogger();
  const ricerca = createRicerca({ db: services.db, clock: services.options.clock, logger, settings: services.settings, anpr: services.anpr });
  const servizio = createServizioCertificazione({
    db: services.db,
    clock: services.options.clock,
    logger,
    settings: services.settings,
    anpr: services.anpr,
    ricerca,
  });

  /** The issuing officer: the signed-in operator, from the core's session only. */
  const operatore = (context: CallContext): OperatoreCertificazione => {
    const sessione = services.accesso.corrente();
    if (!sessione || (context.operatore && context.operatore.codiceFiscale !== sessione.codiceFiscale)) {
      throw new AppError('OPERATORE_NON_IDENTIFICATO', 'Accedere con il proprio operatore per emettere certificati.');
    }
    return { codiceFiscale: sessione.codiceFiscale, cognome: sessione.cognome, nome: sessione.nome };
  };

  // Start-up: an issuance left in progress (crash, dropped connection) is replayed with its own id.
  let avvio: Promise<unknown> | null = null;
  const riconcilia = async () => {
    if (avvio) await avvio.catch(() => undefined);
    return servizio.riconcilia();
  };
  try {
    const pendenti = services.db
      .prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM certificati_emessi WHERE stato = 'in_emissione' AND ambiente = ?")
      .get(services.settings.get().ambiente.tipo)!.n;
    if (pendenti > 0) {
      avvio = new Promise((resolve) => setTimeout(resolve, 0))
        .then(() => servizio.riconcilia())
        .catch((error: unknown) => logger.warn('6001 start-up reconciliation deferred', { error: error instanceof Error ? error.message : String(error) }));
    }
  } catch (error) {
    logger.warn('6001 start-up reconciliation not checked', { error: error instanceof Error ? error.message : String(error) });
  }

  return {
    'certificazione.tabelle': () => servizio.tabelle(),
    'certificazione.anteprima': (richiesta, context) => servizio.anteprima(richiesta, operatore(context)),
    'certificazione.emetti': async (richiesta, context) => {
      const op = operatore(context);
      await riconcilia().catch(() => undefined);
      return servizio.emetti(richiesta, op);
    },
    'certificazione.archivio': (filtro) => ({ certificati: servizio.archivio(filtro) }),
    'certificazione.pdf': ({ id }) => {
      const { pdf, sha256, integro, nomeFile } = servizio.pdf(id);
      return { pdfBase64: pdf.toString('base64'), sha256, integro, nomeFile };
    },
    'certificazione.stampa': ({ id }, context) => ({ stampe: servizio.stampa(id, operatore(context).codiceFiscale) }),
    'certificazione.registro': ({ data, operatore: op }) => servizio.registro(data, op),
    'certificazione.esporta': ({ data, operatore: op, formato }) => {
      const { nomeFile, mime, contenuto } = servizio.esporta(data, op, formato);
      return { nomeFile, mime, contenutoBase64: contenuto.toString('base64') };
    },
    'certificazione.riconcilia': () => riconcilia(),
  };
}
