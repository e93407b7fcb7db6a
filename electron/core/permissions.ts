/**
 * Who may call which channel. Checked by the router before the handler runs
 * (and before the payload is even parsed), from the session held in the
 * core: nothing the renderer sends can widen it.
 *
 * - `pubblico`: no session needed (sign-in, first start, app info);
 * - `consultazione`: any signed-in operator, sola lettura included (reads);
 * - `modifica`: operatore, ufficiale d'anagrafe, amministratore (anything that
 *   changes local data or sends to ANPR). The default for an undeclared channel;
 * - `ufficiale`: ufficiale d'anagrafe and amministratore (e.g. annulments);
 * - `amministrazione`: amministratore only (settings, certificates, operators).
 *
 * A new channel that only reads declares itself `consultazione` here; one that
 * writes may rely on the default but should be listed too.
 */
import type { Channel } from '../../shared/ipc/contract';
import { ERROR_CODES, type IpcError } from '../../shared/ipc/envelope';
import type { Ruolo } from '../../shared/ipc/domains/operatori';
import type { CallContext } from '../platform/ipc/router';
import type { Accesso } from '../features/operatori/accesso';

export type Permesso = 'pubblico' | 'consultazione' | 'modifica' | 'ufficiale' | 'amministrazione';

export const RUOLI_AMMESSI: Record<Exclude<Permesso, 'pubblico'>, readonly Ruolo[]> = {
  consultazione: ['sola_lettura', 'operatore', 'ufficiale_anagrafe', 'amministratore'],
  modifica: ['operatore', 'ufficiale_anagrafe', 'amministratore'],
  ufficiale: ['ufficiale_anagrafe', 'amministratore'],
  amministrazione: ['amministratore'],
};

export const PERMESSO_PREDEFINITO: Permesso = 'modifica';

export const PERMESSI: { readonly [C in Channel]?: Permesso } = {
  'app.info': 'pubblico',
  'sessione.stato': 'pubblico',
  'sessione.accedi': 'pubblico',
  'sessione.primoAmministratore': 'pubblico',
  'sessione.esci': 'consultazione',
  'sessione.cambiaPassword': 'consultazione',
  'home.riepilogo': 'consultazione',
  'connessione.verifica': 'consultazione',
  'certificati.elenco': 'consultazione',
  'ricerca.soggetti': 'consultazione',
  'ricerca.scheda': 'consultazione',
  'ricerca.genitori': 'consultazione',
  'certificazione.tabelle': 'consultazione',
  'certificazione.archivio': 'consultazione',
  'certificazione.pdf': 'consultazione',
  'certificazione.registro': 'consultazione',
  'certificazione.esporta': 'consultazione',
  'anomalie.elenco': 'consultazione',
  'richieste.elenco': 'consultazione',
  'richieste.aggiorna': 'consultazione',
  'richieste.conteggi': 'consultazione',
  'richieste.dettaglio': 'consultazione',
  'richieste.file': 'consultazione',
  'richieste.cambiaStato': 'modifica',
  'richieste.avviaPratica': 'modifica',
  'anomalie.dettaglio': 'consultazione',
  'anomalie.riepilogo': 'consultazione',
  'anomalie.esporta': 'consultazione',
  'anomalie.importaFormazione': 'modifica',
  'coda.stato': 'consultazione',
  'pratiche.elenco': 'consultazione',
  'pratiche.dettaglio': 'consultazione',
  'pratiche.apri': 'consultazione',
  'pratiche.supporto': 'consultazione',
  'pratiche.scadenze': 'consultazione',
  'pratiche.salvaBozza': 'modifica',
  'pratiche.verifica': 'modifica',
  'pratiche.rendiPronta': 'modifica',
  'pratiche.invia': 'modifica',
  'pratiche.riprova': 'modifica',
  'pratiche.scarta': 'modifica',
  'pratiche.annulla': 'ufficiale',
  'tabelle.comuni': 'consultazione',
  'tabelle.comune': 'consultazione',
  'tabelle.statiEsteri': 'consultazione',
  'tabelle.voci': 'consultazione',
  // Pausing stops every clerk's sends: the ufficiale d'anagrafe's call, not an operatore's.
  'coda.pausa': 'ufficiale',
  'coda.riprendi': 'ufficiale',
  'coda.verifica': 'modifica',
  'coda.risolvi': 'ufficiale',
  'pratiche.seguito': 'modifica',
  'impostazioni.salvaComune': 'amministrazione',
  'impostazioni.salvaSicurezza': 'amministrazione',
  'impostazioni.salvaLetturaRichieste': 'amministrazione',
  'ambiente.salva': 'amministrazione',
  'certificati.importa': 'amministrazione',
  'certificati.ca': 'amministrazione',
  'certificati.importaCa': 'amministrazione',
  'certificati.rimuoviCa': 'amministrazione',
  'messaInEsercizio.stato': 'amministrazione',
  'messaInEsercizio.confermaIp': 'amministrazione',
  'operatori.elenco': 'amministrazione',
  'operatori.crea': 'amministrazione',
  'operatori.aggiorna': 'amministrazione',
};

