import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/ipc/contract';
import { createTestCore, OPERATORE_TEST } from '../test-support/core';
import { NON_ATTIVITA, PERMESSI, permessoDi } from './permissions';

const web = { transport: 'web' as const };
const NUOVO = { codiceFiscale: 'TSTLRA85M41H501B', nome: 'Laura', cognome: 'Test', ruolo: 'operatore', password: 'password-lunga-1' };

describe('role checks in the main process', () => {
  it('every channel resolves to a permission; only sign-in, first start and app info are public', () => {
    const pubblici = channels.filter((channel) => permessoDi(channel) === 'pubblico').sort();
    expect(pubblici).toEqual(['app.info', 'sessione.accedi', 'sessione.primoAmministratore', 'sessione.stato']);
    for (const channel of Object.keys(PERMESSI)) expect(channels).toContain(channel);
  });

  it('only reads may be exempt from counting as activity (a change always restarts the inactivity limit)', () => {
    for (const channel of NON_ATTIVITA) expect(permessoDi(channel), channel).toBe('consultazione');
  });

  it('refuses every non-public channel without a session, before parsing or running the handler', async () => {
    const core = createTestCore({}, { accesso: null });
    for (const channel of channels.filter((c) => permessoDi(c) !== 'pubblico')) {
      const envelope = await core.router.dispatch(channel, { anything: true }, web);
      expect(envelope, channel).toMatchObject({ ok: false, error: { code: 'NON_AUTENTICATO' } });
    }
    expect(await core.router.dispatch('app.info', undefined, web)).toMatchObject({ ok: true });
    expect(await core.router.dispatch('sessione.stato', undefined, web)).toMatchObject({ ok: true, value: { configurato: false, operatore: null } });
    await core.dispose();
  });

  it('a sola lettura operator can read but cannot change anything, whatever the renderer sends', async () => {
    const core = createTestCore({}, { accesso: 'sola_lettura' });
    expect(await core.router.dispatch('home.riepilogo', undefined, web)).toMatchObject({ ok: true });
    expect(await core.router.dispatch('sessione.stato', undefined, web)).toMatchObject({ ok: true, value: { operatore: { ruolo: 'sola_lettura' } } });
    const refused = [
      ['impostazioni.salvaComune', { codiceIstat: '058091', denominazione: 'Roma' }],
      ['ambiente.salva', { tipo: 'PRODUZIONE', conferma: 'PRODUZIONE' }],
      ['operatori.crea', { ...NUOVO, ruolo: 'amministratore' }],
      ['operatori.aggiorna', { codiceFiscale: 'TSTLRA85M41H501B', ruolo: 'amministratore' }],
      ['certificati.importa', { tipo: 'comune', p12Base64: 'AAAA', passphrase: 'x' }],
    ] as const;
    for (const [channel, payload] of refused) {
      const envelope = await core.router.dispatch(channel, payload, web);
      expect(envelope, channel).toMatchObject({ ok: false, error: { code: 'OPERAZIONE_NON_CONSENTITA', message: expect.stringContaining('non consentita') } });
    }
    // Nothing changed.
    expect(core.settings.get().comune.codiceIstat).not.toBe('058091');
    expect(core.accesso.elenco().find((o) => o.codiceFiscale === 'TSTLRA85M41H501B')?.ruolo).toBe('sola_lettura');
    // A caller cannot claim an operator in the context either.
    const spoofed = await core.router.dispatch('operatori.elenco', undefined, { transport: 'web', operatore: { codiceFiscale: OPERATORE_TEST.codiceFiscale, ruolo: 'amministratore' } });
    expect(spoofed).toMatchObject({ ok: false, error: { code: 'OPERAZIONE_NON_CONSENTITA' } });
    await core.dispose();
  });

  it('an operatore cannot manage operators or settings; an amministratore can', async () => {
    const operatore = createTestCore({}, { accesso: 'operatore' });
    expect(await operatore.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: false, error: { code: 'OPERAZIONE_NON_CONSENTITA' } });
    await operatore.dispose();
    const admin = createTestCore();
    expect(await admin.router.dispatch('operatori.crea', NUOVO, web)).toMatchObject({ ok: true, value: { ruolo: 'operatore', nome: 'LAURA' } });
    expect(await admin.router.dispatch('operatori.elenco', undefined, web)).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ codiceFiscale: NUOVO.codiceFiscale })]) });
    expect(await admin.router.dispatch('operatori.crea', { ...NUOVO, codiceFiscale: 'TSTLRA85M41H501X' }, web)).toMatchObject({ ok: false, error: { code: 'RICHIESTA_NON_VALIDA' } });
    expect(await admin.router.dispatch('ambiente.salva', { tipo: 'PRODUZIONE' }, web)).toMatchObject({ ok: false, error: { code: 'CONFERMA_RICHIESTA' } });
    expect(await admin.router.dispatch('operatori.aggiorna', { codiceFiscale: OPERATORE_TEST.codiceFiscale, attivo: false }, web)).toMatchObject({ ok: false });
    expect(await admin.router.dispatch('sessione.esci', undefined, web)).toMatchObject({ ok: true });
    expect(await admin.router.dispatch('home.riepilogo', undefined, web)).toMatchObject({ ok: false, error: { code: 'NON_AUTENTICATO' } });
    await admin.dispose();
  });

  it('the signed-in clerk is the SAML NameID of ANPR calls', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    expect(await core.router.dispatch('sessione.stato', undefined, web)).toMatchObject({ ok: true });
    expect((await core.anpr.ambiente()).operatore).toBe(OPERATORE_TEST.codiceFiscale);
    core.accesso.esci();
    expect((await core.anpr.ambiente()).operatore).not.toBe(OPERATORE_TEST.codiceFiscale);
    await core.dispose();
  });
});
