import { describe, expect, it } from 'vitest';
import { channels, contract } from '../../../shared/ipc/contract';
import { createMemoryLogger } from '../logger';
import { AppError } from './app-error';
import { createRouter, type Handlers } from './router';

const info = {
  nome: 'Sportello ANPR',
  versione: '1.0.0',
  host: 'web' as const,
  cartellaDati: '/tmp/x',
  archivioSegreti: 'file-key',
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  let calls = 0;
  const notUsed = () => {
    throw new Error('not used');
  };
  const base: Handlers = {
    ...(Object.fromEntries(channels.map((channel) => [channel, notUsed])) as unknown as Handlers),
    'app.info': () => {
      calls++;
      return info;
    },
    'home.riepilogo': () => {
      throw new Error('not used');
    },
    'connessione.verifica': () => ({ stato: 'raggiungibile', ultimaChiamataRiuscita: null, verificataIl: null, messaggio: null }),
    'impostazioni.salvaComune': (comune) => comune,
    'certificati.elenco': () => ({ comune: null, postazione: null }),
    'certificati.importa': () => {
      throw new Error('not used');
    },
  };
  return Object.assign(base, overrides, { get calls() { return calls; } });
}

describe('IPC router', () => {
  it('answers a known channel with an ok envelope', async () => {
    const router = createRouter(handlers(), createMemoryLogger());
    expect(await router.dispatch('app.info', undefined, { transport: 'test' })).toEqual({ ok: true, value: info });
  });

  it('refuses an unknown channel without calling any handler', async () => {
    const logger = createMemoryLogger();
    const all = handlers();
    const router = createRouter(all, logger);
    const envelope = await router.dispatch('fs.readFile', '/etc/passwd', { transport: 'test' });
    expect(envelope).toEqual({ ok: false, error: { code: 'CANALE_SCONOSCIUTO', message: expect.any(String) } });
    expect((all as unknown as { calls: number }).calls).toBe(0);
    expect(logger.entries.some((entry) => entry.message.includes('unknown channel'))).toBe(true);
  });

  it('refuses inherited object keys as channels', async () => {
    const router = createRouter(handlers(), createMemoryLogger());
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const envelope = await router.dispatch(name, undefined, { transport: 'test' });
      expect(envelope.ok).toBe(false);
    }
  });

  it('refuses a malformed payload before the handler runs, with the zod issues', async () => {
    let ran = false;
    const router = createRouter(
      handlers({
        'app.info': () => {
          ran = true;
          return info;
        },
      }),
      createMemoryLogger(),
    );
    const envelope = await router.dispatch('app.info', { unexpected: true }, { transport: 'test' });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.code).toBe('RICHIESTA_NON_VALIDA');
      expect(Array.isArray(envelope.error.details)).toBe(true);
    }
    expect(ran).toBe(false);
  });

  it('turns an AppError into its Italian message and a thrown bug into a generic one', async () => {
    const router = createRouter(
      handlers({
        'app.info': () => {
          throw new AppError('CERTIFICATO_SCADUTO', 'Il certificato è scaduto.', 'notAfter 2020-01-01');
        },
        'home.riepilogo': () => {
          throw new TypeError('secret internals /home/user/x');
        },
      }),
      createMemoryLogger(),
    );
    expect(await router.dispatch('app.info', undefined, { transport: 'test' })).toEqual({
      ok: false,
      error: { code: 'CERTIFICATO_SCADUTO', message: 'Il certificato è scaduto.' },
    });
    const bug = await router.dispatch('home.riepilogo', undefined, { transport: 'test' });
    expect(bug.ok).toBe(false);
    if (!bug.ok) {
      expect(bug.error.code).toBe('ERRORE_INTERNO');
      expect(bug.error.message).not.toContain('secret internals');
    }
  });

  it('refuses a handler answer that breaks the contract', async () => {
    const router = createRouter(
      handlers({ 'app.info': () => ({ nome: 42 }) as unknown as typeof info }),
      createMemoryLogger(),
    );
    const envelope = await router.dispatch('app.info', undefined, { transport: 'test' });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('RISPOSTA_NON_VALIDA');
  });

  it('exposes exactly the contract channels', () => {
    const router = createRouter(handlers(), createMemoryLogger());
    expect([...router.channels].sort()).toEqual(Object.keys(contract).sort());
    expect([...channels].sort()).toEqual(Object.keys(contract).sort());
  });
});
