/**
 * 5001 — mutazione della famiglia / convivenza: a new head (intestatario) or a
 * change of composition (residents of the comune joining the family, or new
 * relation codes). Pure part; the fields are in m5001.tsx. Payload =
 * Richiesta5001Input without testata.
 *
 * Every listed member is a resident already in ANPR, with their relation to
 * the head (Tabella 5). At most one head (EN166); a change of head lists the
 * new one (EN197) and, while the old head is still in the family, the old
 * head too with the new relation.
 */
import { z } from 'zod';
import { TITOLI_SERVIZIO } from '../servizi';
import type { LogicaModulo } from './tipi';
import { ammesso, lista } from './tabelle-dati';
import {
  chiaveDi,
  compatta,
  controllaDecorrenza,
  controllaIdAnpr,
  controllaSoggetto,
  dataIt,
  errore,
  generalitaRicerca,
  iso,
  obbligatorio,
  oggiIt,
  procedimentoPayload,
  RELAZIONI_PARENTELA,
  soggettoDa,
  soggettoVuoto,
  soggettoZ,
  testo,
  type ContestoSoggetto,
  type DatiProcedimentoPayload,
  type SoggettoFamigliaPayload,
  type SoggettoValori,
  type Voce,
  chiDi,
  dalGiorno,
} from './regole';

/**
 * Tabella 46, resources/anpr/tabelle/tab_tipo_mutazione_famiglia_convivenza.csv
 * (the two codes of this form; 3–8 are address and general data, elsewhere).
 */
export const TIPI_MUTAZIONE_FAMIGLIA = lista(46, ['1', '2']);

/** tipoScheda of tipoFamigliaConvivenza. */
export const TIPI_SCHEDA: readonly Voce[] = [
  { codice: '1', descrizione: 'Famiglia' },
  { codice: '2', descrizione: 'Convivenza' },
];

export interface Componente5001 {
  soggetto: SoggettoValori;
  codiceLegame: string;
}

export interface Valori5001 {
  dataDecorrenza: string;
  numeroPratica: string;
  idFamiglia: string;
  tipoScheda: string;
  tipoMutazione: string;
  componenti: Componente5001[];
}

export function componenteVuoto(c: Partial<Componente5001> = {}): Componente5001 {
  return { soggetto: soggettoVuoto(), codiceLegame: '', ...c };
}

export function valoriIniziali5001(contesto: ContestoSoggetto): Valori5001 {
  const s = contesto.soggetto;
  return {
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    idFamiglia: s?.idFamigliaConvivenzaANPR ?? '',
    tipoScheda: '1',
    tipoMutazione: '1',
    componenti: [
      componenteVuoto({
        soggetto: soggettoVuoto({ idSchedaSoggettoANPR: s?.idSchedaSoggettoANPR ?? '', codiceFiscale: s?.codiceFiscale ?? '', cognome: s?.cognome ?? '', nome: s?.nome ?? '', dataNascita: dataIt(s?.dataNascita) }),
        codiceLegame: '1',
      }),
    ],
  };
}

const voce = ammesso;

export const schema5001 = z
  .object({
    dataDecorrenza: z.string(),
    numeroPratica: z.string(),
    idFamiglia: z.string(),
    tipoScheda: z.string(),
    tipoMutazione: z.string(),
    componenti: z.array(z.object({ soggetto: soggettoZ, codiceLegame: z.string() })),
  })
  .superRefine((v, ctx) => {
    controllaDecorrenza(ctx, v);
    if (obbligatorio(ctx, v.idFamiglia, ['idFamiglia'], "Indicare l'ID ANPR della famiglia o convivenza (EF028).")) {
      controllaIdAnpr(ctx, v.idFamiglia, ['idFamiglia'], "L'ID ANPR della famiglia o convivenza");
    }
    if (!voce(TIPI_SCHEDA, v.tipoScheda)) errore(ctx, ['tipoScheda'], 'Indicare se si tratta di una famiglia o di una convivenza.');
    if (!voce(TIPI_MUTAZIONE_FAMIGLIA, v.tipoMutazione)) errore(ctx, ['tipoMutazione'], 'Scegliere il tipo di mutazione (Tabella 46).');
    if (v.componenti.length === 0) {
      errore(ctx, ['componenti'], 'Indicare almeno un componente della famiglia (EF028).');
      return;
    }
    // The same person twice, whether named by ID ANPR or by codice fiscale.
    const visti = new Map<string, number>();
    v.componenti.forEach((c, i) => {
      controllaSoggetto(ctx, c.soggetto, ['componenti', i, 'soggetto'], 'del componente');
      if (!voce(RELAZIONI_PARENTELA, c.codiceLegame)) errore(ctx, ['componenti', i, 'codiceLegame'], "Scegliere la relazione con l'intestatario (Tabella 5).");
      const chiavi = [testo(c.soggetto.idSchedaSoggettoANPR) && `ID:${testo(c.soggetto.idSchedaSoggettoANPR)}`, testo(c.soggetto.codiceFiscale) && `CF:${testo(c.soggetto.codiceFiscale)!.toUpperCase()}`].filter(
        (k): k is string => !!k,
      );
      const j = chiavi.map((k) => visti.get(k)).find((x) => x !== undefined);
      if (j !== undefined) errore(ctx, ['componenti', i, 'soggetto', 'codiceFiscale'], `Il componente è già indicato alla riga ${j + 1}.`);
      else chiavi.forEach((k) => visti.set(k, i));
    });
    const intestatari = v.componenti.map((c, i) => [c, i] as const).filter(([c]) => c.codiceLegame === '1');
    for (const [, i] of intestatari.slice(1)) errore(ctx, ['componenti', i, 'codiceLegame'], "La famiglia può avere un solo intestatario (EN166).");
    if (v.tipoMutazione === '1' && intestatari.length === 0) errore(ctx, ['componenti'], 'Per il cambio di intestatario indicare il nuovo intestatario (relazione 1, EN197).');
  });

