import fs from 'node:fs';
import path from 'node:path';
import { diag } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../services/builders';
import { FULL, MINIMAL } from '../services/fixtures.test-data';
import { clearXsdCache, validateRequestBody, validateResponseBody, xsdCompileCount } from './validate';
import { anprResourcePath } from './resources';

const ESEMPI = anprResourcePath('esempi', 'client-example');
const read = (f: string): string => fs.readFileSync(path.join(ESEMPI, f), 'utf8');

describe('official example requests validate', () => {
  it('Richiesta3002_888002_FREE', async () => {
    expect(await validateRequestBody(read('Richiesta3002_888002_FREE.req.xml'), '3002')).toEqual({ valid: true });
  });
  it('Richiesta6001_888013_FREE', async () => {
    expect(await validateRequestBody(read('Richiesta6001_888013_FREE.req.xml'), '6001')).toEqual({ valid: true });
  });
  it('RichiestaConnessione_FREE (TestConn)', async () => {
    expect(await validateRequestBody(read('RichiestaConnessione_FREE.req.xml'), 'TestConn')).toEqual({ valid: true });
  });
  it('stub_Richiesta3002 once its PARAM_ placeholders are filled', async () => {
    const xml = read('stub_Richiesta3002.xml')
      .replace('PARAM_IDOPERAZIONECOMUNE', '123')
      .replace('PARAM_CODMITTENTE', '058091')
      .replace('PARAM_DATA_RICHIESTA', '2025-03-27T10:00:00')
      .replace('PARAM_DATARIFERIMENTO', '2025-03-27');
    expect(await validateRequestBody(xml, '3002')).toEqual({ valid: true });
  });
  it('official rispostaKO EN122 body validates as Risposta3002', async () => {
    const env = read('Risposta3002_rispostaKO_EN122.soap.xml');
    const body = env.slice(env.indexOf('<a:Risposta3002'), env.indexOf('</a:Risposta3002>') + '</a:Risposta3002>'.length);
    expect(await validateResponseBody(body, '3002')).toEqual({ valid: true });
  });
});

describe('the validator really rejects broken bodies', () => {
  it('element out of order (datiRichiesta before criteriRicerca)', async () => {
    const xml = buildRequest('3002', MINIMAL['3002']);
    const crit = xml.slice(xml.indexOf('<criteriRicerca>'), xml.indexOf('</criteriRicerca>') + '</criteriRicerca>'.length);
    const dati = xml.slice(xml.indexOf('<datiRichiesta>'), xml.indexOf('</datiRichiesta>') + '</datiRichiesta>'.length);
    const swapped = xml.replace(crit, '@@C@@').replace(dati, crit).replace('@@C@@', dati);
    const res = await validateRequestBody(swapped, '3002');
    expect(res.valid).toBe(false);
    if (!res.valid) expect(res.errors.some((e) => /datiRichiesta|criteriRicerca/.test(e.message))).toBe(true);
  });
  it('missing mandatory element (datiControllo of 1001)', async () => {
    const xml = buildRequest('1001', MINIMAL['1001']).replace(/<datiControllo>.*<\/datiControllo>/, '');
    expect((await validateRequestBody(xml, '1001')).valid).toBe(false);
  });
  it('pattern facet (idOperazioneComune with a dash)', async () => {
    const xml = buildRequest('7001', { ...MINIMAL['7001'], testata: { ...MINIMAL['7001'].testata, idOperazioneComune: 'AB-1' } });
    const res = await validateRequestBody(xml, '7001');
    expect(res.valid).toBe(false);
    if (!res.valid) expect(res.errors[0]!.line).toBe(1);
  });
  it('children qualified with the namespace are rejected (unqualified schema)', async () => {
    const xml = '<ns2:RichiestaConnessione xmlns:ns2="http://sogei.it/ANPR/connessione"><ns2:testataRichiesta/></ns2:RichiestaConnessione>';
    expect((await validateRequestBody(xml, 'TestConn')).valid).toBe(false);
  });
  it('wrong root for the service', async () => {
    const xml = buildRequest('3001', MINIMAL['3001']);
    const res = await validateRequestBody(xml, '3002');
    expect(res.valid).toBe(false);
  });
  it('DOCTYPE is refused before libxml2', async () => {
    const res = await validateRequestBody('<!DOCTYPE x [<!ENTITY a "b">]><x/>', '3002');
    expect(res.valid).toBe(false);
  });
  it('one validation takes well under a second', async () => {
    const xml = buildRequest('3002', MINIMAL['3002']);
    await validateRequestBody(xml, '3002');
    const t0 = performance.now();
    const n = 5;
    for (let i = 0; i < n; i++) await validateRequestBody(xml, '3002');
    const per = (performance.now() - t0) / n;
    console.info(`XSD validation: ${per.toFixed(1)} ms per call`);
    expect(per).toBeLessThan(1000);
  });
});

describe('the compiled schema is kept and reused', () => {
  // A realistic 5005, one element per line so that line numbers mean something.
  const body = buildRequest('5005', FULL['5005']).replace(/></g, '>\n<');
  const wrongLine = body.split('\n').findIndex((l) => l.startsWith('<tipoMutazione>')) + 1;
  const wrong = body.replace(/<tipoMutazione>[^<]*</, '<tipoMutazione>ABC<');

  it('2000 bodies: one compile, correct results, every parsed document disposed', async () => {
    expect(wrongLine).toBeGreaterThan(1);
    expect(await validateRequestBody(body, '5005')).toEqual({ valid: true });
    const compiles = xsdCompileCount();
    diag.configure({ enabled: true });
    try {
      const t0 = performance.now();
      for (let i = 0; i < 2000; i++) {
        if (i % 10 === 7) {
          const res = await validateRequestBody(wrong, '5005');
          expect(res.valid).toBe(false);
          if (!res.valid) {
            expect(res.errors).toContainEqual({
              line: wrongLine,
              message: "Schemas validity error : Element 'tipoMutazione': [facet 'pattern'] The value 'ABC' is not accepted by the pattern '(\\d)+'.",
            });
            expect(res.errors.every((e) => e.line === wrongLine)).toBe(true);
          }
        } else {
          expect(await validateRequestBody(body, '5005')).toEqual({ valid: true });
        }
      }
      console.info(`XSD validation (5005, compiled schema): ${((performance.now() - t0) / 2000).toFixed(3)} ms per call`);
      expect(xsdCompileCount()).toBe(compiles);
      // Only objects created while diagnostics were on are tracked: none may be left alive.
      const live = (diag.report() ?? {}) as Record<string, { totalInstances: number }>;
      expect(live.XmlDocument?.totalInstances ?? 0).toBe(0);
    } finally {
      diag.configure({ enabled: false });
    }
  });

  it('clearXsdCache drops the compiled schemas; the next call compiles again', async () => {
    const before = xsdCompileCount();
    clearXsdCache();
    const res = await validateRequestBody(wrong, '5005');
    expect(res.valid).toBe(false);
    expect(xsdCompileCount()).toBe(before + 1);
    expect(await validateRequestBody(body, '5005')).toEqual({ valid: true });
    expect(xsdCompileCount()).toBe(before + 1);
  });
});
