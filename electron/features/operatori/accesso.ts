/**
 * Local operator accounts and the one signed-in session of this postazione.
 * The session lives here, in the core: the renderer can only ask to sign in
 * or out. Every check re-reads the operator, so a deactivation or a role
 * change by the amministratore takes effect on the next call.
 *
 * Inactivity lock: the session remembers the time of the clerk's last
 * activity (`tocca()`, called by the router's guard, electron/core/permissions.ts).
 * Once more than `minutiInattivita()` minutes have passed, the next check
 * closes it, logs it and writes `sessione_scaduta` to the audit log. The
 * timestamp stays in memory: a restart already starts with nobody signed in.
 */
import type { Db } from '../../platform/db/database';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../platform/logger';
import { AppError } from '../../platform/ipc/app-error';
import { normalizzaCodiceFiscale } from '../../../shared/domain/codice-fiscale';
import type { Operatore, Ruolo, Sessione } from '../../../shared/ipc/domains/operatori';
import { HASH_FITTIZIO, hashPassword, verifyPassword } from './password';

interface OperatoreRow {
  codice_fiscale: string;
  nome: string;
  cognome: string;
  ruolo: Ruolo;
  password_hash: string;
  attivo: number;
  creato: string;
  aggiornato: string;
  ultimo_accesso: string | null;
  password_da_cambiare: number;
}

export interface DatiNuovoOperatore {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  ruolo: Ruolo;
  password: string;
}

export interface Accesso {
  /** True once at least one amministratore exists. */
  configurato(): boolean;
  /** The signed-in operator, re-checked against the database and the inactivity limit; null if none. */
  corrente(): Sessione | null;
  /** Records clerk activity: the inactivity limit counts from now. */
  tocca(): void;
  /** True when the last session closed for inactivity and nobody has signed in (or out) since. */
  scadutaPerInattivita(): boolean;
  primoAmministratore(dati: Omit<DatiNuovoOperatore, 'ruolo'>): Promise<Sessione>;
  accedi(codiceFiscale: string, password: string): Promise<Sessione>;
  esci(): void;
  /** The signed-in operator changes their own password (clears "da cambiare"); audited, refused if the current one is wrong. */
  cambiaPassword(attuale: string, nuova: string): Promise<void>;
  elenco(): Operatore[];
  /** A new operator's password is initial: "da cambiare" at first sign-in. `autore`: the amministratore, for the audit log. */
  crea(dati: DatiNuovoOperatore, autore?: string): Promise<Operatore>;
  /** A `nuovaPassword` is a reset: flagged "da cambiare" like an initial one. */
  aggiorna(codiceFiscale: string, patch: { ruolo?: Ruolo; attivo?: boolean; nuovaPassword?: string }, autore?: string): Promise<Operatore>;
}

const MAX_TENTATIVI = 5;
const BLOCCO_MS = 60_000;

const CREDENZIALI_ERRATE = new AppError('CREDENZIALI_NON_VALIDE', 'Codice fiscale o password non corretti.');

function toOperatore(row: OperatoreRow): Operatore {
  return {
    codiceFiscale: row.codice_fiscale,
    nome: row.nome,
    cognome: row.cognome,
    ruolo: row.ruolo,
    attivo: row.attivo === 1,
    creato: row.creato,
    ultimoAccesso: row.ultimo_accesso,
    passwordDaCambiare: row.password_da_cambiare === 1,
  };
}

