/**
 * For the node-side tests of the forms' pure logic: fills tabelle-dati.ts with
 * what the core serves through `tabelle.*` (the CSVs in resources/anpr/tabelle,
 * read by electron/tables/loader.ts), as the hooks do in the app.
 * The renderer never imports the core, so the loader is reached at run time
 * through a computed path (tests only; vitest runs them in node).
 */
import type { StatoEstero, TabellaDecodifica } from '../../../../../shared/domain/tabelle';
import { registraStati, registraTabella } from './tabelle-dati';

interface Tabelle {
  readonly tabelle: readonly TabellaDecodifica[];
  readonly statiEsteri: readonly StatoEstero[];
}

const LOADER = '../../../../../electron/tables/loader';

export async function caricaTabelleUfficiali(): Promise<Tabelle> {
  const { getAnprTables } = (await import(/* @vite-ignore */ LOADER)) as { getAnprTables(): Tabelle };
  const t = getAnprTables();
  for (const tab of t.tabelle) if (tab.numero !== null) registraTabella(tab.numero, tab.voci);
  registraStati(t.statiEsteri.map((s) => ({ codice: s.codIstat, denominazione: s.denominazione, belfiore: s.belfiore })));
  return t;
}
