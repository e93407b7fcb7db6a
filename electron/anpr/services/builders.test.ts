import { describe, expect, it } from 'vitest';
import { validateRequestBody } from '../xsd/validate';
import { buildRequest } from './builders';
import { FULL, MINIMAL, VARIANTI } from './fixtures.test-data';
import { SERVICE_CODES, SERVICES } from './registry';
import { parseXmlSafely, localNameOf, childByLocalName, elementChildren, type Element } from '../xml/safe';

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

describe('request builders: more inputs of one service validate against the official XSD', () => {
  for (const v of VARIANTI) {
    it(v.nome, async () => {
      const xml = buildRequest(v.servizio, v.input as never);
      const res = await validateRequestBody(xml, v.servizio);
      if (!res.valid) console.error(v.nome, res.errors, xml);
      expect(res).toEqual({ valid: true });
    });
  }
});

describe('5008 unioneCivile (tipoUnioneCivile)', () => {
  const variante = (nome: string) => {
    const v = VARIANTI.find((x) => x.nome === nome);
    if (!v || v.servizio !== '5008') throw new Error(`missing fixture ${nome}`);
    return v.input;
  };
  const figli = (e: Element | undefined): string[] => elementChildren(e).map((c) => localNameOf(c));

  it('is written between the marriage blocks and cartaIdentita, its children in the XSD sequence order', () => {
    const xml = buildRequest('5008', variante('5008 unione civile (realistic)'));
    const root = parseXmlSafely(xml).documentElement!;
    expect(figli(root)).toEqual(['testataRichiesta', 'generalitaPerRicerca', 'statoCivile', 'unioneCivile', 'datiDelProcedimento', 'datiControllo']);
    const u = childByLocalName(root, 'unioneCivile');
    expect(figli(u)).toEqual(['unitoCivilmente', 'attoUnione', 'cittadinanza', 'ordineUnione']);
    expect(childByLocalName(childByLocalName(u, 'unitoCivilmente'), 'cognome')?.textContent).toBe('VERDI');
    expect(childByLocalName(childByLocalName(u, 'attoUnione'), 'dataEvento')?.textContent).toBe('2025-03-15');
    expect(childByLocalName(childByLocalName(root, 'datiControllo'), 'tipoMutazione')?.textContent).toBe('18');
  });

  it('scioglimentoUnione carries motivo, then sentenza or datiEvento', () => {
    const xml = buildRequest('5008', variante('5008 scioglimento unione by sentenza (realistic)'));
    const root = parseXmlSafely(xml).documentElement!;
    const s = childByLocalName(childByLocalName(root, 'unioneCivile'), 'scioglimentoUnione');
    expect(figli(s)).toEqual(['motivoScioglimento', 'sentenza']);
    expect(figli(childByLocalName(s, 'sentenza'))).toEqual(['data', 'numero', 'tipoTribunale', 'autorita', 'dataValidita']);
  });

  it('the official XSD refuses the element names the block does not have', async () => {
    const xml = buildRequest('5008', variante('5008 unione civile (minimal)'));
    expect(await validateRequestBody(xml, '5008')).toEqual({ valid: true });
    const sbagliato = xml.replace(/<(\/?)unitoCivilmente>/g, '<$1unito>');
    expect(sbagliato).not.toBe(xml);
    expect((await validateRequestBody(sbagliato, '5008')).valid).toBe(false);
  });
});
