import { describe, expect, it } from 'vitest';
import { validateRequestBody } from '../xsd/validate';
import { buildRequest } from './builders';
import { FULL, MINIMAL } from './fixtures.test-data';
import { SERVICE_CODES, SERVICES } from './registry';
import { parseXmlSafely, localNameOf } from '../xml/safe';

describe('request builders validate against the official XSD', () => {
  for (const code of SERVICE_CODES) {
    for (const [label, inputs] of [
      ['realistic', FULL],
      ['minimal', MINIMAL],
    ] as const) {
      it(`${code} (${label})`, async () => {
        const xml = buildRequest(code, inputs[code] as never);
        const res = await validateRequestBody(xml, code);
        if (!res.valid) console.error(code, label, res.errors, xml);
        expect(res).toEqual({ valid: true });
        const doc = parseXmlSafely(xml);
        const root = doc.documentElement!;
        expect(root.prefix).toBe('ns2');
        expect(localNameOf(root)).toBe(SERVICES[code].requestElement);
        expect(root.namespaceURI).toBe(SERVICES[code].namespace);
      });
    }
  }
});
