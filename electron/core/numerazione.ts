/**
 * The comune's own progressive pratica number (`numeroPraticaComune` of
 * `datiDelProcedimento`): ANPR warns EN111 when a service that opens a
 * procedimento is sent without one, so the core gives every such pratica a
 * number of its own, per comune and environment, per year ("2026-000012").
 *
 * A number is allocated once per pratica and never reused (the counter only
 * grows, a discarded pratica keeps its number). The tables are created here,
 * not by a numbered migration: they are independent of every other table.
 */
import type { Db } from '../platform/db/database';

/** Services whose XSD request has `datiDelProcedimento` (1000iscrizione, 2000cancellazione, 5000mutazione). */
export const SERVIZI_CON_PROCEDIMENTO = new Set(['1001', '1002', '1013', '2001', '2003', '2011', '5001', '5005', '5008']);

/** tipoNumeroPraticaComune (tipoDato.xsd): letters, digits, '-' and spaces, 1 to 20 characters. */
export const FORMATO_NUMERO_PRATICA = /^[0-9a-zA-Z\- ]{1,20}$/;

export interface Numerazione {
  /** The pratica's number, allocated on first call (`ambito`: environment and comune, e.g. "SIMULATORE:056003"). */
  assegna(praticaId: string, ambito: string, anno: number): string;
  /** The pratica's number, if one was allocated. */
  di(praticaId: string): string | null;
}

export function createNumerazione(db: Db): Numerazione {
  db.exec(`
    CREATE TABLE IF NOT EXISTS numeri_pratica_contatori (ambito TEXT NOT NULL, anno INTEGER NOT NULL, ultimo INTEGER NOT NULL, PRIMARY KEY (ambito, anno));
    CREATE TABLE IF NOT EXISTS numeri_pratica (
      pratica_id TEXT PRIMARY KEY, ambito TEXT NOT NULL, anno INTEGER NOT NULL, progressivo INTEGER NOT NULL, numero TEXT NOT NULL,
      UNIQUE (ambito, anno, progressivo)
    );
  `);
  const leggi = db.prepare<[string], { numero: string }>('SELECT numero FROM numeri_pratica WHERE pratica_id = ?');
  const avanza = db.prepare<[string, number]>(
    'INSERT INTO numeri_pratica_contatori (ambito, anno, ultimo) VALUES (?, ?, 1) ON CONFLICT (ambito, anno) DO UPDATE SET ultimo = ultimo + 1',
  );
  const ultimo = db.prepare<[string, number], { ultimo: number }>('SELECT ultimo FROM numeri_pratica_contatori WHERE ambito = ? AND anno = ?');
  const registra = db.prepare('INSERT INTO numeri_pratica (pratica_id, ambito, anno, progressivo, numero) VALUES (?, ?, ?, ?, ?)');
  const assegna = db.transaction((praticaId: string, ambito: string, anno: number): string => {
    const gia = leggi.get(praticaId);
    if (gia) return gia.numero;
    avanza.run(ambito, anno);
    const n = ultimo.get(ambito, anno)!.ultimo;
    const numero = `${anno}-${String(n).padStart(6, '0')}`;
    registra.run(praticaId, ambito, anno, n, numero);
    return numero;
  });
  return {
    assegna: (praticaId, ambito, anno) => assegna.immediate(praticaId, ambito, anno),
    di: (praticaId) => leggi.get(praticaId)?.numero ?? null,
  };
}
