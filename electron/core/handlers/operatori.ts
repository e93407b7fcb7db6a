import { calcolaCodiceFiscale } from '../../../shared/domain/codice-fiscale';
import { AppError } from '../../platform/ipc/app-error';
import type { CoreServices, DomainHandlers } from './services';

/** The fictitious training operator (same as the training PKI's NameID): a suggestion, never an account. */
const OPERATORE_FORMAZIONE = {
  codiceFiscale: calcolaCodiceFiscale({ cognome: 'PROVA', nome: 'OPERATORE', sesso: 'M', dataNascita: '1980-01-01', belfiore: 'A577' }),
  nome: 'OPERATORE',
  cognome: 'PROVA',
};

export function operatoriHandlers(services: CoreServices): DomainHandlers<'sessione'> & DomainHandlers<'operatori'> {
  const { accesso } = services;
  return {
    'sessione.stato': () => {
      const configurato = accesso.configurato();
      const settings = services.settings.get();
      return {
        ambiente: settings.ambiente.tipo,
        comune: settings.comune,
        configurato,
        operatore: accesso.corrente(),
        // Read after `corrente()`, which is where an expired session is closed.
        scadutaPerInattivita: accesso.scadutaPerInattivita(),
        operatoreFormazione: !configurato && settings.ambiente.tipo === 'SIMULATORE' ? OPERATORE_FORMAZIONE : null,
      };
    },
    'sessione.primoAmministratore': async (dati) => {
      const sessione = await accesso.primoAmministratore(dati);
      void services.connection.verify();
      return sessione;
    },
    'sessione.accedi': ({ codiceFiscale, password }) => accesso.accedi(codiceFiscale, password),
    'sessione.esci': () => {
      accesso.esci();
      return { uscito: true as const };
    },
    'sessione.cambiaPassword': async ({ attuale, nuova }) => {
      await accesso.cambiaPassword(attuale, nuova);
      return { cambiata: true as const };
    },
    'operatori.elenco': () => accesso.elenco(),
    'operatori.crea': (dati, context) => accesso.crea(dati, context.operatore?.codiceFiscale),
    'operatori.aggiorna': ({ codiceFiscale, ...patch }, context) => {
      if (context.operatore?.codiceFiscale === codiceFiscale.toUpperCase() && (patch.attivo === false || (patch.ruolo && patch.ruolo !== 'amministratore'))) {
        throw new AppError('OPERAZIONE_NON_CONSENTITA', 'Non è possibile disattivare o declassare il proprio utente: chiedere a un altro amministratore.');
      }
      return accesso.aggiorna(codiceFiscale, patch, context.operatore?.codiceFiscale);
    },
  };
}
