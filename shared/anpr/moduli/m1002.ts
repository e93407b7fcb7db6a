/**
 * 1002 — iscrizione per altri motivi (immigrazione da comune non subentrato o
 * dall'estero, ricomparsa, rimpatrio da AIRE, …). Pure part (values, schema,
 * payload); the fields are in m1002.tsx. Payload = Richiesta1002Input without
 * testata.
 *
 * The person is NOT yet in ANPR: full generalità (CF computable), a
 * citizenship, where they come from, their address in our comune, and the
 * family they join: a new one (they are its head and bring the address,
 * EF021/EF023/EF027), an existing family or a convivenza given by ID (EF030).
 */
import { z } from 'zod';
import { TITOLI_SERVIZIO } from '../servizi';
import type { LogicaModulo } from './tipi';
import { ammesso, lista } from './tabelle-dati';
import { controllaIndirizzo, indirizzoDa, indirizzoInParole, indirizzoVuoto, indirizzoZ, residenzaPayload, type IndirizzoValori, type ResidenzaPayload } from './indirizzo';
import {
  cfCalcolato,
  chiaveDi,
  cittadinanzaPayload,
  compatta,
  controllaDecorrenza,
  controllaGeneralita,
  controllaIdAnpr,
  controllaLuogo,
  controllaStato,
  dataIt,
  errore,
  generalitaDa,
  generalitaPayload,
  generalitaVuota,
  generalitaZ,
  iso,
  luogoDa,
  luogoPayload,
  luogoVuoto,
  luogoZ,
  oggiIt,
  procedimentoPayload,
  RELAZIONI_PARENTELA,
  STATI_CIVILI,
  testo,
  type CittadinanzaPayload,
  type ContestoSoggetto,
  type DatiProcedimentoPayload,
  type GeneralitaPayload,
  type GeneralitaValori,
  type LegameSoggettoPayload,
  type LuogoEventoPayload,
  type LuogoValori,
  type Voce,
  chiDi,
  dalGiorno,
  luogoDi,
  voceDi,
} from './regole';

/**
 * Tabella 7, resources/anpr/tabelle/tab_Motivi_di_iscrizione_in_Anagrafe.csv
 * (1 Nascita goes through 1001).
 */
export const MOTIVI_ISCRIZIONE = lista(7, ['2', '3', '4', '5', '6', '7', '8', '9', '10']);

/**
 * attribuzioneFamiglia (datiControllo 1002): 1 new family (EN233), 4
 * convivenza / 5 other existing family (EF030: family and legame required).
 */
export const ATTRIBUZIONI_FAMIGLIA_1002: readonly Voce[] = [
  { codice: '1', descrizione: 'Nuova famiglia (il soggetto ne è intestatario)' },
  { codice: '5', descrizione: 'Famiglia già esistente' },
  { codice: '4', descrizione: 'Convivenza / istituto' },
];

/** Tabella 6, resources/anpr/tabelle/tab_Legame____Convivenza.csv */
export const LEGAMI_CONVIVENZA = lista(6, ['1', '2', '3', '9']);

/** gestioneCF (EN125, EN146, EN147): 0 verify the given CF, 1 attribution, 3 registration without validation. */
export const GESTIONE_CF_1002: readonly Voce[] = [
  { codice: '1', descrizione: "Attribuzione da parte dell'Agenzia delle Entrate" },
  { codice: '0', descrizione: 'Verifica del codice fiscale indicato' },
  { codice: '3', descrizione: 'Iscrizione senza validazione del codice fiscale' },
];


// ---------------------------------------------------------------- values

export interface Valori1002 {
  dataDecorrenza: string;
  numeroPratica: string;
  motivo: string;
  note: string;
  persona: GeneralitaValori;
  statoCivile: string;
  cittadinanza: string;
  gestioneCF: string;
  conProvenienza: boolean;
  provenienza: LuogoValori;
  residenza: IndirizzoValori;
  attribuzioneFamiglia: string;
  idFamiglia: string;
  codiceLegame: string;
}

