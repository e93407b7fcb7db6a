/**
 * 5008 — mutazione dati individuali: stato civile (matrimonio, vedovanza,
 * separazione/divorzio/annullamento, unione civile and its scioglimento) and
 * generalità. Pure part (values, schema, payload); the fields are in m5008.tsx.
 *
 * Payload = Richiesta5008Input without testata (electron/anpr/services/builders.ts).
 */
import { z } from 'zod';
import { TITOLI_SERVIZIO } from '../servizi';
import type { LogicaModulo } from './tipi';
import { ammesso, lista } from './tabelle-dati';
import { decodeCodiceFiscale } from '../../domain/codice-fiscale';
import {
  attoDa,
  attoPayload,
  attoVuoto,
  attoZ,
  chiaveDi,
  compatta,
  controllaAtto,
  controllaCf,
  controllaData,
  controllaDecorrenza,
  controllaLuogo,
  controllaSoggetto,
  dataIt,
  errore,
  generalitaRicerca,
  iso,
  luogoDa,
  luogoPayload,
  luogoVuoto,
  luogoZ,
  maiuscolo,
  obbligatorio,
  oggiIt,
  procedimentoPayload,
  soggettoDa,
  soggettoVuoto,
  soggettoZ,
  testo,
  type AttoPayload,
  type AttoValori,
  type ContestoSoggetto,
  type DatiEventoPayload,
  type DatiProcedimentoPayload,
  type GeneralitaPayload,
  type LuogoValori,
  type SoggettoValori,
  TIPI_TRIBUNALE,
  type Voce,
  chiDi,
  dalGiorno,
  luogoDi,
  voceDi,
} from './regole';

/** Tabella 36, resources/anpr/tabelle/tab_Tipi_di_mutazione.csv — the codes this form handles. */
export const TIPI_MUTAZIONE_5008 = lista(36, ['12', '13', '14', '18', '19', '1']);

/** Tabella 31, resources/anpr/tabelle/tab_Tipo_cessazione_matrimonio.csv */
export const TIPI_CESSAZIONE = lista(31, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '22']);

/**
 * Tabella 43, resources/anpr/tabelle/tab_Cessazione_unione_civile___convivenze.csv — the codes used for civil
 * unions (1, 2, 3; 98 in both cases; 31, 32, 34 are for convivenze di fatto).
 */
export const MOTIVI_SCIOGLIMENTO_UNIONE = lista(43, ['1', '2', '3', '98']);

/** Motivo 3 is a court ruling (sentenza); the others are events with their civil-status act (ANPR: one or the other, never both). */
export const conSentenzaScioglimento = (motivo: string): boolean => motivo === '3';

/** Stato civile (Tabella 1) after a scioglimento: 7 after the partner's death, otherwise 8. */
export function statoCivileDopoScioglimento(motivo: string): string {
  return motivo === '98' ? '7' : '8';
}

/** gestioneCF (datiControllo): what ANPR does with the codice fiscale. */
export const GESTIONE_CF: readonly Voce[] = [
  { codice: '0', descrizione: "Solo verifica con l'Agenzia delle Entrate" },
  { codice: '1', descrizione: "Richiesta di attribuzione all'Agenzia delle Entrate" },
  { codice: '2', descrizione: 'Codice omocodice' },
];

export type TipoMutazione5008 = '' | '12' | '13' | '14' | '18' | '19' | '1';

