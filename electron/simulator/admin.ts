/**
 * Loopback-only admin endpoint (and the same operations in-process):
 *   GET    /__admin/operations → [{ servizio, idOperazioneComune, idOperazioneANPR, effetti, operatore }]
 *   GET    /__admin/faults     → active faults
 *   POST   /__admin/faults     → body { "faults": [...] } replaces them, or one fault object adds it
 *   DELETE /__admin/faults     → clears them
 *   GET    /__admin/versioni   → the interface versions 7003 lists
 *   PUT    /__admin/versioni   → body { corrente, supportate } replaces them (training: "ANPR moved on")
 *   GET    /__admin/richieste  → the citizens' online requests (P000), arrived or not
 *   POST   /__admin/richieste  → body { "tipologia": "2", "comune"?: "058091" }: a citizen files a request now (e2e)
 *   POST   /__admin/richieste/<codice>/integra → the citizen supplements a suspended request (6 sospesa → 7 integrata)
 *   POST   /__admin/richieste/<codice>/stato   → body { "stato": "3", "note"?: "…" }: the state changes elsewhere (web application ANPR)
 */
import { ZodError } from 'zod';
import { versioniSchema, type FaultSpec, type VersioniSim } from './config';
import type { ActiveFault } from './faults';
import type { PersonaSim, RichiestaSim, SimStore } from './state/store';

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
  versioni(): VersioniSim;
  setVersioni(versioni: VersioniSim): void;
  /** A few current residents of a served comune (default: the first). */
  campione(comune?: string, n?: number): PersonaSim[];
  persona(idSchedaSoggettoANPR: string): PersonaSim | undefined;
  /** The simulator's SQLite state (tests, diagnostics). */
  store: SimStore;
  /** A citizen files a request now (default: a residence declaration, in the first served comune). */
  nuovaRichiesta(tipologia?: string, comune?: string): RichiestaSim;
  /** The citizen supplements a suspended request (6 → 7); RangeError when it does not exist or is not suspended. */
  integraRichiesta(codice: string): RichiestaSim;
  /** The state set from outside this workstation (no state machine check); RangeError for an unknown request or state. */
  impostaStatoRichiesta(codice: string, stato: string, note?: string): RichiestaSim;
}

const TIPOLOGIE = ['1', '2', '4', '5', '6'];

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
    if (pathname === '/__admin/versioni') {
      if (method === 'GET') return { status: 200, body: admin.versioni() };
      if (method === 'PUT') {
        let json: unknown;
        try {
          json = JSON.parse(body || '{}');
        } catch {
          return { status: 400, body: { errore: 'corpo JSON non valido' } };
        }
        const parsed = versioniSchema.safeParse(json);
        if (!parsed.success) return { status: 400, body: { errore: 'versioni non valide', dettagli: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } };
        admin.setVersioni(parsed.data);
        return { status: 200, body: admin.versioni() };
      }
      return { status: 405, body: { errore: 'metodo non ammesso' } };
    }
    if (pathname === '/__admin/richieste') {
      if (method === 'GET') return { status: 200, body: admin.store.tutteLeRichieste() };
      if (method === 'POST') {
        let json: { tipologia?: unknown; comune?: unknown };
        try {
          json = JSON.parse(body || '{}') as typeof json;
        } catch {
          return { status: 400, body: { errore: 'corpo JSON non valido' } };
        }
        const tipologia = json.tipologia === undefined ? '2' : String(json.tipologia);
        if (!TIPOLOGIE.includes(tipologia)) return { status: 400, body: { errore: `tipologia ${tipologia} non prevista (1, 2, 4, 5, 6)` } };
        try {
          return { status: 201, body: admin.nuovaRichiesta(tipologia, typeof json.comune === 'string' ? json.comune : undefined) };
        } catch (err) {
          if (err instanceof RangeError) return { status: 409, body: { errore: err.message } };
          throw err;
        }
      }
      return { status: 405, body: { errore: 'metodo non ammesso' } };
    }
    const integra = /^\/__admin\/richieste\/(\d{1,30})\/integra$/.exec(pathname);
    if (integra) {
      if (method !== 'POST') return { status: 405, body: { errore: 'metodo non ammesso' } };
      if (!admin.store.getRichiesta(integra[1]!)) return { status: 404, body: { errore: `richiesta ${integra[1]} inesistente` } };
      try {
        return { status: 200, body: admin.integraRichiesta(integra[1]!) };
      } catch (err) {
        if (err instanceof RangeError) return { status: 409, body: { errore: err.message } };
        throw err;
      }
    }
    const stato = /^\/__admin\/richieste\/(\d{1,30})\/stato$/.exec(pathname);
    if (stato) {
      if (method !== 'POST') return { status: 405, body: { errore: 'metodo non ammesso' } };
      let json: { stato?: unknown; note?: unknown };
      try {
        json = JSON.parse(body || '{}') as typeof json;
      } catch {
        return { status: 400, body: { errore: 'corpo JSON non valido' } };
      }
      if (typeof json.stato !== 'string') return { status: 400, body: { errore: 'indicare lo stato' } };
      try {
        return { status: 200, body: admin.impostaStatoRichiesta(stato[1]!, json.stato, typeof json.note === 'string' ? json.note : undefined) };
      } catch (err) {
        if (err instanceof RangeError) return { status: 404, body: { errore: err.message } };
        throw err;
      }
    }
    return { status: 404, body: { errore: 'risorsa inesistente' } };
  } catch (err) {
    if (err instanceof ZodError) return { status: 400, body: { errore: 'guasto non valido', dettagli: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } };
    throw err;
  }
}
