/**
 * Every definition of the service catalogue (shared/anpr/servizi) is complete
 * wherever the app needs it: realistic and minimal fixtures whose bodies
 * validate against the official XSD, a simulator handler, one title, and, for
 * the services the queue sends, a payload schema that accepts the fixture.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANNULLABILI, ANNULLAMENTO_DI, SERVIZI, SERVIZI_PRATICA, TITOLI_SERVIZIO } from '../shared/anpr/servizi';
import { buildRequest } from './anpr/services/builders';
import { FULL, MINIMAL } from './anpr/services/fixtures.test-data';
import { SERVICES } from './anpr/services/registry';
import { validateRequestBody } from './anpr/xsd/validate';
import { PAYLOAD_SCHEMAS, validaPayload } from './features/coda/payload';
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

      it('its strict input schema accepts both fixtures and refuses an unknown key, at the root and nested', () => {
        for (const f of [FULL, MINIMAL]) {
          const fixture = f[s.codice] as Record<string, unknown>;
          expect(s.input.safeParse(fixture).error?.issues).toBeUndefined();
          expect(s.input.safeParse({ ...fixture, chiaveSconosciuta: '1' }).success).toBe(false);
          const testata = fixture['testata'] as Record<string, unknown>;
          expect(s.input.safeParse({ ...fixture, testata: { ...testata, chiaveSconosciuta: '1' } }).success).toBe(false);
        }
      });

      it('its strict input schema refuses any extra key (property)', () => {
        const fixture = MINIMAL[s.codice] as Record<string, unknown>;
        fc.assert(
          fc.property(
            fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !Object.hasOwn(fixture, k) && k !== '__proto__'),
            fc.jsonValue(),
            (k, v) => !s.input.safeParse({ ...fixture, [k]: v }).success,
          ),
          { numRuns: 50 },
        );
      });

      if (s.inCoda) {
        it('is a pratica whose payload schema accepts both fixtures', () => {
          expect(SERVIZI_PRATICA).toContain(s.codice);
          const schema = PAYLOAD_SCHEMAS[s.codice as keyof typeof PAYLOAD_SCHEMAS];
          for (const f of [FULL, MINIMAL]) {
            const { testata: _testata, ...dati } = f[s.codice];
            expect(schema.safeParse(dati).success).toBe(true);
            expect(schema.safeParse({ ...dati, chiaveSconosciuta: '1' }).success).toBe(false);
            expect(schema.safeParse({ ...dati, testata: { tipoOperazione: 'C', codMittente: '058091' } }).success).toBe(false);
            // The payload is the builder input only: what once rode under hidden `_` keys has columns (migrations 0011, 0012).
            expect(validaPayload(s.codice, 'dati', dati)).toEqual({ ok: true });
            expect(validaPayload(s.codice, 'dati', { ...dati, _modulo: { x: 1 } }).ok).toBe(false);
            expect(validaPayload(s.codice, 'dati', { ...dati, chiaveSconosciuta: '1' }).ok).toBe(false);
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
