/**
 * 1001 — iscrizione per nascita. Pure part (values, schema, payload); the
 * fields are in m1001.tsx. Payload = Richiesta1001Input without testata.
 *
 * The newborn joins an EXISTING family or convivenza: the parents' (found by
 * ANPR from paternità/maternità) or the one given by its ID (attribuzione 4/5).
 */
import { z } from 'zod';
import { TITOLI_SERVIZIO } from '../servizi';
import type { LogicaModulo } from './tipi';
import { ammesso } from './tabelle-dati';
import {
  attoDa,
  attoPayload,
  attoVuoto,
  attoZ,
  cfCalcolato,
  chiaveDi,
  cittadinanzaPayload,
  compatta,
  controllaAtto,
  controllaDecorrenza,
  controllaGeneralita,
  controllaIdAnpr,
  controllaSoggetto,
  controllaStato,
  dataIt,
  errore,
  generalitaDa,
  generalitaPayload,
  generalitaRicerca,
  generalitaVuota,
  generalitaZ,
  iso,
  oggiIt,
  procedimentoPayload,
  RELAZIONI_PARENTELA,
  soggettoDa,
  soggettoVuoto,
  soggettoVuotoDa,
  soggettoZ,
  testo,
  type AttoPayload,
  type AttoValori,
  type CittadinanzaPayload,
  type ContestoSoggetto,
  type DatiProcedimentoPayload,
  type GeneralitaPayload,
  type GeneralitaValori,
  type SoggettoValori,
  type Voce,
  chiDi,
  dalGiorno,
  luogoDi,
} from './regole';

/** attribuzioneFamiglia (datiControllo 1001; values from the ANPR error texts EF014/EF030/ES042). */
export const ATTRIBUZIONI_FAMIGLIA: readonly Voce[] = [
  { codice: '1', descrizione: 'Famiglia dei genitori' },
  { codice: '2', descrizione: 'Famiglia del padre' },
  { codice: '3', descrizione: 'Famiglia della madre' },
  { codice: '4', descrizione: 'Convivenza / istituto' },
  { codice: '5', descrizione: 'Altra famiglia' },
];

/** filiazione (ES035–ES037). */
export const FILIAZIONI: readonly Voce[] = [
  { codice: '1', descrizione: 'Figlio di entrambi i genitori' },
  { codice: '2', descrizione: 'Riconosciuto dal solo padre' },
  { codice: '3', descrizione: 'Riconosciuto dalla sola madre' },
];

/** origineCognome (ES040: 1 padre, 3 entrambi; 2 madre by the same numbering). */
export const ORIGINI_COGNOME: readonly Voce[] = [
  { codice: '1', descrizione: 'Cognome del padre' },
  { codice: '2', descrizione: 'Cognome della madre' },
  { codice: '3', descrizione: 'Cognome di entrambi i genitori' },
];

/** gestioneCF for a newborn: 1 = attribution by the Agenzia delle Entrate (usual), 0 = verify the given CF, 2 = omocodice. */
export const GESTIONE_CF_NASCITA: readonly Voce[] = [
  { codice: '1', descrizione: "Attribuzione da parte dell'Agenzia delle Entrate" },
  { codice: '0', descrizione: 'Verifica del codice fiscale indicato' },
  { codice: '2', descrizione: 'Codice omocodice' },
];

export interface Valori1001 {
  dataDecorrenza: string;
  numeroPratica: string;
  neonato: GeneralitaValori;
  atto: AttoValori;
  cittadinanza: string;
  padre: SoggettoValori;
  madre: SoggettoValori;
  filiazione: string;
  origineCognome: string;
  attribuzioneFamiglia: string;
  idFamiglia: string;
  codiceLegame: string;
  gestioneCF: string;
}

export function valoriIniziali1001(contesto: ContestoSoggetto): Valori1001 {
  return {
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    neonato: generalitaVuota(),
    atto: attoVuoto(),
    cittadinanza: '100',
    padre: soggettoVuoto(),
    madre: soggettoVuoto(),
    filiazione: '1',
    origineCognome: '1',
    attribuzioneFamiglia: '1',
    idFamiglia: contesto.soggetto?.idFamigliaConvivenzaANPR ?? '',
    codiceLegame: '3',
    gestioneCF: '1',
  };
}

const voce = ammesso;

