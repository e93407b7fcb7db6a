/**
 * Loopback-only admin endpoint (and the same operations in-process):
 *   GET    /__admin/operations → [{ servizio, idOperazioneComune, idOperazioneANPR, effetti, operatore }]
 *   GET    /__admin/faults     → active faults
 *   POST   /__admin/faults     → body { "faults": [...] } replaces them, or one fault object adds it
 *   DELETE /__admin/faults     → clears them
 */
import { ZodError } from 'zod';
import type { FaultSpec } from './config';
import type { ActiveFault } from './faults';
import type { PersonaSim, SimStore } from './state/store';

export interface OperazioneAdmin {
  servizio: string;
  idOperazioneComune: string;
  idOperazioneANPR: string;
  /** How many times the operation changed the state (replays add nothing). */
  effetti: number;
  /** The SAML NameID of the request: the operator ANPR records as having acted. */
  operatore: string | null;
}

export interface SimulatorAdmin {
  setFaults(faults: readonly FaultSpec[]): void;
  addFault(fault: FaultSpec): void;
  clearFaults(): void;
  faults(): ActiveFault[];
  operations(): OperazioneAdmin[];
  /** A few current residents of a served comune (default: the first). */
  campione(comune?: string, n?: number): PersonaSim[];
  persona(idSchedaSoggettoANPR: string): PersonaSim | undefined;
  /** The simulator's SQLite state (tests, diagnostics). */
  store: SimStore;
}

export interface AdminResponse {
  status: number;
  body: unknown;
}

export function handleAdmin(admin: SimulatorAdmin, method: string, pathname: string, body: string): AdminResponse {
  try {
    if (pathname === '/__admin/operations' && method === 'GET') return { status: 200, body: admin.operations() };
    if (pathname === '/__admin/faults') {
      if (method === 'GET') return { status: 200, body: admin.faults() };
      if (method === 'DELETE') {
        admin.clearFaults();
        return { status: 200, body: [] };
      }
      if (method === 'POST') {
        let json: unknown;
        try {
          json = JSON.parse(body || '{}');
        } catch {
          return { status: 400, body: { errore: 'corpo JSON non valido' } };
        }
        if (json && typeof json === 'object' && 'faults' in json && Array.isArray((json as { faults: unknown }).faults)) {
          admin.setFaults((json as { faults: FaultSpec[] }).faults);
        } else admin.addFault(json as FaultSpec);
        return { status: 200, body: admin.faults() };
      }
      return { status: 405, body: { errore: 'metodo non ammesso' } };
    }
    return { status: 404, body: { errore: 'risorsa inesistente' } };
  } catch (err) {
    if (err instanceof ZodError) return { status: 400, body: { errore: 'guasto non valido', dettagli: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } };
    throw err;
  }
}
