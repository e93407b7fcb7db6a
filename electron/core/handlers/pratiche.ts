/**
 * The clerk's actions on pratiche (drafts, pronta, send now, retry, discard,
 * annul) over the queue of the current environment, with the operator taken
 * from the session, ANPR's errors explained from the official catalogue, and
 * the anomaly lists fed from every answer (see `avviaRegistroEsiti`).
 */
import { addGiorni, addGiorniLavorativi, diffGiorni } from '../../../shared/domain/date-it';
import { ANNULLAMENTO_DI, SERVIZI_ANNULLAMENTO, TITOLI_SERVIZIO, isDichiarazioneResidenza } from '../../../shared/anpr/servizi';
import {
  type ErroreSpiegato,
  type Problema,
  type Scadenza,
  type Supporto,
} from '../../../shared/ipc/domains/pratiche';
import { registraAnomalieDaRisposta } from '../../anomalie';
import { ambienteLocale } from '../../settings/settings';
import { lookupErrore } from '../../anpr/catalogue';
import type { ErroreAnpr } from '../../anpr/outcome';
import type { ServiceCode } from '../../anpr/services/registry';
import type { CallContext } from '../../ipc/router';
import { AppError } from '../../ipc/app-error';
import { QueueError, type Queue } from '../../queue';
import type { Pratica } from '../../queue/types';
import { annullamentiPer, invio, nomeSoggettoDa, vista } from './coda';
import { payloadSeguito, seguitoEsistente, seguitoPer } from '../seguiti';
import { createNumerazione, SERVIZI_CON_PROCEDIMENTO } from '../numerazione';
import type { CoreServices, DomainHandlers } from './services';

/** Residence declarations: 2 working days to register, 45 days for the checks. */
const STATI_CON_ESITO = new Set(['accolta', 'accolta_con_avvisi', 'respinta', 'richiede_intervento']);

/** Italian labels of the elements ANPR and the XSD most often name. */
const ETICHETTE_CAMPO: Record<string, string> = {
  cap: 'CAP',
  codiceIstat: 'Codice ISTAT del comune',
  nomeComune: 'Comune',
  siglaProvinciaIstat: 'Provincia',
  denominazioneToponimo: 'Denominazione della via',
  specie: 'Specie del toponimo',
  codSpecie: 'Specie del toponimo',
  numero: 'Numero civico',
  numeroCivico: 'Numero civico',
  dataDecorrenza: 'Data di decorrenza',
  dataDecorrenzaResidenza: 'Data di decorrenza della residenza',
  idFamigliaConvivenzaANPR: 'Famiglia (ID ANPR)',
  idSchedaSoggettoANPR: 'Soggetto (ID ANPR)',
  codiceFiscale: 'Codice fiscale',
  codFiscale: 'Codice fiscale',
  cognome: 'Cognome',
  nome: 'Nome',
  dataNascita: 'Data di nascita',
  dataEvento: "Data dell'evento",
  tipoMutazione: 'Tipo di mutazione',
  tipoScheda: 'Tipo di scheda',
  codiceLegame: 'Relazione di parentela',
  ruoloSoggetto: 'Ruolo del soggetto',
  tipoMotivoCancellazione: 'Motivo della cancellazione',
  generalitaPerRicerca: 'Soggetto',
  residenzaFamiglia: 'Nuova residenza',
  elencoSoggettiFamiglia: 'Componenti',
  datiDecesso: 'Dati del decesso',
  dataMorte: 'Data del decesso',
  tipoIndirizzo: 'Tipo di indirizzo',
  numeroPraticaComune: 'Numero pratica del comune',
  numeroPraticaAnpr: 'Numero pratica ANPR',
  toponimo: 'Via o piazza',
  lettera: 'Lettera del civico',
  scala: 'Scala',
  piano: 'Piano',
  interno: 'Interno',
  sesso: 'Sesso',
  dataDecorrenzaCancellazione: 'Data di decorrenza',
  motivoRichiesta: 'Motivazione',
  noteOperazione: 'Note',
};