export const schema1001 = z
  .object({
    dataDecorrenza: z.string(),
    numeroPratica: z.string(),
    neonato: generalitaZ,
    atto: attoZ,
    cittadinanza: z.string(),
    padre: soggettoZ,
    madre: soggettoZ,
    filiazione: z.string(),
    origineCognome: z.string(),
    attribuzioneFamiglia: z.string(),
    idFamiglia: z.string(),
    codiceLegame: z.string(),
    gestioneCF: z.string(),
  })
  .superRefine((v, ctx) => {
    const dec = controllaDecorrenza(ctx, v);
    const nascita = controllaGeneralita(ctx, v.neonato, ['neonato']);
    if (nascita && dec && nascita > dec) errore(ctx, ['neonato', 'dataNascita'], 'La data di nascita non può essere successiva alla data di decorrenza.');
    controllaAtto(ctx, v.atto, ['atto']);
    controllaStato(ctx, v.cittadinanza, ['cittadinanza']);
    const conPadre = !soggettoVuotoDa(v.padre);
    const conMadre = !soggettoVuotoDa(v.madre);
    if (conPadre) controllaSoggetto(ctx, v.padre, ['padre'], 'del padre');
    if (conMadre) controllaSoggetto(ctx, v.madre, ['madre'], 'della madre');
    if (!voce(FILIAZIONI, v.filiazione)) errore(ctx, ['filiazione'], 'Scegliere la filiazione.');
    if ((v.filiazione === '1' || v.filiazione === '2') && !conPadre) errore(ctx, ['padre', 'codiceFiscale'], 'Indicare il padre (codice fiscale o ID ANPR, cognome e nome).');
    if ((v.filiazione === '1' || v.filiazione === '3') && !conMadre) errore(ctx, ['madre', 'codiceFiscale'], 'Indicare la madre (codice fiscale o ID ANPR, cognome e nome).');
    if (testo(v.origineCognome) && !voce(ORIGINI_COGNOME, v.origineCognome)) errore(ctx, ['origineCognome'], "Scegliere l'origine del cognome.");
    if (!voce(ATTRIBUZIONI_FAMIGLIA, v.attribuzioneFamiglia)) errore(ctx, ['attribuzioneFamiglia'], 'Scegliere la famiglia a cui attribuire il nato.');
    if (v.attribuzioneFamiglia === '2' && !conPadre) errore(ctx, ['attribuzioneFamiglia'], 'Per la famiglia del padre indicare il padre.');
    if (v.attribuzioneFamiglia === '3' && !conMadre) errore(ctx, ['attribuzioneFamiglia'], 'Per la famiglia della madre indicare la madre.');
    if (v.attribuzioneFamiglia === '1' && !conPadre && !conMadre) errore(ctx, ['attribuzioneFamiglia'], 'Per la famiglia dei genitori indicare almeno un genitore.');
    controllaIdAnpr(ctx, v.idFamiglia, ['idFamiglia'], "L'ID della famiglia o convivenza");
    if ((v.attribuzioneFamiglia === '4' || v.attribuzioneFamiglia === '5') && !testo(v.idFamiglia)) {
      errore(ctx, ['idFamiglia'], "Indicare l'ID ANPR della famiglia o convivenza in cui iscrivere il nato (EF030).");
    }
    if ((v.attribuzioneFamiglia === '4' || v.attribuzioneFamiglia === '5') && !voce(RELAZIONI_PARENTELA, v.codiceLegame)) {
      errore(ctx, ['codiceLegame'], "Scegliere la relazione con l'intestatario (Tabella 5).");
    }
    if (!voce(GESTIONE_CF_NASCITA, v.gestioneCF)) errore(ctx, ['gestioneCF'], 'Scegliere la gestione del codice fiscale.');
    if (v.gestioneCF !== '1' && !testo(v.neonato.codiceFiscale)) errore(ctx, ['neonato', 'codiceFiscale'], 'Indicare il codice fiscale da verificare, o chiederne l’attribuzione.');
  });

export interface Payload1001 {
  generalita1001: { generalita: GeneralitaPayload };
  attoNascita?: AttoPayload;
  cittadinanza: CittadinanzaPayload;
  paternita?: { generalita: GeneralitaPayload };
  maternita?: { generalita: GeneralitaPayload };
  famConv?: { idFamigliaConvivenzaANPR: string; tipoScheda: string };
  legameSoggetto?: { tipoLegame: string; dataDecorrenza: string; codiceLegame: string };
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { origineCognome?: string; filiazione?: string; attribuzioneFamiglia: string; gestioneCF?: string };
}