export interface Valori5008 {
  dataDecorrenza: string;
  numeroPratica: string;
  soggetto: SoggettoValori;
  tipoMutazione: TipoMutazione5008;
  matrimonio: { coniuge: SoggettoValori; data: string; luogo: LuogoValori; atto: AttoValori };
  vedovanza: { dataMorte: string; luogo: LuogoValori; atto: AttoValori };
  cessazione: { tipoCessazione: string; dataSentenza: string; numeroSentenza: string; tipoTribunale: string; autorita: string; dataValidita: string; atto: AttoValori };
  unioneCivile: { parte: SoggettoValori; data: string; luogo: LuogoValori; atto: AttoValori };
  scioglimento: {
    parte: SoggettoValori;
    motivo: string;
    /** Motivo 1, 2, 98: the event (agreement, death of the partner) with its place and act. */
    dataEvento: string;
    luogo: LuogoValori;
    atto: AttoValori;
    /** Motivo 3: the ruling. */
    dataSentenza: string;
    numeroSentenza: string;
    tipoTribunale: string;
    autorita: string;
    dataValidita: string;
  };
  generalita: { codiceFiscale: string; cognome: string; nome: string; sesso: '' | 'M' | 'F'; dataNascita: string; gestioneCF: string };
}

export function valoriIniziali5008(contesto: ContestoSoggetto): Valori5008 {
  return {
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    soggetto: soggettoVuoto({
      idSchedaSoggettoANPR: contesto.soggetto?.idSchedaSoggettoANPR ?? '',
      codiceFiscale: contesto.soggetto?.codiceFiscale ?? '',
      cognome: contesto.soggetto?.cognome ?? '',
      nome: contesto.soggetto?.nome ?? '',
      dataNascita: dataIt(contesto.soggetto?.dataNascita),
    }),
    tipoMutazione: '',
    matrimonio: { coniuge: soggettoVuoto(), data: '', luogo: luogoVuoto(), atto: attoVuoto() },
    vedovanza: { dataMorte: '', luogo: luogoVuoto(), atto: attoVuoto() },
    cessazione: { tipoCessazione: '', dataSentenza: '', numeroSentenza: '', tipoTribunale: '', autorita: '', dataValidita: '', atto: attoVuoto() },
    unioneCivile: unioneVuota(),
    scioglimento: scioglimentoVuoto(),
    generalita: { codiceFiscale: '', cognome: '', nome: '', sesso: '', dataNascita: '', gestioneCF: '' },
  };
}

function unioneVuota(): Valori5008['unioneCivile'] {
  return { parte: soggettoVuoto(), data: '', luogo: luogoVuoto(), atto: attoVuoto() };
}

function scioglimentoVuoto(): Valori5008['scioglimento'] {
  return { parte: soggettoVuoto(), motivo: '', dataEvento: '', luogo: luogoVuoto(), atto: attoVuoto(), dataSentenza: '', numeroSentenza: '', tipoTribunale: '', autorita: '', dataValidita: '' };
}

/** Sex of a subject as typed, else as encoded in a valid 16-character codice fiscale. */
function sessoDi(s: SoggettoValori): 'M' | 'F' | undefined {
  if (s.sesso) return s.sesso;
  const cf = maiuscolo(s.codiceFiscale)?.replace(/\s+/g, '');
  if (!cf || cf.length !== 16) return undefined;
  try {
    return decodeCodiceFiscale(cf).sesso;
  } catch {
    return undefined;
  }
}


/** Stato civile following a cessation (Tabella 31): divorce → 4, annulment/nullity → 1, separation → unchanged. */
export function statoCivileDopoCessazione(tipo: string): string | undefined {
  if (['1', '3', '6', '7', '22'].includes(tipo)) return '4';
  if (['2', '4', '9', '10'].includes(tipo)) return '1';
  return undefined;
}

function dopo(ctx: z.RefinementCtx, data: string | undefined, decorrenza: string | undefined, path: (string | number)[], cosa: string): void {
  if (data && decorrenza && data > decorrenza) errore(ctx, path, `${cosa} non può essere successiva alla data di decorrenza.`);
}

/** ANPR EHR35 / EHR37: the act of the union (or of its end) cannot be older than the event it registers. */
function attoNonPrimaDellEvento(ctx: z.RefinementCtx, a: AttoValori, evento: string | undefined, path: (string | number)[]): void {
  if (!evento) return;
  const anno = testo(a.anno);
  if (anno && /^\d{4}$/.test(anno) && anno < evento.slice(0, 4)) errore(ctx, [...path, 'anno'], "L'anno dell'atto non può precedere quello dell'evento.");
  const df = iso(a.dataFormazione);
  if (df && df < evento) errore(ctx, [...path, 'dataFormazione'], "La data di formazione dell'atto non può precedere la data dell'evento.");
}

