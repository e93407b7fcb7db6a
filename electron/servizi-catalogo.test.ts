/**
 * Every definition of the service catalogue (shared/anpr/servizi) is complete
 * wherever the app needs it: realistic and minimal fixtures whose bodies
 * validate against the official XSD, a simulator handler, one title, and, for
 * the services the queue sends, a payload schema that accepts the fixture.
 */
import { describe, expect, it } from 'vitest';
import { ANNULLABILI, ANNULLAMENTO_DI, SERVIZI, SERVIZI_PRATICA, TITOLI_SERVIZIO } from '../shared/anpr/servizi';
import { buildRequest } from './anpr/services/builders';
import { FULL, MINIMAL } from './anpr/services/fixtures.test-data';
import { SERVICES } from './anpr/services/registry';
import { validateRequestBody } from './anpr/xsd/validate';
import { PAYLOAD_SCHEMAS } from './queue/payload';
import { HANDLERS } from './simulator/handlers';

describe('the service catalogue', () => {
  it('has one definition per code, each with its own title', () => {
    const codici = SERVIZI.map((s) => s.codice);
    expect(new Set(codici).size).toBe(codici.length);
    const titoli = SERVIZI.map((s) => s.titolo);
    expect(titoli.every((t) => t.trim().length > 3)).toBe(true);
    expect(new Set(titoli).size).toBe(titoli.length);
    for (const s of SERVIZI) expect(TITOLI_SERVIZIO[s.codice]).toBe(s.titolo);
  });

  for (const s of SERVIZI) {
    describe(`${s.codice} ${s.titolo}`, () => {
      it('has a simulator handler and the protocol registry entry derived from it', () => {
        expect(typeof HANDLERS[s.codice]).toBe('function');
        expect(SERVICES[s.codice]).toMatchObject({ code: s.codice, requestElement: s.elementoRichiesta, endpointPath: s.percorso, descrizione: s.titolo });
      });

      for (const [nome, fixture] of [
        ['realistic', FULL],
        ['minimal', MINIMAL],
      ] as const) {
        it(`its ${nome} fixture validates against the official XSD`, async () => {
          const xml = buildRequest(s.codice, fixture[s.codice] as never);
          expect(await validateRequestBody(xml, s.codice)).toEqual({ valid: true });
        });
      }

      if (s.inCoda) {
        it('is a pratica whose payload schema accepts both fixtures', () => {
          expect(SERVIZI_PRATICA).toContain(s.codice);
          const schema = PAYLOAD_SCHEMAS[s.codice as keyof typeof PAYLOAD_SCHEMAS];
          for (const f of [FULL, MINIMAL]) {
            const { testata: _testata, ...dati } = f[s.codice];
            expect(schema.safeParse(dati).success).toBe(true);
          }
        });
      }
    });
  }

  it('annulments and the services they annul agree both ways', () => {
    for (const [annullamento, annullati] of Object.entries(ANNULLABILI)) {
      expect(annullati.length).toBeGreaterThan(0);
      for (const a of annullati) expect(ANNULLAMENTO_DI[a]).toBe(annullamento);
    }
    for (const s of SERVIZI) {
      if (s.annullataDa) expect(SERVIZI.find((x) => x.codice === s.annullataDa)?.genere).toBe('annullamento');
      if (s.genere === 'registrazione' && s.annullataDa) expect(s.oggetto).toBeTruthy();
    }
  });
});