/** What a valid value looks like, in the clerk's format (dates as typed in the form). */
const ESEMPI_CAMPO: Record<string, string> = {
  numeroPraticaComune: 'lettere, cifre, trattini e spazi, al massimo 20 caratteri, ad esempio 2026-000012',
  cap: '5 cifre, ad esempio 01022',
  codiceIstat: '6 cifre, ad esempio 056003',
  siglaProvinciaIstat: '2 lettere, ad esempio VT',
  codiceFiscale: '16 caratteri, ad esempio RSSMRA80A01H501U',
  codFiscale: '16 caratteri, ad esempio RSSMRA80A01H501U',
  idFamigliaConvivenzaANPR: 'sole cifre, ad esempio 1234567',
  idSchedaSoggettoANPR: 'sole cifre, ad esempio 1234567',
  numero: 'cifre, ad esempio 12',
  numeroCivico: 'cifre, ad esempio 12',
  lettera: 'lettere, ad esempio A',
  dataDecorrenza: 'gg/mm/aaaa, ad esempio 03/12/2026',
  dataDecorrenzaResidenza: 'gg/mm/aaaa, ad esempio 03/12/2026',
  dataDecorrenzaCancellazione: 'gg/mm/aaaa, ad esempio 03/12/2026',
  dataNascita: 'gg/mm/aaaa, ad esempio 01/01/1980',
  dataEvento: 'gg/mm/aaaa, ad esempio 01/12/2026',
  dataMorte: 'gg/mm/aaaa, ad esempio 01/12/2026',
  cognome: 'lettere, apostrofi e spazi, ad esempio ROSSI',
  nome: 'lettere, apostrofi e spazi, ad esempio MARIO',
  denominazioneToponimo: 'ad esempio DEI MILLE',
};

