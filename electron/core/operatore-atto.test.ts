import { describe, expect, it } from 'vitest';
import { createTestCore, OPERATORE_RUOLO, OPERATORE_TEST } from '../test-support/core';
import type { Core } from './create-core';

/**
 * Issue #18, item 1: ANPR records as having acted the operator who made the
 * pratica ready, not whoever is signed in when the dispatcher sends it.
 */

type Scheda = { tipo: string; attiva: boolean; idFamigliaConvivenzaANPR: string; componenti: string[] };

async function call<T>(core: Core, channel: string, payload?: unknown): Promise<T> {
  const r = await core.router.dispatch(channel, payload, { transport: 'test' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

const oggi = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome' }).format(new Date());

function payload5005(idFamiglia: string) {
  return {
    generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: idFamiglia, tipoScheda: '1' },
    residenzaFamiglia: [
      {
        tipoIndirizzo: '1',
        indirizzo: { cap: '01022', comune: { nomeComune: 'BAGNOREGIO', codiceIstat: '056003', siglaProvinciaIstat: 'VT' }, toponimo: { specie: 'VIA', denominazioneToponimo: 'DEI MILLE' }, numeroCivico: { numero: '12' } },
      },
    ],
    datiControllo: { tipoMutazione: '2', tipoScheda: '1' },
  };
}

describe('the operator ANPR records is the one who acted', () => {
  it('A makes a pratica pronta and signs out, B signs in, the queue drains: the NameID and the audit are A’s', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    try {
      // A (amministratore, OPERATORE_TEST) prepares the pratica; the dispatcher is not running yet.
      await call(core, 'home.riepilogo');
      await core.anpr.client();
      const sim = core.anpr.simulatore()!;
      const fam = (sim.admin.store.db.prepare('SELECT doc FROM schede ORDER BY rowid').all() as { doc: string }[])
        .map((row) => JSON.parse(row.doc) as Scheda)
        .find((s) => s.tipo === 'famiglia' && s.attiva && s.componenti.length >= 2)!;
      const p = await call<{ id: string }>(core, 'pratiche.salvaBozza', { servizio: '5005', payload: payload5005(fam.idFamigliaConvivenzaANPR), dataDecorrenza: oggi(), soggettoKey: fam.componenti[0] });
      expect(await call(core, 'pratiche.rendiPronta', { id: p.id, conferma: true, invio: 'automatico' })).toMatchObject({ ok: true });
      await core.accesso.crea({ ...OPERATORE_RUOLO, ruolo: 'operatore' });
      await call(core, 'sessione.esci');

      // B signs in; then the queue sends.
      await core.accesso.accedi(OPERATORE_RUOLO.codiceFiscale, OPERATORE_RUOLO.password);
      expect(core.accesso.corrente()?.codiceFiscale).toBe(OPERATORE_RUOLO.codiceFiscale);
      // B's initial password is replaced first (the core allows nothing else until then).
      await call(core, 'sessione.cambiaPassword', { attuale: OPERATORE_RUOLO.password, nuova: 'password-nuova-di-b' });
      await core.coda.start();
      const queue = await core.coda.queue();
      await expect.poll(() => queue.get(p.id)?.stato, { timeout: 20_000 }).toMatch(/^accolta/);

      const id = queue.get(p.id)!.idOperazioneComune;
      expect(sim.admin.operations().find((o) => o.idOperazioneComune === id)).toMatchObject({ servizio: '5005', operatore: OPERATORE_TEST.codiceFiscale });
      const audit = core.db.prepare('SELECT azione, operatore FROM audit_log WHERE pratica_id = ? ORDER BY id').all(p.id) as { azione: string; operatore: string }[];
      expect(audit.filter((r) => r.azione === 'id_allocato' || r.azione.startsWith('esito_'))).toEqual([
        { azione: 'id_allocato', operatore: OPERATORE_TEST.codiceFiscale },
        { azione: expect.stringMatching(/^esito_accolta/), operatore: OPERATORE_TEST.codiceFiscale },
      ]);
      // B's own acts are still B's.
      const q = await call<{ id: string }>(core, 'pratiche.salvaBozza', { servizio: '5005', payload: payload5005(fam.idFamigliaConvivenzaANPR), dataDecorrenza: oggi(), soggettoKey: fam.componenti[0] });
      expect(await call(core, 'pratiche.rendiPronta', { id: q.id, conferma: true, invio: 'automatico' })).toMatchObject({ ok: true });
      await expect.poll(() => queue.get(q.id)?.stato, { timeout: 20_000 }).toMatch(/^(accolta|respinta)/);
      const idB = queue.get(q.id)!.idOperazioneComune;
      expect(sim.admin.operations().find((o) => o.idOperazioneComune === idB)?.operatore).toBe(OPERATORE_RUOLO.codiceFiscale);
    } finally {
      await core.dispose();
    }
  }, 60_000);
});
