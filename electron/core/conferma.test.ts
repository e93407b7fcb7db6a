import { describe, expect, it } from 'vitest';
import { createTestCore } from '../test-support/core';
import type { Core } from './create-core';

async function call<T>(core: Core, channel: string, payload?: unknown): Promise<T> {
  const r = await core.router.dispatch(channel, payload, { transport: 'test' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

const oggi = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome' }).format(new Date());

async function bozza5005(core: Core): Promise<{ id: string; membro: string }> {
  await core.anpr.client();
  const fam = (core.anpr.simulatore()!.admin.store.db.prepare('SELECT doc FROM schede ORDER BY rowid').all() as { doc: string }[])
    .map((row) => JSON.parse(row.doc) as { tipo: string; attiva: boolean; idFamigliaConvivenzaANPR: string; componenti: string[] })
    .find((s) => s.tipo === 'famiglia' && s.attiva && s.componenti.length >= 2)!;
  const payload = {
    generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: fam.idFamigliaConvivenzaANPR, tipoScheda: '1' },
    residenzaFamiglia: [
      {
        tipoIndirizzo: '1',
        indirizzo: { cap: '01022', comune: { nomeComune: 'BAGNOREGIO', codiceIstat: '056003', siglaProvinciaIstat: 'VT' }, toponimo: { specie: 'VIA', denominazioneToponimo: 'DEI MILLE' }, numeroCivico: { numero: '12' } },
      },
    ],
    datiControllo: { tipoMutazione: '2', tipoScheda: '1' },
  };
  const p = await call<{ id: string }>(core, 'pratiche.salvaBozza', { servizio: '5005', payload, dataDecorrenza: oggi(), soggettoKey: fam.componenti[0] });
  return { id: p.id, membro: fam.componenti[0]! };
}

describe('nothing goes to ANPR without the clerk confirmation', () => {
  it('a checked pratica stays bozza and is never sent; only the confirmation makes it pronta', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    const { id } = await bozza5005(core);
    const verificata = await call<{ ok: boolean; pratica: { stato: string }; numeroPraticaComune: string | null }>(core, 'pratiche.verifica', { id });
    expect(verificata).toMatchObject({ ok: true, pratica: { stato: 'bozza' } });
    expect(verificata.numeroPraticaComune).toMatch(/^\d{4}-\d{6}$/);

    // The dispatcher drains what is pronta: a checked draft is not.
    const queue = await core.coda.queue();
    await queue.drain({ maxAttesaMs: 0 });
    expect(queue.get(id)?.stato).toBe('bozza');
    expect(core.anpr.simulatore()!.admin.operations()).toEqual([]);

    // Without the confirmation the core refuses, whichever channel is used.
    await expect(call(core, 'pratiche.rendiPronta', { id })).rejects.toMatchObject({ code: 'CONFERMA_RICHIESTA' });
    await expect(call(core, 'pratiche.invia', { id })).rejects.toMatchObject({ code: 'CONFERMA_RICHIESTA' });
    await expect(call(core, 'pratiche.rendiPronta', { id, conferma: false })).rejects.toMatchObject({ code: 'CONFERMA_RICHIESTA' });
    await queue.drain({ maxAttesaMs: 0 });
    expect(queue.get(id)?.stato).toBe('bozza');
    expect(core.anpr.simulatore()!.admin.operations()).toEqual([]);

    // Confirmed: sent, with the comune's number in datiDelProcedimento (no EN111).
    const pronta = await call<{ ok: boolean; pratica: { stato: string }; numeroPraticaComune: string }>(core, 'pratiche.rendiPronta', { id, conferma: true, invio: 'ora' });
    expect(pronta).toMatchObject({ ok: true, pratica: { stato: 'pronta' }, numeroPraticaComune: verificata.numeroPraticaComune });
    await queue.drain({ maxAttesaMs: 0 });
    expect(queue.get(id)?.stato).toBe('accolta');
    expect(queue.get(id)?.errori).toEqual([]);
    expect((queue.get(id)?.payload as { datiDelProcedimento?: unknown }).datiDelProcedimento).toEqual({ numeroPraticaComune: verificata.numeroPraticaComune });
    expect(core.anpr.simulatore()!.admin.operations()).toHaveLength(1);
    expect((await call<{ numeroPraticaComune: string }>(core, 'pratiche.apri', { id })).numeroPraticaComune).toBe(verificata.numeroPraticaComune);
    await core.dispose();
  }, 60_000);

  it('keeps the number the comune typed itself', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    const { id } = await bozza5005(core);
    const queue = await core.coda.queue();
    const p = queue.get(id)!;
    queue.modifica(id, { payload: { ...(p.payload as object), datiDelProcedimento: { numeroPraticaComune: 'PROT 42-B' } } });
    const v = await call<{ ok: boolean; numeroPraticaComune: string }>(core, 'pratiche.verifica', { id });
    expect(v).toMatchObject({ ok: true, numeroPraticaComune: 'PROT 42-B' });
    await core.dispose();
  }, 60_000);
});