/** "denominazioneToponimo" → "denominazione toponimo": never an element name as it is, when no label is known. */
function inParole(elemento: string): string {
  return elemento.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

function esempio(elemento: string | null | undefined): string {
  const ultimo = elemento?.split(/[./]/).filter(Boolean).at(-1);
  const e = ultimo ? ESEMPI_CAMPO[ultimo] : undefined;
  return e ? ` Formato atteso: ${e}.` : '';
}

export function etichettaCampo(campo: string | null | undefined): string | null {
  if (!campo) return null;
  const ultimo = campo.split(/[./]/).filter(Boolean).at(-1) ?? campo;
  return ETICHETTE_CAMPO[ultimo] ?? null;
}

/** A libxml2 / zod message from the queue's check, in Italian and tied to an element where possible. */
export function traduciProblema(grezzo: string): Problema {
  const testo = grezzo.replace(/^riga \d+:\s*/, '');
  const elemento = /Element '(?:\{[^}]*\})?([A-Za-z0-9_]+)'/.exec(testo)?.[1] ?? null;
  const etichetta = etichettaCampo(elemento) ?? (elemento ? inParole(elemento) : elemento);
  // Every message names the field by its label and says what a valid value looks like.
  const xsd = (messaggio: string): Problema => ({ messaggio: messaggio + esempio(elemento), campo: elemento, fonte: 'xsd', originale: grezzo });
  let m: RegExpExecArray | null;
  if ((m = /Missing child element\(s\)\. Expected is (?:one of )?\(\s*([^)]*)\)/.exec(testo))) {
    const attesi = m[1]!.split(',').map((x) => x.trim().replace(/^\{[^}]*\}/, '')).filter(Boolean);
    const nomi = attesi.map((a) => etichettaCampo(a) ?? inParole(a)).join(' o ');
    return { messaggio: `Manca un dato obbligatorio in «${etichetta}»: ${nomi}.`, campo: attesi[0] ?? elemento, fonte: 'xsd', originale: grezzo };
  }
  if ((m = /\[facet 'pattern'\] The value '([^']*)' is not accepted/.exec(testo))) return xsd(`Il valore «${m[1]}» di «${etichetta}» non è nel formato richiesto.`);
  if ((m = /\[facet 'enumeration'\] The value '([^']*)' is not an element/.exec(testo))) return xsd(`Il valore «${m[1]}» di «${etichetta}» non è tra quelli ammessi.`);
  if ((m = /\[facet '(?:maxLength|length)'\] The value '([^']*)' has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'/.exec(testo))) {
    return xsd(`«${etichetta}» è troppo lungo (${m[2]} caratteri, al massimo ${m[3]}).`);
  }
  if (/\[facet '(?:minLength|length)'\]/.test(testo)) return xsd(`«${etichetta}» non ha la lunghezza richiesta.`);
  if ((m = /'([^']*)' is not a valid value of the atomic type '(?:\{[^}]*\})?xs:date'/.exec(testo))) return xsd(`«${etichetta}»: «${m[1]}» non è una data valida.`);
  if (/is not a valid value/.test(testo)) return xsd(`Il valore di «${etichetta}» non è valido.`);
  if ((m = /This element is not expected\. Expected is (?:one of )?\(\s*([^)]*)\)/.exec(testo))) {
    const attesi = m[1]!.split(',').map((x) => x.trim().replace(/^\{[^}]*\}/, '')).filter(Boolean);
    const nomi = attesi.map((a) => etichettaCampo(a) ?? inParole(a)).join(' o ');
    return { messaggio: `Prima di «${etichetta}» manca un dato obbligatorio: ${nomi}.`, campo: attesi[0] ?? elemento, fonte: 'xsd', originale: grezzo };
  }
  if (/This element is not expected/.test(testo)) return xsd(`«${etichetta}» non è previsto in questa posizione o manca un dato che deve precederlo.`);
  if (elemento) return xsd(`«${etichetta}»: dato non conforme allo schema ufficiale ANPR.`);
  // zod (payload.ts): "path.to.field: message"
  const zod = /^([A-Za-z0-9_.]+|\(radice\)): (.*)$/.exec(testo);
  if (zod) {
    const campo = zod[1] === '(radice)' ? null : zod[1]!;
    const e = etichettaCampo(campo) ?? (campo ? inParole(campo.split('.').at(-1)!) : campo);
    const msg = zod[2]!.replace(/^Invalid input.*$/i, 'dato mancante o non valido');
    return { messaggio: (e ? `«${e}»: ${msg}.` : `${msg}.`) + esempio(campo), campo, fonte: 'schema', originale: grezzo };
  }
  return { messaggio: testo, campo: null, fonte: 'regole', originale: grezzo };
}

/** Errors ANPR returns without naming a field, tied to the field they are about. */
const CAMPO_PER_CODICE: Record<string, string> = {
  EHR97: 'dataDecorrenza',
  EHR18: 'dataDecorrenza',
  EN237: 'dataDecorrenza',
  EN240: 'dataDecorrenza',
  EN239: 'dataDecorrenzaResidenza',
  EN134: 'idFamigliaConvivenzaANPR',
  EN135: 'idFamigliaConvivenzaANPR',
  EN204: 'codiceIstat',
  EN398: 'dataMorte',
};

export function spiegaErrore(e: ErroreAnpr): ErroreSpiegato {
  const voce = lookupErrore(e.codice);
  const campo = e.campo ?? CAMPO_PER_CODICE[e.codice.trim().toUpperCase()];
  return {
    ...e,
    ...(campo ? { campo } : {}),
    catalogo: voce
      ? { descrizione: voce.descrizione, severita: voce.severita ?? null, suggerimento: voce.suggerimento ?? null, procedura: voce.procedura ?? null, fonte: voce.fonte }
      : null,
    etichettaCampo: etichettaCampo(campo) ?? etichettaCampo(e.oggetto),
  };
}

const ETICHETTE_SERVIZIO: Readonly<Record<string, string>> = TITOLI_SERVIZIO;

