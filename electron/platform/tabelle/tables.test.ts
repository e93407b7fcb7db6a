import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAnprTables, type AnprTables } from './anpr-tables';
import { CATALOGO_TABELLE, FILE_COMUNI, FILE_STATI_ESTERI } from './catalogo';
import { loadAnprTables } from './loader';

const DIR = path.resolve(__dirname, '../../../resources/anpr/tabelle');
// The official data beside the repository (read-only, not shipped); the check is skipped where it is absent.
const REFERENCE = path.resolve(__dirname, '../../../../shared/anpr/tabelle');

let t: AnprTables;
beforeAll(() => {
  t = loadAnprTables(DIR);
   
  console.log(
    `[tables] loaded ${t.statistiche.comuni} comuni, ${t.statistiche.statiEsteri} stati esteri, ` +
      `${t.statistiche.tabelle} tabelle in ${t.statistiche.caricamentoMs.toFixed(1)} ms`,
  );
});

describe('resources/anpr/tabelle', () => {
  it('contains every catalogued file plus ATTRIBUTION.md', () => {
    const files = new Set(readdirSync(DIR));
    for (const f of [FILE_COMUNI, FILE_STATI_ESTERI, 'ATTRIBUTION.md', ...CATALOGO_TABELLE.map((c) => c.file)]) {
      expect(files.has(f), f).toBe(true);
    }
  });

  it.runIf(existsSync(REFERENCE))('files are byte-exact copies of the reference data', () => {
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    for (const f of readdirSync(DIR).filter((x) => x !== 'ATTRIBUTION.md')) {
      const ref = [path.join(REFERENCE, 'csv', f), path.join(REFERENCE, 'archivio_comuni', f)].find(existsSync);
      expect(ref, `${f} has no reference copy`).toBeDefined();
      expect(sha(path.join(DIR, f)), f).toBe(sha(ref!));
    }
  });
});

describe('comuni', () => {
  it('indexes by ISTAT code with validity intervals', () => {
    const milano = t.comuniPerIstat('015146');
    expect(milano.length).toBeGreaterThan(1);
    expect(milano.map((c) => c.dataIstituzione)).toEqual([...milano.map((c) => c.dataIstituzione)].sort());
    expect(t.comuneValidoAlla('015146', '2024-01-01')).toMatchObject({ denominazione: 'MILANO', belfiore: 'F205', stato: 'A', dataCessazione: null, siglaProvincia: 'MI' });
    // Abano → Abano Terme on 1924-11-14 (same ISTAT code)
    expect(t.comuneValidoAlla('028001', '1924-11-13')?.denominazione).toBe('ABANO');
    expect(t.comuneValidoAlla('028001', '1924-11-14')?.denominazione).toBe('ABANO TERME');
    expect(t.comuneValidoAlla('028001', '1850-01-01')).toBeUndefined();
    expect(t.comuneValidoAlla('999999', '2000-01-01')).toBeUndefined();
  });

  it('no ISTAT code has overlapping intervals', () => {
    for (const c of t.comuni) {
      const hist = t.comuniPerIstat(c.codIstat);
      for (let i = 1; i < hist.length; i++) expect(hist[i]!.dataIstituzione > (hist[i - 1]!.dataCessazione ?? '9999-12-31')).toBe(true);
    }
  });

  it('indexes by Belfiore code; ND codes are null', () => {
    expect(t.comunePerBelfioreAlla('H501', '2024-01-01')?.denominazione).toBe('ROMA');
    expect(t.comunePerBelfioreAlla('a001', '1900-01-01')?.denominazione).toBe('ABANO');
    expect(t.comuni.some((c) => c.belfiore === null)).toBe(true);
    expect(t.comuniPerBelfiore('ND')).toEqual([]);
  });

  it('type-ahead by name prefix ignores case/accents/apostrophes and ranks whole-name matches first', () => {
    const roma = t.cercaComuni('roma', { limite: 5 });
    expect(roma[0]!.denominazione).toBe('ROMA');
    expect(roma.every((c) => c.denominazione.startsWith('ROMA'))).toBe(true);
    expect(t.cercaComuni('forli', { soloAttivi: true })[0]?.denominazione).toMatch(/^FORLÌ/);
    expect(t.cercaComuni("sant'ang", { soloAttivi: true, limite: 50 }).length).toBeGreaterThan(5);
    // later-word matches come after
    const terme = t.cercaComuni('terme', { soloAttivi: true, limite: 100 });
    expect(terme.some((c) => c.denominazione === 'ABANO TERME')).toBe(true);
    // second language (Bolzano/Bozen)
    expect(t.cercaComuni('bozen', { soloAttivi: true })[0]?.denominazione).toBe('BOLZANO');
    // history collapsed without date; filtered with date
    expect(t.cercaComuni('milano', { limite: 50 }).filter((c) => c.denominazione === 'MILANO')).toHaveLength(1);
    expect(t.cercaComuni('abano', { data: '1900-01-01' }).map((c) => c.denominazione)).toEqual(['ABANO']);
    expect(t.cercaComuni('')).toEqual([]);
    expect(t.cercaComuni('a', { limite: 7 })).toHaveLength(7);
  });

  it('type-ahead is fast', () => {
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) t.cercaComuni(['s', 'sa', 'san', 'mil', 'tor'][i % 5]!, { soloAttivi: true });
    const ms = performance.now() - t0;
     
    console.log(`[tables] 1000 type-ahead queries in ${ms.toFixed(1)} ms`);
  });
});

