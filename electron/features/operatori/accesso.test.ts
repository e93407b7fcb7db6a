import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '../../platform/db/database';
import { migrations } from '../../platform/db/migrations';
import { createTestCore, testClock } from '../../test-support/core';
import { hashPassword, verifyPassword } from './password';

const ADMIN = { codiceFiscale: 'TSTMRA80A01H501C', nome: 'Mario', cognome: 'Test', password: 'una-password-lunga' };

describe('password hashing', () => {
  it('uses scrypt with a per-user salt and verifies only the right password', async () => {
    const a = await hashPassword('segreta-123', { N: 1024, r: 8, p: 1 });
    const b = await hashPassword('segreta-123', { N: 1024, r: 8, p: 1 });
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('segreta-123', a)).toBe(true);
    expect(await verifyPassword('segreta-124', a)).toBe(false);
    expect(await verifyPassword('segreta-123', 'md5$abc')).toBe(false);
  });
});

describe('operators and the session', () => {
  it('writes who used the workstation to the audit log: sign-in, refused sign-in, sign-out', async () => {
    const core = createTestCore({}, { accesso: null });
    await core.accesso.primoAmministratore(ADMIN);
    core.accesso.esci();
    await expect(core.accesso.accedi(ADMIN.codiceFiscale, 'sbagliata')).rejects.toMatchObject({ code: 'CREDENZIALI_NON_VALIDE' });
    await expect(core.accesso.accedi('RSSMRA80A01H501U', 'qualsiasi')).rejects.toMatchObject({ code: 'CREDENZIALI_NON_VALIDE' });
    await core.accesso.accedi(ADMIN.codiceFiscale, ADMIN.password);
    const righe = core.db.prepare('SELECT operatore, azione, dettaglio FROM audit_log ORDER BY id').all();
    expect(righe).toEqual([
      { operatore: ADMIN.codiceFiscale, azione: 'accesso', dettaglio: 'amministratore' },
      { operatore: ADMIN.codiceFiscale, azione: 'uscita', dettaglio: null },
      { operatore: ADMIN.codiceFiscale, azione: 'accesso_rifiutato', dettaglio: 'password errata' },
      // Not an operator: the CF typed is not recorded.
      { operatore: 'sconosciuto', azione: 'accesso_rifiutato', dettaglio: 'operatore sconosciuto' },
      { operatore: ADMIN.codiceFiscale, azione: 'accesso', dettaglio: 'amministratore' },
    ]);
    await core.dispose();
  });

  it('first start: one amministratore, signed in, never stored in clear', async () => {
    const core = createTestCore({}, { accesso: null });
    expect(core.accesso.configurato()).toBe(false);
    const sessione = await core.accesso.primoAmministratore(ADMIN);
    expect(sessione).toMatchObject({ codiceFiscale: ADMIN.codiceFiscale, nome: 'MARIO', ruolo: 'amministratore' });
    expect(core.accesso.configurato()).toBe(true);
    const stored = core.db.prepare('SELECT password_hash FROM operatori').pluck().get() as string;
    expect(stored).not.toContain(ADMIN.password);
    await expect(core.accesso.primoAmministratore({ ...ADMIN, codiceFiscale: 'TSTLRA85M41H501B' })).rejects.toMatchObject({ code: 'GIA_CONFIGURATO' });
    await core.dispose();
  });

  it('signs in with the right password only, locks after repeated failures, signs out', async () => {
    const core = createTestCore({}, { accesso: null });
    await core.accesso.primoAmministratore(ADMIN);
    core.accesso.esci();
    expect(core.accesso.corrente()).toBeNull();
    await expect(core.accesso.accedi(ADMIN.codiceFiscale, 'sbagliata')).rejects.toMatchObject({ code: 'CREDENZIALI_NON_VALIDE' });
    await expect(core.accesso.accedi('XXXXXX00X00X000X', 'qualsiasi')).rejects.toMatchObject({ code: 'CREDENZIALI_NON_VALIDE' });
    const ok = await core.accesso.accedi(ADMIN.codiceFiscale.toLowerCase(), ADMIN.password);
    expect(ok.ruolo).toBe('amministratore');
    core.accesso.esci();
    for (let i = 0; i < 5; i++) await expect(core.accesso.accedi(ADMIN.codiceFiscale, 'sbagliata')).rejects.toBeTruthy();
    await expect(core.accesso.accedi(ADMIN.codiceFiscale, ADMIN.password)).rejects.toMatchObject({ code: 'ACCESSO_BLOCCATO' });
    await core.dispose();
  });

  it('a deactivated operator loses the session at once; the last amministratore cannot go', async () => {
    const core = createTestCore({}, { accesso: null });
    await core.accesso.primoAmministratore(ADMIN);
    await core.accesso.crea({ codiceFiscale: 'TSTLRA85M41H501B', nome: 'Laura', cognome: 'Test', ruolo: 'operatore', password: 'password-operatore' });
    core.accesso.esci();
    await core.accesso.accedi('TSTLRA85M41H501B', 'password-operatore');
    expect(core.accesso.corrente()?.ruolo).toBe('operatore');
    await core.accesso.aggiorna('TSTLRA85M41H501B', { ruolo: 'sola_lettura' });
    expect(core.accesso.corrente()?.ruolo).toBe('sola_lettura');
    await core.accesso.aggiorna('TSTLRA85M41H501B', { attivo: false });
    expect(core.accesso.corrente()).toBeNull();
    await expect(core.accesso.accedi('TSTLRA85M41H501B', 'password-operatore')).rejects.toMatchObject({ code: 'OPERATORE_DISATTIVATO' });
    await expect(core.accesso.aggiorna(ADMIN.codiceFiscale, { ruolo: 'operatore' })).rejects.toMatchObject({ code: 'ULTIMO_AMMINISTRATORE' });
    expect(core.accesso.elenco().find((o) => o.codiceFiscale === ADMIN.codiceFiscale)?.ruolo).toBe('amministratore');
    await core.dispose();
  });
});

