/**
 * 1013 / 2011 / 5012 — annullamento of an accepted pratica (iscrizione,
 * cancellazione, mutazione). Built from `contesto.praticaDaAnnullare`: the
 * annulled operation's ids are carried in the values (read-only in the form)
 * so that versoPayload, which sees only the values, can write datiOperazione.
 * Payload = Richiesta1013Input / Richiesta2011Input / Richiesta5012Input without testata.
 */
import { z } from 'zod';
import type { DatiPraticaInput } from '../servizi/dati-pratica';
import type { LogicaModulo } from './tipi';
import { ANNULLABILI, TITOLI_SERVIZIO, oggettoServizio, type ServizioAnnullamento } from '../servizi';
import {
  chiaveDi,
  compatta,
  controllaDecorrenza,
  controllaSoggetto,
  dataIt,
  errore,
  generalitaRicerca,
  iso,
  oggiIt,
  procedimentoPayload,
  soggettoDa,
  soggettoVuoto,
  soggettoZ,
  testo,
  type ContestoSoggetto,
  type DatiProcedimentoPayload,
  type GeneralitaPayload,
  type SoggettoValori,
  type Voce,
  chiDi,
  dalGiorno,
} from './regole';

export type { ServizioAnnullamento };
/** Which accepted operations each annulment service can annul. */
export { ANNULLABILI };

/** 5012 listaControlli: RA = ripristino posizione anagrafica, RP = ripristino parziale. */
export const RIPRISTINI: readonly Voce[] = [
  { codice: '', descrizione: 'Nessun ripristino' },
  { codice: 'RA', descrizione: 'Ripristino della posizione anagrafica (RA)' },
  { codice: 'RP', descrizione: 'Ripristino parziale (RP)' },
];

export interface ValoriAnnullamento {
  dataDecorrenza: string;
  numeroPratica: string;
  /** The operation being annulled (from the pratica, read-only). */
  operazioneRichiesta: string;
  idOperazioneComune: string;
  idOperazioneANPR: string;
  decorrenzaOriginale: string;
  motivo: string;
  note: string;
  soggetto: SoggettoValori;
  idFamiglia: string;
  annullamentoCF: boolean;
  ripristino: string;
}

export function valoriInizialiAnnullamento(contesto: ContestoSoggetto): ValoriAnnullamento {
  const p = contesto.praticaDaAnnullare;
  const s = contesto.soggetto;
  return {
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    operazioneRichiesta: p?.servizio ?? '',
    idOperazioneComune: p?.idOperazioneComune ?? '',
    idOperazioneANPR: p?.idOperazioneANPR ?? '',
    decorrenzaOriginale: dataIt(p?.dataDecorrenza ?? undefined),
    motivo: '',
    note: '',
    soggetto: soggettoVuoto({ idSchedaSoggettoANPR: s?.idSchedaSoggettoANPR ?? '', codiceFiscale: s?.codiceFiscale ?? '', cognome: s?.cognome ?? '', nome: s?.nome ?? '', dataNascita: dataIt(s?.dataNascita) }),
    idFamiglia: s?.idFamigliaConvivenzaANPR ?? '',
    annullamentoCF: false,
    ripristino: '',
  };
}

export function schemaAnnullamento(servizio: ServizioAnnullamento) {
  return z
    .object({
      dataDecorrenza: z.string(),
      numeroPratica: z.string(),
      operazioneRichiesta: z.string(),
      idOperazioneComune: z.string(),
      idOperazioneANPR: z.string(),
      decorrenzaOriginale: z.string(),
      motivo: z.string(),
      note: z.string(),
      soggetto: soggettoZ,
      idFamiglia: z.string(),
      annullamentoCF: z.boolean(),
      ripristino: z.string(),
    })
    .superRefine((v, ctx) => {
      controllaDecorrenza(ctx, v);
      if (!ANNULLABILI[servizio].includes(v.operazioneRichiesta)) {
        errore(ctx, ['operazioneRichiesta'], `Con il servizio ${servizio} si annullano solo le pratiche ${ANNULLABILI[servizio].join(', ')}.`);
      }
      if (!/^[0-9a-zA-Z]{1,30}$/.test(v.idOperazioneComune)) errore(ctx, ['idOperazioneComune'], "Manca l'identificativo del comune della pratica da annullare.");
      if (!/^\d{1,20}$/.test(v.idOperazioneANPR)) errore(ctx, ['idOperazioneANPR'], "Manca l'identificativo ANPR della pratica da annullare: si annullano solo pratiche accolte.");
      const m = testo(v.motivo);
      if (m && !/^[0-9A-Za-z]{1,3}$/.test(m)) errore(ctx, ['motivo'], 'Il codice del motivo è di al massimo 3 caratteri alfanumerici.');
      if (!testo(v.note)) errore(ctx, ['note'], "Indicare perché si annulla l'operazione.");
      else if (v.note.trim().length > 240) errore(ctx, ['note'], 'Le note sono di al massimo 240 caratteri.');
      controllaSoggetto(ctx, v.soggetto, ['soggetto']);
      if (testo(v.idFamiglia) && !/^\d{1,16}$/.test(v.idFamiglia.trim())) errore(ctx, ['idFamiglia'], "L'ID della famiglia è formato da sole cifre (al massimo 16).");
      if (servizio !== '5012' && testo(v.ripristino)) errore(ctx, ['ripristino'], 'Il ripristino si indica solo per le mutazioni (5012).');
      if (!RIPRISTINI.some((r) => r.codice === v.ripristino)) errore(ctx, ['ripristino'], 'Scegliere il tipo di ripristino.');
    });
}