export interface Payload5001 {
  famigliaConvivenza: { idFamigliaConvivenzaANPR: string; tipoScheda: string };
  elencoSoggettiFamiglia: SoggettoFamigliaPayload[];
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { tipoMutazione: string; tipoScheda: string };
}

export function versoPayload5001(v: Valori5001): Payload5001 {
  const d = iso(v.dataDecorrenza) ?? '';
  const tipoLegame = v.tipoScheda === '2' ? '4' : '3';
  return compatta<Payload5001>({
    famigliaConvivenza: { idFamigliaConvivenzaANPR: testo(v.idFamiglia) ?? '', tipoScheda: v.tipoScheda },
    elencoSoggettiFamiglia: v.componenti.map((c) => ({ generalita: generalitaRicerca(c.soggetto), legameSoggetto: { tipoLegame, dataDecorrenza: d, codiceLegame: c.codiceLegame } })),
    datiDelProcedimento: procedimentoPayload(v),
    datiControllo: { tipoMutazione: v.tipoMutazione, tipoScheda: v.tipoScheda },
  });
}

export function daPayload5001(payload: Record<string, unknown>): Valori5001 {
  // A payload this form (or a follow-up drafted by the core) wrote, read back field by field with defaults.
  const p = payload as Partial<Payload5001>;
  const v = valoriIniziali5001({});
  const primo = p.elencoSoggettiFamiglia?.[0]?.legameSoggetto.dataDecorrenza;
  if (primo) v.dataDecorrenza = dataIt(primo);
  v.numeroPratica = p.datiDelProcedimento?.numeroPraticaComune ?? '';
  v.idFamiglia = p.famigliaConvivenza?.idFamigliaConvivenzaANPR ?? '';
  v.tipoScheda = p.famigliaConvivenza?.tipoScheda ?? p.datiControllo?.tipoScheda ?? '1';
  v.tipoMutazione = String(p.datiControllo?.tipoMutazione ?? '1');
  v.componenti = (p.elencoSoggettiFamiglia ?? []).map((s) => componenteVuoto({ soggetto: soggettoDa(s.generalita), codiceLegame: s.legameSoggetto.codiceLegame }));
  if (v.componenti.length === 0) v.componenti = [componenteVuoto()];
  return v;
}

/** The subject for per-person ordering: the (new) head, else the first member. */
export const chiaveSoggetto5001 = (v: Valori5001) => {
  const c = v.componenti.find((x) => x.codiceLegame === '1') ?? v.componenti[0];
  return c ? chiaveDi(c.soggetto) : undefined;
};
export const dataDecorrenza5001 = (v: Valori5001) => iso(v.dataDecorrenza);

/** The review step's sentence: the family and its members as they will be registered. */
export function riepilogo5001(v: Valori5001): string {
  const scheda = v.tipoScheda === '2' ? 'la convivenza' : 'la famiglia';
  const n = v.componenti.length;
  const chi = v.componenti.map((c) => chiDi(c.soggetto)).join(', ');
  const cosa = v.tipoMutazione === '1' ? 'cambia intestatario' : 'cambia composizione';
  return `${scheda.charAt(0).toUpperCase()}${scheda.slice(1)} ID ANPR ${v.idFamiglia.trim()} ${cosa}: ${n === 1 ? 'un componente' : `${n} componenti`}${chi ? ` (${chi})` : ''}${dalGiorno(v.dataDecorrenza)}.`;
}

export const logica5001: LogicaModulo<Valori5001, '5001'> = {
  servizio: '5001',
  titolo: TITOLI_SERVIZIO['5001'],
  descrizione: "Nuovo intestatario della famiglia o della convivenza, o cambio di composizione (componenti e relazioni di parentela).",
  valoriIniziali: valoriIniziali5001,
  schema: schema5001,
  versoPayload: versoPayload5001,
  daPayload: daPayload5001,
  chiaveSoggetto: chiaveSoggetto5001,
  dataDecorrenza: dataDecorrenza5001,
  riepilogo: riepilogo5001,
};
