import { describe, expect, it } from 'vitest';
import { createTestCore } from '../test-support/core';
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
