/**
 * Loads the decoding tables from resources/anpr/tabelle (Node main process / simulator).
 */

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAnprTables, type AnprTables } from './anpr-tables';
import { CATALOGO_TABELLE, FILE_COMUNI, FILE_STATI_ESTERI } from './catalogo';

const REL = path.join('resources', 'anpr', 'tabelle');

/**
 * Where the tables are: `ANPR_TABELLE_DIR`, else `<resourcesPath>/anpr/tabelle` in a
 * packaged Electron app, else `./resources/anpr/tabelle` from the working directory.
 */
export function cartellaTabellePredefinita(): string {
  const env = process.env['ANPR_TABELLE_DIR'];
  if (env) return env;
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    const p = path.join(resourcesPath, 'anpr', 'tabelle');
    if (existsSync(p)) return p;
  }
  return path.resolve(process.cwd(), REL);
}

export function loadAnprTables(dir: string = cartellaTabellePredefinita()): AnprTables {
  const t0 = performance.now();
  const read = (file: string) => {
    const p = path.join(dir, file);
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      throw new Error(`Tabella ANPR non trovata: ${p}`, { cause: e });
    }
  };
  const tables = buildAnprTables({
    comuniCsv: read(FILE_COMUNI),
    statiEsteriCsv: read(FILE_STATI_ESTERI),
    tabelle: CATALOGO_TABELLE.map((catalogo) => ({ catalogo, csv: read(catalogo.file) })),
  });
  tables.statistiche.caricamentoMs = performance.now() - t0;
  return tables;
}

const cache = new Map<string, AnprTables>();

/** Loads once per directory and reuses the result. */
export function getAnprTables(dir: string = cartellaTabellePredefinita()): AnprTables {
  const key = path.resolve(dir);
  let t = cache.get(key);
  if (!t) {
    t = loadAnprTables(key);
    cache.set(key, t);
  }
  return t;
}