export function valoriIniziali1002(contesto: ContestoSoggetto): Valori1002 {
  return {
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    motivo: '',
    note: '',
    persona: generalitaVuota(),
    statoCivile: '',
    cittadinanza: '100',
    gestioneCF: '1',
    conProvenienza: true,
    provenienza: luogoVuoto(),
    residenza: indirizzoVuoto(),
    attribuzioneFamiglia: contesto.soggetto?.idFamigliaConvivenzaANPR ? '5' : '1',
    idFamiglia: contesto.soggetto?.idFamigliaConvivenzaANPR ?? '',
    /** Only for an existing family or convivenza: a new family's head is always 1. */
    codiceLegame: '',
  };
}

const voce = ammesso;

/** Motives whose origin is an Italian comune (3) or abroad (4, 6): the provenienza is then required. */
const PROVENIENZA_COMUNE = ['3'];
const PROVENIENZA_ESTERO = ['4', '6'];

export const schema1002 = z
  .object({
    dataDecorrenza: z.string(),
    numeroPratica: z.string(),
    motivo: z.string(),
    note: z.string(),
    persona: generalitaZ,
    statoCivile: z.string(),
    cittadinanza: z.string(),
    gestioneCF: z.string(),
    conProvenienza: z.boolean(),
    provenienza: luogoZ,
    residenza: indirizzoZ,
    attribuzioneFamiglia: z.string(),
    idFamiglia: z.string(),
    codiceLegame: z.string(),
  })
  .superRefine((v, ctx) => {
    const dec = controllaDecorrenza(ctx, v);
    if (!voce(MOTIVI_ISCRIZIONE, v.motivo)) errore(ctx, ['motivo'], "Scegliere il motivo dell'iscrizione (Tabella 7).");
    if ((testo(v.note) ?? '').length > 240) errore(ctx, ['note'], 'Le note sono di al massimo 240 caratteri.');
    if (v.motivo === '9' && !testo(v.note)) errore(ctx, ['note'], 'Per «Altri motivi» descrivere il motivo nelle note.');

    const nascita = controllaGeneralita(ctx, v.persona, ['persona']);
    if (nascita && dec && nascita > dec) errore(ctx, ['persona', 'dataNascita'], 'La data di nascita non può essere successiva alla data di decorrenza.');
    if (testo(v.statoCivile) && !voce(STATI_CIVILI, v.statoCivile)) errore(ctx, ['statoCivile'], 'Scegliere lo stato civile (Tabella 1).');
    controllaStato(ctx, v.cittadinanza, ['cittadinanza']);
    if (!voce(GESTIONE_CF_1002, v.gestioneCF)) errore(ctx, ['gestioneCF'], 'Scegliere la gestione del codice fiscale.');
    else if (v.gestioneCF === '0' && !testo(v.persona.codiceFiscale)) errore(ctx, ['persona', 'codiceFiscale'], 'Indicare il codice fiscale da verificare, o chiederne l’attribuzione.');
    else if (v.gestioneCF === '1' && testo(v.persona.codiceFiscale)) errore(ctx, ['gestioneCF'], "Per chiedere l'attribuzione il codice fiscale va lasciato vuoto (EN125); altrimenti scegliere la verifica.");

    const serveComune = PROVENIENZA_COMUNE.includes(v.motivo);
    const serveEstero = PROVENIENZA_ESTERO.includes(v.motivo);
    if (serveComune || serveEstero || v.conProvenienza) {
      if (serveComune && v.provenienza.tipo !== 'comune') errore(ctx, ['provenienza', 'tipo'], "Per l'immigrazione da altro comune la provenienza è un comune italiano.");
      else if (serveEstero && v.provenienza.tipo !== 'estero') errore(ctx, ['provenienza', 'tipo'], "Per l'immigrazione dall'estero o il rimpatrio la provenienza è uno stato estero.");
      else controllaLuogo(ctx, v.provenienza, ['provenienza'], { istatObbligatorio: true });
    }

    controllaIndirizzo(ctx, v.residenza, ['residenza']);

    if (!voce(ATTRIBUZIONI_FAMIGLIA_1002, v.attribuzioneFamiglia)) {
      errore(ctx, ['attribuzioneFamiglia'], 'Scegliere la famiglia in cui iscrivere il soggetto.');
    } else if (v.attribuzioneFamiglia !== '1') {
      const conv = v.attribuzioneFamiglia === '4';
      if (!testo(v.idFamiglia)) errore(ctx, ['idFamiglia'], `Indicare l'ID ANPR della ${conv ? 'convivenza' : 'famiglia'} in cui iscrivere il soggetto (EF030).`);
      else controllaIdAnpr(ctx, v.idFamiglia, ['idFamiglia'], `L'ID ANPR della ${conv ? 'convivenza' : 'famiglia'}`);
      if (conv && !voce(LEGAMI_CONVIVENZA, v.codiceLegame)) errore(ctx, ['codiceLegame'], 'Scegliere il legame con la convivenza (Tabella 6).');
      if (!conv && !voce(RELAZIONI_PARENTELA, v.codiceLegame)) errore(ctx, ['codiceLegame'], "Scegliere la relazione con l'intestatario (Tabella 5).");
      else if (!conv && v.codiceLegame === '1') errore(ctx, ['codiceLegame'], "La famiglia ha già un intestatario (EF007): per cambiarlo usare la mutazione della famiglia (5001).");
    }
  });

