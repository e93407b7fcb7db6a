/**
 * Ricerca (3002) for the clerk: ask ANPR (the training simulator in training
 * mode), keep a local copy of each answer per environment, and fall back to
 * that copy — labelled as local and not certifiable — when ANPR cannot be
 * reached. The local copy is written only from ANPR's answers.
 */
import { giornoRoma } from '../../../shared/domain/date-it';
import type { Db } from '../../platform/db/database';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../platform/logger';
import { ambienteLocale as chiaveAmbienteLocale, type SettingsRepository } from '../../platform/impostazioni';
import type { AnprAccess } from '../../core/anpr-access';
import type { AnprOutcome } from '../../anpr/outcome';
import { testataDaCompletare, type Richiesta3002Input, type CriteriRicerca3002 } from '../../anpr/services/builders';
import type { Risposta3002Parsed } from '../../anpr/services/parse-response';
import { AppError } from '../../platform/ipc/app-error';
import { normalizzaCodiceFiscale } from '../../../shared/domain/codice-fiscale';
import type { CriterioRicerca, DettaglioSoggetto, EsitoRicerca, FamigliaPrecedente, SchedaCompleta, SchedaFamiglia } from '../../../shared/ipc/domains/ricerca';
import { dettaglio, extraDaRisposta, schedaFamiglia } from './mappa';
import { registraAnomalie3002 } from '../anomalie';
import type { EventBus } from '../../core/event-bus';

interface LetturaRow {
  id_scheda_anpr: string;
  id_famiglia_anpr: string | null;
  codice_fiscale: string | null;
  cognome: string;
  nome: string;
  soggetto_json: string;
  famiglia_json: string | null;
  letto_il: string;
}

export interface Ricerca {
  soggetti(criterio: CriterioRicerca): Promise<EsitoRicerca>;
  scheda(idSchedaSoggettoANPR: string): Promise<SchedaCompleta>;
}

type Risposta = { kind: 'ok'; value: Risposta3002Parsed; xml: string | undefined } | { kind: 'respinta'; messaggio: string; codici: string[] } | { kind: 'irraggiungibile'; messaggio: string };

const NON_TROVATO = 'Nessun soggetto corrisponde ai criteri indicati.';
const TROPPI = 'La ricerca trova troppe persone: aggiungere il nome o la data di nascita (EN095).';