export const schema5008 = z
  .object({
    dataDecorrenza: z.string(),
    numeroPratica: z.string(),
    soggetto: soggettoZ,
    tipoMutazione: z.enum(['', '12', '13', '14', '18', '19', '1']),
    matrimonio: z.object({ coniuge: soggettoZ, data: z.string(), luogo: luogoZ, atto: attoZ }),
    vedovanza: z.object({ dataMorte: z.string(), luogo: luogoZ, atto: attoZ }),
    cessazione: z.object({
      tipoCessazione: z.string(),
      dataSentenza: z.string(),
      numeroSentenza: z.string(),
      tipoTribunale: z.string(),
      autorita: z.string(),
      dataValidita: z.string(),
      atto: attoZ,
    }),
    // Drafts saved before these blocks existed have no such key: they get the empty block.
    unioneCivile: z.object({ parte: soggettoZ, data: z.string(), luogo: luogoZ, atto: attoZ }).default(unioneVuota),
    scioglimento: z
      .object({
        parte: soggettoZ,
        motivo: z.string(),
        dataEvento: z.string(),
        luogo: luogoZ,
        atto: attoZ,
        dataSentenza: z.string(),
        numeroSentenza: z.string(),
        tipoTribunale: z.string(),
        autorita: z.string(),
        dataValidita: z.string(),
      })
      .default(scioglimentoVuoto),
    generalita: z.object({ codiceFiscale: z.string(), cognome: z.string(), nome: z.string(), sesso: z.enum(['', 'M', 'F']), dataNascita: z.string(), gestioneCF: z.string() }),
  })
  .superRefine((v, ctx) => {
    const dec = controllaDecorrenza(ctx, v);
    controllaSoggetto(ctx, v.soggetto, ['soggetto']);
    switch (v.tipoMutazione) {
      case '': {
        errore(ctx, ['tipoMutazione'], 'Scegliere il tipo di mutazione.');
        break;
      }
      case '12': {
        const m = v.matrimonio;
        controllaSoggetto(ctx, m.coniuge, ['matrimonio', 'coniuge'], 'del coniuge');
        const cfS = maiuscolo(v.soggetto.codiceFiscale);
        if (cfS && cfS === maiuscolo(m.coniuge.codiceFiscale)) errore(ctx, ['matrimonio', 'coniuge', 'codiceFiscale'], 'Il coniuge non può essere il soggetto stesso.');
        const d = controllaData(ctx, m.data, ['matrimonio', 'data'], { obbligatoria: true, nome: 'la data del matrimonio', nonFutura: true });
        dopo(ctx, d, dec, ['matrimonio', 'data'], 'La data del matrimonio');
        controllaLuogo(ctx, m.luogo, ['matrimonio', 'luogo'], { istatObbligatorio: false });
        controllaAtto(ctx, m.atto, ['matrimonio', 'atto']);
        break;
      }
      case '13': {
        const w = v.vedovanza;
        const d = controllaData(ctx, w.dataMorte, ['vedovanza', 'dataMorte'], { obbligatoria: true, nome: 'la data di morte del coniuge', nonFutura: true });
        dopo(ctx, d, dec, ['vedovanza', 'dataMorte'], 'La data di morte del coniuge');
        if (w.luogo.tipo === 'estero' || w.luogo.nomeComune || w.luogo.codiceIstat) controllaLuogo(ctx, w.luogo, ['vedovanza', 'luogo'], { istatObbligatorio: false });
        controllaAtto(ctx, w.atto, ['vedovanza', 'atto']);
        break;
      }
      case '14': {
        const c = v.cessazione;
        if (!ammesso(TIPI_CESSAZIONE, c.tipoCessazione)) errore(ctx, ['cessazione', 'tipoCessazione'], 'Scegliere il tipo di cessazione (Tabella 31).');
        const conSentenza = [c.dataSentenza, c.numeroSentenza, c.tipoTribunale, c.autorita, c.dataValidita].some((x) => !!testo(x));
        const conAtto = Object.values(c.atto).some((x) => !!testo(x));
        if (!conSentenza && !conAtto) errore(ctx, ['cessazione', 'dataSentenza'], "Indicare la sentenza (o l'accordo) oppure l'atto di stato civile che registra la cessazione.");
        if (conSentenza) {
          const ds = controllaData(ctx, c.dataSentenza, ['cessazione', 'dataSentenza'], { obbligatoria: true, nome: 'la data della sentenza', nonFutura: true });
          dopo(ctx, ds, dec, ['cessazione', 'dataSentenza'], 'La data della sentenza');
          if (!ammesso(TIPI_TRIBUNALE, c.tipoTribunale)) errore(ctx, ['cessazione', 'tipoTribunale'], "Scegliere l'autorità che ha emesso il provvedimento (Tabella 32).");
          obbligatorio(ctx, c.autorita, ['cessazione', 'autorita'], "Indicare l'autorità (es. Tribunale di Roma).");
          if ((testo(c.autorita) ?? '').length > 80) errore(ctx, ['cessazione', 'autorita'], "L'autorità è di al massimo 80 caratteri.");
          const dv = controllaData(ctx, c.dataValidita, ['cessazione', 'dataValidita'], { obbligatoria: true, nome: 'la data di passaggio in giudicato / efficacia', nonFutura: true });
          if (ds && dv && dv < ds) errore(ctx, ['cessazione', 'dataValidita'], 'La data di efficacia non può precedere la data della sentenza.');
          if ((testo(c.numeroSentenza) ?? '').length > 20) errore(ctx, ['cessazione', 'numeroSentenza'], 'Il numero della sentenza è di al massimo 20 caratteri.');
        }
        if (conAtto) controllaAtto(ctx, c.atto, ['cessazione', 'atto'], true);
        break;
      }
      case '18': {
        const u = v.unioneCivile;
        controllaSoggetto(ctx, u.parte, ['unioneCivile', 'parte'], "dell'altra parte dell'unione");
        const cfS = maiuscolo(v.soggetto.codiceFiscale);
        if (cfS && cfS === maiuscolo(u.parte.codiceFiscale)) errore(ctx, ['unioneCivile', 'parte', 'codiceFiscale'], "L'altra parte non può essere il soggetto stesso.");
        const sS = sessoDi(v.soggetto);
        const sP = sessoDi(u.parte);
        if (sS && sP && sS !== sP) {
          errore(ctx, ['unioneCivile', 'parte', u.parte.sesso ? 'sesso' : 'codiceFiscale'], "L'unione civile si costituisce tra persone dello stesso sesso (legge 76/2016).");
        }
        const d = controllaData(ctx, u.data, ['unioneCivile', 'data'], { obbligatoria: true, nome: "la data di costituzione dell'unione", nonFutura: true });
        dopo(ctx, d, dec, ['unioneCivile', 'data'], "La data di costituzione dell'unione");
        controllaLuogo(ctx, u.luogo, ['unioneCivile', 'luogo'], { istatObbligatorio: false });
        controllaAtto(ctx, u.atto, ['unioneCivile', 'atto']);
        attoNonPrimaDellEvento(ctx, u.atto, d, ['unioneCivile', 'atto']);
        break;
      }
      case '19': {
        const s = v.scioglimento;
        controllaSoggetto(ctx, s.parte, ['scioglimento', 'parte'], "dell'altra parte dell'unione");
        if (!ammesso(MOTIVI_SCIOGLIMENTO_UNIONE, s.motivo)) {
          errore(ctx, ['scioglimento', 'motivo'], 'Scegliere il motivo dello scioglimento (Tabella 43).');
          break;
        }
        if (conSentenzaScioglimento(s.motivo)) {
          const ds = controllaData(ctx, s.dataSentenza, ['scioglimento', 'dataSentenza'], { obbligatoria: true, nome: 'la data della sentenza', nonFutura: true });
          dopo(ctx, ds, dec, ['scioglimento', 'dataSentenza'], 'La data della sentenza');
          if ((testo(s.numeroSentenza) ?? '').length > 20) errore(ctx, ['scioglimento', 'numeroSentenza'], 'Il numero della sentenza è di al massimo 20 caratteri.');
          if (!ammesso(TIPI_TRIBUNALE, s.tipoTribunale)) errore(ctx, ['scioglimento', 'tipoTribunale'], "Scegliere l'autorità che ha emesso la sentenza (Tabella 32).");
          obbligatorio(ctx, s.autorita, ['scioglimento', 'autorita'], "Indicare l'autorità (es. Tribunale di Roma).");
          if ((testo(s.autorita) ?? '').length > 80) errore(ctx, ['scioglimento', 'autorita'], "L'autorità è di al massimo 80 caratteri.");
          const dv = controllaData(ctx, s.dataValidita, ['scioglimento', 'dataValidita'], { obbligatoria: true, nome: 'la data di passaggio in giudicato', nonFutura: true });
          if (ds && dv && dv < ds) errore(ctx, ['scioglimento', 'dataValidita'], 'La data di passaggio in giudicato non può precedere la data della sentenza.');
        } else {
          const nome = s.motivo === '98' ? "la data di morte dell'altra parte" : 'la data dello scioglimento';
          const de = controllaData(ctx, s.dataEvento, ['scioglimento', 'dataEvento'], { obbligatoria: true, nome, nonFutura: true });
          dopo(ctx, de, dec, ['scioglimento', 'dataEvento'], s.motivo === '98' ? "La data di morte dell'altra parte" : 'La data dello scioglimento');
          if (s.luogo.tipo === 'estero' || s.luogo.nomeComune || s.luogo.codiceIstat) controllaLuogo(ctx, s.luogo, ['scioglimento', 'luogo'], { istatObbligatorio: false });
          controllaAtto(ctx, s.atto, ['scioglimento', 'atto']);
          attoNonPrimaDellEvento(ctx, s.atto, de, ['scioglimento', 'atto']);
        }
        break;
      }
      case '1': {
        const g = v.generalita;
        if (![g.codiceFiscale, g.cognome, g.nome, g.sesso, g.dataNascita].some((x) => !!testo(x))) {
          errore(ctx, ['generalita', 'cognome'], 'Indicare almeno un dato da modificare (cognome, nome, sesso, data di nascita o codice fiscale).');
        }
        controllaCf(ctx, g.codiceFiscale, ['generalita', 'codiceFiscale']);
        controllaData(ctx, g.dataNascita, ['generalita', 'dataNascita'], { nome: 'la data di nascita', nonFutura: true });
        if (testo(g.gestioneCF) && !ammesso(GESTIONE_CF, g.gestioneCF)) errore(ctx, ['generalita', 'gestioneCF'], 'Scegliere la gestione del codice fiscale.');
        break;
      }
    }
  });