export function supportoDi(p: Pratica): Supporto {
  const codici = [...new Set(p.errori.map((e) => e.codice))];
  const data = p.aggiornata;
  const righe = [
    `Servizio: ${p.servizio} (${ETICHETTE_SERVIZIO[p.servizio] ?? ''})`,
    `Data: ${data}`,
    `idOperazioneComune: ${p.idOperazioneComune ?? '—'}`,
    `idOperazioneANPR: ${p.idOperazioneANPR ?? '—'}`,
    `Stato: ${p.stato}`,
    `Codici: ${codici.length ? codici.join(', ') : '—'}`,
  ];
  return { testo: righe.join('\n'), data, servizio: p.servizio, idOperazioneComune: p.idOperazioneComune, idOperazioneANPR: p.idOperazioneANPR, codici };
}

function operatoreDi(context: CallContext): { codiceFiscale: string; ruolo: string } {
  if (!context.operatore) throw new AppError('NON_AUTENTICATO', 'Sessione scaduta o non aperta: accedere per continuare.');
  return context.operatore;
}

function erroreCoda(error: unknown): never {
  if (error instanceof QueueError) throw new AppError(`CODA_${error.codice}`, error.message);
  throw error;
}

function oggi(services: CoreServices): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(services.options.clock.now());
}

function scadenzaDi(servizio: string, dataProtocollo: string | null | undefined): string | undefined {
  return isDichiarazioneResidenza(servizio) && dataProtocollo ? addGiorniLavorativi(dataProtocollo, 2) : undefined;
}

function daAnnullareDi(payload: Record<string, unknown>) {
  const a = payload['_annulla'] as { praticaId?: string; servizio?: string; idOperazioneComune?: string; idOperazioneANPR?: string; dataDecorrenza?: string | null } | undefined;
  if (!a?.praticaId || !a.servizio || !a.idOperazioneComune || !a.idOperazioneANPR) return null;
  return { praticaId: a.praticaId, servizio: a.servizio, idOperazioneComune: a.idOperazioneComune, idOperazioneANPR: a.idOperazioneANPR, dataDecorrenza: a.dataDecorrenza ?? null };
}

/**
 * Every ANPR error and warning of an answer goes to the anomaly lists as soon
 * as a pratica gets it (idempotent: the same answer adds nothing twice).
 */
export function avviaRegistroEsiti(services: CoreServices): () => void {
  const log = services.logger?.child('pratiche');
  return services.events.subscribe((event, payload) => {
    if (event !== 'pratiche.cambiata') return;
    const e = payload as { praticaId: string; stato: string; idOperazioneComune: string | null; idOperazioneANPR: string | null };
    if (!STATI_CON_ESITO.has(e.stato) || !e.idOperazioneComune) return;
    void services.coda
      .queue()
      .then((queue) => {
        const p = queue.get(e.praticaId);
        if (!p || p.errori.length === 0 || !p.idOperazioneComune) return;
        // The lists of the environment that answered (the pratica's), not of the one current by now.
        const s = services.settings.get();
        const ambiente = ambienteLocale({ ambiente: { tipo: p.ambiente || s.ambiente.tipo }, comune: s.comune });
        const r = registraAnomalieDaRisposta(services.db, ambiente, {
          soggettoKey: p.soggettoKey,
          idOperazioneComune: p.idOperazioneComune,
          idOperazioneANPR: p.idOperazioneANPR,
          servizio: p.servizio,
          errori: p.errori,
        });
        if (r.inserite) {
          log?.info('anomalies registered from answer', { pratica: p.id, inserite: r.inserite, codici: p.errori.map((x) => x.codice).join(',') });
          services.events.emit('anomalie.cambiate', { origine: 'risposta', inserite: r.inserite, sanate: 0 });
        }
      })
      .catch((error: unknown) => log?.warn('anomalies not registered', { pratica: e.praticaId, error: error instanceof Error ? error.message : String(error) }));
  });
}