interface DatiOperazionePayload {
  operazioneRichiesta: string;
  idOperazioneComune: string;
  idOperazioneANPR: string;
  motivoRichiesta?: string;
  noteOperazione?: string;
  dataDecorrenza?: string;
}
interface DatiSchedaPayload {
  soggetto: GeneralitaPayload;
  schedaFamigliaConvivenza?: { idFamigliaConvivenzaANPR: string; tipoScheda: string };
}
export interface Payload1013 {
  datiOperazione: DatiOperazionePayload;
  datiSchedaSoggettoFamigliaConvivenza: DatiSchedaPayload;
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { tiposcheda: string; annullamentoAttribuzione: 'S' | 'N' };
}
export interface Payload2011 {
  datiOperazioneDaAnnullare: DatiOperazionePayload;
  datiSchedaSoggettoFamigliaConvivenza: DatiSchedaPayload;
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { tipoScheda: string };
}
export interface Payload5012 {
  datiOperazioneDaAnnullare: DatiOperazionePayload;
  datiSchedaSoggettoFamigliaConvivenza: DatiSchedaPayload;
  datiControllo: { tipoScheda: string; annullamentoAttribuzioneCF: 'S' | 'N'; listaControlli?: { codice: string; valore: string }[] };
}

function operazioneDi(v: ValoriAnnullamento): DatiOperazionePayload {
  return compatta<DatiOperazionePayload>({
    operazioneRichiesta: v.operazioneRichiesta,
    idOperazioneComune: v.idOperazioneComune,
    idOperazioneANPR: v.idOperazioneANPR,
    motivoRichiesta: testo(v.motivo)?.toUpperCase(),
    noteOperazione: testo(v.note),
    dataDecorrenza: iso(v.decorrenzaOriginale),
  });
}

function schedaDi(v: ValoriAnnullamento): DatiSchedaPayload {
  const idFam = testo(v.idFamiglia);
  return compatta<DatiSchedaPayload>({
    soggetto: generalitaRicerca(v.soggetto),
    schedaFamigliaConvivenza: idFam ? { idFamigliaConvivenzaANPR: idFam, tipoScheda: '1' } : undefined,
  });
}

const sn = (v: ValoriAnnullamento): 'S' | 'N' => (v.annullamentoCF ? 'S' : 'N');

/** Each annulment's data, by service (the type says each one fits its service's schema). */
const VERSO_PAYLOAD: { readonly [S in ServizioAnnullamento]: (v: ValoriAnnullamento) => DatiPraticaInput<S> } = {
  '1013': (v): Payload1013 =>
    compatta<Payload1013>({ datiOperazione: operazioneDi(v), datiSchedaSoggettoFamigliaConvivenza: schedaDi(v), datiDelProcedimento: procedimentoPayload(v), datiControllo: { tiposcheda: '1', annullamentoAttribuzione: sn(v) } }),
  '2011': (v): Payload2011 =>
    compatta<Payload2011>({ datiOperazioneDaAnnullare: operazioneDi(v), datiSchedaSoggettoFamigliaConvivenza: schedaDi(v), datiDelProcedimento: procedimentoPayload(v), datiControllo: { tipoScheda: '1' } }),
  '5012': (v): Payload5012 => ({
    datiOperazioneDaAnnullare: operazioneDi(v),
    datiSchedaSoggettoFamigliaConvivenza: schedaDi(v),
    datiControllo: compatta({ tipoScheda: '1', annullamentoAttribuzioneCF: sn(v), listaControlli: v.ripristino ? [{ codice: v.ripristino, valore: '1' }] : undefined }),
  }),
};

