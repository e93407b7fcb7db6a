import { describe, expect, it } from 'vitest';
import type { Pratica } from '../coda/types';
import { oggiRoma, scadenzaDi, scadenzeDi } from './scadenze';

const pratica = (p: Partial<Pratica>): Pratica =>
  ({ id: 'p', servizio: '5005', stato: 'bozza', scartata: null, soggettoKey: null, protocollo: 'P', dataProtocollo: '2026-12-01', scadenza: null, ...p }) as Pratica;

describe('deadlines of residence declarations', () => {
  it('gives a draft 2 working days from the protocol date, only for 5005 and 1002', () => {
    // Tuesday 1 December 2026 → Thursday 3 December.
    expect(scadenzaDi('5005', '2026-12-01')).toBe('2026-12-03');
    expect(scadenzaDi('1002', '2026-12-01')).toBe('2026-12-03');
    expect(scadenzaDi('2001', '2026-12-01')).toBeUndefined();
    expect(scadenzaDi('5005', null)).toBeUndefined();
  });

  it('lists registrations still due and the 45 days of checks of accepted ones, soonest first, within the window', () => {
    const out = scadenzeDi(
      [
        pratica({ id: 'a', stato: 'accolta', dataProtocollo: '2026-11-20' }),
        pratica({ id: 'b', scadenza: '2026-12-03' }),
        pratica({ id: 'c', scartata: '2026-12-02T00:00:00.000Z' }),
        pratica({ id: 'd', servizio: '2001' }),
        pratica({ id: 'e', stato: 'accolta', dataProtocollo: '2026-01-01' }),
      ],
      '2026-12-04',
      60,
    );
    expect(out.map((s) => [s.praticaId, s.tipo, s.scadenza, s.giorni])).toEqual([
      ['b', 'registrazione', '2026-12-03', -1],
      ['a', 'accertamenti', '2027-01-04', 31],
    ]);
    expect(scadenzeDi([pratica({ id: 'a', stato: 'accolta', dataProtocollo: '2026-11-20' })], '2026-12-04', 30)).toEqual([]);
  });

  it("counts days in Rome's calendar", () => {
    expect(oggiRoma({ now: () => new Date('2026-12-31T23:30:00.000Z') })).toBe('2027-01-01');
  });
});
