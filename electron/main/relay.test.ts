/**
 * The shell ↔ core relay (issue 14) over a fake port: node:worker_threads'
 * MessageChannel stands in for Electron's MessageChannelMain (no Electron
 * binary runs here). The core's side is the real one (relay-core.ts), over a
 * real test core's router, or a fake core where a test needs control.
 */
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../core/event-bus';
import { serviCoreSuPorta, type CoreRelayato } from '../core/worker/relay-core';
import { portaNode } from '../core/worker/relay-protocollo';
import { archivioSegretiDaChiave } from '../core/worker/chiave-segreti';
import { createTestCore } from '../test-support/core';
import { ERROR_CODES } from '../../shared/ipc/envelope';
import { CORE_NON_DISPONIBILE, createShellRelay } from './relay-shell';
import { chiaveDati } from './chiave-dati';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const daChiudere: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of daChiudere.splice(0)) await c();
});

function coppia() {
  const { port1, port2 } = new MessageChannel();
  daChiudere.push(() => port1.close());
  return { shell: portaNode(port1), core: portaNode(port2) };
}

/** A core whose router records what reaches it. */
function coreFinto(over: Partial<CoreRelayato> = {}) {
  const arrivate: { canale: string; payload: unknown; transport: string }[] = [];
  const events = createEventBus();
  const core: CoreRelayato = {
    router: {
      dispatch: (canale, payload, context) => {
        arrivate.push({ canale, payload, transport: context.transport });
        return Promise.resolve({ ok: true, value: { eco: payload } });
      },
    },
    events,
    coda: { canQuit: () => ({ ok: false, messaggio: 'Invio ad ANPR in corso.' }), waitIdle: () => Promise.resolve() },
    close: () => Promise.resolve(),
    ...over,
  };
  return { core, arrivate, events };
}

