import { describe, expect, it } from 'vitest';
import { createTestCore } from '../test-support/core';

describe('first start: training mode', () => {
  it('reaches the in-process ANPR simulator with a signed TestConn, and says so', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    const riepilogo = await core.router.dispatch('home.riepilogo', undefined, { transport: 'test' });
    expect(riepilogo).toMatchObject({ ok: true, value: { ambiente: { tipo: 'SIMULATORE', etichetta: expect.stringContaining('prova') } } });
    const verifica = await core.router.dispatch('connessione.verifica', undefined, { transport: 'test' });
    expect(verifica).toMatchObject({ ok: true, value: { stato: 'raggiungibile', messaggio: null } });
    const simulator = core.anpr.simulatore();
    expect(simulator?.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const operations = await simulator!.admin.operations();
    expect(Array.isArray(operations)).toBe(true);
    await core.dispose();
    expect(core.anpr.simulatore()).toBeNull();
  });

  it('allocates increasing ids for reads from the queue sequence', async () => {
    const core = createTestCore({ clock: { now: () => new Date('2026-11-26T09:00:00Z') } });
    const first = await core.anpr.nuovoIdOperazione();
    const second = await core.anpr.nuovoIdOperazione();
    expect(first).toMatch(/^20261126090000000\d{4}$/);
    expect(second > first).toBe(true);
    await core.dispose();
  });
});
