/**
 * The citizens' online requests in-tray (issue 15, read side): P001 per type
 * in windows of at most 30 days since the last successful read (the first time
 * 90 days back), P002 for each request that is new or changed (at most
 * `MAX_DETTAGLI_PER_LETTURA` per read), its files archived with their SHA-256.
 * Everything read stays in the local copy per environment, so the list and
 * the sheets work offline; a failed read records why and loses nothing.
 */
import { createHash } from 'node:crypto';
import { addGiorni, diffGiorni, giornoRoma } from '../../../shared/domain/date-it';
import { TIPOLOGIE_RICHIESTA } from '../../../shared/anpr/servizi/P001';
import type { ConteggiRichieste, DettaglioRichiesta, ElencoRichieste, FileRichiesta, FiltriRichieste, RichiestaSintesi } from '../../../shared/ipc/domains/richieste';
import type { Db } from '../../platform/db/database';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../platform/logger';
import { ambienteLocale, type SettingsRepository } from '../../platform/impostazioni';
import type { AnprAccess } from '../../core/anpr-access';
import type { EventBus } from '../../core/event-bus';
import { AppError } from '../../platform/ipc/app-error';
import { testataDaCompletare } from '../../anpr/services/builders';
import type { DettaglioRichiestaParsed, FileRichiestaParsed, RichiestaCittadinoSintesi, RispostaP001Parsed, RispostaP002Parsed } from '../../anpr/services/parse-response';
import type { AnprOutcome } from '../../anpr/outcome';
import { azioniDa, motiviIrricevibilita } from './azioni';
import { propostaPratica, servizioProposto } from './pratica-da-richiesta';
import { createPraticheRichiesta, type CambioStato, type Richiesta } from './pratiche-richiesta';
import type { CodaHost } from '../../core/coda';
import type { Pratica } from '../coda/types';
import { STATI_CON_ESITO } from '../coda/states';
import type { PraticaDellaRichiesta } from '../../../shared/ipc/domains/richieste';
import { estensione, FORMATI_FILE, mimeDi, nominativo, righeIndirizzo, sintesi, TIPI_RECAPITO, titoloBlocco, titoloStato, voci } from './mappa';

/** ANPR refuses a P001 window over 30 days: each window covers 30 calendar days (first and last included). */
export const GIORNI_FINESTRA = 30;
/** The first read goes this far back. */
export const GIORNI_PRIMA_LETTURA = 90;
/** P002 calls per read at most (the rest on the next read). */
export const MAX_DETTAGLI_PER_LETTURA = 200;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The windows [dal, al] (inclusive days, at most 30 each) covering `da` … `a`. */
export function finestre(da: string, a: string): { dal: string; al: string }[] {
  const out: { dal: string; al: string }[] = [];
  for (let dal = da; diffGiorni(dal, a) >= 0; dal = addGiorni(dal, GIORNI_FINESTRA)) {
    const al = addGiorni(dal, GIORNI_FINESTRA - 1);
    out.push({ dal, al: diffGiorni(al, a) < 0 ? a : al });
  }
  return out;
}

interface RigaRichiesta {
  codice_richiesta: string;
  tipologia: string;
  stato: string;
  data_apertura: string;
  data_chiusura: string | null;
  sintesi_json: string;
  dettaglio_json: string | null;
  dettaglio_letto_il: string | null;
  letta_il: string;
}

interface RigaFile {
  id: number;
  ruolo: 'allegato' | 'riepilogo';
  posizione: number;
  nome: string;
  formato: string;
  mime: string;
  byte: number;
  sha256: string;
}

interface RigaLettura {
  riuscita_il: string | null;
  fino_al: string | null;
  fallita_il: string | null;
  errore: string | null;
}

export interface EsitoLettura {
  lettaIl: string | null;
  nuove: number;
  cambiate: number;
  messaggio: string | null;
}