/** What "Invia ora" really did, in the clerk's words: sent now, or why it waits. */
export function esitoInviaOra(queue: Queue, id: string): string {
  const open = queue.invioAperto();
  const altra = open && open.pratica_id !== id ? queue.get(open.pratica_id) : undefined;
  const perche: string[] = [];
  if (altra) {
    const nome = nomeSoggettoDa(altra.payload);
    perche.push(
      `la coda è ferma finché non si chiarisce l'esito della pratica ${altra.servizio} ${ETICHETTE_SERVIZIO[altra.servizio] ?? ''}${nome ? ` di ${nome}` : ''} (${altra.stato === 'esito_incerto' ? 'esito da verificare' : altra.stato === 'richiede_intervento' ? 'richiede intervento' : 'in invio'})`.replace(/\s+/g, ' '),
    );
  }
  if (queue.inPausa()) perche.push("l'invio è sospeso: riprende quando l'ufficiale d'anagrafe lo riattiva");
  if (perche.length) return `Non inviata adesso: ${perche.join('; ')}.`;
  if (open?.pratica_id === id) return 'Nuovo tentativo in corso, con lo stesso identificativo.';
  return 'Invio ad ANPR in corso.';
}

export function praticheHandlers(services: CoreServices): Omit<DomainHandlers<'pratiche'>, 'pratiche.elenco' | 'pratiche.dettaglio'> {
  avviaRegistroEsiti(services);
  const coda = (): Promise<Queue> => services.coda.queue();
  const mustGet = (queue: Queue, id: string): Pratica => {
    const p = queue.get(id);
    if (!p) throw new AppError('PRATICA_NON_TROVATA', 'Pratica non trovata.');
    return p;
  };
  const nomeOperatore = (cf: string | null): string | null => {
    if (!cf) return null;
    try {
      const o = services.accesso.elenco().find((x) => x.codiceFiscale === cf);
      return o ? `${o.nome} ${o.cognome}`.trim() : null;
    } catch {
      return null;
    }
  };
  const soggettiDellaPratica = services.db.prepare<[string], { id_anpr: string | null; dati_json: string }>(
    'SELECT id_anpr, dati_json FROM soggetti_locali WHERE pratica_id = ? ORDER BY rowid',
  );
  const soggettiDaRisposta = (praticaId: string) =>
    soggettiDellaPratica
      .all(praticaId)
      .flatMap((r) => {
        const g = (JSON.parse(r.dati_json) as { generalitaAttuali?: { idSchedaSoggettoANPR?: string; codiceFiscale?: string; cognome?: string; nome?: string } }).generalitaAttuali;
        const idScheda = g?.idSchedaSoggettoANPR ?? r.id_anpr;
        if (!idScheda || !/^\d{1,16}$/.test(idScheda)) return [];
        return [{ idSchedaSoggettoANPR: idScheda, codiceFiscale: g?.codiceFiscale ?? null, descrizione: [g?.cognome, g?.nome].filter(Boolean).join(' ') }];
      });
  const numerazione = createNumerazione(services.db);
  const log = services.logger?.child('pratiche');
  /**
   * The comune's progressive number goes into `datiDelProcedimento` when the
   * clerk left "Numero pratica del comune" empty (ANPR warns EN111 without a
   * procedimento). Allocated once per pratica; the clerk's own number wins.
   */
  const numeroDi = (queue: Queue, id: string): string | null => {
    const p = mustGet(queue, id);
    if (!SERVIZI_CON_PROCEDIMENTO.has(p.servizio) || p.formato !== 'dati' || !p.payload || typeof p.payload !== 'object') return numerazione.di(id);
    const payload = p.payload as Record<string, unknown>;
    const proc = (payload['datiDelProcedimento'] ?? {}) as Record<string, unknown>;
    const proprio = typeof proc['numeroPraticaComune'] === 'string' ? proc['numeroPraticaComune'].trim() : '';
    if (proprio) return proprio;
    const s = services.settings.get();
    const ambito = ambienteLocale({ ambiente: { tipo: p.ambiente || s.ambiente.tipo }, comune: s.comune });
    const numero = numerazione.assegna(id, ambito, Number(oggi(services).slice(0, 4)));
    if (p.stato === 'bozza') queue.modifica(id, { payload: { ...payload, datiDelProcedimento: { ...proc, numeroPraticaComune: numero } } }, p.operatore ?? undefined);
    return numero;
  };
  const esitoPronta = async (queue: Queue, id: string, operatore: string, r: { conferma?: boolean; invio?: string }) => {
    // Nothing goes to ANPR without the clerk's confirmation of the review step.
    if (r.conferma !== true) throw new AppError('CONFERMA_RICHIESTA', "Prima dell'invio ad ANPR rivedere il riepilogo della pratica e confermarlo.");
    try {
      const numeroPraticaComune = mustGet(queue, id).stato === 'bozza' ? numeroDi(queue, id) : numerazione.di(id);
      const esito = await queue.rendiPronta(id, operatore);
      const pratica = vista(mustGet(queue, id));
      if (esito.ok) {
        log?.info('pratica confirmed by the clerk', { pratica: id, invio: r.invio ?? 'automatico' });
        return { ok: true, problemi: [], pratica, numeroPraticaComune };
      }
      return { ok: false, problemi: esito.problemi.map(traduciProblema), pratica, numeroPraticaComune };
    } catch (error) {
      return erroreCoda(error);
    }
  };

  /** Drafting, making ready, sending, retrying and discarding an annulment all need the role drafting one needs. */
  const soloUfficialePerAnnullamenti = (servizio: string, op: { ruolo: string }) => {
    if ((SERVIZI_ANNULLAMENTO as readonly string[]).includes(servizio) && op.ruolo !== 'ufficiale_anagrafe' && op.ruolo !== 'amministratore') {
      throw new AppError('OPERAZIONE_NON_CONSENTITA', "Gli annullamenti sono riservati all'ufficiale d'anagrafe.");
    }
  };
  const controllaAnnullamento = async (id: string, context: CallContext) => {
    const p = (await coda()).get(id);
    if (p) soloUfficialePerAnnullamenti(p.servizio, operatoreDi(context));
  };

  return {
    'pratiche.salvaBozza': async (r, context) => {
      const op = operatoreDi(context);
      soloUfficialePerAnnullamenti(r.servizio, op);
      const queue = await coda();
      const meta = {
        payload: r.payload,
        soggettoKey: r.soggettoKey ?? undefined,
        dataDecorrenza: r.dataDecorrenza ?? undefined,
        protocollo: r.protocollo ?? undefined,
        dataProtocollo: r.dataProtocollo ?? undefined,
        scadenza: scadenzaDi(r.servizio, r.dataProtocollo),
      };
      try {
        if (!r.id) {
          const id = queue.salvaBozza({ servizio: r.servizio as ServiceCode, formato: 'dati', ...meta, operatore: op.codiceFiscale });
          return vista(mustGet(queue, id));
        }
        const cur = mustGet(queue, r.id);
        if (cur.servizio !== r.servizio) throw new AppError('SERVIZIO_DIVERSO', 'La bozza appartiene a un altro tipo di pratica.');
        return vista(queue.modifica(r.id, meta, op.codiceFiscale));
      } catch (error) {
        return erroreCoda(error);
      }
    },
    'pratiche.verifica': async ({ id }, context) => {
      operatoreDi(context);
      await controllaAnnullamento(id, context);
      const queue = await coda();
      const p = mustGet(queue, id);
      if (p.scartata) throw new AppError('PRATICA_SCARTATA', 'La pratica è stata scartata.');
      if (p.stato !== 'bozza') throw new AppError('STATO_NON_VALIDO', 'Solo una bozza si verifica prima della conferma.');
      try {
        const numeroPraticaComune = numeroDi(queue, id);
        const esito = await queue.verifica(id);
        const pratica = vista(mustGet(queue, id));
        return { ok: esito.ok, problemi: esito.ok ? [] : esito.problemi.map(traduciProblema), pratica, numeroPraticaComune };
      } catch (error) {
        return erroreCoda(error);
      }
    },
    'pratiche.rendiPronta': async (r, context) => {
      await controllaAnnullamento(r.id, context);
      return esitoPronta(await coda(), r.id, operatoreDi(context).codiceFiscale, r);
    },
    'pratiche.invia': async (r, context) => {
      const { id } = r;
      await controllaAnnullamento(id, context);
      const op = operatoreDi(context).codiceFiscale;
      const queue = await coda();
      const p = mustGet(queue, id);
      if (p.scartata) throw new AppError('PRATICA_SCARTATA', 'La pratica è stata scartata.');
      if (p.stato === 'bozza') {
        const esito = await esitoPronta(queue, id, op, { conferma: r.conferma, invio: 'ora' });
        const messaggio = esito.ok
          ? `Pronta. ${esitoInviaOra(queue, id)}`
          : `Non inviata: ${esito.problemi.length === 1 ? 'c\'è un problema' : `ci sono ${esito.problemi.length} problemi`} da correggere nel modulo («Modifica»): ${esito.problemi.map((x) => x.messaggio).join(' ')}`;
        return { ...esito, messaggio };
      }
      try {
        if (p.stato === 'richiede_intervento') queue.riprova(id, op);
        else if (p.stato === 'pronta' || p.stato === 'in_invio' || p.stato === 'esito_incerto') {
          // "Invia ora": the same submission (same id, same body) is due now.
          services.db
            .prepare("UPDATE invii SET prossimo_tentativo = ? WHERE pratica_id = ? AND aperto = 1")
            .run(services.options.clock.now().toISOString(), id);
          // A pause is the ufficiale's: "Invia ora" does not lift it (the answer says so).
          if (!queue.inPausa()) queue.resume();
        } else throw new AppError('STATO_NON_VALIDO', 'La pratica ha già un esito di ANPR: non c\'è nulla da inviare.');
      } catch (error) {
        return erroreCoda(error);
      }
      return { ok: true, problemi: [], pratica: vista(mustGet(queue, id)), messaggio: esitoInviaOra(queue, id) };
    },
    'pratiche.riprova': async ({ id }, context) => {
      await controllaAnnullamento(id, context);
      try {
        return vista((await coda()).riprova(id, operatoreDi(context).codiceFiscale));
      } catch (error) {
        return erroreCoda(error);
      }
    },
    'pratiche.scarta': async ({ id }, context) => {
      await controllaAnnullamento(id, context);
      try {
        return vista((await coda()).scarta(id, operatoreDi(context).codiceFiscale));
      } catch (error) {
        return erroreCoda(error);
      }
    },
    'pratiche.annulla': async ({ id }, context) => {
      const op = operatoreDi(context).codiceFiscale;
      const queue = await coda();
      const p = mustGet(queue, id);
      const servizio = ANNULLAMENTO_DI[p.servizio];
      if (!servizio) throw new AppError('NON_ANNULLABILE', 'Questo tipo di pratica non si annulla con un servizio ANPR.');
      if ((p.stato !== 'accolta' && p.stato !== 'accolta_con_avvisi') || !p.idOperazioneComune || !p.idOperazioneANPR) {
        throw new AppError('NON_ANNULLABILE', 'Si può annullare solo una pratica accolta da ANPR.');
      }
      const gia = annullamentiPer(queue.list()).get(p.id);
      if (gia) {
        throw new AppError(
          'GIA_IN_ANNULLAMENTO',
          gia.stato === 'accolta' || gia.stato === 'accolta_con_avvisi' ? 'La pratica è già stata annullata in ANPR.' : "Per questa pratica c'è già un annullamento in corso: completarlo o scartarlo.",
        );
      }
      const nuova = queue.salvaBozza({
        servizio,
        formato: 'dati',
        payload: {
          _annulla: { praticaId: p.id, servizio: p.servizio, idOperazioneComune: p.idOperazioneComune, idOperazioneANPR: p.idOperazioneANPR, dataDecorrenza: p.dataDecorrenza },
        },
        soggettoKey: p.soggettoKey ?? undefined,
        operatore: op,
      });
      return vista(mustGet(queue, nuova));
    },
    'pratiche.apri': async ({ id }) => {
      const queue = await coda();
      const p = mustGet(queue, id);
      const payload = (p.payload && typeof p.payload === 'object' ? p.payload : {}) as Record<string, unknown>;
      const tutte = queue.list();
      return {
        pratica: { ...vista(p), annullamento: annullamentiPer(tutte).get(p.id) ?? null },
        payload,
        invii: queue.invii(id).map(invio),
        errori: p.errori.map((e) => {
          const seguito = seguitoPer(p, e);
          return {
            ...spiegaErrore(e),
            seguito: seguito ? { servizio: seguito.servizio, etichetta: seguito.etichetta, praticaId: seguitoEsistente(tutte, p.id, e.codice.trim().toUpperCase())?.id ?? null } : null,
          };
        }),
        supporto: supportoDi(p),
        daAnnullare: daAnnullareDi(payload),
        nomeOperatore: nomeOperatore(p.operatore),
        soggettiANPR: soggettiDaRisposta(id),
        numeroPraticaComune: numerazione.di(id),
      };
    },
    'pratiche.seguito': async ({ id, codice }, context) => {
      const op = operatoreDi(context).codiceFiscale;
      const queue = await coda();
      const p = mustGet(queue, id);
      const c = codice.trim().toUpperCase();
      const seguito = p.errori.some((e) => e.codice.trim().toUpperCase() === c) ? seguitoPer(p, { codice: c, tipo: 'W' }) : null;
      if (!seguito) throw new AppError('SEGUITO_NON_PREVISTO', 'Per questo avviso non è prevista una pratica di seguito.');
      const esistente = seguitoEsistente(queue.list(), p.id, c);
      if (esistente) return vista(esistente);
      const nuova = queue.salvaBozza({ servizio: seguito.servizio, formato: 'dati', payload: payloadSeguito(p, c, seguito, oggi(services)), operatore: op });
      services.logger?.child('pratiche').info('follow-up started', { pratica: p.id, codice: c, seguito: nuova, servizio: seguito.servizio });
      return vista(mustGet(queue, nuova));
    },
    'pratiche.supporto': async ({ id }) => supportoDi(mustGet(await coda(), id)),
    'pratiche.scadenze': async (r) => {
      const entro = r?.entroGiorni ?? 60;
      const oggiIso = oggi(services);
      const out: Scadenza[] = [];
      for (const p of (await coda()).list()) {
        if (p.scartata || !isDichiarazioneResidenza(p.servizio) || !p.dataProtocollo) continue;
        const accolta = p.stato === 'accolta' || p.stato === 'accolta_con_avvisi';
        const base = { praticaId: p.id, servizio: p.servizio, stato: p.stato, soggettoKey: p.soggettoKey, protocollo: p.protocollo };
        if (!accolta) {
          const scadenza = p.scadenza ?? addGiorniLavorativi(p.dataProtocollo, 2);
          out.push({ ...base, tipo: 'registrazione', scadenza, giorni: diffGiorni(oggiIso, scadenza) });
        } else {
          const scadenza = addGiorni(p.dataProtocollo, 45);
          const giorni = diffGiorni(oggiIso, scadenza);
          if (giorni >= 0) out.push({ ...base, tipo: 'accertamenti', scadenza, giorni });
        }
      }
      return out.filter((s) => s.giorni <= entro).sort((a, b) => a.scadenza.localeCompare(b.scadenza));
    },
  };
}
