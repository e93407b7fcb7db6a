/**
 * 5013 — revoca di un dato: ANPR revokes one datum of a resident's sheet
 * (Tabella 48 tipoRevoca) for a motive (Tabella 49 motivoRevoca) with an
 * optional note (≤ 80 characters, the XSD's tipoNoteRevoca pattern). The form
 * offers the data it can name without the rest of the sheet: paternity and
 * maternity (the subject alone), marriage and civil union (the spouse or
 * partner and the date, as ANPR holds them). Permit, census, digital domicile,
 * de-facto cohabitation and guardian need the block read from ANPR and are not
 * offered yet. Pure part; the fields are in m5013.tsx.
 * Payload = Richiesta5013Input without testata.
 */
import { z } from 'zod';
import { TITOLI_SERVIZIO } from '../servizi';
import type { LogicaModulo } from './tipi';
import { ammesso, lista } from './tabelle-dati';
import {
  chiDi,
  chiaveDi,
  controllaData,
  controllaSoggetto,
  dalGiorno,
  dataIt,
  errore,
  generalitaRicerca,
  iso,
  obbligatorio,
  oggiIt,
  soggettoDa,
  soggettoVuoto,
  soggettoZ,
  testo,
  voceDi,
  type ContestoSoggetto,
  type GeneralitaPayload,
  type SoggettoValori,
} from './regole';

/** Tabella 48, resources/anpr/tabelle/tab_tipo_revoca_.csv: the data this form can revoke. */
export const TIPI_REVOCA = lista(48, ['1', '2', '6', '7']);
/** Tabella 49, resources/anpr/tabelle/tab_tipo_motivo_revoca_.csv. */
export const MOTIVI_REVOCA = lista(49, ['1', '2', '3']);