export function versoPayloadAnnullamento<S extends ServizioAnnullamento>(servizio: S, v: ValoriAnnullamento): DatiPraticaInput<S> {
  const verso: (v: ValoriAnnullamento) => DatiPraticaInput<S> = VERSO_PAYLOAD[servizio];
  return verso(v);
}

export function daPayloadAnnullamento(payload: Record<string, unknown>): ValoriAnnullamento {
  const p = payload as Partial<Payload1013 & Payload2011 & Payload5012>;
  const op = p.datiOperazione ?? p.datiOperazioneDaAnnullare;
  const v = valoriInizialiAnnullamento({});
  const dc = p.datiControllo as Record<string, unknown> | undefined;
  const lista = dc?.listaControlli as { codice: string }[] | undefined;
  return {
    ...v,
    numeroPratica: p.datiDelProcedimento?.numeroPraticaComune ?? '',
    operazioneRichiesta: op?.operazioneRichiesta ?? '',
    idOperazioneComune: op?.idOperazioneComune ?? '',
    idOperazioneANPR: op?.idOperazioneANPR ?? '',
    decorrenzaOriginale: dataIt(op?.dataDecorrenza),
    motivo: op?.motivoRichiesta ?? '',
    note: op?.noteOperazione ?? '',
    soggetto: soggettoDa(p.datiSchedaSoggettoFamigliaConvivenza?.soggetto),
    idFamiglia: p.datiSchedaSoggettoFamigliaConvivenza?.schedaFamigliaConvivenza?.idFamigliaConvivenzaANPR ?? '',
    annullamentoCF: dc?.annullamentoAttribuzione === 'S' || dc?.annullamentoAttribuzioneCF === 'S',
    ripristino: lista?.[0]?.codice ?? '',
  };
}

// Per-service names (used by the tests' loader and by the modules).
export const dataDecorrenzaAnnullamento = (v: ValoriAnnullamento) => iso(v.dataDecorrenza);
export const chiaveSoggettoAnnullamento = (v: ValoriAnnullamento) => chiaveDi(v.soggetto);


/** The review step's sentence: which accepted operation is annulled, for whom and why. */
export function riepilogoAnnullamento(v: ValoriAnnullamento): string {
  const op = oggettoServizio(v.operazioneRichiesta) ?? `l'operazione ${v.operazioneRichiesta}`;
  const chi = v.soggetto.cognome.trim() || v.soggetto.codiceFiscale.trim() || v.soggetto.idSchedaSoggettoANPR.trim() ? ` di ${chiDi(v.soggetto)}` : '';
  const dal = v.decorrenzaOriginale.trim() ? ` del ${v.decorrenzaOriginale.trim()}` : '';
  return `Si annulla ${op}${chi}${dal} (id ANPR ${v.idOperazioneANPR.trim()}), motivo: «${v.motivo.trim()}»${dalGiorno(v.dataDecorrenza)}.`;
}

const DESCRIZIONI: Record<ServizioAnnullamento, string> = {
  '1013': 'Annulla una iscrizione (nascita 1001 o altri motivi 1002) accolta da ANPR.',
  '2011': 'Annulla una cancellazione (morte 2001 o altri motivi 2003) accolta da ANPR.',
  '5012': 'Annulla una mutazione (famiglia 5001, residenza 5005, dati individuali 5008) accolta da ANPR.',
};

export function logicaAnnullamento<S extends ServizioAnnullamento>(servizio: S): LogicaModulo<ValoriAnnullamento, S> {
  return {
    servizio,
    titolo: TITOLI_SERVIZIO[servizio],
    descrizione: DESCRIZIONI[servizio],
    valoriIniziali: valoriInizialiAnnullamento,
    schema: schemaAnnullamento(servizio),
    versoPayload: (v) => versoPayloadAnnullamento(servizio, v),
    daPayload: daPayloadAnnullamento,
    chiaveSoggetto: chiaveSoggettoAnnullamento,
    dataDecorrenza: dataDecorrenzaAnnullamento,
    riepilogo: riepilogoAnnullamento,
  };
}
