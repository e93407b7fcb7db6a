import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

describe('Tabella 2 read asynchronously by the renderer', () => {
  it('a state code not registered yet is not refused until the whole table is; then an unknown one is', async () => {
    vi.resetModules();
    const dati = await import('./tabelle-dati');
    const { controllaStato } = await import('./regole');
    const stato = z.string().superRefine((v, ctx) => void controllaStato(ctx, v, ['stato']));
    const errori = (v: string) => (stato.safeParse(v).error?.issues ?? []).map((i) => i.message);
    // The type-ahead registered Romania; Italia is still being read.
    dati.registraStati([{ codice: '235', denominazione: 'ROMANIA', belfiore: 'Z129' }]);
    expect(errori('100')).toEqual([]);
    expect(errori('10')).toEqual(['Il codice dello stato è di 3 cifre (es. 100 Italia, 215 Francia).']);
    dati.registraStati([{ codice: '100', denominazione: 'ITALIA', belfiore: null }], { completa: true });
    expect(dati.tabellaStatiCompleta()).toBe(true);
    expect(errori('100')).toEqual([]);
    expect(errori('777')).toEqual(['Il codice 777 non è nella tabella degli stati esteri.']);
  });
});