export interface Richieste {
  elenco(filtri: FiltriRichieste): ElencoRichieste;
  conteggi(): ConteggiRichieste;
  /** Reads ANPR now; concurrent calls share the read in progress. */
  aggiorna(): Promise<EsitoLettura>;
  dettaglio(codiceRichiesta: string): Promise<DettaglioRichiesta>;
  file(id: number): { nome: string; mime: string; base64: string; sha256: string };
  /** Background reads every `letturaRichieste.minutiAggiornamento` minutes (the setting); returns the stop. */
  avvia(): () => void;
  /** The setting changed: the background reads, if started, follow the new interval from now. */
  intervalloCambiato(): void;
  /** A state change (or an extension) as a P003 pratica of the queue; refused when the state machine does not allow it. */
  cambiaStato(codiceRichiesta: string, cambio: CambioStato, op: { codiceFiscale: string }): Promise<{ pratica: PraticaDellaRichiesta; messaggio: string }>;
  /** The registration the request asks for, pre-filled from P002; once started, the same pratica. */
  avviaPratica(codiceRichiesta: string, op: { codiceFiscale: string }): Promise<Pratica>;
  /**
   * Follows the outcomes of the requests' pratiche (`pratiche.cambiata`): once ANPR answers a P003 or the registration,
   * the request is read again (P002) so the sheet shows ANPR's state. Returns the unsubscribe.
   */
  seguiEsiti(): () => void;
  /** Waits for the read in progress (close). */
  chiudi(): Promise<void>;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

class LetturaFallita extends Error {
  constructor(
    readonly messaggio: string,
    readonly dettaglio: string,
    /** ANPR answered and refused (not a transport failure). */
    readonly respinta = false,
  ) {
    super(dettaglio);
  }
}

function descriviEsito(outcome: AnprOutcome<unknown>): { messaggio: string; dettaglio: string } {
  switch (outcome.kind) {
    case 'respinta':
      return {
        messaggio: `ANPR ha respinto la lettura: ${outcome.errori.map((e) => `${e.testo} (${e.codice})`).join('; ')}`,
        dettaglio: `refused: ${outcome.errori.map((e) => e.codice).join(',')}`,
      };
    case 'accolta':
    case 'accolta_con_avvisi':
      return { messaggio: '', dettaglio: '' };
    default:
      return { messaggio: outcome.messaggio, dettaglio: `${outcome.kind}${'dettaglio' in outcome ? `: ${outcome.dettaglio}` : ''}` };
  }
}

export interface RichiesteDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: SettingsRepository;
  anpr: AnprAccess;
  coda: Pick<CodaHost, 'queue'>;
  /** "COGNOME NOME" of a local operator, by codice fiscale (ANPR records it as the P003 operatore). */
  nomeOperatore(codiceFiscale: string): string;
  events?: EventBus;
  timers?: Timers;
}

