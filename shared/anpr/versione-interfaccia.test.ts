import { describe, expect, it } from 'vitest';
import { VERSIONE_INTERFACCIA, confrontaVersioni } from './versione-interfaccia';

const v = (codDestinatario: string, versioneCompleta: string) => ({ codDestinatario, versioneCompleta });

describe('the interface version the app speaks, against the list 7003 returns', () => {
  it('says nothing while ANPR lists exactly the version the app speaks', () => {
    expect(confrontaVersioni(VERSIONE_INTERFACCIA, { corrente: VERSIONE_INTERFACCIA, supportate: [] })).toEqual({ supportata: true, superata: false, messaggio: null });
  });

  it('a newer current version with ours still supported is a notice, naming both', () => {
    const c = confrontaVersioni(v('ANPR05', '9.0.3'), { corrente: v('ANPR06', '10.0.0'), supportate: [v('ANPR05', '9.0.3')] });
    expect(c).toMatchObject({ supportata: true, superata: true });
    expect(c.messaggio).toContain('ANPR06 (10.0.0)');
    expect(c.messaggio).toContain('ANPR05 (9.0.3), ancora accettata');
  });

  it('a patch release of the same codDestinatario keeps ours supported', () => {
    expect(confrontaVersioni(v('ANPR05', '9.0.3'), { corrente: v('ANPR05', '9.0.4'), supportate: [] })).toMatchObject({ supportata: true, superata: true });
  });

  it('when no listed version carries our codDestinatario, the app is told it would be refused', () => {
    const c = confrontaVersioni(v('ANPR05', '9.0.3'), { corrente: v('ANPR07', '11.0.0'), supportate: [v('ANPR06', '10.2.0'), v('ANPR06', '10.2.0')] });
    expect(c).toMatchObject({ supportata: false, superata: true });
    expect(c.messaggio).toBe(
      'ANPR non accetta più la versione di interfaccia usata da questa applicazione, ANPR05 (9.0.3): accetta ANPR07 (11.0.0), ANPR06 (10.2.0). Le richieste sarebbero respinte: aggiornare Sportello ANPR prima di inviare pratiche.',
    );
  });
});