describe('stati esteri', () => {
  it('looks up by ISTAT code and Belfiore, with validity', () => {
    expect(t.statoEsteroPerCodice('235')).toMatchObject({ denominazione: 'ROMANIA', belfiore: 'Z129', iso3: 'ROU', ammessoNascita: true });
    expect(t.statoEsteroPerBelfiore('z330')?.denominazione).toBe('MAROCCO');
    expect(t.statoEsteroPerCodice('100')).toMatchObject({ denominazione: 'ITALIA', belfiore: null });
    expect(t.statoEsteroValidoAlla('Z129', '2000-01-01')?.codIstat).toBe('235');
    expect(t.statoEsteroValidoAlla('235', '1899-12-31')).toBeUndefined();
    expect(t.cercaStatiEsteri('germ')[0]?.belfiore).toBe('Z112');
  });

  it('Belfiore codes are unique', () => {
    const codes = t.statiEsteri.flatMap((s) => (s.belfiore ? [s.belfiore] : []));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('luogoPerBelfiore resolves comuni and states', () => {
    expect(t.luogoPerBelfiore('F205', '1980-01-01')).toMatchObject({ tipo: 'comune', comune: { denominazione: 'MILANO' } });
    expect(t.luogoPerBelfiore('Z129', '1980-01-01')).toMatchObject({ tipo: 'stato', stato: { codIstat: '235' } });
    expect(t.luogoPerBelfiore('Z999', '1980-01-01')).toBeUndefined();
  });
});

describe('generic tables', () => {
  it('loads every catalogued table with codes and descriptions', () => {
    for (const c of CATALOGO_TABELLE) {
      const tab = t.tabella(c.chiave)!;
      expect(tab, c.chiave).toBeDefined();
      expect(tab.voci.length, c.file).toBeGreaterThan(1);
      for (const v of tab.voci) {
        expect(v.codice).not.toBe('');
        expect(v.descrizione, `${c.file} ${v.codice}`).not.toBe('');
      }
      expect(new Set(tab.voci.map((v) => v.codice)).size, c.file).toBe(tab.voci.length);
      if (c.numero !== null) expect(t.tabella(c.numero)).toBe(tab);
    }
  });

  it('decodes by number, key or file stem', () => {
    expect(t.decodifica(1, '2')).toBe('Coniugato/a');
    expect(t.decodifica(1, '9')).toBe('Non classificabile/ignoto/n.c');
    expect(t.decodifica('relazione_parentela', '1')).toBe('Intestatario Scheda');
    expect(t.decodifica(5, '28')).toBe('Unito civilmente');
    expect(t.voce(5, '14')).toMatchObject({ dataFineValidita: '2015-09-15', note: 'Utilizzabile solo al subentro' });
    expect(t.decodifica('Legame____Convivenza', '1')).toBe('Responsabile convivenza');
    expect(t.decodifica(4, '213')).toBe('VIA');
    expect(t.decodifica(14, 'DE')).toBe('Tedesca');
    expect(t.decodifica(36, '22')).toBe('Dati decesso');
    expect(t.decodifica(2, '235')).toBe('ROMANIA');
    expect(t.voce(39, '4')?.altri).toEqual({ 'ESENZIONE DIRITTO DI SEGRETERIA': 'SI' });
    expect(t.decodifica(19, 'C01')).toMatch(/Espatrio/);
    expect(t.decodifica(1, '5')).toBeUndefined();
    expect(t.tabella(999)).toBeUndefined();
  });
});

describe('buildAnprTables on small inputs', () => {
  it('parses dd/mm/yyyy and ISO dates and BOM/quoted archive rows', () => {
    const comuniCsv =
      '\uFEFF"ID","DATAISTITUZIONE","DATACESSAZIONE","CODISTAT","CODCATASTALE","DENOMINAZIONE_IT","DENOMTRASLITTERATA","ALTRADENOMINAZIONE","ALTRADENOMTRASLITTERATA","ID_PROVINCIA","IDPROVINCIAISTAT","IDREGIONE","IDPREFETTURA","STATO","SIGLAPROVINCIA","FONTE","DATAULTIMOAGG","COD_DENOM"\n' +
      '1,"1924-11-14","9999-12-31","028001","A001","ABANO TERME","ABANO TERME","","",28,"028","05","PD","A","PD","","2016-06-17",""\n';
    const statiCsv = readFileSync(path.join(DIR, FILE_STATI_ESTERI), 'utf8');
    const x = buildAnprTables({ comuniCsv, statiEsteriCsv: statiCsv, tabelle: [] });
    expect(x.comuni).toHaveLength(1);
    expect(x.comuni[0]).toMatchObject({ dataIstituzione: '1924-11-14', dataCessazione: null, codProvinciaIstat: '028' });
    expect(x.statoEsteroPerCodice('235')?.dataInizioValidita).toBe('1900-01-01');
  });
});
