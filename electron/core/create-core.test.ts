import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/ipc/contract';
import { createHandlers } from './handlers';
import { createTestCore } from '../test-support/core';
import { DEFAULT_SETTINGS } from '../platform/impostazioni';

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
    const handlers = createHandlers(core);
    expect(Object.keys(handlers).sort()).toEqual([...channels].sort());
    expect([...core.router.channels].sort()).toEqual([...channels].sort());
    await core.dispose();
  });

  it('counts pratiche by state from the database', async () => {
    const core = createTestCore();
    const insert = core.db.prepare("INSERT INTO pratiche (id, servizio, stato, payload_json, schema_version, creata, aggiornata) VALUES (?, '5005', ?, '{}', 1, 'x', 'x')");
    insert.run('a', 'bozza');
    insert.run('b', 'bozza');
    insert.run('c', 'esito_incerto');
    const envelope = await core.router.dispatch('home.riepilogo', undefined, { transport: 'test' });
    expect(envelope.ok && envelope.value).toMatchObject({ coda: { bozza: 2, esito_incerto: 1, accolta: 0 } });
    await core.dispose();
  });

  it("wires its own event subscriptions once, and releases them on close (the anomaly lists and the online requests stop listening)", async () => {
    const core = createTestCore();
    // The anomaly register and the requests' follow-up of outcomes.
    expect(core.events.listenerCount()).toBe(2);
    // Building the handlers again subscribes nothing.
    createHandlers(core);
    expect(core.events.listenerCount()).toBe(2);
    await core.close();
    expect(core.events.listenerCount()).toBe(0);
    // An answer arriving after close reaches no listener (nothing throws, nothing is registered).
    core.events.emit('pratiche.cambiata', { praticaId: 'x', stato: 'respinta', idOperazioneComune: '1', idOperazioneANPR: null, messaggio: null });
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

  it('imports the comune certificate over IPC and never answers with key material', async () => {
    const { ensureTestPki } = await import('../test-support/pki');
    const pki = ensureTestPki();
    const core = createTestCore({ clock: { now: () => new Date() } });
    const p12Base64 = pki.read('comune-legacy.p12').toString('base64');
    const wrong = await core.router.dispatch('certificati.importa', { tipo: 'comune', p12Base64, passphrase: 'sbagliata' }, { transport: 'test' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_ERRATA', message: 'La password del certificato non è corretta.' } });
    const imported = await core.router.dispatch('certificati.importa', { tipo: 'comune', p12Base64, passphrase: pki.passphrase }, { transport: 'test' });
    expect(imported).toMatchObject({ ok: true, value: { codiceIstat: pki.istat, tipo: 'comune' } });
    const listed = await core.router.dispatch('certificati.elenco', undefined, { transport: 'test' });
    expect(listed).toMatchObject({ ok: true, value: { comune: { commonName: `${pki.istat}-CO-9999` }, postazione: null } });
    const serialized = JSON.stringify([imported, listed]);
    expect(serialized).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    expect(serialized).not.toContain(pki.passphrase);
    const expired = await core.router.dispatch('certificati.importa', { tipo: 'comune', p12Base64: pki.read('expired.p12').toString('base64'), passphrase: pki.passphrase }, { transport: 'test' });
    expect(expired).toMatchObject({ ok: false, error: { code: 'CERTIFICATO_SCADUTO' } });
    await core.dispose();
  });
});