// ---------------------------------------------------------------- payload (mirror of Richiesta5008Input)

interface SentenzaPayload {
  data: string;
  numero?: string;
  tipoTribunale: string;
  autorita: string;
  dataValidita: string;
}

export interface Payload5008 {
  generalitaPerRicerca: GeneralitaPayload;
  generalitaDaModificare?: { generalita: GeneralitaPayload };
  statoCivile?: { statoCivile: string };
  matrimonio?: { coniuge: GeneralitaPayload; datiMatrimonio: DatiEventoPayload };
  vedovanza?: { datiMorteconiuge: DatiEventoPayload };
  separazioneAnnullamentoCessazioneMatrimonio?: {
    tipoCessazione: string;
    sentenza?: SentenzaPayload;
    attoAnnullamentoMatrimonio?: AttoPayload;
  };
  unioneCivile?: {
    unitoCivilmente?: GeneralitaPayload;
    attoUnione?: DatiEventoPayload;
    scioglimentoUnione?: { motivoScioglimento: string; sentenza?: SentenzaPayload; datiEvento?: DatiEventoPayload };
  };
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { tipoMutazione: string[]; gestioneCF?: string };
}

function evento(data: string, luogo: LuogoValori | undefined, atto: AttoValori): DatiEventoPayload {
  return compatta<DatiEventoPayload>({ dataEvento: iso(data) ?? '', luogoEvento: luogo ? luogoPayload(luogo) : undefined, attoEvento: attoPayload(atto) });
}

