/**
 * "Verifica collegamento": ANPR's TestConn for the current environment, with
 * the real reason of a failure in Italian (and what to do), and an English
 * log line for each cause. Before calling, the things that would stop the
 * call are checked one by one (comune certificate, CA bundle, signed-in
 * operator), so the clerk reads which one is missing. The last result (time
 * of the last success, clock skew from the `Date` header of ANPR's answer)
 * feeds the go-live checklist.
 */
import type { TipoAmbiente } from '../../shared/ipc/contract';
import type { Clock } from './clock';
import type { Logger } from '../platform/logger';
import type { SettingsRepository } from '../platform/impostazioni';
import type { KeystoreStore } from '../anpr/security/keystore-store';
import type { CaBundleStore } from '../anpr/transport/ca-bundle-store';
import type { AnprAccess } from './anpr-access';
import { problemaCa, problemaCertificato } from './prerequisiti-anpr';
import { AppError } from '../platform/ipc/app-error';
import { testataDaCompletare } from '../anpr/services/builders';
import type { AnprClient } from '../anpr/client';
import type { VersioniAnpr } from '../../shared/ipc/contract';
import { VERSIONE_INTERFACCIA, confrontaVersioni } from '../../shared/anpr/versione-interfaccia';

/** ANPR refuses messages whose timestamps are off by more than about this (anpr#481). */
export const TOLLERANZA_OROLOGIO_SECONDI = 30;

export interface UltimaVerifica {
  ambiente: TipoAmbiente;
  il: string;
  riuscita: boolean;
  messaggio: string | null;
  /** Time of the last TestConn ANPR accepted in this environment. */
  ultimoSuccesso: string | null;
  /** Seconds this computer is ahead of ANPR (negative: behind), from the last answer's `Date` header. */
  scartoOrologioSecondi: number | null;
}

export interface EsitoVerifica {
  raggiungibile: boolean;
  messaggio: string | null;
  /** ANPR's interface versions (7003), asked after every accepted TestConn; null when that call failed. */
  versioni?: VersioniAnpr | null;
}

export interface VerificaCollegamento {
  probe(): Promise<EsitoVerifica>;
  /** The last check in the current environment, if any since start. */
  ultima(): UltimaVerifica | null;
}

