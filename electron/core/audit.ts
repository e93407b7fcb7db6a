/**
 * Privileged actions in `audit_log`, through one helper the router calls
 * after every successful call of a channel listed here: operator accounts,
 * passwords, the comune's certificate, environment and endpoint, security
 * settings, the shared error catalogue, bulk exports of personal data and
 * consultations (3002 searches, certificate previews). `azione` is the
 * channel; `dettaglio` what was done, never a password or a passphrase.
 *
 * Every `amministrazione` channel must be listed (audit.test.ts fails
 * otherwise): a new administrative channel is audited by adding one line.
 */
import type { Channel, RequestOf } from '../../shared/ipc/contract';
import type { Db } from '../platform/db/database';
import type { Logger } from '../platform/logger';
import type { CallContext } from '../platform/ipc/router';
import type { Clock } from './clock';

type Descrittore<C extends Channel> = (request: RequestOf<C>) => string | null;

export const AUDITATI: { readonly [C in Channel]?: Descrittore<C> } = {
  'operatori.elenco': () => 'elenco degli operatori consultato',
  'operatori.crea': (r) => `operatore ${r.codiceFiscale} creato, ruolo ${r.ruolo}`,
  'operatori.aggiorna': (r) =>
    [
      `operatore ${r.codiceFiscale}`,
      r.ruolo ? `ruolo ${r.ruolo}` : null,
      r.attivo === undefined ? null : r.attivo ? 'riattivato' : 'disattivato',
      r.nuovaPassword ? 'password reimpostata' : null,
    ]
      .filter(Boolean)
      .join(', '),
  'sessione.cambiaPassword': () => 'password cambiata',
  'certificati.importa': (r) => `certificato ${r.tipo} importato o sostituito`,
  'certificati.ca': () => 'bundle CA di ANPR consultato',
  'certificati.importaCa': () => 'bundle CA di ANPR importato o sostituito',
  'certificati.rimuoviCa': () => 'bundle CA di ANPR importato rimosso',
  'messaInEsercizio.stato': () => 'lista di controllo della messa in esercizio consultata',
  'messaInEsercizio.confermaIp': (r) => (r.confermato ? 'registrazione dell’IP pubblico in ANPR confermata' : 'conferma dell’IP pubblico ritirata'),
  'ambiente.salva': (r) => `ambiente ${r.tipo}${r.endpoint ? `, endpoint ${r.endpoint}` : ''}`,
  'impostazioni.salvaSicurezza': (r) => `blocco per inattività dopo ${r.minutiInattivita} minuti`,
  'impostazioni.salvaLetturaRichieste': (r) => `lettura delle richieste online ogni ${r.minutiAggiornamento} minuti`,
  'impostazioni.salvaComune': (r) => `comune ${r.codiceIstat} ${r.denominazione}`,
  'anomalie.importaFile': (r) => (r.destinazione === 'catalogo' ? 'catalogo dei codici di errore sostituito' : 'file di anomalie importato'),
  'anomalie.esporta': (r) => `esportazione anomalie (${r.formato})`,
  'certificazione.esporta': (r) => `esportazione registro certificati del ${r.data} (${r.formato})`,
  'ricerca.soggetti': (r) => {
    switch (r.tipo) {
      case 'codiceFiscale':
        return `ricerca 3002 per codice fiscale ${r.codiceFiscale}`;
      case 'generalita':
        return `ricerca 3002 per generalità ${[r.cognome, r.nome, r.dataNascita].filter(Boolean).join(' ')}`;
      case 'indirizzo':
        return `ricerca nei dati locali per indirizzo ${[r.via, r.numero].filter(Boolean).join(' ')}`;
      default:
        return `ricerca 3002 per ${r.tipo}`;
    }
  },
  'ricerca.scheda': (r) => `scheda ${r.idSchedaSoggettoANPR} consultata`,
  'certificazione.anteprima': (r) => `anteprima certificato (${r.tipi.join('+')}) per la scheda ${r.idSchedaSoggettoANPR}`,
};

export type AuditPrivilegi = (channel: Channel, request: unknown, context: CallContext) => void;

export function createAuditPrivilegi(deps: { db: Db; clock: Clock; logger: Logger }): AuditPrivilegi {
  const insert = deps.db.prepare('INSERT INTO audit_log (quando, operatore, azione, dettaglio) VALUES (?, ?, ?, ?)');
  return (channel, request, context) => {
    const descrivi = AUDITATI[channel] as Descrittore<Channel> | undefined;
    if (!descrivi) return;
    try {
      insert.run(deps.clock.now().toISOString(), context.operatore?.codiceFiscale ?? 'sconosciuto', channel, descrivi(request as RequestOf<Channel>));
    } catch (error) {
      // The action is done; a missing audit row must at least be loud.
      deps.logger.error('audit of a privileged action failed', { channel, error: error instanceof Error ? error.message : String(error) });
    }
  };
}