export function createAccesso(deps: { db: Db; clock: Clock; logger: Logger; minutiInattivita: () => number }): Accesso {
  const { db, clock } = deps;
  const log = deps.logger.child('accesso');
  const q = {
    uno: db.prepare<[string], OperatoreRow>('SELECT * FROM operatori WHERE codice_fiscale = ?'),
    tutti: db.prepare<[], OperatoreRow>('SELECT * FROM operatori ORDER BY cognome, nome, codice_fiscale'),
    amministratoriAttivi: db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM operatori WHERE ruolo = 'amministratore' AND attivo = 1"),
    quanti: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM operatori'),
    inserisci: db.prepare(
      `INSERT INTO operatori (codice_fiscale, nome, cognome, ruolo, password_hash, attivo, creato, aggiornato, password_da_cambiare)
       VALUES (@codice_fiscale, @nome, @cognome, @ruolo, @password_hash, 1, @ora, @ora, @password_da_cambiare)`,
    ),
    aggiorna: db.prepare(
      `UPDATE operatori SET ruolo = @ruolo, attivo = @attivo, password_hash = @password_hash, password_da_cambiare = @password_da_cambiare, aggiornato = @ora
       WHERE codice_fiscale = @codice_fiscale`,
    ),
    accesso: db.prepare('UPDATE operatori SET ultimo_accesso = ? WHERE codice_fiscale = ?'),
    audit: db.prepare<[string, string, string, string | null]>('INSERT INTO audit_log (quando, operatore, azione, dettaglio) VALUES (?, ?, ?, ?)'),
  };
  /** `attivita`: epoch ms of the last clerk activity (in memory only). */
  let sessione: { codiceFiscale: string; dal: string; attivita: number } | null = null;
  let scaduta = false;
  const tentativi = new Map<string, { falliti: number; bloccatoFino: number }>();
  const ora = () => clock.now().toISOString();
  /** Sign-in, sign-out and refusals go to the audit log (who used this workstation, and when). */
  const registra = (operatore: string, azione: string, dettaglio: string | null = null) => {
    try {
      q.audit.run(ora(), operatore, azione, dettaglio);
    } catch (error) {
      log.error('audit of a session event failed', { azione, error: error instanceof Error ? error.message : String(error) });
    }
  };

  /** Closes the session if the clerk has been away too long; true if it did. */
  const scadutaOra = (aperta: NonNullable<typeof sessione>): boolean => {
    const now = clock.now().getTime();
    // The system clock went back: count from now rather than keep the session open longer.
    if (now < aperta.attivita) aperta.attivita = now;
    const minuti = deps.minutiInattivita();
    if (now - aperta.attivita <= minuti * 60_000) return false;
    const ultimaAttivita = new Date(aperta.attivita).toISOString();
    sessione = null;
    scaduta = true;
    // The application log never gets codici fiscali (electron/platform/logger.ts): the audit log names the operator.
    log.info('session expired for inactivity', { minuti, ultimaAttivita });
    try {
      q.audit.run(ora(), aperta.codiceFiscale, 'sessione_scaduta', `nessuna attività per oltre ${minuti} minuti (ultima alle ${ultimaAttivita})`);
    } catch (error) {
      // The session is closed anyway: a failed audit write must not let the call through or crash the router.
      log.error('audit of the expired session failed', { error: error instanceof Error ? error.message : String(error) });
    }
    return true;
  };

  const corrente = (): Sessione | null => {
    if (!sessione || scadutaOra(sessione)) return null;
    const row = q.uno.get(sessione.codiceFiscale);
    if (!row || row.attivo !== 1) {
      sessione = null;
      return null;
    }
    return {
      codiceFiscale: row.codice_fiscale,
      nome: row.nome,
      cognome: row.cognome,
      ruolo: row.ruolo,
      dal: sessione.dal,
      passwordDaCambiare: row.password_da_cambiare === 1,
    };
  };

  const apri = (row: OperatoreRow): Sessione => {
    const dal = ora();
    q.accesso.run(dal, row.codice_fiscale);
    sessione = { codiceFiscale: row.codice_fiscale, dal, attivita: clock.now().getTime() };
    scaduta = false;
    log.info('operator signed in', { ruolo: row.ruolo });
    registra(row.codice_fiscale, 'accesso', row.ruolo);
    return corrente()!;
  };

  const nuovo = async (dati: DatiNuovoOperatore, daCambiare: boolean) => ({
    codice_fiscale: normalizzaCodiceFiscale(dati.codiceFiscale),
    nome: dati.nome.trim().toUpperCase(),
    cognome: dati.cognome.trim().toUpperCase(),
    ruolo: dati.ruolo,
    password_hash: await hashPassword(dati.password),
    password_da_cambiare: daCambiare ? 1 : 0,
    ora: ora(),
  });

  return {
    configurato: () => q.amministratoriAttivi.get()!.n > 0,
    corrente,
    tocca() {
      if (sessione) sessione.attivita = clock.now().getTime();
    },
    scadutaPerInattivita: () => scaduta,

    async primoAmministratore(dati) {
      // The first amministratore chose this password: not "da cambiare".
      const row = await nuovo({ ...dati, ruolo: 'amministratore' }, false);
      db.transaction(() => {
        if (q.quanti.get()!.n > 0) {
          throw new AppError('GIA_CONFIGURATO', "L'amministratore è già stato creato: accedere con le proprie credenziali.");
        }
        q.inserisci.run(row);
      })();
      log.info('first amministratore created');
      return apri(q.uno.get(row.codice_fiscale)!);
    },

    async accedi(codiceFiscale, password) {
      const cf = normalizzaCodiceFiscale(codiceFiscale);
      const now = clock.now().getTime();
      const stato = tentativi.get(cf);
      if (stato && stato.bloccatoFino > now) {
        throw new AppError('ACCESSO_BLOCCATO', 'Troppi tentativi non riusciti: riprovare tra un minuto.');
      }
      const row = q.uno.get(cf);
      // Verify even for an unknown operator, so timing does not tell who exists.
      const ok = await verifyPassword(password, row?.password_hash ?? HASH_FITTIZIO);
      if (!row || !ok || row.attivo !== 1) {
        const falliti = (stato?.falliti ?? 0) + 1;
        tentativi.set(cf, { falliti: falliti >= MAX_TENTATIVI ? 0 : falliti, bloccatoFino: falliti >= MAX_TENTATIVI ? now + BLOCCO_MS : 0 });
        log.warn('sign-in refused', { motivo: !row ? 'unknown' : !ok ? 'password' : 'inactive' });
        // A CF that is not an operator is not recorded (it may be anybody's).
        registra(row ? row.codice_fiscale : 'sconosciuto', 'accesso_rifiutato', !row ? 'operatore sconosciuto' : !ok ? 'password errata' : 'operatore disattivato');
        if (row && ok && row.attivo !== 1) throw new AppError('OPERATORE_DISATTIVATO', "L'operatore è disattivato: rivolgersi all'amministratore.");
        throw CREDENZIALI_ERRATE;
      }
      tentativi.delete(cf);
      return apri(row);
    },

    esci() {
      if (sessione) {
        log.info('operator signed out');
        registra(sessione.codiceFiscale, 'uscita');
      }
      sessione = null;
      scaduta = false;
    },

    async cambiaPassword(attuale, nuova) {
      const io = corrente();
      if (!io) throw new AppError('NON_AUTENTICATO', 'Accedere per continuare.');
      const row = q.uno.get(io.codiceFiscale)!;
      // The same limit as the sign-in: an unattended session must not become a way to guess the password.
      const now = clock.now().getTime();
      const stato = tentativi.get(row.codice_fiscale);
      if (stato && stato.bloccatoFino > now) {
        throw new AppError('ACCESSO_BLOCCATO', 'Troppi tentativi non riusciti: riprovare tra un minuto.');
      }
      if (!(await verifyPassword(attuale, row.password_hash))) {
        const falliti = (stato?.falliti ?? 0) + 1;
        tentativi.set(row.codice_fiscale, { falliti: falliti >= MAX_TENTATIVI ? 0 : falliti, bloccatoFino: falliti >= MAX_TENTATIVI ? now + BLOCCO_MS : 0 });
        log.warn('password change refused', { motivo: 'current password wrong' });
        registra(row.codice_fiscale, 'cambio_password_rifiutato', 'password attuale errata');
        throw new AppError('CREDENZIALI_NON_VALIDE', 'La password attuale non è corretta.');
      }
      tentativi.delete(row.codice_fiscale);
      if (nuova.normalize('NFC') === attuale.normalize('NFC')) {
        throw new AppError('PASSWORD_NON_VALIDA', 'La nuova password deve essere diversa da quella attuale.');
      }
      const password_hash = await hashPassword(nuova);
      db.transaction(() => {
        const quando = ora();
        // Re-read: a role change or deactivation in between must not be undone by this write.
        const adesso = q.uno.get(row.codice_fiscale)!;
        q.aggiorna.run({ codice_fiscale: adesso.codice_fiscale, ruolo: adesso.ruolo, attivo: adesso.attivo, password_hash, password_da_cambiare: 0, ora: quando });
        q.audit.run(quando, adesso.codice_fiscale, 'cambio_password', adesso.password_da_cambiare === 1 ? 'password iniziale sostituita' : null);
      })();
      log.info('password changed by the operator', { iniziale: row.password_da_cambiare === 1 });
    },

    elenco: () => q.tutti.all().map(toOperatore),

    async crea(dati, autore) {
      const row = await nuovo(dati, true);
      if (q.uno.get(row.codice_fiscale)) throw new AppError('OPERATORE_ESISTENTE', 'Esiste già un operatore con questo codice fiscale.');
      db.transaction(() => {
        q.inserisci.run(row);
        q.audit.run(row.ora, row.codice_fiscale, 'operatore_creato', `ruolo ${row.ruolo}, password iniziale da cambiare${autore ? `, da ${autore}` : ''}`);
      })();
      log.info('operator created', { ruolo: row.ruolo });
      return toOperatore(q.uno.get(row.codice_fiscale)!);
    },

    async aggiorna(codiceFiscale, patch, autore) {
      const cf = normalizzaCodiceFiscale(codiceFiscale);
      const password_hash = patch.nuovaPassword ? await hashPassword(patch.nuovaPassword) : undefined;
      db.transaction(() => {
        const row = q.uno.get(cf);
        if (!row) throw new AppError('OPERATORE_INESISTENTE', 'Operatore non trovato.');
        const next = {
          codice_fiscale: row.codice_fiscale,
          ruolo: patch.ruolo ?? row.ruolo,
          attivo: patch.attivo === undefined ? row.attivo : patch.attivo ? 1 : 0,
          password_hash: password_hash ?? row.password_hash,
          password_da_cambiare: password_hash ? 1 : row.password_da_cambiare,
          ora: ora(),
        };
        q.aggiorna.run(next);
        if (password_hash) q.audit.run(next.ora, row.codice_fiscale, 'password_reimpostata', `password iniziale da cambiare${autore ? `, da ${autore}` : ''}`);
        if (q.amministratoriAttivi.get()!.n === 0) {
          throw new AppError('ULTIMO_AMMINISTRATORE', "Deve restare almeno un amministratore attivo.");
        }
      })();
      log.info('operator updated', { ruolo: patch.ruolo ?? null, attivo: patch.attivo ?? null, password: patch.nuovaPassword !== undefined });
      return toOperatore(q.uno.get(cf)!);
    },
  };
}