/** The XSD's tipoNoteRevoca. */
const NOTE_REVOCA = /^[0-9a-zA-Z,.\-' ]*$/;
export const NOTE_REVOCA_MAX = 80;

export interface Valori5013 {
  dataDecorrenza: string;
  soggetto: SoggettoValori;
  tipoRevoca: string;
  motivoRevoca: string;
  note: string;
  /** Marriage (6) or civil union (7): the spouse or partner and the date of the marriage or union. */
  coniuge: SoggettoValori;
  dataEvento: string;
}

export function valoriIniziali5013(contesto: ContestoSoggetto): Valori5013 {
  const s = contesto.soggetto;
  return {
    dataDecorrenza: oggiIt(),
    soggetto: soggettoVuoto({ idSchedaSoggettoANPR: s?.idSchedaSoggettoANPR ?? '', codiceFiscale: s?.codiceFiscale ?? '', cognome: s?.cognome ?? '', nome: s?.nome ?? '', dataNascita: dataIt(s?.dataNascita) }),
    tipoRevoca: '',
    motivoRevoca: '',
    note: '',
    coniuge: soggettoVuoto(),
    dataEvento: '',
  };
}

const conConiuge = (tipo: string) => tipo === '6' || tipo === '7';

export const schema5013 = z
  .object({
    dataDecorrenza: z.string(),
    soggetto: soggettoZ,
    tipoRevoca: z.string(),
    motivoRevoca: z.string(),
    note: z.string(),
    coniuge: soggettoZ,
    dataEvento: z.string(),
  })
  .superRefine((v, ctx) => {
    // 5013 has no datiDelProcedimento: the date alone (it goes in the testata).
    controllaData(ctx, v.dataDecorrenza, ['dataDecorrenza'], { obbligatoria: true, nome: 'la data di decorrenza', nonFutura: true });
    controllaSoggetto(ctx, v.soggetto, ['soggetto']);
    if (!ammesso(TIPI_REVOCA, v.tipoRevoca)) errore(ctx, ['tipoRevoca'], 'Scegliere il dato da revocare (Tabella 48).');
    if (!ammesso(MOTIVI_REVOCA, v.motivoRevoca)) errore(ctx, ['motivoRevoca'], 'Scegliere il motivo della revoca (Tabella 49).');
    const note = testo(v.note) ?? '';
    if (note.length > NOTE_REVOCA_MAX) errore(ctx, ['note'], `Le note sono di al massimo ${NOTE_REVOCA_MAX} caratteri.`);
    if (!NOTE_REVOCA.test(note)) errore(ctx, ['note'], 'Nelle note sono ammessi solo lettere senza accento, cifre, spazi e i segni , . - \'');
    if (v.motivoRevoca === '3' && !note) errore(ctx, ['note'], 'Per «altro» descrivere il motivo nelle note.');
    if (conConiuge(v.tipoRevoca)) {
      const chi = v.tipoRevoca === '6' ? 'del coniuge' : "dell'altra parte dell'unione";
      controllaSoggetto(ctx, v.coniuge, ['coniuge'], chi);
      if (obbligatorio(ctx, v.dataEvento, ['dataEvento'], v.tipoRevoca === '6' ? 'Indicare la data del matrimonio.' : "Indicare la data dell'unione civile.")) {
        controllaData(ctx, v.dataEvento, ['dataEvento'], { nome: v.tipoRevoca === '6' ? 'la data del matrimonio' : "la data dell'unione civile", nonFutura: true });
      }
    }
  });

export type Payload5013 = {
  schedaSoggetto: {
    generalitaPerRicerca: GeneralitaPayload;
    matrimonio?: { coniuge: GeneralitaPayload; datiMatrimonio: { dataEvento: string } };
    unioneCivile?: { unitoCivilmente: GeneralitaPayload; attoUnione: { dataEvento: string } };
  };
  motivoAnnullamento: { motivoRevoca: string; noteRevoca?: string };
  datiControllo: { tipoRevoca: string };
};

export function versoPayload5013(v: Valori5013): Payload5013 {
  const data = iso(v.dataEvento) ?? '';
  const note = testo(v.note);
  return {
    schedaSoggetto: {
      generalitaPerRicerca: generalitaRicerca(v.soggetto),
      ...(v.tipoRevoca === '6' ? { matrimonio: { coniuge: generalitaRicerca(v.coniuge), datiMatrimonio: { dataEvento: data } } } : {}),
      ...(v.tipoRevoca === '7' ? { unioneCivile: { unitoCivilmente: generalitaRicerca(v.coniuge), attoUnione: { dataEvento: data } } } : {}),
    },
    motivoAnnullamento: { motivoRevoca: v.motivoRevoca, ...(note ? { noteRevoca: note } : {}) },
    datiControllo: { tipoRevoca: v.tipoRevoca },
  };
}

export function daPayload5013(payload: Record<string, unknown>): Valori5013 {
  // A stored payload this form wrote (versoPayload5013), read back field by field with defaults.
  const p = payload as Partial<Payload5013>;
  const v = valoriIniziali5013({});
  const s = p.schedaSoggetto;
  v.soggetto = soggettoDa(s?.generalitaPerRicerca);
  v.tipoRevoca = String(Number(p.datiControllo?.tipoRevoca ?? '')) || '';
  v.motivoRevoca = p.motivoAnnullamento?.motivoRevoca ?? '';
  v.note = p.motivoAnnullamento?.noteRevoca ?? '';
  v.coniuge = soggettoDa(s?.matrimonio?.coniuge ?? s?.unioneCivile?.unitoCivilmente);
  v.dataEvento = dataIt(s?.matrimonio?.datiMatrimonio.dataEvento ?? s?.unioneCivile?.attoUnione.dataEvento);
  return v;
}

/** The review step's sentence: which datum of whom ANPR revokes, why, from when. */
export function riepilogo5013(v: Valori5013): string {
  const dato = voceDi(TIPI_REVOCA, v.tipoRevoca);
  const con = conConiuge(v.tipoRevoca) ? ` con ${chiDi(v.coniuge)} del ${v.dataEvento.trim()}` : '';
  const motivo = voceDi(MOTIVI_REVOCA, v.motivoRevoca);
  const note = testo(v.note) ? ` («${testo(v.note)}»)` : '';
  return `Si revoca ${dato ? `il dato «${dato}»` : 'il dato indicato'}${con} di ${chiDi(v.soggetto)}${motivo ? ` per ${motivo}` : ''}${note}${dalGiorno(v.dataDecorrenza)}.`;
}

export const logica5013: LogicaModulo<Valori5013, '5013'> = {
  servizio: '5013',
  titolo: TITOLI_SERVIZIO['5013'],
  descrizione: 'Revoca di un dato della scheda di un residente registrato per errore: paternità, maternità, matrimonio o unione civile.',
  valoriIniziali: valoriIniziali5013,
  schema: schema5013,
  versoPayload: versoPayload5013,
  daPayload: daPayload5013,
  chiaveSoggetto: (v) => chiaveDi(v.soggetto),
  dataDecorrenza: (v) => iso(v.dataDecorrenza),
  riepilogo: riepilogo5013,
};