export interface Payload1002 {
  motivoIscrizione: { idMotivoIscrizione: string; note?: string };
  generalita1002: { generalita: GeneralitaPayload; statoCivile?: { statoCivile: string } };
  cittadinanza: CittadinanzaPayload[];
  provenienza?: LuogoEventoPayload;
  residenza: ResidenzaPayload[];
  famiglia?: { famiglia: { idFamigliaConvivenzaANPR?: string; tipoScheda: string }; legameSoggetto: LegameSoggettoPayload };
  convivenza?: { convivenza: { idFamigliaConvivenzaANPR: string; tipoScheda: string }; legameSoggetto: LegameSoggettoPayload };
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { attribuzioneFamiglia: string; gestioneCF?: string };
}

export function versoPayload1002(v: Valori1002): Payload1002 {
  const d = iso(v.dataDecorrenza) ?? '';
  const conProv = PROVENIENZA_COMUNE.includes(v.motivo) || PROVENIENZA_ESTERO.includes(v.motivo) || v.conProvenienza;
  const nuova = v.attribuzioneFamiglia === '1';
  const conv = v.attribuzioneFamiglia === '4';
  const id = testo(v.idFamiglia) ?? '';
  return compatta<Payload1002>({
    motivoIscrizione: compatta({ idMotivoIscrizione: v.motivo, note: testo(v.note) }),
    generalita1002: compatta({ generalita: generalitaPayload(v.persona), statoCivile: testo(v.statoCivile) ? { statoCivile: v.statoCivile } : undefined }),
    cittadinanza: [cittadinanzaPayload(v.cittadinanza)],
    provenienza: conProv ? luogoPayload(v.provenienza) : undefined,
    // A new family needs the address with its decorrenza (EF023, EF027); joining one, the address is the family's.
    residenza: [residenzaPayload(v.residenza, nuova ? d : undefined)],
    famiglia: conv
      ? undefined
      : {
          famiglia: nuova ? { tipoScheda: '1' } : { idFamigliaConvivenzaANPR: id, tipoScheda: '1' },
          legameSoggetto: { tipoLegame: '3', dataDecorrenza: d, codiceLegame: nuova ? '1' : v.codiceLegame },
        },
    convivenza: conv ? { convivenza: { idFamigliaConvivenzaANPR: id, tipoScheda: '2' }, legameSoggetto: { tipoLegame: '4', dataDecorrenza: d, codiceLegame: v.codiceLegame } } : undefined,
    datiDelProcedimento: procedimentoPayload(v),
    datiControllo: compatta({ attribuzioneFamiglia: v.attribuzioneFamiglia, gestioneCF: testo(v.gestioneCF) }),
  });
}