export function createRichieste(deps: RichiesteDeps): Richieste {
  const { db, clock } = deps;
  const log = deps.logger.child('richieste');
  const pratiche = createPraticheRichiesta({ coda: deps.coda, logger: deps.logger, nomeOperatore: deps.nomeOperatore });
  const timers: Timers = deps.timers ?? { setInterval: (fn, ms) => setInterval(fn, ms).unref(), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) };
  const q = {
    richiesta: db.prepare<[string, string], RigaRichiesta>('SELECT * FROM richieste_cittadino WHERE ambiente = ? AND codice_richiesta = ?'),
    tutte: db.prepare<[string], RigaRichiesta>('SELECT * FROM richieste_cittadino WHERE ambiente = ? ORDER BY data_apertura DESC, codice_richiesta DESC'),
    salvaSintesi: db.prepare(
      `INSERT INTO richieste_cittadino (ambiente, codice_richiesta, tipologia, stato, data_apertura, data_chiusura, sintesi_json, letta_il)
       VALUES (@ambiente, @codice, @tipologia, @stato, @apertura, @chiusura, @sintesi, @at)
       ON CONFLICT (ambiente, codice_richiesta) DO UPDATE SET tipologia = excluded.tipologia, stato = excluded.stato,
         data_apertura = excluded.data_apertura, data_chiusura = excluded.data_chiusura, sintesi_json = excluded.sintesi_json, letta_il = excluded.letta_il`,
    ),
    salvaDettaglio: db.prepare(
      `UPDATE richieste_cittadino SET dettaglio_json = @dettaglio, dettaglio_letto_il = @at, stato = @stato, data_chiusura = @chiusura
       WHERE ambiente = @ambiente AND codice_richiesta = @codice`,
    ),
    files: db.prepare<[string, string], RigaFile>(
      'SELECT id, ruolo, posizione, nome, formato, mime, byte, sha256 FROM richieste_file WHERE ambiente = ? AND codice_richiesta = ? ORDER BY ruolo, posizione, id DESC',
    ),
    salvaFile: db.prepare(
      `INSERT INTO richieste_file (ambiente, codice_richiesta, ruolo, posizione, nome, formato, mime, byte, sha256, dati, archiviato_il)
       VALUES (@ambiente, @codice, @ruolo, @posizione, @nome, @formato, @mime, @byte, @sha256, @dati, @at)
       ON CONFLICT (ambiente, codice_richiesta, ruolo, posizione, sha256) DO NOTHING`,
    ),
    file: db.prepare<[number, string], RigaFile & { dati: Buffer }>('SELECT * FROM richieste_file WHERE id = ? AND ambiente = ?'),
    /** The members' names, when the clerk has read them in Ricerca (local copy of 3002, same environment). */
    soggetto: db.prepare<[string, string], { cognome: string; nome: string; codice_fiscale: string | null }>(
      'SELECT cognome, nome, codice_fiscale FROM letture_anpr WHERE ambiente = ? AND id_scheda_anpr = ?',
    ),
    lettura: db.prepare<[string], RigaLettura>('SELECT riuscita_il, fino_al, fallita_il, errore FROM richieste_letture WHERE ambiente = ?'),
    riuscita: db.prepare(
      `INSERT INTO richieste_letture (ambiente, riuscita_il, fino_al, fallita_il, errore) VALUES (@ambiente, @at, @fino, NULL, NULL)
       ON CONFLICT (ambiente) DO UPDATE SET riuscita_il = excluded.riuscita_il, fino_al = excluded.fino_al, fallita_il = NULL, errore = NULL`,
    ),
    fallita: db.prepare(
      `INSERT INTO richieste_letture (ambiente, fallita_il, errore) VALUES (@ambiente, @at, @errore)
       ON CONFLICT (ambiente) DO UPDATE SET fallita_il = excluded.fallita_il, errore = excluded.errore`,
    ),
  };

  const ambiente = () => ambienteLocale(deps.settings.get());
  const oggi = () => giornoRoma(clock.now());

  const daRiga = (r: RigaRichiesta): RichiestaSintesi =>
    sintesi({ p001: JSON.parse(r.sintesi_json) as RichiestaCittadinoSintesi, dettaglio: r.dettaglio_json ? (JSON.parse(r.dettaglio_json) as DettaglioRichiestaParsed) : null }, oggi());

  const conteggiDi = (amb: string): ConteggiRichieste => {
    const tutte = q.tutte.all(amb).map(daRiga);
    const aperte = tutte.filter((r) => !r.chiusa);
    return {
      daPrendereInCarico: aperte.filter((r) => r.stato === '2').length,
      inScadenza: aperte.filter((r) => r.dovuto === 'oggi' || r.dovuto === 'prossimo').length,
      scadute: aperte.filter((r) => r.dovuto === 'scaduto').length,
      aperte: aperte.length,
      lettaIl: q.lettura.get(amb)?.riuscita_il ?? null,
    };
  };

  const chiama = async <S extends 'P001' | 'P002'>(servizio: S, criteriRicerca: S extends 'P001' ? Record<string, unknown> : { codiceRichiesta: string }) => {
    let outcome: AnprOutcome<S extends 'P001' ? RispostaP001Parsed : RispostaP002Parsed>;
    try {
      const client = await deps.anpr.client();
      const idOperazioneComune = await deps.anpr.nuovoIdOperazione();
      const input = { testata: testataDaCompletare(idOperazioneComune, clock.now()), criteriRicerca };
      const result = await client.send(servizio, input as never, { idOperazioneComune });
      outcome = result.outcome as typeof outcome;
    } catch (error) {
      if (error instanceof AppError) throw new LetturaFallita(error.message, `${error.code}: ${error.detail ?? error.message}`);
      throw new LetturaFallita('Non è stato possibile preparare la richiesta ad ANPR.', error instanceof Error ? error.message : String(error));
    }
    if (outcome.kind === 'accolta' || outcome.kind === 'accolta_con_avvisi') return outcome.value;
    const d = descriviEsito(outcome);
    throw new LetturaFallita(d.messaggio, `${servizio} ${d.dettaglio}`, outcome.kind === 'respinta');
  };

  /** Stores a P002 detail and archives its files (bytes, size, SHA-256); the JSON keeps no base64. */
  const salvaDettaglio = (amb: string, d: DettaglioRichiestaParsed, at: string) => {
    const senzaFile = (f: FileRichiestaParsed | undefined) => (f ? { ...f, base64: '' } : undefined);
    const file = (f: FileRichiestaParsed, ruolo: 'allegato' | 'riepilogo', posizione: number) => {
      const dati = Buffer.from(f.base64, 'base64');
      const mime = mimeDi(f.formato, dati);
      const nome = f.nome?.trim() || (ruolo === 'riepilogo' ? `riepilogo-${d.codiceRichiesta}.pdf` : `allegato-${posizione + 1}.${estensione(mime)}`);
      q.salvaFile.run({ ambiente: amb, codice: d.codiceRichiesta, ruolo, posizione, nome, formato: f.formato, mime, byte: dati.length, sha256: sha256(dati), dati, at });
    };
    db.transaction(() => {
      q.salvaDettaglio.run({
        ambiente: amb,
        codice: d.codiceRichiesta,
        at,
        stato: d.statoCorrente.idStato,
        chiusura: d.dataChiusura ?? null,
        dettaglio: JSON.stringify({ ...d, riepilogo: senzaFile(d.riepilogo), allegati: d.allegati.map(senzaFile) }),
      });
      if (d.riepilogo?.base64) file(d.riepilogo, 'riepilogo', 0);
      d.allegati.forEach((f, i) => f.base64 && file(f, 'allegato', i));
    })();
  };

  const cambiata = (prima: RigaRichiesta | undefined, r: RichiestaCittadinoSintesi) => {
    if (!prima || !prima.dettaglio_json) return true;
    const p = JSON.parse(prima.sintesi_json) as RichiestaCittadinoSintesi;
    return p.idStatoRichiesta !== r.idStatoRichiesta || p.dataChiusura !== r.dataChiusura || p.operatore !== r.operatore;
  };

  const leggi = async (): Promise<EsitoLettura> => {
    const amb = ambiente();
    const at = clock.now().toISOString();
    const a = oggi();
    const ultima = q.lettura.get(amb);
    const da = ultima?.fino_al ?? addGiorni(a, -GIORNI_PRIMA_LETTURA);
    const prima = conteggiDi(amb);
    let nuove = 0;
    let cambiate = 0;
    try {
      const daDettagliare: RichiestaCittadinoSintesi[] = [];
      for (const tipologia of TIPOLOGIE_RICHIESTA) {
        for (const f of finestre(da, a)) {
          const risposta = await chiama('P001', { dataIniziale: f.dal, dataFinale: f.al, idTipologia: tipologia, idStatoRichiesta: '' });
          for (const r of risposta.richieste) {
            const esistente = q.richiesta.get(amb, r.codiceRichiesta);
            if (!esistente) nuove++;
            if (cambiata(esistente, r)) daDettagliare.push(r);
            q.salvaSintesi.run({ ambiente: amb, codice: r.codiceRichiesta, tipologia: r.idTipologia, stato: r.idStatoRichiesta, apertura: r.dataApertura, chiusura: r.dataChiusura ?? null, sintesi: JSON.stringify(r), at });
          }
        }
      }
      for (const r of daDettagliare.slice(0, MAX_DETTAGLI_PER_LETTURA)) {
        let risposta: RispostaP002Parsed;
        try {
          risposta = await chiama('P002', { codiceRichiesta: r.codiceRichiesta });
        } catch (error) {
          // One request ANPR refuses to detail does not stop the others (it is asked again on the next read).
          if (error instanceof LetturaFallita && error.respinta) {
            log.warn('request detail refused', { codiceRichiesta: r.codiceRichiesta, error: error.dettaglio });
            continue;
          }
          throw error;
        }
        if (risposta.dettaglio) {
          salvaDettaglio(amb, risposta.dettaglio, clock.now().toISOString());
          cambiate++;
        }
      }
      if (daDettagliare.length > MAX_DETTAGLI_PER_LETTURA) log.info('details left for the next read', { rimaste: daDettagliare.length - MAX_DETTAGLI_PER_LETTURA });
      q.riuscita.run({ ambiente: amb, at, fino: a });
      log.info('requests read', { dal: da, al: a, nuove, dettagli: cambiate });
    } catch (error) {
      const e = error instanceof LetturaFallita ? error : new LetturaFallita('Lettura delle richieste non riuscita.', error instanceof Error ? error.message : String(error));
      // What was read before the failure stays; the next read starts again from the last successful one.
      q.fallita.run({ ambiente: amb, at, errore: `Lettura da ANPR non riuscita: ${e.messaggio}` });
      log.warn('requests read failed', { dal: da, al: a, nuove, dettagli: cambiate, error: e.dettaglio });
      if (nuove || cambiate) deps.events?.emit('richieste.cambiate', conteggiDi(amb));
      return { lettaIl: ultima?.riuscita_il ?? null, nuove, cambiate, messaggio: `Lettura da ANPR non riuscita: ${e.messaggio}` };
    }
    const dopo = conteggiDi(amb);
    if (nuove || cambiate || JSON.stringify({ ...prima, lettaIl: null }) !== JSON.stringify({ ...dopo, lettaIl: null })) deps.events?.emit('richieste.cambiate', dopo);
    return { lettaIl: at, nuove, cambiate, messaggio: null };
  };

  const code = new Map<string, Promise<unknown>>();
  const inSerie = <T>(chiave: string, fn: () => Promise<T>): Promise<T> => {
    const prima = code.get(chiave) ?? Promise.resolve();
    const run = prima.then(fn, fn);
    const coda = run.catch(() => undefined);
    code.set(chiave, coda);
    void coda.then(() => code.get(chiave) === coda && code.delete(chiave));
    return run;
  };

  let timer: unknown = null;
  let armato = false;
  const arma = () => {
    if (timer !== null) timers.clearInterval(timer);
    armato = true;
    const minuti = deps.settings.get().letturaRichieste.minutiAggiornamento;
    timer = timers.setInterval(() => {
      aggiorna().catch((error: unknown) => log.error('background read crashed', { error: error instanceof Error ? error.message : String(error) }));
    }, minuti * 60_000);
    log.info('background reads armed', { minuti });
  };

  let inCorso: Promise<EsitoLettura> | null = null;
  let chiuso = false;
  const aggiorna = () => {
    if (chiuso) return Promise.resolve({ lettaIl: null, nuove: 0, cambiate: 0, messaggio: null });
    inCorso ??= leggi().finally(() => {
      inCorso = null;
    });
    return inCorso;
  };

  const filePubblico = (f: RigaFile): FileRichiesta => ({ id: f.id, nome: f.nome, formato: FORMATI_FILE[f.formato] ?? `Formato ${f.formato}`, mime: f.mime, byte: f.byte, sha256: f.sha256 });

  const p001Di = (riga: RigaRichiesta) => JSON.parse(riga.sintesi_json) as RichiestaCittadinoSintesi;
  const dettaglioDi = (riga: RigaRichiesta) => (riga.dettaglio_json ? (JSON.parse(riga.dettaglio_json) as DettaglioRichiestaParsed) : null);
  const richiestaDi = (riga: RigaRichiesta): Richiesta => {
    const s = daRiga(riga);
    return { codice: riga.codice_richiesta, tipologia: s.tipologia, stato: s.stato, chiusa: s.chiusa };
  };

  const scheda = (amb: string, riga: RigaRichiesta, daArchivio: boolean, avviso: string | null, sue: readonly Pratica[]): DettaglioRichiesta => {
    const d = dettaglioDi(riga);
    const s = daRiga(riga);
    const p001 = p001Di(riga);
    const inCoda = pratiche.cambioInCoda(sue);
    const registrazione = pratiche.registrazione(sue);
    const proposta = d ? servizioProposto(d, p001) : null;
    const daAvviare = registrazione
      ? { servizio: registrazione.servizio, variante: registrazione.metadati.variante, titolo: pratiche.vistaPratica(registrazione).titolo, praticaId: registrazione.id }
      : proposta && !s.chiusa
        ? { servizio: proposta.servizio, variante: proposta.variante, titolo: proposta.titolo, praticaId: null }
        : null;
    // Only the latest version of each file (same role and position).
    const files = new Map<string, RigaFile>();
    for (const f of q.files.all(amb, riga.codice_richiesta)) if (!files.has(`${f.ruolo}:${f.posizione}`)) files.set(`${f.ruolo}:${f.posizione}`, f);
    const stato = (x: { idStato: string; dataStato?: string; operatore?: string; note?: string }) => ({
      stato: x.idStato,
      statoTitolo: titoloStato(x.idStato),
      data: x.dataStato ?? null,
      operatore: x.operatore ?? null,
      note: x.note ?? null,
    });
    const persona = (g: DettaglioRichiestaParsed['richiedente']) =>
      g ? { nominativo: nominativo(g) ?? g.codiceFiscale ?? 'non indicato', codiceFiscale: g.codiceFiscale ?? null, dataNascita: g.dataNascita ?? null, sesso: g.sesso ?? null } : null;
    return {
      sintesi: s,
      note: d?.note ?? null,
      dataChiusura: d?.dataChiusura ?? riga.data_chiusura,
      dataUltimoAggiornamento: d?.dataUltimoAggiornamento ?? null,
      numeroProroghe: d?.numeroProroghe ?? 0,
      statoCorrente: d ? stato(d.statoCorrente) : stato({ idStato: riga.stato }),
      storicoStati: (d?.storicoStati ?? []).map(stato),
      recapiti: (d?.recapiti ?? []).map((r) => ({ etichetta: TIPI_RECAPITO[r.idTipologiaRecapito] ?? `Recapito ${r.idTipologiaRecapito}`, valore: r.valore })),
      idANPR: d?.idANPR ?? null,
      richiedente: persona(d?.richiedente),
      interessato: persona(d?.interessato),
      componenti: (d?.componenti ?? []).map((c) => {
        const richiedente = c.idSchedaSoggettoANPR && c.idSchedaSoggettoANPR === p001.idSchedaSoggettoRichiedente ? d?.richiedente : undefined;
        const letto = c.idSchedaSoggettoANPR ? q.soggetto.get(amb, c.idSchedaSoggettoANPR) : undefined;
        const nome = [c.cognome, c.nome].filter(Boolean).join(' ') || nominativo(richiedente) || (letto ? `${letto.cognome} ${letto.nome}` : '');
        return {
          nominativo: nome || c.codiceFiscale || (c.idSchedaSoggettoANPR ? `scheda ANPR ${c.idSchedaSoggettoANPR}` : 'non indicato'),
          codiceFiscale: c.codiceFiscale ?? richiedente?.codiceFiscale ?? letto?.codice_fiscale ?? null,
          parentela: c.idGradoParentela ?? null,
          accettazione: c.statoAccettazione === '3' ? 'Confermata' : c.statoAccettazione === '1' ? 'Da confermare' : c.statoAccettazione ? `Stato ${c.statoAccettazione}` : 'Non richiesta',
          dataAccettazione: c.dataAccettazione ?? null,
          patente: c.flagPatente === '1' || c.flagPatente === 'S' || c.flagPatente === 'true',
          veicoli: c.flagVeicoli === '1' || c.flagVeicoli === 'S' || c.flagVeicoli === 'true',
        };
      }),
      indirizzo: righeIndirizzo(d?.indirizzoDichiarato),
      datiSpecifici: d?.datiSpecifici ? { titolo: titoloBlocco(d.datiSpecifici.tipo), voci: voci(d.datiSpecifici.dati) } : null,
      allegati: [...files.values()].filter((f) => f.ruolo === 'allegato').map(filePubblico),
      riepilogo: [...files.values()].filter((f) => f.ruolo === 'riepilogo').map(filePubblico)[0] ?? null,
      lettaIl: riga.dettaglio_letto_il ?? riga.letta_il,
      daArchivio,
      // While a change waits in the queue, no second one (the state it starts from is not known yet).
      azioni: inCoda ? [] : azioniDa(s.tipologia, s.stato),
      motivi: motiviIrricevibilita(),
      cambioInCoda: inCoda ? pratiche.vistaPratica(inCoda) : null,
      pratiche: sue.map(pratiche.vistaPratica),
      praticaDaAvviare: daAvviare,
      suggerita: pratiche.suggerita(richiestaDi(riga), sue),
      avviso,
    };
  };

  const api: Richieste = {
    elenco(filtri) {
      const amb = ambiente();
      const lettura = q.lettura.get(amb);
      const richieste = q
        .tutte.all(amb)
        .map(daRiga)
        .filter((r) => !filtri.tipologia || r.tipologia === filtri.tipologia)
        .filter((r) => !filtri.stato || r.stato === filtri.stato)
        .filter((r) => (filtri.scadenza === 'oggi' ? r.dovuto === 'oggi' : filtri.scadenza === 'scadute' ? r.dovuto === 'scaduto' : true));
      return { richieste, lettaIl: lettura?.riuscita_il ?? null, errore: lettura?.errore ?? null };
    },
    conteggi: () => conteggiDi(ambiente()),
    aggiorna,
    async dettaglio(codiceRichiesta) {
      const amb = ambiente();
      try {
        const risposta = await chiama('P002', { codiceRichiesta });
        if (risposta.dettaglio) {
          const at = clock.now().toISOString();
          const nuova = !q.richiesta.get(amb, codiceRichiesta);
          const d = risposta.dettaglio;
          if (nuova) {
            const p001: RichiestaCittadinoSintesi = { codiceRichiesta, idTipologia: d.idTipologia, idStatoRichiesta: d.statoCorrente.idStato, dataApertura: d.dataApertura, ...(d.dataChiusura ? { dataChiusura: d.dataChiusura } : {}) };
            q.salvaSintesi.run({ ambiente: amb, codice: codiceRichiesta, tipologia: d.idTipologia, stato: d.statoCorrente.idStato, apertura: d.dataApertura, chiusura: d.dataChiusura ?? null, sintesi: JSON.stringify(p001), at });
          }
          salvaDettaglio(amb, d, at);
        }
      } catch (error) {
        const e = error instanceof LetturaFallita ? error : new LetturaFallita('Lettura della richiesta non riuscita.', error instanceof Error ? error.message : String(error));
        log.warn('request detail not read from ANPR', { error: e.dettaglio });
        const riga = q.richiesta.get(amb, codiceRichiesta);
        if (!riga) throw new AppError('RICHIESTA_NON_TROVATA', `${e.messaggio} La richiesta ${codiceRichiesta} non è nell'archivio locale.`);
        return scheda(amb, riga, true, `ANPR non raggiungibile (${e.messaggio}). Sono mostrati i dati letti in precedenza.`, await pratiche.diRichiesta(codiceRichiesta));
      }
      const riga = q.richiesta.get(amb, codiceRichiesta);
      if (!riga) throw new AppError('RICHIESTA_NON_TROVATA', `La richiesta ${codiceRichiesta} non è stata trovata.`);
      return scheda(amb, riga, false, null, await pratiche.diRichiesta(codiceRichiesta));
    },
    cambiaStato(codiceRichiesta, cambio, op) {
      // One change at a time per request, even for two clicks in the same instant.
      return inSerie(codiceRichiesta, async () => {
        const riga = q.richiesta.get(ambiente(), codiceRichiesta);
        if (!riga) throw new AppError('RICHIESTA_NON_TROVATA', `La richiesta ${codiceRichiesta} non è nell'archivio locale: aggiornare l'elenco da ANPR.`);
        return pratiche.cambiaStato(richiestaDi(riga), cambio, op);
      });
    },
    avviaPratica(codiceRichiesta, op) {
      return inSerie(codiceRichiesta, async () => {
        const riga = q.richiesta.get(ambiente(), codiceRichiesta);
        if (!riga) throw new AppError('RICHIESTA_NON_TROVATA', `La richiesta ${codiceRichiesta} non è nell'archivio locale: aggiornare l'elenco da ANPR.`);
        const d = dettaglioDi(riga);
        if (!d) throw new AppError('RICHIESTA_SENZA_DETTAGLIO', 'Il dettaglio della richiesta non è ancora stato letto da ANPR: aprirla di nuovo quando ANPR è raggiungibile.');
        const c = deps.settings.get().comune;
        return pratiche.avviaPratica(richiestaDi(riga), propostaPratica(d, { comune: { codiceIstat: c.codiceIstat, nome: c.denominazione }, p001: p001Di(riga) }), op);
      });
    },
    seguiEsiti() {
      if (!deps.events) return () => undefined;
      const events = deps.events;
      return events.subscribe((event, payload) => {
        if (event !== 'pratiche.cambiata') return;
        const e = payload as { praticaId: string; stato: string };
        if (!STATI_CON_ESITO.has(e.stato)) return;
        void (async () => {
          const p = (await deps.coda.queue()).get(e.praticaId);
          const legame = p?.metadati.richiesta;
          if (!legame || chiuso) return;
          // ANPR's state after the answer (or after a refusal: what the request really is now).
          const s = await api.dettaglio(legame.codiceRichiesta);
          log.info('request re-read after an outcome', { codiceRichiesta: legame.codiceRichiesta, pratica: e.praticaId, esito: e.stato, stato: s.sintesi.stato, daArchivio: s.daArchivio });
          events.emit('richieste.cambiate', conteggiDi(ambiente()));
        })().catch((error: unknown) => log.warn('request not re-read after an outcome', { pratica: e.praticaId, error: error instanceof Error ? error.message : String(error) }));
      });
    },
    file(id) {
      const f = q.file.get(id, ambiente());
      if (!f) throw new AppError('FILE_NON_TROVATO', "File non trovato nell'archivio locale.");
      const hash = sha256(f.dati);
      if (hash !== f.sha256 || f.dati.length !== f.byte) {
        log.error('archived request file does not match its hash', { id, atteso: f.sha256, calcolato: hash });
        throw new AppError('FILE_NON_INTEGRO', "Il file archiviato non corrisponde all'impronta registrata (SHA-256): non viene mostrato. Aprire di nuovo la richiesta per rileggerlo da ANPR.");
      }
      return { nome: f.nome, mime: f.mime, base64: f.dati.toString('base64'), sha256: f.sha256 };
    },
    avvia() {
      arma();
      return () => {
        if (timer !== null) timers.clearInterval(timer);
        timer = null;
        armato = false;
      };
    },
    intervalloCambiato() {
      if (armato) arma();
    },
    async chiudi() {
      chiuso = true;
      await inCorso?.catch(() => undefined);
    },
  };
  return api;
}
