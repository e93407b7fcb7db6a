/** Anomaly lists (issue 7): thin adapters from the contract to electron/features/anomalie. */
import { AppError } from '../../platform/ipc/app-error';
import { anomalieService } from '../../features/anomalie';
import { CaricamentoNonValido } from '../../features/anomalie/service';
import { FileNonLeggibile } from '../../features/anomalie/tabella';
import { statoCatalogo } from '../../features/anomalie/catalogo';
import { csvFormazione, NOME_FILE_FORMAZIONE } from '../../features/anomalie/formazione';
import { TRAINING_ISTAT } from '../../simulator/training';
import { ambienteLocale } from '../../platform/impostazioni';
import type { CoreServices, DomainHandlers } from './services';

function nomeOperatore(services: CoreServices, codiceFiscale: string | undefined): string {
  if (!codiceFiscale) return 'operatore non identificato';
  try {
    const r = services.db.prepare('SELECT nome, cognome FROM operatori WHERE codice_fiscale = ?').get(codiceFiscale) as { nome: string; cognome: string } | undefined;
    return r ? `${r.nome} ${r.cognome}` : codiceFiscale;
  } catch {
    return codiceFiscale;
  }
}

export function anomalieHandlers(services: CoreServices): DomainHandlers<'anomalie'> {
  /**
   * The lists of the current environment and comune (the key of the local 3002 copies too): every call reads the
   * settings, so after a switch to PRODUZIONE nothing recorded in training shows, and it all comes back on return.
   */
  const corrente = () => anomalieService(services.db, ambienteLocale(services.settings.get()), services.options.clock);
  const log = services.logger?.child('anomalie');
  return {
    'anomalie.elenco': (richiesta) => corrente().store.elenco(richiesta),
    'anomalie.dettaglio': ({ id }) => {
      const d = corrente().store.dettaglio(id);
      if (!d) throw new AppError('ANOMALIA_NON_TROVATA', 'Anomalia non trovata.');
      return d;
    },
    'anomalie.riepilogo': () => ({ ...corrente().store.riepilogo(), catalogo: statoCatalogo(services.db) }),
    'anomalie.cambiaStato': ({ id, stato, nota }, context) => {
      const servizio = corrente();
      const d = servizio.store.cambiaStato(id, stato, nomeOperatore(services, context.operatore?.codiceFiscale), nota?.trim() || null, servizio.adesso());
      if (!d) throw new AppError('ANOMALIA_NON_TROVATA', 'Anomalia non trovata.');
      log?.info('anomaly state changed', { id, stato });
      services.events.emit('anomalie.cambiate', { origine: 'lavorazione', inserite: 0, sanate: stato === 'sanata' ? 1 : 0 });
      return d;
    },
    'anomalie.caricaBlocco': ({ caricamentoId, nomeFile, bloccoBase64 }) => {
      try {
        return corrente().caricaBlocco(caricamentoId, nomeFile, Buffer.from(bloccoBase64, 'base64'));
      } catch (error) {
        if (error instanceof CaricamentoNonValido) throw new AppError('CARICAMENTO_NON_VALIDO', error.message);
        throw error;
      }
    },
    'anomalie.importaFile': async ({ caricamentoId, destinazione }, context) => {
      // The error catalogue is shared by every operator and environment: replacing it is an administrator's act.
      if (destinazione === 'catalogo' && context.operatore?.ruolo !== 'amministratore') {
        throw new AppError('OPERAZIONE_NON_CONSENTITA', "Aggiornare il catalogo dei codici di errore è riservato all'amministratore.");
      }
      try {
        const servizio = corrente();
        const { nomeFile, dati } = servizio.prendiCaricamento(caricamentoId);
        const esito = await servizio.importaFile(dati, nomeFile, destinazione, context.operatore ? nomeOperatore(services, context.operatore.codiceFiscale) : null);
        // Counts only: no file name (it may carry a person's name), no row contents.
        log?.info('anomaly file imported', { destinazione, formato: esito.formato, righe: esito.righe, inserite: esito.inserite, scartate: esito.scartate, ms: Math.round(esito.ms) });
        if (destinazione === 'anomalie' && esito.inserite > 0) services.events.emit('anomalie.cambiate', { origine: 'file', inserite: esito.inserite, sanate: 0 });
        return esito;
      } catch (error) {
        if (error instanceof CaricamentoNonValido || error instanceof FileNonLeggibile) throw new AppError('FILE_NON_VALIDO', error.message);
        throw error;
      }
    },
    'anomalie.importaFormazione': async (_richiesta, context) => {
      const settings = services.settings.get();
      if (settings.ambiente.tipo !== 'SIMULATORE') {
        throw new AppError('SOLO_FORMAZIONE', "Le anomalie di esercitazione si importano solo nell'ambiente di prova locale (simulatore ANPR).");
      }
      // The simulator starts on first use: its state holds the residents and their anomalies.
      await services.anpr.client();
      const simulatore = services.anpr.simulatore();
      if (!simulatore) throw new AppError('SIMULATORE_NON_DISPONIBILE', "Il simulatore ANPR dell'ambiente di prova non è avviato: riprovare tra poco.");
      const residenti = simulatore.admin.store.residentiConAnomalie(TRAINING_ISTAT);
      const servizio = corrente();
      const { dati } = csvFormazione(residenti, servizio.adesso().slice(0, 10));
      const esito = await servizio.importaFile(dati, NOME_FILE_FORMAZIONE, 'anomalie', context.operatore ? nomeOperatore(services, context.operatore.codiceFiscale) : null);
      log?.info('training anomaly file imported', { residenti: residenti.length, righe: esito.righe, inserite: esito.inserite, scartate: esito.scartate });
      if (esito.inserite > 0) services.events.emit('anomalie.cambiate', { origine: 'file', inserite: esito.inserite, sanate: 0 });
      return esito;
    },
    'anomalie.esporta': ({ filtri, ordinamento, raggruppamento, formato }) => {
      const f = corrente().esporta(filtri, ordinamento, raggruppamento, formato);
      return { nomeFile: f.nomeFile, mime: f.mime, base64: f.dati.toString('base64'), righe: f.righe };
    },
  };
}