export function daPayload1002(payload: Record<string, unknown>): Valori1002 {
  // A payload this form (or a follow-up drafted by the core) wrote, read back field by field with defaults.
  const p = payload as Partial<Payload1002>;
  const v = valoriIniziali1002({});
  const legame = p.famiglia?.legameSoggetto ?? p.convivenza?.legameSoggetto;
  v.numeroPratica = p.datiDelProcedimento?.numeroPraticaComune ?? '';
  if (legame?.dataDecorrenza) v.dataDecorrenza = dataIt(legame.dataDecorrenza);
  v.motivo = p.motivoIscrizione?.idMotivoIscrizione ?? '';
  v.note = p.motivoIscrizione?.note ?? '';
  v.persona = generalitaDa(p.generalita1002?.generalita);
  v.statoCivile = p.generalita1002?.statoCivile?.statoCivile ?? '';
  v.cittadinanza = p.cittadinanza?.[0]?.codiceStato ?? '100';
  v.gestioneCF = p.datiControllo?.gestioneCF ?? '1';
  v.conProvenienza = !!p.provenienza;
  v.provenienza = luogoDa(p.provenienza);
  v.residenza = indirizzoDa(p.residenza?.[0]);
  v.attribuzioneFamiglia = p.datiControllo?.attribuzioneFamiglia ?? '1';
  v.idFamiglia = p.famiglia?.famiglia.idFamigliaConvivenzaANPR ?? p.convivenza?.convivenza.idFamigliaConvivenzaANPR ?? '';
  v.codiceLegame = v.attribuzioneFamiglia === '1' ? '' : (legame?.codiceLegame ?? '');
  return v;
}

export const chiaveSoggetto1002 = (v: Valori1002) => chiaveDi(v.persona) ?? cfCalcolato(v.persona);
export const dataDecorrenza1002 = (v: Valori1002) => iso(v.dataDecorrenza);

/** The review step's sentence: who is registered, from where, at which address, in which family. */
export function riepilogo1002(v: Valori1002): string {
  const motivo = voceDi(MOTIVI_ISCRIZIONE, v.motivo);
  const da = v.conProvenienza ? luogoDi(v.provenienza) : '';
  const famiglia =
    v.attribuzioneFamiglia === '1' ? 'in una nuova famiglia di cui è intestatario' : v.attribuzioneFamiglia === '4' ? `nella convivenza ID ANPR ${v.idFamiglia.trim()}` : `nella famiglia ID ANPR ${v.idFamiglia.trim()}`;
  return `Si iscrive in anagrafe ${chiDi(v.persona)}${motivo ? ` per ${motivo}` : ''}${da ? ` (provenienza: ${da})` : ''}, con residenza in ${indirizzoInParole(v.residenza)}, ${famiglia}${dalGiorno(v.dataDecorrenza)}.`;
}

export const logica1002: LogicaModulo<Valori1002, '1002'> = {
  servizio: '1002',
  titolo: TITOLI_SERVIZIO['1002'],
  descrizione: "Immigrazione da un comune non subentrato o dall'estero, ricomparsa, rimpatrio e altri motivi diversi dalla nascita.",
  valoriIniziali: valoriIniziali1002,
  schema: schema1002,
  versoPayload: versoPayload1002,
  daPayload: daPayload1002,
  chiaveSoggetto: chiaveSoggetto1002,
  dataDecorrenza: dataDecorrenza1002,
  riepilogo: riepilogo1002,
};
