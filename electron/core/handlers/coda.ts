import type { Pratica } from '../../queue/types';
import type { InvioRow } from '../../queue/store';
import { AppError } from '../../ipc/app-error';
import type { Handlers } from '../../ipc/router';
import type { CoreServices, DomainHandlers } from './services';

export function vista(pratica: Pratica) {
  return {
    id: pratica.id,
    servizio: pratica.servizio,
    stato: pratica.stato,
    soggettoKey: pratica.soggettoKey,
    dataDecorrenza: pratica.dataDecorrenza,
    protocollo: pratica.protocollo,
    dataProtocollo: pratica.dataProtocollo,
    scadenza: pratica.scadenza,
    operatore: pratica.operatore,
    idOperazioneComune: pratica.idOperazioneComune,
    idOperazioneANPR: pratica.idOperazioneANPR,
    errori: pratica.errori,
    messaggio: pratica.messaggio,
    scartata: pratica.scartata,
    creata: pratica.creata,
    aggiornata: pratica.aggiornata,
  };
}

export function invio(row: InvioRow) {
  return {
    idOperazioneComune: row.id_operazione_comune,
    idOperazioneANPR: row.id_operazione_anpr,
    aperto: row.aperto === 1,
    esito: row.esito,
    tentativi: row.tentativi,
    allocato: row.allocato,
    primoInvio: row.primo_invio,
    chiuso: row.chiuso,
    ultimoErrore: row.ultimo_errore,
  };
}

export function codaHandlers(services: CoreServices): DomainHandlers<'coda'> & Pick<Handlers, 'pratiche.elenco' | 'pratiche.dettaglio'> {
  let stato: { stato: 'inattiva' | 'in_invio' | 'in_attesa' | 'in_pausa' | 'offline' | 'anpr_non_raggiungibile' | 'bloccata'; messaggio: string | null } = {
    stato: 'inattiva',
    messaggio: null,
  };
  services.events.subscribe((event, payload) => {
    if (event === 'coda.stato') stato = payload as typeof stato;
  });
  return {
    'coda.stato': () => stato,
    'coda.pausa': async () => {
      (await services.coda.queue()).pause();
      return stato;
    },
    'coda.riprendi': async () => {
      (await services.coda.queue()).resume();
      return stato;
    },
    'pratiche.elenco': async (request) => (await services.coda.queue()).list(request?.stati ? { stati: request.stati } : {}).map(vista),
    'pratiche.dettaglio': async ({ id }) => {
      const queue = await services.coda.queue();
      const pratica = queue.get(id);
      if (!pratica) throw new AppError('PRATICA_NON_TROVATA', 'Pratica non trovata.');
      return { pratica: vista(pratica), invii: queue.invii(id).map(invio) };
    },
  };
}