export function versoPayload1001(v: Valori1001): Payload1001 {
  const idFam = testo(v.idFamiglia);
  const convivenza = v.attribuzioneFamiglia === '4';
  const legame = v.attribuzioneFamiglia === '4' || v.attribuzioneFamiglia === '5';
  return compatta<Payload1001>({
    generalita1001: { generalita: generalitaPayload(v.neonato) },
    attoNascita: attoPayload(v.atto),
    cittadinanza: cittadinanzaPayload(v.cittadinanza),
    paternita: soggettoVuotoDa(v.padre) ? undefined : { generalita: generalitaRicerca(v.padre) },
    maternita: soggettoVuotoDa(v.madre) ? undefined : { generalita: generalitaRicerca(v.madre) },
    famConv: idFam ? { idFamigliaConvivenzaANPR: idFam, tipoScheda: '1' } : undefined,
    legameSoggetto: legame ? { tipoLegame: convivenza ? '4' : '3', dataDecorrenza: iso(v.dataDecorrenza) ?? '', codiceLegame: v.codiceLegame } : undefined,
    datiDelProcedimento: procedimentoPayload(v),
    datiControllo: compatta({ origineCognome: testo(v.origineCognome), filiazione: testo(v.filiazione), attribuzioneFamiglia: v.attribuzioneFamiglia, gestioneCF: testo(v.gestioneCF) }),
  });
}

export function daPayload1001(payload: Record<string, unknown>): Valori1001 {
  // A payload this form (or a follow-up drafted by the core) wrote, read back field by field with defaults.
  const p = payload as Partial<Payload1001>;
  const v = valoriIniziali1001({});
  v.numeroPratica = p.datiDelProcedimento?.numeroPraticaComune ?? '';
  v.neonato = generalitaDa(p.generalita1001?.generalita);
  v.atto = attoDa(p.attoNascita);
  v.cittadinanza = p.cittadinanza?.codiceStato ?? '100';
  v.padre = p.paternita ? soggettoDa(p.paternita.generalita) : soggettoVuoto();
  v.madre = p.maternita ? soggettoDa(p.maternita.generalita) : soggettoVuoto();
  v.filiazione = p.datiControllo?.filiazione ?? '';
  v.origineCognome = p.datiControllo?.origineCognome ?? '';
  v.attribuzioneFamiglia = p.datiControllo?.attribuzioneFamiglia ?? '1';
  v.idFamiglia = p.famConv?.idFamigliaConvivenzaANPR ?? '';
  v.codiceLegame = p.legameSoggetto?.codiceLegame ?? '3';
  v.gestioneCF = p.datiControllo?.gestioneCF ?? '1';
  if (p.legameSoggetto?.dataDecorrenza) v.dataDecorrenza = dataIt(p.legameSoggetto.dataDecorrenza);
  return v;
}

export const chiaveSoggetto1001 = (v: Valori1001) => chiaveDi(v.neonato) ?? cfCalcolato(v.neonato);
export const dataDecorrenza1001 = (v: Valori1001) => iso(v.dataDecorrenza);

/** The review step's sentence: who is born, where, to whom, into which family. */
export function riepilogo1001(v: Valori1001): string {
  const n = v.neonato;
  const nato = n.sesso === 'F' ? 'nata' : 'nato';
  const luogo = luogoDi(n.luogoNascita);
  const genitori = [v.padre, v.madre].filter((g) => g.cognome.trim() || g.codiceFiscale.trim() || g.idSchedaSoggettoANPR.trim()).map((g) => chiDi(g));
  const figlio = n.sesso === 'F' ? 'figlia' : 'figlio';
  const famiglia = v.attribuzioneFamiglia === '4' || v.attribuzioneFamiglia === '5' ? ` nella famiglia ID ANPR ${v.idFamiglia.trim()}` : v.attribuzioneFamiglia === '2' ? ' nella famiglia del padre' : v.attribuzioneFamiglia === '3' ? ' nella famiglia della madre' : ' nella famiglia dei genitori';
  return `Si iscrive per nascita ${chiDi(n)}, ${nato} il ${n.dataNascita.trim()}${luogo ? ` a ${luogo}` : ''}${genitori.length ? `, ${figlio} di ${genitori.join(' e ')}` : ''},${famiglia}${dalGiorno(v.dataDecorrenza)}.`;
}

export const logica1001: LogicaModulo<Valori1001, '1001'> = {
  servizio: '1001',
  titolo: TITOLI_SERVIZIO['1001'],
  descrizione: 'Iscrive un nato nella famiglia dei genitori (o in altra famiglia o convivenza esistente).',
  valoriIniziali: valoriIniziali1001,
  schema: schema1001,
  versoPayload: versoPayload1001,
  daPayload: daPayload1001,
  chiaveSoggetto: chiaveSoggetto1001,
  dataDecorrenza: dataDecorrenza1001,
  riepilogo: riepilogo1001,
};
