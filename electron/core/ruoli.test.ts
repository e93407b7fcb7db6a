import { describe, expect, it } from 'vitest';
import { createTestCore, OPERATORE_RUOLO } from '../test-support/core';
import type { Core } from './create-core';

/** Issue #18, item 3: role gaps closed in the core. */

async function call<T>(core: Core, channel: string, payload?: unknown): Promise<T> {
  const r = await core.router.dispatch(channel, payload, { transport: 'test' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

/** A core where the amministratore prepared things, then an operatore (not ufficiale) signed in. */
async function poiOperatore(prepara: (core: Core) => Promise<void>): Promise<Core & { dispose(): Promise<void> }> {
  const core = createTestCore();
  await call(core, 'home.riepilogo');
  await prepara(core);
  await core.accesso.crea({ ...OPERATORE_RUOLO, ruolo: 'operatore' });
  await core.accesso.accedi(OPERATORE_RUOLO.codiceFiscale, OPERATORE_RUOLO.password);
  // The initial password comes first: the core allows nothing else until it is changed.
  await call(core, 'sessione.cambiaPassword', { attuale: OPERATORE_RUOLO.password, nuova: 'password-nuova-operatore' });
  return core;
}

describe('role gaps', () => {
  it('an operatore cannot make ready, send, retry or discard an annulment an ufficiale drafted', async () => {
    let id = '';
    const core = await poiOperatore(async (c) => {
      id = (await call<{ id: string }>(c, 'pratiche.salvaBozza', { servizio: '5012', payload: null })).id;
    });
    try {
      for (const channel of ['pratiche.rendiPronta', 'pratiche.invia', 'pratiche.riprova', 'pratiche.scarta']) {
        // Confirmed as after the review step: only the role stands in the way.
        await expect(call(core, channel, { id, conferma: true, invio: 'ora' }), channel).rejects.toMatchObject({ code: 'OPERAZIONE_NON_CONSENTITA', message: /riservati all'ufficiale/ });
      }
      expect((await core.coda.queue()).get(id)).toMatchObject({ stato: 'bozza', scartata: null });
    } finally {
      await core.dispose();
    }
  });

  it('only an amministratore replaces the shared error catalogue; an operatore still imports anomaly files', async () => {
    const core = await poiOperatore(async () => {});
    try {
      const csv = Buffer.from('Codice;Descrizione\r\nEA001;Testo\r\n').toString('base64');
      const { caricamentoId } = await call<{ caricamentoId: string }>(core, 'anomalie.caricaBlocco', { nomeFile: 'tab_elenco_errori_anpr.csv', bloccoBase64: csv });
      await expect(call(core, 'anomalie.importaFile', { caricamentoId, destinazione: 'catalogo' })).rejects.toMatchObject({
        code: 'OPERAZIONE_NON_CONSENTITA',
        message: /riservato all'amministratore/,
      });
      const { caricamentoId: altro } = await call<{ caricamentoId: string }>(core, 'anomalie.caricaBlocco', { nomeFile: 'x.csv', bloccoBase64: csv });
      // The anomaly destination is still open to the operatore (refused here only for its header, not for the role).
      await expect(call(core, 'anomalie.importaFile', { caricamentoId: altro, destinazione: 'anomalie' })).rejects.toMatchObject({ code: 'FILE_NON_VALIDO' });
    } finally {
      await core.dispose();
    }
  });
});
