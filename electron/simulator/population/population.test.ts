import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { confrontaCodiceFiscale, validaCodiceFiscale, omocodice } from '../../../shared/domain/codice-fiscale';
import { etaAllaData } from '../../../shared/domain/date-it';
import { loadAnprTables } from '../../platform/tabelle/loader';
import type { AnprTables } from '../../platform/tabelle/anpr-tables';
import { CATALOGO_ANOMALIE } from './anomalie';
import { generatePopulation } from './generate';
import { anprResourcePath } from '../../anpr/xsd/resources';
import { NOMI_STRANIERI } from './nomi';
import { createRng } from './prng';
import { RegistroCodiciFiscali } from './registro-cf';
import type { Persona, Popolazione } from './types';

const DIR = path.resolve(__dirname, '../../../resources/anpr/tabelle');
const REF = '2026-03-15';
const MILANO = '015146';

let tables: AnprTables;
let big: Popolazione;
let bigMs = 0;

const sha = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

beforeAll(() => {
  tables = loadAnprTables(DIR);
  const t0 = performance.now();
  big = generatePopulation({ comuneIstat: MILANO, size: 15_000, seed: 42, referenceDate: REF, cap: '20121' }, tables);
  bigMs = performance.now() - t0;
   
  console.log(
    `[population] 15 000 persons, ${big.famiglie.length} famiglie, ${big.convivenze.length} convivenze, ` +
      `${big.indirizzi.length} indirizzi generated in ${bigMs.toFixed(0)} ms (tables loaded in ${tables.statistiche.caricamentoMs.toFixed(0)} ms)`,
  );
});

describe('prng', () => {
  it('mulberry32 is deterministic and uniform enough', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    expect(createRng('abc').next()).toBe(createRng('abc').next());
    expect(createRng('abc').next()).not.toBe(createRng('abd').next());
  });
});

describe('RegistroCodiciFiscali (forced collision)', () => {
  it('gives the later subject the first omocode variant, then the next', () => {
    const r = new RegistroCodiciFiscali();
    const dati = { cognome: 'Rossi', nome: 'Mario', sesso: 'M' as const, dataNascita: '1980-01-01', belfiore: 'H501' };
    const a = r.assegna(dati);
    const b = r.assegna({ ...dati, cognome: 'Russo' }); // RSS too
    const c = r.assegna(dati);
    expect(a).toEqual({ codiceFiscale: 'RSSMRA80A01H501U', codiceFiscaleBase: 'RSSMRA80A01H501U', livelloOmocodia: 0 });
    expect(b.codiceFiscale).toBe(omocodice(a.codiceFiscale, 1));
    expect(b.livelloOmocodia).toBe(1);
    expect(c.codiceFiscale).toBe(omocodice(a.codiceFiscale, 2));
    expect(validaCodiceFiscale(b.codiceFiscale).valido).toBe(true);
  });
});