export function createVerificaCollegamento(deps: {
  anpr: AnprAccess;
  keystores: KeystoreStore;
  ca: CaBundleStore;
  settings: SettingsRepository;
  clock: Clock;
  logger: Logger;
}): VerificaCollegamento {
  const ultime = new Map<TipoAmbiente, UltimaVerifica>();
  const log = deps.logger.child('verifica-collegamento');

  const registra = (ambiente: TipoAmbiente, riuscita: boolean, messaggio: string | null, scarto: number | null) => {
    const il = deps.clock.now().toISOString();
    const prima = ultime.get(ambiente);
    ultime.set(ambiente, {
      ambiente,
      il,
      riuscita,
      messaggio,
      ultimoSuccesso: riuscita ? il : (prima?.ultimoSuccesso ?? null),
      scartoOrologioSecondi: scarto ?? prima?.scartoOrologioSecondi ?? null,
    });
    return { raggiungibile: riuscita, messaggio };
  };

  /** 7003 with every supported version, compared with the one this app speaks; a failure only logs (the probe already succeeded). */
  const versioniDi = async (client: AnprClient, ambiente: TipoAmbiente): Promise<VersioniAnpr | null> => {
    try {
      const id = await deps.anpr.nuovoIdOperazione();
      const { codDestinatario } = await deps.anpr.ambiente();
      const { outcome } = await client.send('7003', { testata: testataDaCompletare(id, deps.clock.now()), tipoVersioni: '2' }, { idOperazioneComune: id });
      if (outcome.kind !== 'accolta' && outcome.kind !== 'accolta_con_avvisi') {
        log.warn('7003 (interface versions) not answered', { ambiente, kind: outcome.kind });
        return null;
      }
      const stato = outcome.value.statoVersioni[0];
      if (!stato) {
        log.warn('7003 answered without statoVersioni', { ambiente });
        return null;
      }
      const v = (x: { codDestinatario: string; versioneCompleta: string }) => ({ codDestinatario: x.codDestinatario, versioneCompleta: x.versioneCompleta });
      const parlata = { codDestinatario, versioneCompleta: VERSIONE_INTERFACCIA.versioneCompleta };
      const elenco = { corrente: v(stato.corrente), supportate: stato.supportate.map(v) };
      const confronto = confrontaVersioni(parlata, elenco);
      if (!confronto.supportata) log.error('ANPR no longer supports the interface version this app speaks', { ambiente, parlata: codDestinatario, corrente: elenco.corrente.codDestinatario });
      else if (confronto.superata) log.warn('ANPR published a newer interface version', { ambiente, parlata: codDestinatario, corrente: `${elenco.corrente.codDestinatario} ${elenco.corrente.versioneCompleta}` });
      return { parlata, ...elenco, ...confronto, verificateIl: deps.clock.now().toISOString() };
    } catch (error) {
      log.warn('7003 (interface versions) failed', { ambiente, error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };

  const probe = async (): Promise<EsitoVerifica> => {
    const ambiente = deps.settings.get().ambiente.tipo;
    const fallita = (causa: string, messaggio: string, scarto: number | null = null) => {
      log.warn('TestConn failed', { ambiente, causa });
      registra(ambiente, false, messaggio, scarto);
      return { raggiungibile: false, messaggio };
    };
    if (ambiente !== 'SIMULATORE') {
      const certificato = problemaCertificato(deps.keystores);
      if (certificato) return fallita(certificato.log, certificato.messaggio);
      const ca = problemaCa(deps.ca);
      if (ca) return fallita(ca.log, ca.messaggio);
    }
    let result;
    let client: AnprClient;
    try {
      client = await deps.anpr.client();
      result = await client.testConnection(await deps.anpr.nuovoIdOperazione());
    } catch (error) {
      if (error instanceof AppError) return fallita(`refused before the call: ${error.code}`, error.message);
      throw error;
    }
    const { outcome, exchange } = result;
    const scarto = exchange.clockSkewSeconds ?? null;
    if (outcome.kind === 'accolta' || outcome.kind === 'accolta_con_avvisi') {
      log.info('TestConn accepted', { ambiente, clockSkewSeconds: scarto });
      registra(ambiente, true, null, scarto);
      return { raggiungibile: true, messaggio: null, versioni: await versioniDi(client, ambiente) };
    }
    const orologio =
      scarto !== null && Math.abs(scarto) > TOLLERANZA_OROLOGIO_SECONDI
        ? ` L'orologio di questo computer differisce di ${Math.abs(scarto)} secondi da quello di ANPR: sincronizzarlo.`
        : '';
    if (outcome.kind === 'respinta') {
      const errori = outcome.errori.map((e) => `${e.codice} ${e.testo}`).join('; ');
      log.warn('TestConn refused by ANPR', { ambiente, codici: outcome.errori.map((e) => e.codice).join(',') });
      registra(ambiente, false, `ANPR risponde ma rifiuta la verifica: ${errori}.${orologio}`, scarto);
      // ANPR answered: it is reachable, the refusal is the clerk's to read.
      return { raggiungibile: true, messaggio: `ANPR risponde ma rifiuta la verifica: ${errori}.${orologio}` };
    }
    if (outcome.kind === 'soap_fault') return fallita(`SOAP fault ${outcome.faultcode}: ${outcome.faultstring}`, `${outcome.messaggio}${orologio}`, scarto);
    if (outcome.kind === 'non_consegnata') {
      const cosaFare =
        outcome.causa === 'dns' || outcome.causa === 'connessione_rifiutata'
          ? " Verificare la rete dell'ufficio e l'indirizzo del servizio in Impostazioni › Ambiente ANPR."
          : '';
      return fallita(`not delivered (${outcome.causa}): ${outcome.dettaglio}`, `${outcome.messaggio}${cosaFare}`, scarto);
    }
    // esito_sconosciuto: TestConn changes nothing, so no reconciliation to announce.
    const motivo =
      outcome.causa === 'timeout'
        ? 'ANPR non ha risposto in tempo alla verifica del collegamento.'
        : outcome.causa === 'http_5xx'
          ? `ANPR ha risposto con un errore del server${outcome.httpStatus ? ` (HTTP ${outcome.httpStatus})` : ''}.`
          : 'La risposta di ANPR alla verifica del collegamento non è arrivata completa o non è leggibile.';
    return fallita(`outcome unknown (${outcome.causa}): ${outcome.dettaglio}`, `${motivo} Riprovare tra qualche minuto; se persiste, verificare la rete dell'ufficio e lo stato del servizio ANPR.`, scarto);
  };

  return {
    probe,
    ultima: () => ultime.get(deps.settings.get().ambiente.tipo) ?? null,
  };
}
