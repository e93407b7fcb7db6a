import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRequestBody } from '../xsd/validate';
import { buildTestataRichiesta } from '../../../shared/anpr/servizi/testata';
import { replaceTestata } from './replace-testata';
import { anprResourcePath } from '../xsd/resources';
import { parseXmlSafely, childByLocalName, childText, elementChildren, localNameOf } from '../xml/safe';

describe('buildTestataRichiesta', () => {
  it('XSD order and escaping', () => {
    const xml = buildTestataRichiesta({
      idOperazioneComune: '1',
      codMittente: '058091',
      codDestinatario: 'ANPR02',
      operazioneRichiesta: '3002',
      dataOraRichiesta: new Date(2025, 2, 27, 10, 0, 0, 5),
      tipoOperazione: 'C',
      tipoInvio: 'TEST',
      fornitoreApplicativo: 'A&B',
      protocolloComune: 'P1',
    });
    const t = parseXmlSafely(xml).documentElement!;
    expect(elementChildren(t).map(localNameOf)).toEqual([
      'idOperazioneComune', 'codMittente', 'codDestinatario', 'operazioneRichiesta', 'dataOraRichiesta', 'tipoOperazione', 'protocolloComune', 'tipoInvio', 'fornitoreApplicativo',
    ]);
    expect(xml).toContain('A&amp;B');
    expect(childText(t, 'dataOraRichiesta')).toMatch(/^2025-03-27T10:00:00\.005[+-]\d\d:\d\d$/);
  });
});

describe('replaceTestata', () => {
  const body = `<ns2:Richiesta3002 xmlns:ns2="http://sogei.it/ANPR/3000consultazione">
  <testataRichiesta><idOperazioneComune>PARAM</idOperazioneComune><codMittente>X</codMittente><codDestinatario>ANPR00</codDestinatario><operazioneRichiesta>3002</operazioneRichiesta><dataOraRichiesta>2017-03-27T19:20:11</dataOraRichiesta><tipoOperazione>C</tipoOperazione><tipoInvio>FREE</tipoInvio></testataRichiesta>
  <criteriRicerca><cognome>ROSSI</cognome><nome>MARIO</nome></criteriRicerca>
  <datiRichiesta><schedaAnagraficaRichiesta>1</schedaAnagraficaRichiesta><dataRiferimentoRichiesta>2017-03-27</dataRiferimentoRichiesta></datiRichiesta>
</ns2:Richiesta3002>`;

  it('overrides existing fields and inserts missing ones in XSD order', async () => {
    const out = replaceTestata(body, {
      idOperazioneComune: '2025000001',
      codMittente: '058091',
      codDestinatario: 'ANPR02',
      tipoInvio: 'TEST',
      protocolloComune: 'P-1',
      nomeApplicativo: 'Sportello ANPR',
    });
    const t = childByLocalName(parseXmlSafely(out).documentElement, 'testataRichiesta');
    expect(childText(t, 'idOperazioneComune')).toBe('2025000001');
    expect(elementChildren(t).map(localNameOf)).toEqual([
      'idOperazioneComune', 'codMittente', 'codDestinatario', 'operazioneRichiesta', 'dataOraRichiesta', 'tipoOperazione', 'protocolloComune', 'tipoInvio', 'nomeApplicativo',
    ]);
    expect(await validateRequestBody(out, '3002')).toEqual({ valid: true });
  });

  it('creates a missing testata as the first child', async () => {
    const noTestata = body.replace(/<testataRichiesta>.*<\/testataRichiesta>/, '');
    const out = replaceTestata(noTestata, {
      idOperazioneComune: '5',
      codMittente: '058091',
      codDestinatario: 'ANPR02',
      operazioneRichiesta: '3002',
      dataOraRichiesta: '2025-03-27T10:00:00',
      tipoOperazione: 'C',
      tipoInvio: 'TEST',
    });
    expect(await validateRequestBody(out, '3002')).toEqual({ valid: true });
  });

  it('works on the official stub and refuses DOCTYPE', async () => {
    const p = anprResourcePath('esempi', 'client-example', 'stub_Richiesta3002.xml');
    const out = replaceTestata(fs.readFileSync(p, 'utf8'), {
      idOperazioneComune: '77',
      codMittente: '058091',
      dataOraRichiesta: '2025-03-27T10:00:00',
    }).replace('PARAM_DATARIFERIMENTO', '2025-03-27');
    expect(await validateRequestBody(out, '3002')).toEqual({ valid: true });
    expect(() => replaceTestata('<!DOCTYPE a><a/>', {})).toThrow();
  });
});
