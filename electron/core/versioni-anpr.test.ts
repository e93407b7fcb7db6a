import { describe, expect, it } from 'vitest';
import { createTestCore } from '../test-support/core';
import type { StatoConnessione } from '../../shared/ipc/contract';

const ctx = { transport: 'test' } as const;

describe('7003: the interface versions ANPR supports, asked on every "Verifica collegamento"', () => {
  it('reads them after TestConn, keeps them in the connection state, and warns when ANPR moves on', async () => {
    const core = createTestCore({ clock: { now: () => new Date() } });
    try {
      const verifica = async () => {
        const r = await core.router.dispatch('connessione.verifica', undefined, ctx);
        if (!r.ok) throw new Error(r.error.message);
        return r.value as StatoConnessione;
      };
      const prima = await verifica();
      expect(prima.stato).toBe('raggiungibile');
      expect(prima.versioni).toMatchObject({
        parlata: { codDestinatario: 'ANPR05', versioneCompleta: '9.0.3' },
        corrente: { codDestinatario: 'ANPR05', versioneCompleta: '9.0.3' },
        supportata: true,
        superata: false,
        messaggio: null,
      });
      const sim = core.anpr.simulatore()!;
      expect(sim.admin.operations().map((o) => o.servizio)).toContain('7003');

      sim.admin.setVersioni({ corrente: { codDestinatario: 'ANPR06', versioneCompleta: '10.0.0' }, supportate: [{ codDestinatario: 'ANPR05', versioneCompleta: '9.0.3' }] });
      const notizia = await verifica();
      expect(notizia.versioni).toMatchObject({ supportata: true, superata: true, supportate: [{ codDestinatario: 'ANPR05' }] });
      expect(notizia.versioni?.messaggio).toContain('ANPR06 (10.0.0)');

      sim.admin.setVersioni({ corrente: { codDestinatario: 'ANPR06', versioneCompleta: '10.0.0' }, supportate: [] });
      const avviso = await verifica();
      expect(avviso.stato).toBe('raggiungibile');
      expect(avviso.versioni).toMatchObject({ supportata: false });
      expect(avviso.versioni?.messaggio).toContain('non accetta più');

      // A failed later check keeps the last list ANPR gave.
      sim.admin.setFaults([{ tipo: 'anpr_fermo', durataMs: 60_000 }]);
      await new Promise((r) => setImmediate(r));
      const giu = await verifica();
      expect(giu.stato).toBe('non_raggiungibile');
      expect(giu.versioni).toEqual(avviso.versioni);
    } finally {
      await core.dispose();
    }
  }, 60_000);
});
