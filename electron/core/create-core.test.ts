import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/ipc/contract';
import { createHandlers } from './handlers';
import { createTestCore } from '../test-support/core';
import { DEFAULT_SETTINGS } from '../settings/settings';

describe('core factory', () => {
  it('starts on the training simulator with the default comune', async () => {
    const core = createTestCore();
    const envelope = await core.router.dispatch('home.riepilogo', undefined, { transport: 'test' });
    expect(envelope).toMatchObject({
      ok: true,
      value: { comune: DEFAULT_SETTINGS.comune, ambiente: { tipo: 'SIMULATORE' }, connessione: { stato: 'non_verificata' } },
    });
    await core.dispose();
  });

  it('has exactly one handler per contract channel', async () => {
    const core = createTestCore();
    const handlers = createHandlers({ db: core.db, settings: core.settings, connection: core.connection, options: core.options });
    expect(Object.keys(handlers).sort()).toEqual([...channels].sort());
    expect([...core.router.channels].sort()).toEqual([...channels].sort());
    await core.dispose();
  });

  it('counts pratiche by state from the database', async () => {
    const core = createTestCore();
    const insert = core.db.prepare("INSERT INTO pratiche VALUES (?, '5005', ?, '{}', 1, NULL, NULL, 'x', 'x')");
    insert.run('a', 'bozza');
    insert.run('b', 'bozza');
    insert.run('c', 'esito_incerto');
    const envelope = await core.router.dispatch('home.riepilogo', undefined, { transport: 'test' });
    expect(envelope.ok && envelope.value).toMatchObject({ coda: { bozza: 2, esito_incerto: 1, accolta: 0 } });
    await core.dispose();
  });

  it('refuses a second core on the same data folder, and allows it after close', async () => {
    const first = createTestCore();
    expect(() => createTestCore({ dataDir: first.options.dataDir })).toThrow(/già aperto/);
    await first.close();
    const second = createTestCore({ dataDir: first.options.dataDir });
    await second.dispose();
  });

  it('takes over a lock left by a crashed process', async () => {
    const first = createTestCore();
    const dataDir = first.options.dataDir;
    await first.close();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, 'sportello.lock'), '999999'); // no such process
    const second = createTestCore({ dataDir });
    expect(readFileSync(join(dataDir, 'sportello.lock'), 'utf8')).toBe(String(process.pid));
    await second.dispose();
    expect(existsSync(dataDir)).toBe(false);
  });

  it('reports the connection probe result and pushes it as an event', async () => {
    const core = createTestCore({ probe: async () => ({ raggiungibile: true, messaggio: null }) });
    const seen: string[] = [];
    core.events.subscribe((event, payload) => seen.push(`${event}:${(payload as { stato: string }).stato}`));
    const envelope = await core.router.dispatch('connessione.verifica', undefined, { transport: 'test' });
    expect(envelope).toMatchObject({ ok: true, value: { stato: 'raggiungibile', ultimaChiamataRiuscita: '2026-11-26T09:00:00.000Z' } });
    expect(seen).toEqual(['connessione.cambiata:raggiungibile']);
    await core.dispose();
  });
});
