import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../core/create-core';
import { FileKeySecretStore } from '../platform/secrets/file-key-store';
import { createMemoryLogger } from '../platform/logger';
import type { Clock } from '../core/clock';
import type { Ruolo } from '../../shared/ipc/domains/operatori';

/** The operator `createTestCore` signs in by default (a valid, fictitious codice fiscale). */
export const OPERATORE_TEST = { codiceFiscale: 'TSTMRA80A01H501C', nome: 'MARIO', cognome: 'TEST', password: 'password-di-prova' };
/** The operator signed in when `createTestCore` is asked for another role. */
export const OPERATORE_RUOLO = { codiceFiscale: 'TSTLRA85M41H501B', nome: 'LAURA', cognome: 'TEST', password: 'password-di-prova-2' };

/** A fixed, settable clock for tests. */
export function testClock(start = new Date('2026-11-26T09:00:00Z')): Clock & { set(date: Date): void; advance(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now.getTime()),
    set: (date) => void (now = date),
    advance: (ms) => void (now = new Date(now.getTime() + ms)),
  };
}

/**
 * A core on a fresh temp data folder; `dispose()` closes it and deletes the folder.
 * By default an amministratore is created and signed in before the first
 * dispatch (`accesso: null` starts with nobody signed in, as the app does).
 */
export function createTestCore(
  overrides: Partial<CoreOptions> = {},
  opts: { accesso?: Ruolo | null } = {},
): Core & { dispose(): Promise<void> } {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'sportello-core-'));
  const core = createCore({
    dataDir,
    secretStore: new FileKeySecretStore(join(dataDir, 'secret.key')),
    clock: testClock(),
    host: 'test',
    version: '0.0.0-test',
    logger: createMemoryLogger(),
    ...overrides,
  });
  const ruolo = opts.accesso === undefined ? 'amministratore' : opts.accesso;
  if (ruolo) {
    const tollera = (code: string) => (error: unknown) => {
      if ((error as { code?: string }).code !== code) throw error;
    };
    const accedi = async () => {
      await core.accesso.primoAmministratore(OPERATORE_TEST).catch(tollera('GIA_CONFIGURATO'));
      if (ruolo === 'amministratore') {
        await core.accesso.accedi(OPERATORE_TEST.codiceFiscale, OPERATORE_TEST.password);
      } else {
        await core.accesso.crea({ ...OPERATORE_RUOLO, ruolo }).catch(tollera('OPERATORE_ESISTENTE'));
        // As if the operator had already replaced the initial password (tested in electron/features/operatori/accesso.test.ts).
        core.db.prepare('UPDATE operatori SET password_da_cambiare = 0 WHERE codice_fiscale = ?').run(OPERATORE_RUOLO.codiceFiscale);
        await core.accesso.accedi(OPERATORE_RUOLO.codiceFiscale, OPERATORE_RUOLO.password);
      }
    };
    // Signed in lazily, before the first dispatch (so a core that is never called does no work).
    let ready: Promise<void> | null = null;
    const dispatch = core.router.dispatch.bind(core.router);
    Object.assign(core.router, {
      dispatch: async (...args: Parameters<typeof dispatch>) => {
        ready ??= accedi();
        await ready;
        return dispatch(...args);
      },
    });
  }
  return Object.assign(core, {
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