function luogoCompilato(l: LuogoValori): boolean {
  return l.tipo === 'estero' ? !!testo(l.codiceStato) : !!testo(l.nomeComune);
}

export function versoPayload5008(v: Valori5008): Payload5008 {
  const base = { generalitaPerRicerca: generalitaRicerca(v.soggetto), datiDelProcedimento: procedimentoPayload(v) };
  const t = v.tipoMutazione;
  let p: Payload5008;
  if (t === '12') {
    const m = v.matrimonio;
    p = {
      ...base,
      statoCivile: { statoCivile: '2' },
      matrimonio: { coniuge: generalitaRicerca(m.coniuge), datiMatrimonio: evento(m.data, luogoCompilato(m.luogo) ? m.luogo : undefined, m.atto) },
      datiControllo: { tipoMutazione: ['12'] },
    };
  } else if (t === '13') {
    const w = v.vedovanza;
    p = { ...base, statoCivile: { statoCivile: '3' }, vedovanza: { datiMorteconiuge: evento(w.dataMorte, luogoCompilato(w.luogo) ? w.luogo : undefined, w.atto) }, datiControllo: { tipoMutazione: ['13'] } };
  } else if (t === '14') {
    const c = v.cessazione;
    const conSentenza = !!testo(c.dataSentenza);
    const sc = statoCivileDopoCessazione(c.tipoCessazione);
    p = {
      ...base,
      statoCivile: sc ? { statoCivile: sc } : undefined,
      separazioneAnnullamentoCessazioneMatrimonio: compatta({
        tipoCessazione: c.tipoCessazione,
        sentenza: conSentenza
          ? compatta({ data: iso(c.dataSentenza) ?? '', numero: testo(c.numeroSentenza), tipoTribunale: c.tipoTribunale, autorita: maiuscolo(c.autorita) ?? '', dataValidita: iso(c.dataValidita) ?? '' })
          : undefined,
        attoAnnullamentoMatrimonio: attoPayload(c.atto),
      }),
      datiControllo: { tipoMutazione: ['14'] },
    };
  } else if (t === '18') {
    const u = v.unioneCivile;
    p = {
      ...base,
      statoCivile: { statoCivile: '6' },
      unioneCivile: { unitoCivilmente: generalitaRicerca(u.parte), attoUnione: evento(u.data, luogoCompilato(u.luogo) ? u.luogo : undefined, u.atto) },
      datiControllo: { tipoMutazione: ['18'] },
    };
  } else if (t === '19') {
    const s = v.scioglimento;
    const sentenza = conSentenzaScioglimento(s.motivo);
    p = {
      ...base,
      statoCivile: { statoCivile: statoCivileDopoScioglimento(s.motivo) },
      unioneCivile: {
        unitoCivilmente: generalitaRicerca(s.parte),
        scioglimentoUnione: compatta({
          motivoScioglimento: s.motivo,
          sentenza: sentenza
            ? compatta({ data: iso(s.dataSentenza) ?? '', numero: testo(s.numeroSentenza), tipoTribunale: s.tipoTribunale, autorita: maiuscolo(s.autorita) ?? '', dataValidita: iso(s.dataValidita) ?? '' })
            : undefined,
          datiEvento: sentenza ? undefined : evento(s.dataEvento, luogoCompilato(s.luogo) ? s.luogo : undefined, s.atto),
        }),
      },
      datiControllo: { tipoMutazione: ['19'] },
    };
  } else {
    const g = v.generalita;
    const cf = maiuscolo(g.codiceFiscale)?.replace(/\s+/g, '');
    p = {
      ...base,
      generalitaDaModificare: {
        generalita: compatta<GeneralitaPayload>({
          codiceFiscale: cf ? { codFiscale: cf } : undefined,
          // The XSD wants cognome and nome in tipoGeneralita: blank = unchanged, the current ones.
          cognome: maiuscolo(g.cognome) ?? maiuscolo(v.soggetto.cognome),
          nome: maiuscolo(g.nome) ?? maiuscolo(v.soggetto.nome),
          sesso: g.sesso === '' ? undefined : g.sesso,
          dataNascita: iso(g.dataNascita),
        }),
      },
      datiControllo: compatta({ tipoMutazione: ['1'], gestioneCF: testo(g.gestioneCF) }),
    };
  }
  return compatta(p);
}

