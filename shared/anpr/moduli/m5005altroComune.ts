/**
 * 5005 — cambio di residenza da altro comune: people resident in another
 * comune come to live here. Between two subentrati comuni this is a 5005
 * mutazione residenza (Allegato 5), not a 1002: tipoMutazione 2 (Tabella 47,
 * residenza) and the tipoMovimentazione of generalitaSchedaFamiglia
 * (Tabella 23): 1 immigration into a new family at the new address (the first
 * person listed is its head), 3 into a family already resident here.
 * ANPR finds the people nationally by codice fiscale and knows where they
 * come from; the comune of origin the clerk records is kept with the pratica.
 *
 * Payload = Richiesta5005Input without testata; the variant is the pratica's `variante`
 * and the comune of origin stays in the form values.
 */
import { z } from 'zod';
import { ammesso } from './tabelle-dati';
import {
  chiaveDi,
  compatta,
  controllaDecorrenza,
  controllaIdAnpr,
  controllaIstatComune,
  controllaSoggetto,
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
  type DatiProcedimentoPayload,
  type GeneralitaPayload,
  type SoggettoValori,
  chiDi,
  dalGiorno,
} from './regole';
import {
  controllaIndirizzo,
  indirizzoDa,
  indirizzoVuoto,
  indirizzoZ,
  residenzaPayload,
  type IndirizzoValori,
  type ResidenzaPayload,
  indirizzoInParole,
} from './indirizzo';
import type { ContestoModulo, LogicaModulo } from './tipi';

export const VARIANTE_ALTRO_COMUNE = 'altro-comune';


export interface Arrivato {
  soggetto: SoggettoValori;
  codiceLegame: string;
}

export interface Valori5005AltroComune {
  variante: typeof VARIANTE_ALTRO_COMUNE;
  dataDecorrenza: string;
  numeroPratica: string;
  provenienza: { nomeComune: string; codiceIstat: string; siglaProvincia: string };
  persone: Arrivato[];
  movimentazione: string;
  idFamiglia: string;
  indirizzo: IndirizzoValori;
}

interface Payload5005AltroComune {
  generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR?: string; tipoMovimentazione: string; tipoScheda: string };
  residenzaFamiglia?: ResidenzaPayload[];
  elencoSoggettiFamiglia: { generalita: GeneralitaPayload; legameSoggetto: { tipoLegame: string; dataDecorrenza: string; codiceLegame: string } }[];
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { tipoMutazione: string; tipoScheda: string };
}

const s = z.string();
export const schema5005AltroComune = z
  .object({
    variante: z.literal(VARIANTE_ALTRO_COMUNE),
    dataDecorrenza: s,
    numeroPratica: s,
    provenienza: z.object({ nomeComune: s, codiceIstat: s, siglaProvincia: s }),
    persone: z.array(z.object({ soggetto: soggettoZ, codiceLegame: s })),
    movimentazione: s,
    idFamiglia: s,
    indirizzo: indirizzoZ,
  })
  .superRefine((v, ctx) => {
    controllaDecorrenza(ctx, v);
    if (obbligatorio(ctx, v.provenienza.nomeComune, ['provenienza', 'nomeComune'], 'Scegliere dalla tabella il comune da cui la persona proviene (es. VITERBO).')) {
      controllaIstatComune(ctx, v.provenienza.codiceIstat, ['provenienza', 'nomeComune']);
    }
    v.persone.forEach((p, i) => {
      controllaSoggetto(ctx, p.soggetto, ['persone', i, 'soggetto'], 'della persona');
      if (!testo(p.soggetto.codiceFiscale)) errore(ctx, ['persone', i, 'soggetto', 'codiceFiscale'], 'Indicare il codice fiscale: ANPR trova la persona nel comune di provenienza (es. RSSMRA80A01M082X).');
      if (!testo(p.soggetto.cognome)) errore(ctx, ['persone', i, 'soggetto', 'cognome'], 'Indicare il cognome come risulta in ANPR.');
      if (!testo(p.soggetto.nome)) errore(ctx, ['persone', i, 'soggetto', 'nome'], 'Indicare il nome come risulta in ANPR.');
      if (!ammesso(RELAZIONI_PARENTELA, p.codiceLegame)) errore(ctx, ['persone', i, 'codiceLegame'], "Scegliere la relazione con l'intestatario (Tabella 5).");
    });
    if (v.persone.length === 0) errore(ctx, ['persone'], 'Indicare almeno una persona che si trasferisce.');
    const capi = v.persone.filter((p) => p.codiceLegame === '1').length;
    if (v.movimentazione === '1') {
      if (capi !== 1) errore(ctx, ['persone', 0, 'codiceLegame'], 'Nella famiglia nuova una sola persona è intestataria (relazione 1, EF021).');
      controllaIndirizzo(ctx, v.indirizzo, ['indirizzo']);
    } else if (v.movimentazione === '3') {
      if (capi > 0) errore(ctx, ['persone', 0, 'codiceLegame'], "La famiglia ha già un intestatario (EF007): indicare la relazione con lui.");
      if (obbligatorio(ctx, v.idFamiglia, ['idFamiglia'], "Indicare l'ID ANPR della famiglia già residente.")) controllaIdAnpr(ctx, v.idFamiglia, ['idFamiglia'], "L'ID ANPR della famiglia");
    } else errore(ctx, ['movimentazione'], 'Scegliere in quale famiglia si iscrivono.');
  }) satisfies z.ZodType<Valori5005AltroComune>;

