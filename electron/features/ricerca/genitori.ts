/**
 * Ricerca genitori (ANPR service 3001), run from the 1001 birth form: ANPR
 * returns the residents matching the father's and the mother's data, each
 * with the family the newborn can join. A read: nothing is stored locally
 * and there is no offline fallback (a birth is registered against ANPR's
 * current state, not an earlier copy).
 */
import type { Clock } from '../../core/clock';
import type { Logger } from '../../platform/logger';
import type { AnprAccess } from '../../core/anpr-access';
import { testataDaCompletare, type Genitore3001, type Richiesta3001Input } from '../../anpr/services/builders';
import type { Genitore3001Parsed } from '../../anpr/services/parse-response';
import { AppError } from '../../platform/ipc/app-error';
import type { EsitoRicercaGenitori, GenitoreTrovato, RicercaGenitori } from '../../../shared/ipc/domains/ricerca';
import { luogo } from './mappa';

type Cercato = NonNullable<RicercaGenitori['padre']>;

function genitore3001(g: Cercato | undefined): Genitore3001 | undefined {
  if (!g) return undefined;
  return { generalita: { ...(g.codiceFiscale ? { codiceFiscale: g.codiceFiscale } : {}), cognome: g.cognome.trim().toUpperCase(), nome: g.nome.trim().toUpperCase() } };
}

function trovato(g: Genitore3001Parsed): GenitoreTrovato | null {
  const gen = g.genitore?.generalita;
  if (!gen?.idSchedaSoggettoANPR) return null;
  return {
    idSchedaSoggettoANPR: gen.idSchedaSoggettoANPR,
    codiceFiscale: gen.codiceFiscale ?? null,
    cognome: gen.cognome ?? '',
    nome: gen.nome ?? '',
    sesso: gen.sesso ?? null,
    dataNascita: gen.dataNascita ? gen.dataNascita.slice(0, 10) : null,
    luogoNascita: luogo(gen.luogoNascita),
    residenza: g.residenza?.testo || null,
    idFamigliaConvivenzaANPR: g.famiglia?.idFamigliaConvivenzaANPR ?? null,
  };
}

export function createRicercaGenitori(deps: { clock: Clock; logger: Logger; anpr: AnprAccess }) {
  const log = deps.logger.child('ricerca-genitori');
  return async function genitori(richiesta: RicercaGenitori): Promise<EsitoRicercaGenitori> {
    const padre = genitore3001(richiesta.padre);
    const madre = genitore3001(richiesta.madre);
    const flag = (b: boolean) => (b ? 1 : 0);
    const client = await deps.anpr.client();
    const idOperazioneComune = await deps.anpr.nuovoIdOperazione();
    const input: Richiesta3001Input = {
      testata: testataDaCompletare(idOperazioneComune, deps.clock.now()),
      ...(padre ? { paternita: padre } : {}),
      ...(madre ? { maternita: madre } : {}),
      datiControlli: {
        pPadre: flag(!!padre),
        pCodiceFiscalePadre: flag(!!padre?.generalita?.codiceFiscale),
        pCognomePadre: flag(!!padre?.generalita?.cognome),
        pMadre: flag(!!madre),
        pCognomeMadre: flag(!!madre?.generalita?.cognome),
        pCodiceFiscaleMadre: flag(!!madre?.generalita?.codiceFiscale),
      },
    };
    const { outcome } = await client.send('3001', input, { idOperazioneComune });
    log.info('3001 answered', { kind: outcome.kind, idOperazioneComune });
    switch (outcome.kind) {
      case 'accolta':
      case 'accolta_con_avvisi': {
        const padri = outcome.value.padri.map(trovato).filter((g): g is GenitoreTrovato => !!g);
        const madri = outcome.value.madri.map(trovato).filter((g): g is GenitoreTrovato => !!g);
        const mancanti = [padre && padri.length === 0 ? 'il padre' : null, madre && madri.length === 0 ? 'la madre' : null].filter(Boolean);
        return { padri, madri, avviso: mancanti.length ? `ANPR non ha trovato ${mancanti.join(' né ')} tra i residenti.` : null };
      }
      case 'respinta':
        return { padri: [], madri: [], avviso: `ANPR ha respinto la ricerca: ${outcome.errori.map((e) => `${e.testo} (${e.codice})`).join('; ')}.` };
      default:
        throw new AppError('ANPR_NON_RAGGIUNGIBILE', `Ricerca dei genitori non riuscita: ${outcome.messaggio}`);
    }
  };
}