describe('password change and the initial password', () => {
  const OPERATORE = { codiceFiscale: 'TSTLRA85M41H501B', nome: 'Laura', cognome: 'Test', ruolo: 'operatore' as const, password: 'iniziale-dall-admin' };
  const web = { transport: 'web' as const };
  const audit = (core: ReturnType<typeof createTestCore>, azione: string) =>
    core.db.prepare('SELECT operatore, dettaglio FROM audit_log WHERE azione = ? ORDER BY id').all(azione) as { operatore: string; dettaglio: string | null }[];

  /** An amministratore creates OPERATORE (through the router, as the app does) and signs out; nobody signed in. */
  async function conOperatoreCreato(clock = testClock()) {
    const core = createTestCore({ clock }, { accesso: null });
    await core.accesso.primoAmministratore(ADMIN);
    expect(await core.router.dispatch('operatori.crea', OPERATORE, web)).toMatchObject({ ok: true, value: { passwordDaCambiare: true } });
    core.accesso.esci();
    return core;
  }

  it('the first amministratore chose their password: not "da cambiare"', async () => {
    const core = createTestCore({}, { accesso: null });
    const sessione = await core.accesso.primoAmministratore(ADMIN);
    expect(sessione.passwordDaCambiare).toBe(false);
    expect(await core.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true, value: [{ passwordDaCambiare: false }] });
    await core.dispose();
  });

  it('an operator created by the amministratore is refused by the core on every guarded channel until the change', async () => {
    const core = await conOperatoreCreato();
    expect(audit(core, 'operatore_creato')).toEqual([{ operatore: OPERATORE.codiceFiscale, dettaglio: `ruolo operatore, password iniziale da cambiare, da ${ADMIN.codiceFiscale}` }]);
    expect(await core.router.dispatch('sessione.accedi', { codiceFiscale: OPERATORE.codiceFiscale, password: OPERATORE.password }, web)).toMatchObject({
      ok: true,
      value: { passwordDaCambiare: true },
    });
    for (const [channel, payload] of [
      ['home.riepilogo', undefined],
      ['ricerca.soggetti', { codiceFiscale: 'RSSMRA80A01H501U' }],
      ['pratiche.elenco', undefined],
      ['pratiche.salvaBozza', { servizio: '5005', payload: null }],
      ['anomalie.riepilogo', undefined],
    ] as const) {
      expect(await core.router.dispatch(channel, payload, web), channel).toMatchObject({ ok: false, error: { code: 'PASSWORD_DA_CAMBIARE' } });
    }
    // The public state says so, for the renderer to show the change page.
    expect(await core.router.dispatch('sessione.stato', undefined, web)).toMatchObject({ ok: true, value: { operatore: { passwordDaCambiare: true } } });
    expect(await core.router.dispatch('sessione.cambiaPassword', { attuale: OPERATORE.password, nuova: 'scelta-da-laura-1' }, web)).toEqual({ ok: true, value: { cambiata: true } });
    expect(await core.router.dispatch('home.riepilogo', undefined, web)).toMatchObject({ ok: true });
    expect(core.accesso.corrente()?.passwordDaCambiare).toBe(false);
    expect(audit(core, 'cambio_password')).toEqual([{ operatore: OPERATORE.codiceFiscale, dettaglio: 'password iniziale sostituita' }]);
    // The new password signs in; the initial one no longer does.
    core.accesso.esci();
    await expect(core.accesso.accedi(OPERATORE.codiceFiscale, OPERATORE.password)).rejects.toMatchObject({ code: 'CREDENZIALI_NON_VALIDE' });
    expect((await core.accesso.accedi(OPERATORE.codiceFiscale, 'scelta-da-laura-1')).passwordDaCambiare).toBe(false);
    await core.dispose();
  });

  it('signing out is allowed before the change; the flag stays for the next sign-in', async () => {
    const core = await conOperatoreCreato();
    await core.accesso.accedi(OPERATORE.codiceFiscale, OPERATORE.password);
    expect(await core.router.dispatch('sessione.esci', undefined, web)).toEqual({ ok: true, value: { uscito: true } });
    expect((await core.accesso.accedi(OPERATORE.codiceFiscale, OPERATORE.password)).passwordDaCambiare).toBe(true);
    await core.dispose();
  });

  it('a wrong current password is refused and audited; the password is unchanged', async () => {
    const clock = testClock();
    const core = await conOperatoreCreato(clock);
    await core.accesso.accedi(OPERATORE.codiceFiscale, OPERATORE.password);
    expect(await core.router.dispatch('sessione.cambiaPassword', { attuale: 'non-e-questa', nuova: 'scelta-da-laura-1' }, web)).toMatchObject({
      ok: false,
      error: { code: 'CREDENZIALI_NON_VALIDE', message: 'La password attuale non è corretta.' },
    });
    expect(audit(core, 'cambio_password_rifiutato')).toEqual([{ operatore: OPERATORE.codiceFiscale, dettaglio: 'password attuale errata' }]);
    expect(audit(core, 'cambio_password')).toEqual([]);
    expect(core.accesso.corrente()?.passwordDaCambiare).toBe(true);
    // Repeated failures lock the change like the sign-in.
    for (let i = 0; i < 4; i++) await expect(core.accesso.cambiaPassword('non-e-questa', 'scelta-da-laura-1')).rejects.toMatchObject({ code: 'CREDENZIALI_NON_VALIDE' });
    await expect(core.accesso.cambiaPassword(OPERATORE.password, 'scelta-da-laura-1')).rejects.toMatchObject({ code: 'ACCESSO_BLOCCATO' });
    // The lock is the sign-in's: signing out and in again does not reset it; a minute later the initial password still works.
    core.accesso.esci();
    await expect(core.accesso.accedi(OPERATORE.codiceFiscale, OPERATORE.password)).rejects.toMatchObject({ code: 'ACCESSO_BLOCCATO' });
    clock.advance(61_000);
    expect((await core.accesso.accedi(OPERATORE.codiceFiscale, OPERATORE.password)).passwordDaCambiare).toBe(true);
    await core.dispose();
  });

  it('the new password follows the policy: at least 10 characters, different from the current one', async () => {
    const core = await conOperatoreCreato();
    await core.accesso.accedi(OPERATORE.codiceFiscale, OPERATORE.password);
    expect(await core.router.dispatch('sessione.cambiaPassword', { attuale: OPERATORE.password, nuova: 'corta' }, web)).toMatchObject({ ok: false, error: { code: 'RICHIESTA_NON_VALIDA' } });
    expect(await core.router.dispatch('sessione.cambiaPassword', { attuale: OPERATORE.password, nuova: OPERATORE.password }, web)).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_NON_VALIDA', message: 'La nuova password deve essere diversa da quella attuale.' },
    });
    expect(core.accesso.corrente()?.passwordDaCambiare).toBe(true);
    await core.dispose();
  });

  it('a signed-in operator changes their own password; a reset by the amministratore makes it "da cambiare" again', async () => {
    const core = createTestCore({}, { accesso: null });
    await core.accesso.primoAmministratore(ADMIN);
    expect(await core.router.dispatch('sessione.cambiaPassword', { attuale: ADMIN.password, nuova: 'ancora-piu-lunga-1' }, web)).toEqual({ ok: true, value: { cambiata: true } });
    expect(audit(core, 'cambio_password')).toEqual([{ operatore: ADMIN.codiceFiscale, dettaglio: null }]);
    await core.accesso.crea({ ...OPERATORE });
    await core.accesso.aggiorna(OPERATORE.codiceFiscale, { nuovaPassword: 'reimpostata-admin' }, ADMIN.codiceFiscale);
    expect(audit(core, 'password_reimpostata')).toEqual([{ operatore: OPERATORE.codiceFiscale, dettaglio: `password iniziale da cambiare, da ${ADMIN.codiceFiscale}` }]);
    core.accesso.esci();
    expect((await core.accesso.accedi(OPERATORE.codiceFiscale, 'reimpostata-admin')).passwordDaCambiare).toBe(true);
    await core.dispose();
  });

  it('migration 0010: existing operators keep signing in, not flagged', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'db-')), 'sportello.sqlite');
    const old = new Database(file);
    migrate(old, migrations, 9);
    old.prepare("INSERT INTO operatori (codice_fiscale, nome, cognome, ruolo, password_hash, creato, aggiornato) VALUES ('TSTLRA85M41H501B', 'LAURA', 'TEST', 'operatore', 'x', 'c', 'a')").run();
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT password_da_cambiare FROM operatori').pluck().all()).toEqual([0]);
    expect(() => db.prepare("UPDATE operatori SET password_da_cambiare = 2").run()).toThrow(/CHECK/);
    db.close();
  });
});