describe('the shell relay to the core process', () => {
  it('relays a contract call to the real router and brings back its envelope', async () => {
    const core = createTestCore();
    daChiudere.push(() => core.dispose());
    const p = coppia();
    serviCoreSuPorta(p.core, core);
    const relay = createShellRelay(p.shell);
    await relay.pronto();
    const r = await relay.dispatch('app.info', undefined);
    expect(r.ok).toBe(true);
    // The router's own checks still apply on the other side (zod): same envelope as in-process.
    const male = await relay.dispatch('anomalie.dettaglio', { id: 'non un numero' });
    const diretto = await core.router.dispatch('anomalie.dettaglio', { id: 'non un numero' }, { transport: 'electron' });
    expect(male).toEqual(diretto);
    expect(male).toMatchObject({ ok: false, error: { code: ERROR_CODES.badRequest } });
  });

  it('refuses a name outside the contract in the shell, before the port', async () => {
    const p = coppia();
    const { core, arrivate } = coreFinto();
    serviCoreSuPorta(p.core, core);
    const relay = createShellRelay(p.shell);
    await relay.pronto();
    expect(await relay.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: ERROR_CODES.unknownChannel } });
    expect(await relay.dispatch('fs.leggi', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: ERROR_CODES.unknownChannel } });
    expect(arrivate).toEqual([]);
    // A contract channel reaches the core as an Electron call, with its payload intact.
    expect(await relay.dispatch('app.info', { x: [1, 2] })).toEqual({ ok: true, value: { eco: { x: [1, 2] } } });
    expect(arrivate).toEqual([{ canale: 'app.info', payload: { x: [1, 2] }, transport: 'electron' }]);
  });

  it('answers concurrent calls each with its own envelope, whatever the order the core finishes', async () => {
    const p = coppia();
    const rilasci: (() => void)[] = [];
    const { core } = coreFinto({
      router: {
        dispatch: (_c, payload) =>
          new Promise((resolve) => rilasci.push(() => resolve({ ok: true, value: payload }))),
      },
    });
    serviCoreSuPorta(p.core, core);
    const relay = createShellRelay(p.shell);
    await relay.pronto();
    const a = relay.dispatch('app.info', 'a');
    const b = relay.dispatch('app.info', 'b');
    await expect.poll(() => rilasci.length).toBe(2);
    rilasci[1]!();
    rilasci[0]!();
    expect(await Promise.all([a, b])).toEqual([{ ok: true, value: 'a' }, { ok: true, value: 'b' }]);
  });

  it("forwards the core's events named by the contract, and only those", async () => {
    const p = coppia();
    const { core, events } = coreFinto();
    serviCoreSuPorta(p.core, core);
    const relay = createShellRelay(p.shell);
    await relay.pronto();
    const visti: [string, unknown][] = [];
    const smetti = relay.onEvent((e, payload) => visti.push([e, payload]));
    events.emit('anomalie.cambiate', { origine: 'file', inserite: 3, sanate: 0 });
    (events.emit as (e: string, p: unknown) => void)('non.nel.contratto', { segreto: true });
    events.emit('anomalie.cambiate', { origine: 'file', inserite: 1, sanate: 0 });
    await expect.poll(() => visti.length).toBe(2);
    expect(visti.map(([e]) => e)).toEqual(['anomalie.cambiate', 'anomalie.cambiate']);
    smetti();
  });

  it('relays the control calls (may the app quit, wait for the queue, close)', async () => {
    const p = coppia();
    let chiuso = false;
    const { core } = coreFinto({ close: () => Promise.resolve(void (chiuso = true)) });
    serviCoreSuPorta(p.core, core);
    const relay = createShellRelay(p.shell);
    await relay.pronto();
    expect(await relay.controllo('puoChiudere')).toEqual({ ok: false, messaggio: 'Invio ad ANPR in corso.' });
    expect(await relay.controllo('attendiInattivita')).toBeNull();
    await relay.controllo('chiudi');
    expect(chiuso).toBe(true);
  });

  it('answers every pending and later call with an Italian error when the core process is gone', async () => {
    const p = coppia();
    const { core } = coreFinto({ router: { dispatch: () => new Promise(() => undefined) } });
    serviCoreSuPorta(p.core, core);
    const relay = createShellRelay(p.shell);
    await relay.pronto();
    const sospesa = relay.dispatch('app.info', undefined);
    const controllo = relay.controllo('puoChiudere');
    p.core.close(); // the utility process ended
    expect(await sospesa).toEqual(CORE_NON_DISPONIBILE);
    await expect(controllo).rejects.toThrow(/non risponde/);
    expect(relay.chiuso).toBe(true);
    expect(await relay.dispatch('app.info', undefined)).toEqual(CORE_NON_DISPONIBILE);
  });

  it("reports the core's start-up failure to whoever waits for it", async () => {
    const p = coppia();
    const relay = createShellRelay(p.shell);
    p.core.postMessage({ tipo: 'errore-avvio', messaggio: 'La cartella dati è in uso da un altro processo.' });
    await expect(relay.pronto()).rejects.toThrow('La cartella dati è in uso da un altro processo.');
  });
});

describe("the core process's secrets", () => {
  it('seal with a data key the shell keeps sealed by the OS keyring; the key file is never the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chiave-dati-'));
    daChiudere.push(() => rmSync(dir, { recursive: true, force: true }));
    // A fake safeStorage: reversible, and visibly not the identity.
    const sigillo = { encryptString: (s: string) => Buffer.from(`OS:${Buffer.from(s).reverse().toString('base64')}`), decryptString: (b: Buffer) => Buffer.from(b.toString().slice(3), 'base64').reverse().toString() };
    const chiave = chiaveDati(dir, sigillo);
    expect(chiaveDati(dir, sigillo)).toBe(chiave);
    expect(readFileSync(join(dir, 'chiave-dati.sigillata'), 'utf8')).not.toContain(chiave);
    const a = archivioSegretiDaChiave(Buffer.from(chiave, 'base64'), 'safeStorage:test+chiave-dati');
    const sigillato = a.encrypt('passphrase del comune');
    expect(sigillato.toString('utf8')).not.toContain('passphrase');
    expect(archivioSegretiDaChiave(Buffer.from(chiave, 'base64'), 'x').decrypt(sigillato)).toBe('passphrase del comune');
    expect(() => archivioSegretiDaChiave(Buffer.alloc(32, 1), 'x').decrypt(sigillato)).toThrow();
  });
});
