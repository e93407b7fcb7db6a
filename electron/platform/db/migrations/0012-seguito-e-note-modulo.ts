import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * The last hidden keys leave the payload (which now holds the builder input
 * without testata and nothing else):
 *
 * - `seguito_di_json` ← `_seguitoDi`: a follow-up's link to the accepted
 *   pratica whose warning asked for it ({praticaId, servizio, codice});
 * - `_famiglia` (2001: the family read with the deceased) and `_provenienza`
 *   (5005 from another comune: the comune the people come from) were the
 *   form's notes: they join the form values (`valori_modulo_json`, as
 *   `famiglia` and `provenienza`) unless those already hold them;
 * - any other key starting with `_` is dropped: no builder ever read one.
 */
export function separaNote(payload: Record<string, unknown>, valori: Record<string, unknown> | null): {
  payload: Record<string, unknown>;
  valoriModulo: Record<string, unknown> | null;
  seguitoDi: string | null;
} {
  const resto: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload)) if (!k.startsWith('_')) resto[k] = v;
  const note: Record<string, unknown> = {};
  if (payload['_famiglia'] && typeof payload['_famiglia'] === 'object') note['famiglia'] = payload['_famiglia'];
  if (payload['_provenienza'] && typeof payload['_provenienza'] === 'object') note['provenienza'] = payload['_provenienza'];
  const valoriModulo = Object.keys(note).length ? { ...note, ...(valori ?? {}) } : valori;
  const s = payload['_seguitoDi'];
  return { payload: resto, valoriModulo, seguitoDi: s && typeof s === 'object' && !Array.isArray(s) ? JSON.stringify(s) : null };
}

function oggettoJson(json: string | null): Record<string, unknown> | null {
  try {
    const v = json ? (JSON.parse(json) as unknown) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function sposta(db: Database.Database): void {
  const righe = db.prepare<[], { id: string; payload_json: string; valori_modulo_json: string | null }>('SELECT id, payload_json, valori_modulo_json FROM pratiche').all();
  const aggiorna = db.prepare('UPDATE pratiche SET payload_json = @payload_json, valori_modulo_json = @valori_modulo_json, seguito_di_json = @seguito_di_json WHERE id = @id');
  for (const r of righe) {
    let payload: unknown;
    try {
      payload = JSON.parse(r.payload_json);
    } catch {
      continue;
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) continue;
    if (!Object.keys(payload).some((k) => k.startsWith('_'))) continue;
    const m = separaNote(payload as Record<string, unknown>, oggettoJson(r.valori_modulo_json));
    aggiorna.run({ id: r.id, payload_json: JSON.stringify(m.payload), valori_modulo_json: m.valoriModulo ? JSON.stringify(m.valoriModulo) : null, seguito_di_json: m.seguitoDi });
  }
}

const migration: Migration = {
  version: 12,
  name: '0012-seguito-e-note-modulo',
  up(db) {
    db.exec('ALTER TABLE pratiche ADD COLUMN seguito_di_json TEXT;');
    sposta(db);
  },
};
export default migration;