describe('generatePopulation', () => {
  it('is deterministic: same seed → same JSON hash; other seed → different', () => {
    const opts = { comuneIstat: MILANO, size: 1500, seed: 'corso-2026', referenceDate: REF };
    const a = generatePopulation(opts, tables);
    const b = generatePopulation(opts, tables);
    expect(sha(a)).toBe(sha(b));
    expect(sha(generatePopulation({ ...opts, seed: 'corso-2027' }, tables))).not.toBe(sha(a));
    // also the 15k one
    const again = generatePopulation({ comuneIstat: MILANO, size: 15_000, seed: 42, referenceDate: REF, cap: '20121' }, tables);
    expect(sha(again)).toBe(sha(big));
  });

  it('has exactly `size` persons and is JSON round-trippable', () => {
    expect(big.persone).toHaveLength(15_000);
    expect(JSON.parse(JSON.stringify(big))).toEqual(big);
    for (const size of [1, 2, 7, 151]) {
      expect(generatePopulation({ comuneIstat: MILANO, size, seed: size, referenceDate: REF }, tables).persone).toHaveLength(size);
    }
  });

  it('rejects an unknown comune', () => {
    expect(() => generatePopulation({ comuneIstat: '999999', size: 10, seed: 1, referenceDate: REF }, tables)).toThrow(/inesistente/);
  });

  it('all CFs are valid, unique, and consistent with the personal data', () => {
    const cfs = new Set<string>();
    for (const p of big.persone) {
      expect(validaCodiceFiscale(p.codiceFiscale).valido, p.codiceFiscale).toBe(true);
      expect(confrontaCodiceFiscale(p.codiceFiscale, { ...p, belfiore: p.luogoNascita.belfiore })).toEqual([]);
      cfs.add(p.codiceFiscale);
    }
    expect(cfs.size).toBe(big.persone.length);
  });

  it('contains deliberate omocodia: the later person has the first omocode of an earlier person', () => {
    const perCf = new Map(big.persone.map((p, i) => [p.codiceFiscale, i] as const));
    const omocodi = big.persone.filter((p) => p.livelloOmocodia > 0);
    expect(omocodi.length).toBeGreaterThanOrEqual(4); // 1 + 15000/5000 forced
    for (const p of omocodi) {
      const first = perCf.get(p.codiceFiscaleBase);
      expect(first).toBeDefined();
      expect(first!).toBeLessThan(big.persone.indexOf(p));
      expect(p.codiceFiscale).toBe(omocodice(p.codiceFiscaleBase, p.livelloOmocodia));
      expect(omocodi.filter((q) => q.codiceFiscaleBase === p.codiceFiscaleBase).map((q) => q.livelloOmocodia).sort()).toEqual(
        Array.from({ length: omocodi.filter((q) => q.codiceFiscaleBase === p.codiceFiscaleBase).length }, (_, i) => i + 1),
      );
    }
  });

  it('ids are digit strings ≤ 16 digits, above 2^31, some above 2^53, unique', () => {
    const ids = [
      ...big.persone.map((p) => p.idSchedaSoggettoANPR),
      ...big.famiglie.map((f) => f.idFamigliaConvivenzaANPR),
      ...big.convivenze.map((c) => c.idFamigliaConvivenzaANPR),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[1-9]\d{9,15}$/);
      expect(BigInt(id) > 2n ** 31n).toBe(true);
    }
    const huge = ids.filter((id) => BigInt(id) > 2n ** 53n);
    expect(huge.length).toBeGreaterThan(ids.length * 0.05);
  });

  it('family and convivenza invariants hold', () => {
    const byId = new Map(big.persone.map((p) => [p.idSchedaSoggettoANPR, p] as const));
    const seen = new Set<string>();
    const indirizzi = new Set(big.indirizzi.map((i) => i.id));
    for (const f of big.famiglie) {
      const membri = f.componenti.map((id) => byId.get(id)!);
      expect(membri.every(Boolean)).toBe(true);
      expect(membri.filter((m) => m.legame.codiceLegame === '1')).toHaveLength(1);
      expect(membri[0]!.idSchedaSoggettoANPR).toBe(f.intestatarioId);
      expect(indirizzi.has(f.indirizzoId)).toBe(true);
      membri.forEach((m, i) => {
        expect(m.legame).toMatchObject({ tipoLegame: '3', idFamigliaConvivenzaANPR: f.idFamigliaConvivenzaANPR, progressivoComponente: i + 1 });
        expect(m.indirizzoId).toBe(f.indirizzoId);
        expect(tables.decodifica(5, m.legame.codiceLegame)).toBe(m.legame.descrizioneLegame);
        expect(m.legame.dataDecorrenza >= m.dataNascita && m.legame.dataDecorrenza <= REF).toBe(true);
        expect(seen.has(m.idSchedaSoggettoANPR)).toBe(false);
        seen.add(m.idSchedaSoggettoANPR);
      });
      expect(f.dataOrigine <= REF).toBe(true);
    }
    for (const c of big.convivenze) {
      const membri = c.componenti.map((id) => byId.get(id)!);
      expect(membri.filter((m) => m.legame.codiceLegame === '1')).toHaveLength(1);
      expect(membri[0]!.idSchedaSoggettoANPR).toBe(c.responsabileId);
      expect(tables.decodifica(27, c.specieConvivenza)).toBe(c.descrizioneSpecie);
      for (const m of membri) {
        expect(m.legame.tipoLegame).toBe('4');
        expect(tables.decodifica(6, m.legame.codiceLegame)).toBe(m.legame.descrizioneLegame);
        expect(seen.has(m.idSchedaSoggettoANPR)).toBe(false);
        seen.add(m.idSchedaSoggettoANPR);
      }
    }
    expect(seen.size).toBe(big.persone.length); // everyone in exactly one scheda
    expect(big.convivenze.length).toBeGreaterThanOrEqual(2);
    expect(big.convivenze.some((c) => c.specieConvivenza === '3')).toBe(true); // casa di riposo

    // children younger than parents (and parents at least 16 at birth)
    let withParent = 0;
    for (const p of big.persone) {
      for (const gid of [p.padreId, p.madreId]) {
        if (!gid) continue;
        withParent++;
        const g = byId.get(gid)!;
        expect(g).toBeDefined();
        expect(g.dataNascita < p.dataNascita).toBe(true);
        expect(etaAllaData(g.dataNascita, p.dataNascita)).toBeGreaterThanOrEqual(16);
      }
      if (p.padreId) expect(byId.get(p.padreId)!.sesso).toBe('M');
      if (p.madreId) expect(byId.get(p.madreId)!.sesso).toBe('F');
    }
    expect(withParent).toBeGreaterThan(3000);

    // spouses / civil partners both married to each other, same family
    for (const p of big.persone) {
      const sc = p.statoCivile;
      expect(tables.decodifica(1, sc.codice)).toBe(sc.descrizione);
      if (sc.codice === '2' || sc.codice === '6') {
        const c = byId.get(sc.coniugeId!)!;
        expect(c).toBeDefined();
        expect(c.statoCivile.codice).toBe(sc.codice);
        expect(c.statoCivile.coniugeId).toBe(p.idSchedaSoggettoANPR);
        expect(c.statoCivile.dataEvento).toBe(sc.dataEvento);
        expect(c.legame.idFamigliaConvivenzaANPR).toBe(p.legame.idFamigliaConvivenzaANPR);
        expect(sc.codice === '2' ? c.sesso !== p.sesso : c.sesso === p.sesso).toBe(true);
        expect(etaAllaData(p.dataNascita, sc.dataEvento!)).toBeGreaterThanOrEqual(18);
      } else {
        expect(sc.coniugeId).toBeNull();
      }
      if (sc.codice === '1') expect(sc.dataEvento).toBeNull();
      else expect(sc.dataEvento! > p.dataNascita && sc.dataEvento! <= REF).toBe(true);
      // civil status coherent with age
      if (etaAllaData(p.dataNascita, REF) < 18) expect(sc.codice).toBe('1');
    }
    const conteggio = (c: string) => big.persone.filter((p) => p.statoCivile.codice === c).length;
    expect(conteggio('2')).toBeGreaterThan(3000);
    expect(conteggio('3')).toBeGreaterThan(300);
    expect(conteggio('4')).toBeGreaterThan(100);
    expect(conteggio('6')).toBeGreaterThan(0);
  });

  it('birthplaces are real comuni / foreign states valid at the birth date', () => {
    let estero = 0;
    for (const p of big.persone) {
      const l = p.luogoNascita;
      if (l.tipo === 'comune') {
        const c = tables.comunePerBelfioreAlla(l.belfiore, p.dataNascita);
        expect(c, `${l.nomeComune} ${p.dataNascita}`).toBeDefined();
        expect(c!.codIstat).toBe(l.codiceIstat);
        expect(c!.denominazione).toBe(l.nomeComune);
      } else {
        estero++;
        const s = tables.statoEsteroValidoAlla(l.belfiore, p.dataNascita);
        expect(s?.codIstat).toBe(l.codiceStato);
        expect(s?.ammessoNascita).toBe(true);
      }
    }
    expect(estero).toBeGreaterThan(500);
    expect(estero).toBeLessThan(4000);
    expect(big.persone.filter((p) => p.luogoNascita.tipo === 'comune' && p.luogoNascita.codiceIstat === MILANO).length).toBeGreaterThan(3000);
  });

  it('citizenships come from the states table, mostly Italian', () => {
    let italiani = 0;
    for (const p of big.persone) {
      expect(p.cittadinanze.length).toBeGreaterThan(0);
      for (const c of p.cittadinanze) {
        const s = tables.statoEsteroPerCodice(c.codiceStato);
        expect(s?.denominazione).toBe(c.descrizioneStato);
        expect(s?.ammessoCittadinanza).toBe(true);
      }
      if (p.cittadinanze.some((c) => c.codiceStato === '100')) italiani++;
    }
    expect(italiani / big.persone.length).toBeGreaterThan(0.8);
    expect(italiani).toBeLessThan(big.persone.length);
  });

  it('addresses are in the served comune with real toponym species (Tabella 4) and unique', () => {
    const keys = new Set<string>();
    const specie = new Set<string>();
    for (const i of big.indirizzi) {
      expect(i.comune).toEqual({ codiceIstat: MILANO, belfiore: 'F205', nomeComune: 'MILANO', siglaProvincia: 'MI' });
      expect(i.cap).toBe('20121');
      expect(tables.decodifica(4, i.toponimo.codSpecie)).toBe(i.toponimo.specie);
      expect(Number(i.numeroCivico.numero)).toBeGreaterThan(0);
      const n = i.numeroCivico;
      keys.add(`${i.toponimo.codSpecie}|${i.toponimo.denominazioneToponimo}|${n.numero}|${n.lettera}|${n.esponente1}|${n.civicoInterno}`);
      specie.add(i.toponimo.specie);
    }
    expect(keys.size).toBe(big.indirizzi.length);
    expect(specie).toContain('VIA');
    expect(specie).toContain('PIAZZA');
    expect(big.indirizzi).toHaveLength(big.famiglie.length + big.convivenze.length);
  });

  it('some persons carry open anomalies with real codes (W and E)', () => {
    const con = big.persone.filter((p) => p.anomalie.length > 0);
    expect(con.length).toBeGreaterThan(100);
    const tipi = new Set(con.flatMap((p) => p.anomalie.map((a) => a.tipo)));
    expect(tipi).toEqual(new Set(['W', 'E']));
    const catalogo = new Map(CATALOGO_ANOMALIE.map((a) => [a.codice, a] as const));
    for (const p of con) {
      for (const a of p.anomalie) {
        expect(catalogo.get(a.codice)).toMatchObject({ tipo: a.tipo, testo: a.testo });
        if (catalogo.get(a.codice)!.applicabile === 'coniugati') expect(p.statoCivile.codice).toBe('2');
      }
    }
    expect(big.persone.filter((p: Persona) => p.validitaCF === '9').length).toBeGreaterThan(0);
  });

  it('anomaly texts are verbatim from the official lists', () => {
    for (const a of CATALOGO_ANOMALIE) {
      // resources/anpr/errori holds the official csv lists (../shared/anpr/errori/csv/… in the reference data beside the repository).
      const csv = readFileSync(anprResourcePath(...a.fonte.replace('errori/csv/', 'errori/').split('/')), 'utf8');
      expect(csv.includes(`${a.codice},${a.testo},`) || csv.includes(`${a.codice},"${a.testo}",`), a.codice).toBe(true);
    }
  });

  it('foreign name groups point to real states', () => {
    for (const g of NOMI_STRANIERI) for (const b of g.stati) expect(tables.statoEsteroPerBelfiore(b), b).toBeDefined();
  });

  it('generates 15 000 persons quickly (time printed, not asserted)', () => {
     
    console.log(`[population] generation time for 15 000 persons: ${bigMs.toFixed(0)} ms`);
    expect(bigMs).toBeGreaterThan(0);
  });
});