export function createRicerca(deps: { db: Db; clock: Clock; logger: Logger; settings: SettingsRepository; anpr: AnprAccess; events?: EventBus }): Ricerca {
  const { db, clock } = deps;
  const log = deps.logger.child('ricerca');
  const q = {
    salva: db.prepare(
      `INSERT INTO letture_anpr (ambiente, id_scheda_anpr, id_anpr, codice_fiscale, cognome, nome, data_nascita, id_famiglia_anpr, soggetto_json, famiglia_json, letto_il)
       VALUES (@ambiente, @id_scheda_anpr, @id_anpr, @codice_fiscale, @cognome, @nome, @data_nascita, @id_famiglia_anpr, @soggetto_json, @famiglia_json, @letto_il)
       ON CONFLICT (ambiente, id_scheda_anpr) DO UPDATE SET id_anpr = excluded.id_anpr, codice_fiscale = excluded.codice_fiscale,
         cognome = excluded.cognome, nome = excluded.nome, data_nascita = excluded.data_nascita,
         -- A deceased or cancelled subject keeps the family they belonged to (ANPR's answer no longer names it).
         id_famiglia_anpr = CASE WHEN excluded.id_famiglia_anpr IS NULL AND json_extract(excluded.soggetto_json, '$.condizione') <> 'residente'
           THEN id_famiglia_anpr ELSE excluded.id_famiglia_anpr END,
         soggetto_json = excluded.soggetto_json, famiglia_json = coalesce(excluded.famiglia_json, famiglia_json), letto_il = excluded.letto_il`,
    ),
    perScheda: db.prepare<[string, string], LetturaRow>('SELECT * FROM letture_anpr WHERE ambiente = ? AND id_scheda_anpr = ?'),
    perCf: db.prepare<[string, string], LetturaRow>('SELECT * FROM letture_anpr WHERE ambiente = ? AND codice_fiscale = ?'),
    perIdAnpr: db.prepare<[string, string], LetturaRow>('SELECT * FROM letture_anpr WHERE ambiente = ? AND id_anpr = ?'),
    perNome: db.prepare<{ ambiente: string; cognome: string; nome: string | null; data: string | null }, LetturaRow>(
      `SELECT * FROM letture_anpr WHERE ambiente = @ambiente AND cognome = @cognome AND (@nome IS NULL OR nome = @nome)
         AND (@data IS NULL OR data_nascita = @data) ORDER BY cognome, nome, data_nascita, id_scheda_anpr`,
    ),
    perVia: db.prepare<[string, string], LetturaRow>(
      "SELECT * FROM letture_anpr WHERE ambiente = ? AND json_extract(soggetto_json, '$.residenza') LIKE ? ESCAPE '\\' ORDER BY cognome, nome, data_nascita",
    ),
    perFamiglia: db.prepare<[string, string, string], LetturaRow>(
      'SELECT * FROM letture_anpr WHERE ambiente = ? AND id_famiglia_anpr = ? AND id_scheda_anpr <> ? ORDER BY cognome, nome',
    ),
  };

  /** The local copy is kept per environment and comune: training data never shows in PRODUZIONE. */
  const ambienteLocale = () => chiaveAmbienteLocale(deps.settings.get());

  const salva = (ambiente: string, soggetto: DettaglioSoggetto, famiglia: SchedaFamiglia | null, at: string, soloSeNuovo = false) => {
    if (!soggetto.idSchedaSoggettoANPR) return;
    // A list of several subjects may carry only their generalità (anpr#1031): it never replaces a fuller copy.
    if (soloSeNuovo && q.perScheda.get(ambiente, soggetto.idSchedaSoggettoANPR)) return;
    q.salva.run({
      ambiente,
      id_scheda_anpr: soggetto.idSchedaSoggettoANPR,
      id_anpr: soggetto.idANPR,
      codice_fiscale: soggetto.codiceFiscale,
      cognome: soggetto.cognome.toUpperCase(),
      nome: soggetto.nome.toUpperCase(),
      data_nascita: soggetto.dataNascita,
      id_famiglia_anpr: soggetto.famiglia?.idFamigliaANPR ?? null,
      soggetto_json: JSON.stringify(soggetto),
      famiglia_json: famiglia ? JSON.stringify(famiglia) : null,
      letto_il: at,
    });
  };

  /**
   * Each subject's open anomalies in ANPR's answer go to the anomaly lists of the environment that answered;
   * those no longer listed are closed as sanate.
   */
  const registraAnomalie = (value: Risposta3002Parsed, ambiente: string) => {
    if (!value.soggetti.length) return;
    try {
      const r = registraAnomalie3002(db, ambiente, value, { quando: clock.now().toISOString() });
      if (r.inserite || r.sanate) {
        log.info('anomalies from 3002', { inserite: r.inserite, sanate: r.sanate });
        deps.events?.emit('anomalie.cambiate', { origine: 'interrogazione', inserite: r.inserite, sanate: r.sanate });
      }
    } catch (error) {
      // The clerk asked for a person, not for the anomaly lists: the read is answered anyway.
      log.warn('anomalies from 3002 not registered', { error: error instanceof Error ? error.message : String(error) });
    }
  };

  const chiedi = async (criteri: CriteriRicerca3002, scheda: '1' | '2', ambiente: string, dataNascita?: string): Promise<Risposta> => {
    let outcome: AnprOutcome<Risposta3002Parsed>;
    let xml: string | undefined;
    try {
      const client = await deps.anpr.client();
      const idOperazioneComune = await deps.anpr.nuovoIdOperazione();
      const input: Richiesta3002Input = {
        testata: testataDaCompletare(idOperazioneComune, clock.now()),
        criteriRicerca: criteri,
        ...(dataNascita ? { datiNascita: { dataEvento: dataNascita } } : {}),
        datiRichiesta: { schedaAnagraficaRichiesta: scheda, dataRiferimentoRichiesta: giornoRoma(clock.now()), ricercaNazionale: '0' },
      };
      const result = await client.send('3002', input, { idOperazioneComune });
      outcome = result.outcome;
      xml = result.exchange.response?.toString('utf8');
      log.info('3002 answered', { kind: outcome.kind, idOperazioneComune, idOperazioneANPR: 'idOperazioneANPR' in outcome ? outcome.idOperazioneANPR : undefined });
    } catch (error) {
      if (error instanceof AppError) return { kind: 'irraggiungibile', messaggio: error.message };
      log.error('3002 failed before reaching ANPR', { error: error instanceof Error ? error.message : String(error) });
      return { kind: 'irraggiungibile', messaggio: 'Non è stato possibile preparare la richiesta ad ANPR.' };
    }
    switch (outcome.kind) {
      case 'accolta':
      case 'accolta_con_avvisi':
        registraAnomalie(outcome.value, ambiente);
        return { kind: 'ok', value: outcome.value, xml };
      case 'respinta': {
        const codici = outcome.errori.map((e) => e.codice);
        const nonTrovato = codici.includes('EN122');
        return {
          kind: 'respinta',
          codici,
          messaggio: nonTrovato ? NON_TROVATO : `ANPR ha respinto la ricerca: ${outcome.errori.map((e) => `${e.testo} (${e.codice})`).join('; ')}`,
        };
      }
      default:
        return { kind: 'irraggiungibile', messaggio: outcome.messaggio };
    }
  };

  const daLocale = (rows: LetturaRow[], motivo: string): EsitoRicerca => {
    const lettoIl = rows.map((r) => r.letto_il).sort()[0] ?? clock.now().toISOString();
    return {
      fonte: 'locale',
      lettoIl,
      avviso: `ANPR non raggiungibile (${motivo}). Sono mostrati i dati letti in precedenza.`,
      soggetti: rows.map((r) => sintesi0(JSON.parse(r.soggetto_json) as DettaglioSoggetto)),
    };
  };

  return {
    async soggetti(criterio) {
      const ambiente = ambienteLocale();
      let criteri: CriteriRicerca3002;
      let dataNascita: string | undefined;
      let locali: () => LetturaRow[];
      if (criterio.tipo === 'codiceFiscale') {
        const cf = normalizzaCodiceFiscale(criterio.codiceFiscale);
        criteri = { codiceFiscale: cf };
        locali = () => q.perCf.all(ambiente, cf);
      } else if (criterio.tipo === 'generalita') {
        const cognome = criterio.cognome.trim().toUpperCase();
        const nome = criterio.nome?.trim().toUpperCase() || undefined;
        criteri = nome ? { cognome, nome } : { cognome };
        dataNascita = criterio.dataNascita;
        locali = () => q.perNome.all({ ambiente, cognome, nome: nome ?? null, data: criterio.dataNascita ?? null });
      } else if (criterio.tipo === 'indirizzo') {
        return perIndirizzo(ambiente, criterio.via, criterio.numero);
      } else {
        const id = criterio.idAnpr.trim().toUpperCase();
        const numerico = /^\d+$/.test(id);
        criteri = numerico ? { idSchedaSoggettoANPR: id } : { idANPR: id };
        locali = () => (numerico ? [q.perScheda.get(ambiente, id)].filter((r): r is LetturaRow => !!r) : q.perIdAnpr.all(ambiente, id));
      }
      const risposta = await chiedi(criteri, '1', ambiente, dataNascita);
      const at = clock.now().toISOString();
      if (risposta.kind === 'ok') {
        const extra = extraDaRisposta(risposta.xml);
        let soggetti = risposta.value.soggetti.map((s, i) => dettaglio(s, extra[i]));
        if (criterio.tipo === 'generalita' && criterio.dataNascita) soggetti = soggetti.filter((s) => s.dataNascita === criterio.dataNascita);
        const elenco = soggetti.length > 1;
        db.transaction(() => soggetti.forEach((s) => salva(ambiente, s, null, at, elenco)))();
        return { fonte: 'anpr', lettoIl: at, avviso: soggetti.length ? null : NON_TROVATO, soggetti: soggetti.map((s) => sintesi0(s)) };
      }
      if (risposta.kind === 'respinta') {
        const messaggio = risposta.codici.includes('EN095') ? TROPPI : risposta.messaggio;
        return { fonte: 'anpr', lettoIl: at, avviso: messaggio, soggetti: [] };
      }
      const rows = locali();
      if (rows.length === 0) {
        throw new AppError('ANPR_NON_RAGGIUNGIBILE', `ANPR non raggiungibile: ${risposta.messaggio} Nessun dato locale per questa ricerca.`);
      }
      return daLocale(rows, risposta.messaggio);
    },

    async scheda(idSchedaSoggettoANPR) {
      const ambiente = ambienteLocale();
      const risposta = await chiedi({ idSchedaSoggettoANPR }, '2', ambiente);
      const at = clock.now().toISOString();
      if (risposta.kind === 'ok') {
        const extra = extraDaRisposta(risposta.xml);
        const tutti = risposta.value.soggetti.map((s, i) => dettaglio(s, extra[i]));
        const soggetto = tutti.find((s) => s.idSchedaSoggettoANPR === idSchedaSoggettoANPR) ?? tutti[0];
        if (!soggetto) throw new AppError('SOGGETTO_NON_TROVATO', NON_TROVATO);
        const famiglia = schedaFamiglia(risposta.value);
        // Read before this answer replaces the copy: the family the subject belonged to while resident.
        const famigliaPrecedente = !famiglia && soggetto.condizione !== 'residente' ? precedente(ambiente, idSchedaSoggettoANPR) : null;
        db.transaction(() => tutti.forEach((s) => salva(ambiente, s, famiglia, at)))();
        return { fonte: 'anpr', lettoIl: at, avviso: null, soggetto, famiglia, famigliaPrecedente };
      }
      if (risposta.kind === 'respinta') throw new AppError('ANPR_RESPINTA', risposta.messaggio, risposta.codici.join(','));
      const row = q.perScheda.get(ambiente, idSchedaSoggettoANPR);
      if (!row) throw new AppError('ANPR_NON_RAGGIUNGIBILE', `ANPR non raggiungibile: ${risposta.messaggio} Nessun dato locale per questo soggetto.`);
      return {
        fonte: 'locale',
        lettoIl: row.letto_il,
        avviso: `ANPR non raggiungibile (${risposta.messaggio}). Sono mostrati i dati letti in precedenza.`,
        soggetto: JSON.parse(row.soggetto_json) as DettaglioSoggetto,
        famiglia: row.famiglia_json ? (JSON.parse(row.famiglia_json) as SchedaFamiglia) : null,
      };
    },
  };

  /**
   * The family of a subject who is no longer resident, as the local copies knew it: the family id of the last
   * read while resident (or of the family sheet read with them) and the members read since, the subject excluded.
   */
  function precedente(ambiente: string, id: string): FamigliaPrecedente | null {
    const row = q.perScheda.get(ambiente, id);
    if (!row) return null;
    const fam = row.famiglia_json ? (JSON.parse(row.famiglia_json) as SchedaFamiglia) : null;
    const idFamiglia = row.id_famiglia_anpr ?? fam?.idFamigliaANPR ?? null;
    if (!idFamiglia) return null;
    const componenti = new Map<string, FamigliaPrecedente['componenti'][number]>();
    for (const c of fam?.componenti ?? []) {
      if (c.idSchedaSoggettoANPR && c.idSchedaSoggettoANPR !== id) componenti.set(c.idSchedaSoggettoANPR, { idSchedaSoggettoANPR: c.idSchedaSoggettoANPR, cognome: c.cognome, nome: c.nome, codiceFiscale: c.codiceFiscale, relazione: c.relazione });
    }
    for (const r of q.perFamiglia.all(ambiente, idFamiglia, id)) {
      if (!componenti.has(r.id_scheda_anpr)) componenti.set(r.id_scheda_anpr, { idSchedaSoggettoANPR: r.id_scheda_anpr, cognome: r.cognome, nome: r.nome, codiceFiscale: r.codice_fiscale, relazione: null });
    }
    if (componenti.size === 0) return null;
    return { idFamigliaANPR: idFamiglia, lettoIl: row.letto_il, componenti: [...componenti.values()] };
  }

  /** ANPR's 3002 has no address criterion: the local copies whose residence is in that street (and number). */
  function perIndirizzo(ambiente: string, via: string, numero: string | undefined): EsitoRicerca {
    const cercata = via.trim().toUpperCase().replace(/\s+/g, ' ');
    const rows = q.perVia.all(ambiente, `%${cercata.replace(/[\\%_]/g, (c) => `\\${c}`)}%`).filter((r) => {
      const s = JSON.parse(r.soggetto_json) as DettaglioSoggetto;
      if (s.condizione !== 'residente' || !s.residenza) return false;
      // "VIA ROMA 12/A, scala B, …": the street part is before the first comma, its last word the civic number.
      const strada = s.residenza.split(',')[0]!.toUpperCase();
      if (!strada.includes(cercata)) return false;
      return !numero || strada.split(' ').at(-1)!.split('/')[0] === String(Number(numero));
    });
    log.info('address search on local copies', { trovati: rows.length });
    const lettoIl = rows.map((r) => r.letto_il).sort()[0] ?? clock.now().toISOString();
    return {
      fonte: 'locale',
      lettoIl,
      avviso: rows.length
        ? 'ANPR non offre la ricerca per indirizzo: sono mostrate le persone lette in precedenza da questa postazione con residenza a questo indirizzo. Aprire la scheda per i dati attuali di ANPR.'
        : 'ANPR non offre la ricerca per indirizzo e tra i dati letti in precedenza da questa postazione nessuno risiede a questo indirizzo. Cercare per cognome o codice fiscale.',
      soggetti: rows.map((r) => sintesi0(JSON.parse(r.soggetto_json) as DettaglioSoggetto)),
    };
  }
}

function sintesi0(s: DettaglioSoggetto): EsitoRicerca['soggetti'][number] {
  const { idSchedaSoggettoANPR, idANPR, codiceFiscale, cognome, nome, sesso, dataNascita, luogoNascita, residenza, condizione } = s;
  return { idSchedaSoggettoANPR, idANPR, codiceFiscale, cognome, nome, sesso, dataNascita, luogoNascita, residenza, condizione };
}
