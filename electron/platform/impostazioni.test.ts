import { describe, expect, it } from 'vitest';
import { createTestCore } from '../test-support/core';
import { DEFAULT_SETTINGS } from './impostazioni';

describe('settings', () => {
  it('rows saved before a key or a field existed load with its default', async () => {
    const core = createTestCore({}, { accesso: null });
    const scrivi = core.db.prepare('INSERT INTO impostazioni (chiave, valore_json, aggiornata) VALUES (?, ?, ?)');
    // What an older version stored: comune and ambiente, no `sicurezza`.
    scrivi.run('comune', JSON.stringify({ codiceIstat: '056009', denominazione: 'Bomarzo' }), '2026-01-01T00:00:00Z');
    scrivi.run('ambiente', JSON.stringify({ tipo: 'SIMULATORE', endpoint: 'simulatore-locale' }), '2026-01-01T00:00:00Z');
    expect(core.settings.get()).toEqual({ ...DEFAULT_SETTINGS, comune: { codiceIstat: '056009', denominazione: 'Bomarzo' } });
    expect(core.settings.get().sicurezza.minutiInattivita).toBe(15);
    // A stored key missing a field gets the field's default.
    scrivi.run('sicurezza', '{}', '2026-01-01T00:00:00Z');
    expect(core.settings.get().sicurezza).toEqual({ minutiInattivita: 15 });
    await core.dispose();
  });

  it('saves the inactivity limit and rejects values out of range', async () => {
    const core = createTestCore({}, { accesso: null });
    expect(core.settings.update({ sicurezza: { minutiInattivita: 240 } }).sicurezza.minutiInattivita).toBe(240);
    expect(core.settings.get().sicurezza.minutiInattivita).toBe(240);
    expect(core.settings.get().comune).toEqual(DEFAULT_SETTINGS.comune);
    expect(() => core.settings.update({ sicurezza: { minutiInattivita: 0 } })).toThrow();
    expect(() => core.settings.update({ sicurezza: { minutiInattivita: 2.5 } })).toThrow();
    expect(core.settings.get().sicurezza.minutiInattivita).toBe(240);
    await core.dispose();
  });
});
