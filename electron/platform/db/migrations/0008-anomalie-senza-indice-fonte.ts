import type { Migration } from './index';

/**
 * Anomaly lists (issue 7): drops `anomalie_fonte (fonte, rilevata DESC)`.
 *
 * The source is not a sort order of the list, and the windowed list queries
 * already test it row by row (`+a.fonte` in store.ts: most anomalies come
 * from files, so a filter by source never narrows much). Only the total of a
 * filter by source (and the export) could read it; a scan answers that in a
 * few milliseconds at 100,000 rows. A bulk import rebuilds every index of
 * `anomalie`: this one took about an eighth of that time and wrote ~7% of
 * the pages, for nothing the list shows.
 */
const migration: Migration = {
  version: 8,
  name: '0008-anomalie-senza-indice-fonte',
  up(db) {
    db.exec('DROP INDEX IF EXISTS anomalie_fonte');
  },
};
export default migration;