/**
 * Channels that do not count as clerk activity for the inactivity lock
 * (electron/features/operatori/accesso.ts). The renderer calls them by itself, not
 * because the clerk did something: on mount of a screen and again on every
 * push from the core (`pratiche.cambiata`, `coda.cambiata`, `anomalie.cambiate`, sent by the queue
 * while it works in the background), or as a health check. If they counted,
 * an unattended screen would keep the session open for ever. The list lives
 * here, not in the renderer, because the renderer is not trusted to say what
 * is activity. Public channels (`sessione.stato`, which the renderer polls,
 * `app.info`) never count. A clerk who only looks at these lists is signed
 * out after the limit: the conservative side.
 */
export const NON_ATTIVITA: ReadonlySet<Channel> = new Set<Channel>([
  'home.riepilogo',
  'connessione.verifica',
  'coda.stato',
  'pratiche.elenco',
  'pratiche.apri',
  'pratiche.scadenze',
  // The anomalies screen reloads both on every `anomalie.cambiate` (answers from ANPR arriving in the background).
  'anomalie.elenco',
  'anomalie.riepilogo',
  // The Scrivania's card and the requests list reload on every `richieste.cambiate` (the background poll).
  'richieste.elenco',
  'richieste.conteggi',
]);

/** What an operator whose password is still the initial one may call (besides the public channels). */
export const CON_PASSWORD_DA_CAMBIARE: ReadonlySet<Channel> = new Set<Channel>(['sessione.cambiaPassword', 'sessione.esci']);

export function permessoDi(channel: Channel): Permesso {
  return PERMESSI[channel] ?? PERMESSO_PREDEFINITO;
}

export function consentito(permesso: Permesso, ruolo: Ruolo | null): boolean {
  if (permesso === 'pubblico') return true;
  return ruolo !== null && RUOLI_AMMESSI[permesso].includes(ruolo);
}

export type GuardResult = { ok: true; context: CallContext } | { ok: false; error: IpcError };
export type Guard = (channel: Channel, context: CallContext) => GuardResult;

/**
 * The router's check: the session from the core, the permission from the map
 * above. An authorised call on a channel that counts as activity restarts the
 * inactivity limit.
 */
export function createGuard(accesso: Pick<Accesso, 'corrente' | 'tocca' | 'scadutaPerInattivita'>): Guard {
  return (channel, context) => {
    const permesso = permessoDi(channel);
    if (permesso === 'pubblico') return { ok: true, context };
    const operatore = accesso.corrente();
    if (!operatore) {
      if (accesso.scadutaPerInattivita()) {
        return { ok: false, error: { code: ERROR_CODES.sessionExpired, message: 'Sessione scaduta per inattività: accedere di nuovo.' } };
      }
      return { ok: false, error: { code: ERROR_CODES.unauthenticated, message: 'Sessione scaduta o non aperta: accedere per continuare.' } };
    }
    // An initial password set by the amministratore: nothing but the change (and signing out) until it is changed.
    if (operatore.passwordDaCambiare && !CON_PASSWORD_DA_CAMBIARE.has(channel)) {
      return {
        ok: false,
        error: { code: ERROR_CODES.passwordChangeRequired, message: "Cambiare la password iniziale prima di continuare: è stata assegnata dall'amministratore." },
      };
    }
    if (!consentito(permesso, operatore.ruolo)) {
      return {
        ok: false,
        error: { code: ERROR_CODES.forbidden, message: 'Operazione non consentita per il proprio ruolo.' },
      };
    }
    if (!NON_ATTIVITA.has(channel)) accesso.tocca();
    return { ok: true, context: { ...context, operatore: { codiceFiscale: operatore.codiceFiscale, ruolo: operatore.ruolo } } };
  };
}