export function valoriIniziali5005AltroComune(_c: ContestoModulo): Valori5005AltroComune {
  return {
    variante: VARIANTE_ALTRO_COMUNE,
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    provenienza: { nomeComune: '', codiceIstat: '', siglaProvincia: '' },
    persone: [{ soggetto: soggettoVuoto(), codiceLegame: '1' }],
    movimentazione: '1',
    idFamiglia: '',
    indirizzo: indirizzoVuoto(),
  };
}

export function versoPayload5005AltroComune(v: Valori5005AltroComune): Payload5005AltroComune {
  const d = iso(v.dataDecorrenza) ?? '';
  const nuova = v.movimentazione === '1';
  return compatta<Payload5005AltroComune>({
    generalitaSchedaFamiglia: compatta({ idFamigliaConvivenzaANPR: nuova ? undefined : testo(v.idFamiglia), tipoMovimentazione: v.movimentazione, tipoScheda: '1' }),
    residenzaFamiglia: nuova ? [residenzaPayload(v.indirizzo, d)] : undefined,
    elencoSoggettiFamiglia: v.persone.map((p) => ({ generalita: generalitaRicerca(p.soggetto), legameSoggetto: { tipoLegame: '3', dataDecorrenza: d, codiceLegame: p.codiceLegame } })),
    datiDelProcedimento: procedimentoPayload(v),
    // tipoScheda of datiControllo: 2 a new family, 1 an existing one.
    datiControllo: { tipoMutazione: '2', tipoScheda: nuova ? '2' : '1' },
  });
}

export function daPayload5005AltroComune(p: Record<string, unknown>): Valori5005AltroComune {
  const x = p as Partial<Payload5005AltroComune>;
  const base = valoriIniziali5005AltroComune({});
  const d = x.elencoSoggettiFamiglia?.[0]?.legameSoggetto.dataDecorrenza;
  return {
    ...base,
    ...(d ? { dataDecorrenza: d.split('-').reverse().join('/') } : {}),
    numeroPratica: x.datiDelProcedimento?.numeroPraticaComune ?? '',
    // The comune of origin is in the form values (`valoriModulo`), not in the payload.
    provenienza: base.provenienza,
    persone: x.elencoSoggettiFamiglia?.length ? x.elencoSoggettiFamiglia.map((e) => ({ soggetto: soggettoDa(e.generalita), codiceLegame: e.legameSoggetto.codiceLegame })) : base.persone,
    movimentazione: x.generalitaSchedaFamiglia?.tipoMovimentazione ?? '1',
    idFamiglia: x.generalitaSchedaFamiglia?.idFamigliaConvivenzaANPR ?? '',
    indirizzo: indirizzoDa(x.residenzaFamiglia?.[0]),
  };
}

/** Who arrives, from which comune, into which family or address, from when. */
export function riepilogo5005AltroComune(v: Valori5005AltroComune): string {
  const chi = v.persone.map((p) => chiDi(p.soggetto)).join(', ') || 'Le persone indicate';
  const verbo = v.persone.length > 1 ? 'trasferiscono' : 'trasferisce';
  const da = v.provenienza.nomeComune.trim() ? ` dal comune di ${v.provenienza.nomeComune.trim().toUpperCase()}` : " da un altro comune";
  const dove = v.movimentazione === '3' ? `nella famiglia già residente ID ANPR ${v.idFamiglia.trim()}` : `in una nuova famiglia in ${indirizzoInParole(v.indirizzo)}`;
  return `${chi} ${verbo} la residenza${da} ${dove}${dalGiorno(v.dataDecorrenza)}.`;
}

export const logica5005AltroComune: LogicaModulo<Valori5005AltroComune, '5005'> = {
  servizio: '5005',
  variante: VARIANTE_ALTRO_COMUNE,
  titolo: 'Cambio di residenza da altro comune',
  descrizione: 'Iscrizione di chi trasferisce la residenza da un altro comune italiano (mutazione residenza tra comuni).',
  valoriIniziali: valoriIniziali5005AltroComune,
  schema: schema5005AltroComune,
  versoPayload: versoPayload5005AltroComune,
  daPayload: daPayload5005AltroComune,
  chiaveSoggetto: (v) => (v.persone[0] ? chiaveDi(v.persone[0].soggetto) : undefined),
  dataDecorrenza: (v) => iso(v.dataDecorrenza),
  riepilogo: riepilogo5005AltroComune,
};
