/**
 * For the node-side tests of the forms' pure logic: fills
 * shared/anpr/moduli/tabelle-dati.ts with what the core serves through
 * `tabelle.*` (the CSVs in resources/anpr/tabelle), as the renderer's hooks do
 * in the app.
 */
import { registraStati, registraTabella } from '../../shared/anpr/moduli/tabelle-dati';
import { getAnprTables } from '../platform/tabelle/loader';

export function caricaTabelleUfficiali(): ReturnType<typeof getAnprTables> {
  const t = getAnprTables();
  for (const tab of t.tabelle) if (tab.numero !== null) registraTabella(tab.numero, tab.voci);
  registraStati(t.statiEsteri.map((s) => ({ codice: s.codIstat, denominazione: s.denominazione, belfiore: s.belfiore })), { completa: true });
  return t;
}