export function daPayload5008(payload: Record<string, unknown>, dataDecorrenza?: string): Valori5008 {
  // A payload this form (or a follow-up drafted by the core) wrote, read back field by field with defaults.
  const p = payload as Partial<Payload5008>;
  const v = valoriIniziali5008({});
  if (dataDecorrenza) v.dataDecorrenza = dataIt(dataDecorrenza);
  v.numeroPratica = p.datiDelProcedimento?.numeroPraticaComune ?? '';
  v.soggetto = soggettoDa(p.generalitaPerRicerca);
  const t = String(Number(p.datiControllo?.tipoMutazione?.[0] ?? ''));
  if (t === '12' && p.matrimonio) {
    const e = p.matrimonio.datiMatrimonio;
    v.tipoMutazione = '12';
    v.matrimonio = { coniuge: soggettoDa(p.matrimonio.coniuge), data: dataIt(e.dataEvento), luogo: luogoDa(e.luogoEvento), atto: attoDa(e.attoEvento) };
  } else if (t === '13' && p.vedovanza) {
    const e = p.vedovanza.datiMorteconiuge;
    v.tipoMutazione = '13';
    v.vedovanza = { dataMorte: dataIt(e.dataEvento), luogo: luogoDa(e.luogoEvento), atto: attoDa(e.attoEvento) };
  } else if (t === '14' && p.separazioneAnnullamentoCessazioneMatrimonio) {
    const c = p.separazioneAnnullamentoCessazioneMatrimonio;
    v.tipoMutazione = '14';
    v.cessazione = {
      tipoCessazione: c.tipoCessazione,
      dataSentenza: dataIt(c.sentenza?.data),
      numeroSentenza: c.sentenza?.numero ?? '',
      tipoTribunale: c.sentenza?.tipoTribunale ?? '',
      autorita: c.sentenza?.autorita ?? '',
      dataValidita: dataIt(c.sentenza?.dataValidita),
      atto: attoDa(c.attoAnnullamentoMatrimonio),
    };
  } else if (t === '18' && p.unioneCivile?.attoUnione) {
    const u = p.unioneCivile;
    const e = u.attoUnione!;
    v.tipoMutazione = '18';
    v.unioneCivile = { parte: soggettoDa(u.unitoCivilmente), data: dataIt(e.dataEvento), luogo: luogoDa(e.luogoEvento), atto: attoDa(e.attoEvento) };
  } else if (t === '19' && p.unioneCivile?.scioglimentoUnione) {
    const s = p.unioneCivile.scioglimentoUnione;
    const e = s.datiEvento;
    v.tipoMutazione = '19';
    v.scioglimento = {
      parte: soggettoDa(p.unioneCivile.unitoCivilmente),
      motivo: s.motivoScioglimento,
      dataEvento: dataIt(e?.dataEvento),
      luogo: luogoDa(e?.luogoEvento),
      atto: attoDa(e?.attoEvento),
      dataSentenza: dataIt(s.sentenza?.data),
      numeroSentenza: s.sentenza?.numero ?? '',
      tipoTribunale: s.sentenza?.tipoTribunale ?? '',
      autorita: s.sentenza?.autorita ?? '',
      dataValidita: dataIt(s.sentenza?.dataValidita),
    };
  } else if (t === '1') {
    const g = p.generalitaDaModificare?.generalita;
    v.tipoMutazione = '1';
    v.generalita = {
      codiceFiscale: typeof g?.codiceFiscale === 'object' ? g.codiceFiscale.codFiscale : '',
      cognome: g?.cognome ?? '',
      nome: g?.nome ?? '',
      sesso: g?.sesso ?? '',
      dataNascita: dataIt(g?.dataNascita),
      gestioneCF: p.datiControllo?.gestioneCF ?? '',
    };
  }
  return v;
}

