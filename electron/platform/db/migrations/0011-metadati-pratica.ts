import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * What the app knows about a pratica beside the builder input gets columns
 * of its own, instead of hidden keys of the payload (`payload_json` now holds
 * the builder input without testata only):
 *
 * - `valori_modulo_json` ← `_modulo`: the form values exactly as typed (JSON
 *   object; a draft may be incomplete or invalid);
 * - `variante` ← `_variante`: the form variant that wrote it (e.g.
 *   `altro-comune`, a 5005 between subentrati comuni);
 * - `annulla_pratica_id`, `annulla_json` ← `_annulla`: for an annulment
 *   draft (1013/2011/5012), the accepted pratica it annuls (its id, indexed,
 *   and the whole reference: servizio, idOperazioneComune, idOperazioneANPR,
 *   dataDecorrenza);
 * - `avviata_per` ← `_soggetto`: the name of whom the pratica was started for
 *   (the list shows it when the payload names nobody, e.g. a family's move).
 *
 * Every stored payload is rewritten without those keys. A payload that is not
 * a JSON object (or not JSON) is left as it is. Frozen request bodies
 * (`invii.corpo_xml`) never held them: the builders ignored the keys.
 */
const CHIAVI = ['_modulo', '_variante', '_annulla', '_soggetto'] as const;

export function metadatiDalPayload(payload: Record<string, unknown>): {
  payload: Record<string, unknown>;
  valoriModulo: string | null;
  variante: string | null;
  annullaPraticaId: string | null;
  annulla: string | null;
  avviataPer: string | null;
} {
  const { _modulo: modulo, _variante: variante, _annulla: annulla, _soggetto: soggetto, ...resto } = payload;
  const praticaId = annulla && typeof annulla === 'object' ? (annulla as { praticaId?: unknown }).praticaId : undefined;
  return {
    payload: resto,
    valoriModulo: modulo && typeof modulo === 'object' && !Array.isArray(modulo) ? JSON.stringify(modulo) : null,
    variante: typeof variante === 'string' && variante ? variante : null,
    annullaPraticaId: typeof praticaId === 'string' && praticaId ? praticaId : null,
    annulla: annulla && typeof annulla === 'object' && !Array.isArray(annulla) ? JSON.stringify(annulla) : null,
    avviataPer: typeof soggetto === 'string' && soggetto.trim() ? soggetto.trim() : null,
  };
}

function sposta(db: Database.Database): void {
  const righe = db.prepare<[], { id: string; payload_json: string }>('SELECT id, payload_json FROM pratiche').all();
  const aggiorna = db.prepare(`UPDATE pratiche SET payload_json = @payload_json, valori_modulo_json = @valori_modulo_json, variante = @variante,
      annulla_pratica_id = @annulla_pratica_id, annulla_json = @annulla_json, avviata_per = @avviata_per WHERE id = @id`);
  for (const r of righe) {
    let payload: unknown;
    try {
      payload = JSON.parse(r.payload_json);
    } catch {
      continue;
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) continue;
    if (!CHIAVI.some((k) => k in payload)) continue;
    const m = metadatiDalPayload(payload as Record<string, unknown>);
    aggiorna.run({
      id: r.id,
      payload_json: JSON.stringify(m.payload),
      valori_modulo_json: m.valoriModulo,
      variante: m.variante,
      annulla_pratica_id: m.annullaPraticaId,
      annulla_json: m.annulla,
      avviata_per: m.avviataPer,
    });
  }
}

const migration: Migration = {
  version: 11,
  name: '0011-metadati-pratica',
  up(db) {
    db.exec(`
      ALTER TABLE pratiche ADD COLUMN valori_modulo_json TEXT;
      ALTER TABLE pratiche ADD COLUMN variante TEXT;
      ALTER TABLE pratiche ADD COLUMN annulla_pratica_id TEXT;
      ALTER TABLE pratiche ADD COLUMN annulla_json TEXT;
      ALTER TABLE pratiche ADD COLUMN avviata_per TEXT;
      CREATE INDEX pratiche_annulla ON pratiche (annulla_pratica_id) WHERE annulla_pratica_id IS NOT NULL;
    `);
    sposta(db);
  },
};
export default migration;
