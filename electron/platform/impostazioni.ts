/**
 * Typed settings over the `impostazioni` table, one row per top-level key.
 * On first start nothing is stored and the defaults put the app on the
 * built-in training simulator. A key (or a field inside one) added in a later
 * version reads as its default until it is saved: no migration needed.
 */
import { z } from 'zod';
import type { Db } from './db/database';
import type { Clock } from '../core/clock';
import { LetturaRichiesteSchema, MINUTI_INATTIVITA, MINUTI_LETTURA_RICHIESTE, SicurezzaSchema, TipoAmbienteSchema } from '../../shared/ipc/contract';

export const SettingsSchema = z.object({
  comune: z.object({
    codiceIstat: z.string().regex(/^\d{6}$/),
    denominazione: z.string().min(1),
  }),
  ambiente: z.object({
    tipo: TipoAmbienteSchema,
    /** Base URL; for the simulator it is filled in when the simulator starts. */
    endpoint: z.string(),
  }),
  /** Inactivity lock of the operator session (electron/features/operatori/accesso.ts). */
  sicurezza: SicurezzaSchema,
  /** Background reads of the citizens' online requests (electron/features/richieste). */
  letturaRichieste: LetturaRichiesteSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  comune: { codiceIstat: '056003', denominazione: 'Bagnoregio' },
  ambiente: { tipo: 'SIMULATORE', endpoint: 'simulatore-locale' },
  sicurezza: { minutiInattivita: MINUTI_INATTIVITA.predefiniti },
  letturaRichieste: { minutiAggiornamento: MINUTI_LETTURA_RICHIESTE.predefiniti },
};

/**
 * The key local data is kept under, per environment and comune
 * (`SIMULATORE:056003`): what was read or recorded in training never shows
 * in TEST or PRODUZIONE (`letture_anpr.ambiente`, the anomaly lists).
 */
export function ambienteLocale(s: { ambiente: { tipo: string }; comune: { codiceIstat: string } }): string {
  return `${s.ambiente.tipo}:${s.comune.codiceIstat}`;
}

export interface SettingsRepository {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

export function createSettingsRepository(db: Db, clock: Clock): SettingsRepository {
  const read = db.prepare<[string], { valore_json: string }>('SELECT valore_json FROM impostazioni WHERE chiave = ?');
  const write = db.prepare(
    `INSERT INTO impostazioni (chiave, valore_json, aggiornata) VALUES (?, ?, ?)
     ON CONFLICT (chiave) DO UPDATE SET valore_json = excluded.valore_json, aggiornata = excluded.aggiornata`,
  );
  const get = (): Settings => {
    const entries = Object.entries(DEFAULT_SETTINGS).map(([key, predefinito]) => {
      const row = read.get(key);
      // Fields missing from a stored key (saved by an older version) take their default.
      return [key, row ? { ...predefinito, ...(JSON.parse(row.valore_json) as object) } : predefinito];
    });
    return SettingsSchema.parse(Object.fromEntries(entries));
  };
  return {
    get,
    update(patch) {
      const next = SettingsSchema.parse({ ...get(), ...patch });
      const now = clock.now().toISOString();
      db.transaction(() => {
        for (const key of Object.keys(patch) as (keyof Settings)[]) {
          write.run(key, JSON.stringify(next[key]), now);
        }
      })();
      return next;
    },
  };
}