export const chiaveSoggetto5008 = (v: Valori5008) => chiaveDi(v.soggetto);
export const dataDecorrenza5008 = (v: Valori5008) => iso(v.dataDecorrenza);

/** The review step's sentence: whose civil status or personal data changes, and how. */
export function riepilogo5008(v: Valori5008): string {
  const chi = chiDi(v.soggetto);
  const il = (d: string) => (d.trim() ? ` il ${d.trim()}` : '');
  const a = (l: LuogoValori) => (luogoDi(l) ? ` a ${luogoDi(l)}` : '');
  switch (v.tipoMutazione) {
    case '12':
      return `Si registra il matrimonio di ${chi} con ${chiDi(v.matrimonio.coniuge)}${il(v.matrimonio.data)}${a(v.matrimonio.luogo)}.`;
    case '13':
      return `Si registra la vedovanza di ${chi} (decesso del coniuge${il(v.vedovanza.dataMorte)}${a(v.vedovanza.luogo)}).`;
    case '14':
      return `Si registra per ${chi}: ${voceDi(TIPI_CESSAZIONE, v.cessazione.tipoCessazione) || 'fine del matrimonio'}${v.cessazione.dataSentenza.trim() ? `, sentenza del ${v.cessazione.dataSentenza.trim()}` : ''}${dalGiorno(v.dataDecorrenza)}.`;
    case '18':
      return `Si registra l'unione civile di ${chi} con ${chiDi(v.unioneCivile.parte)}${il(v.unioneCivile.data)}${a(v.unioneCivile.luogo)}.`;
    case '19':
      return `Si registra lo scioglimento dell'unione civile di ${chi} con ${chiDi(v.scioglimento.parte)} (${voceDi(MOTIVI_SCIOGLIMENTO_UNIONE, v.scioglimento.motivo) || 'motivo indicato'})${dalGiorno(v.dataDecorrenza)}.`;
    default:
      return `Si correggono i dati anagrafici di ${chi}: ${[v.generalita.cognome, v.generalita.nome].map((x) => x.trim().toUpperCase()).filter(Boolean).join(' ') || 'generalità indicate'}${v.generalita.codiceFiscale.trim() ? `, codice fiscale ${v.generalita.codiceFiscale.trim().toUpperCase()}` : ''}${dalGiorno(v.dataDecorrenza)}.`;
  }
}

export const logica5008: LogicaModulo<Valori5008, '5008'> = {
  servizio: '5008',
  titolo: TITOLI_SERVIZIO['5008'],
  descrizione: 'Matrimonio, vedovanza, separazione, divorzio o annullamento, unione civile e suo scioglimento, e modifica dei dati anagrafici di un residente.',
  valoriIniziali: valoriIniziali5008,
  schema: schema5008,
  versoPayload: versoPayload5008,
  daPayload: (p) => daPayload5008(p),
  chiaveSoggetto: chiaveSoggetto5008,
  dataDecorrenza: dataDecorrenza5008,
  riepilogo: riepilogo5008,
};
