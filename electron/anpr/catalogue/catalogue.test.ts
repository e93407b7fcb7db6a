import { describe, expect, it } from 'vitest';
import { formatDescrizione, lookupErrore, lookupErroreAll } from './catalogue';

describe('error catalogue', () => {
  it('EN122 from the operations list', () => {
    const e = lookupErrore('EN122')!;
    expect(e.descrizione).toBe('La richiesta effettuata non produce alcun risultato');
    expect(e.severita).toBe('E');
    expect(e.fonte).toBe('elenco_errori_anpr');
  });
  it('EA001 from the Agenzia Entrate list, also present in subentro lists', () => {
    const e = lookupErrore('ea001')!;
    expect(e.descrizione).toBe('Codice fiscale di lunghezza errata');
    expect(e.fonte).toBe('errori_agenzia_entrate');
    expect(e.severitaSubentro).toBe('W');
    const all = lookupErroreAll('EA001');
    expect(all.map((x) => x.fonte)).toContain('anomalie_subentro');
    expect(all.find((x) => x.fonte === 'anomalie_subentro')!.procedura).toMatch(/Procedura 001/);
  });
  it('ES092 subentro anomaly with severity and procedure', () => {
    const sub = lookupErroreAll('ES092').find((x) => x.fonte === 'anomalie_subentro')!;
    expect(sub.severita).toBe('E');
    expect(sub.procedura).toMatch(/Procedura 004/);
  });
  it('unknown code → undefined; placeholders', () => {
    expect(lookupErrore('ZZZ999')).toBeUndefined();
    expect(formatDescrizione('Codice @ inesistente (@)', ['X'])).toBe('Codice X inesistente (@)');
  });
});
