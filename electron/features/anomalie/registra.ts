/**
 * Anomalies from ANPR's answers:
 *
 * - `registraAnomalieDaRisposta`: every `listaErrori` / `listaAnomalie`
 *   entry of an answer (called by the queue when an answer arrives; EN527
 *   and W entries included: ANPR support asks for all of them);
 * - `registraAnomalie3002`: each subject's open anomalies (`erroriAnomalie`)
 *   in a 3002 answer (called by the search code). Codes that a subject had
 *   open and the answer no longer lists are marked *sanata* by ANPR.
 *
 * Both are idempotent: the same answer registered twice adds nothing. Both
 * write to the lists of one environment (`ambiente`: the key of
 * `ambienteLocale`, the environment that answered).
 */
import type { Db } from '../../platform/db/database';
import type { ErroreAnpr } from '../../anpr/outcome';
import type { Risposta3002Parsed } from '../../anpr/services/parse-response';
import type { SeveritaAnomalia } from '../../../shared/ipc/domains/anomalie';
import { chiaveAnomaliaSoggetto } from './importa';
import { chiaveDi, chiaveSoggetto, type NuovaAnomalia } from './store';
import { anomalieService } from './service';

export interface AnomalieDaRisposta {
  /** The subject the operation was about, when known (see `chiaveSoggetto`). */
  soggettoKey?: string | null;
  idOperazioneComune: string;
  idOperazioneANPR?: string | null;
  /** Service code, e.g. '5008'. */
  servizio: string;
  errori: readonly ErroreAnpr[];
  /** When the answer arrived (ISO); default now. */
  quando?: string;
}

function severita(tipo: string, daCatalogo: 'E' | 'W' | undefined): SeveritaAnomalia {
  const t = tipo.trim().toUpperCase();
  if (t === 'E' || t === 'W') return t;
  return daCatalogo ?? '?';
}

export function registraAnomalieDaRisposta(db: Db, ambiente: string, input: AnomalieDaRisposta): { inserite: number; giaPresenti: number } {
  const servizio = anomalieService(db, ambiente);
  const quando = input.quando ?? servizio.adesso();
  const soggettoKey = input.soggettoKey?.trim() || null;
  const righe: NuovaAnomalia[] = input.errori.map((e) => {
    const codice = e.codice.trim().toUpperCase();
    const testo = e.testo?.trim() || servizio.catalogo.testo(codice) || `Anomalia ${codice}`;
    return {
      chiave: chiaveDi(`R\u0001${input.servizio}\u0001${input.idOperazioneComune}\u0001${codice}\u0001${e.campo ?? ''}\u0001${e.valore ?? ''}\u0001${testo}`),
      fonte: 'risposta',
      codice,
      severita: severita(e.tipo, servizio.catalogo.severita(codice)),
      testo,
      soggetto: soggettoKey ? { soggettoKey } : null,
      oggetto: e.oggetto ?? null,
      campo: e.campo ?? null,
      valore: e.valore ?? null,
      servizio: input.servizio,
      idOperazioneComune: input.idOperazioneComune,
      idOperazioneANPR: input.idOperazioneANPR ?? null,
      rilevata: quando,
    };
  });
  return servizio.store.scrivi(righe);
}

export function registraAnomalie3002(
  db: Db,
  ambiente: string,
  risposta: Pick<Risposta3002Parsed, 'soggetti'> & { testata?: { idOperazioneComune?: string; idOperazioneANPR?: string } },
  opzioni: { quando?: string; chiudiAssenti?: boolean } = {},
): { inserite: number; giaPresenti: number; sanate: number } {
  const servizio = anomalieService(db, ambiente);
  const quando = opzioni.quando ?? servizio.adesso();
  let inserite = 0;
  let giaPresenti = 0;
  let sanate = 0;
  for (const s of risposta.soggetti) {
    const g = s.generalita;
    const sogg = {
      idAnpr: s.idANPR ?? null,
      codiceFiscale: g.codiceFiscale ?? null,
      cognome: g.cognome ?? null,
      nome: g.nome ?? null,
      dataNascita: g.dataNascita ?? null,
    };
    const soggettoKey = chiaveSoggetto(sogg);
    if (!soggettoKey) continue;
    const righe: NuovaAnomalia[] = s.erroriAnomalie.map((e) => {
      const codice = e.codice.trim().toUpperCase();
      const testo = e.testo?.trim() || servizio.catalogo.testo(codice) || `Anomalia ${codice}`;
      return {
        chiave: chiaveAnomaliaSoggetto(soggettoKey, codice, e.campo, e.valore, testo),
        fonte: 'interrogazione',
        codice,
        severita: severita(e.tipo, servizio.catalogo.severita(codice)),
        testo,
        soggetto: { soggettoKey, ...sogg },
        oggetto: e.oggetto ?? null,
        campo: e.campo ?? null,
        valore: e.valore ?? null,
        servizio: '3002',
        idOperazioneComune: risposta.testata?.idOperazioneComune ?? null,
        idOperazioneANPR: risposta.testata?.idOperazioneANPR ?? null,
        rilevata: quando,
      };
    });
    const esito = servizio.store.scrivi(righe);
    inserite += esito.inserite;
    giaPresenti += esito.giaPresenti;
    if (opzioni.chiudiAssenti !== false) {
      sanate += servizio.chiudiAssenti(soggettoKey, new Set(righe.map((r) => r.codice)), quando);
    }
  }
  return { inserite, giaPresenti, sanate };
}
