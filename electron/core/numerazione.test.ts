import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNumerazione, FORMATO_NUMERO_PRATICA } from './numerazione';

describe('the comune progressive pratica number', () => {
  it('is allocated once per pratica, progressive per comune and year, never reused, kept across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sportello-numeri-'));
    try {
      const file = join(dir, 'db.sqlite');
      let db = new Database(file);
      let n = createNumerazione(db);
      expect(n.di('a')).toBeNull();
      expect(n.assegna('a', 'SIMULATORE:056003', 2026)).toBe('2026-000001');
      expect(n.assegna('a', 'SIMULATORE:056003', 2026)).toBe('2026-000001');
      expect(n.assegna('b', 'SIMULATORE:056003', 2026)).toBe('2026-000002');
      // Another environment or comune, another year: their own sequence.
      expect(n.assegna('c', 'PRODUZIONE:056003', 2026)).toBe('2026-000001');
      expect(n.assegna('d', 'SIMULATORE:056003', 2027)).toBe('2027-000001');
      db.close();

      db = new Database(file);
      n = createNumerazione(db);
      expect(n.di('b')).toBe('2026-000002');
      expect(n.assegna('b', 'SIMULATORE:056003', 2026)).toBe('2026-000002');
      // Even if a pratica's row is lost, its number is never handed out again.
      db.prepare("DELETE FROM numeri_pratica WHERE pratica_id = 'b'").run();
      expect(n.assegna('e', 'SIMULATORE:056003', 2026)).toBe('2026-000003');
      expect(FORMATO_NUMERO_PRATICA.test('2026-000003')).toBe(true);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
