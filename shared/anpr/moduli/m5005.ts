/**
 * 5005 — cambio di residenza / indirizzo della famiglia (mutazione residenza):
 * the whole family moves to a new address in the comune.
 *
 * Payload = Richiesta5005Input without testata (electron/anpr/services/builders.ts).
 */
import { TITOLI_SERVIZIO } from '../servizi';
import { z } from 'zod';
import { TIPI_MUTAZIONE_RESIDENZA } from './codici';
import { ammesso } from './tabelle-dati';
import {
  compatta,
  controllaDecorrenza,
  controllaIdAnpr,
  errore,
  iso,
  obbligatorio,
  oggiIt,
  procedimentoPayload,
  testo,
  type DatiProcedimentoPayload,
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


export interface Valori5005 {
  dataDecorrenza: string;
  numeroPratica: string;
  /** The family that moves. */
  idFamigliaConvivenzaANPR: string;
  /** A member (idSchedaSoggettoANPR) for per-person ordering; not sent. */
  soggettoRiferimento: string;
  tipoMutazione: string;
  indirizzo: IndirizzoValori;
}

interface Payload5005 {
  generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: string; tipoScheda: string };
  residenzaFamiglia: ResidenzaPayload[];
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { tipoMutazione: string; tipoScheda: string };
}

const s = z.string();
export const schema5005 = z
  .object({
    dataDecorrenza: s,
    numeroPratica: s,
    idFamigliaConvivenzaANPR: s,
    soggettoRiferimento: s,
    tipoMutazione: s,
    indirizzo: indirizzoZ,
  })
  .superRefine((v, ctx) => {
    controllaDecorrenza(ctx, v);
    if (obbligatorio(ctx, v.idFamigliaConvivenzaANPR, ['idFamigliaConvivenzaANPR'], "Indicare l'ID ANPR della famiglia che cambia indirizzo.")) {
      controllaIdAnpr(ctx, v.idFamigliaConvivenzaANPR, ['idFamigliaConvivenzaANPR'], "L'ID ANPR della famiglia");
    }
    if (!ammesso(TIPI_MUTAZIONE_RESIDENZA, v.tipoMutazione)) errore(ctx, ['tipoMutazione'], 'Scegliere il tipo di mutazione.');
    controllaIndirizzo(ctx, v.indirizzo, ['indirizzo']);
  }) satisfies z.ZodType<Valori5005>;

export function valoriIniziali5005(c: ContestoModulo): Valori5005 {
  return {
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    idFamigliaConvivenzaANPR: c.soggetto?.idFamigliaConvivenzaANPR ?? '',
    soggettoRiferimento: c.soggetto?.idSchedaSoggettoANPR ?? '',
    tipoMutazione: '2',
    indirizzo: indirizzoVuoto(),
  };
}

export function versoPayload5005(v: Valori5005): Payload5005 {
  return compatta<Payload5005>({
    generalitaSchedaFamiglia: { idFamigliaConvivenzaANPR: v.idFamigliaConvivenzaANPR.trim(), tipoScheda: '1' },
    residenzaFamiglia: [residenzaPayload(v.indirizzo, undefined)],
    datiDelProcedimento: procedimentoPayload(v),
    datiControllo: { tipoMutazione: v.tipoMutazione, tipoScheda: '1' },
  });
}

export function daPayload5005(p: Record<string, unknown>): Valori5005 {
  const x = p as Partial<Payload5005> & { testata?: { dataDecorrenza?: string } };
  const base = valoriIniziali5005({});
  return {
    ...base,
    numeroPratica: x.datiDelProcedimento?.numeroPraticaComune ?? '',
    idFamigliaConvivenzaANPR: x.generalitaSchedaFamiglia?.idFamigliaConvivenzaANPR ?? '',
    tipoMutazione: String(x.datiControllo?.tipoMutazione ?? '2'),
    indirizzo: indirizzoDa(x.residenzaFamiglia?.[0]),
  };
}

/** Who moves, with how many, where, from when. */
export function riepilogo5005(v: Valori5005, c: ContestoModulo): string {
  const n = c.soggetto?.componentiFamiglia;
  const famiglia = n && n > 1 ? `con la sua famiglia di ${n} persone` : n === 1 ? 'da solo (famiglia di una persona)' : `con la sua famiglia (ID ANPR ${v.idFamigliaConvivenzaANPR.trim()})`;
  const chi = c.soggetto?.cognome ? chiDi(c.soggetto) : `La famiglia ID ANPR ${v.idFamigliaConvivenzaANPR.trim()}`;
  const verbo = v.tipoMutazione === '3' ? 'trasferisce la dimora abituale' : v.tipoMutazione === '4' ? 'elegge domicilio' : v.tipoMutazione === '1' ? 'è registrato senza fissa dimora' : 'trasferisce la residenza';
  const dove = indirizzoInParole(v.indirizzo);
  return c.soggetto?.cognome ? `${chi} ${verbo}, ${famiglia}, in ${dove}${dalGiorno(v.dataDecorrenza)}.` : `${chi} ${verbo} in ${dove}${dalGiorno(v.dataDecorrenza)}.`;
}

export const logica5005: LogicaModulo<Valori5005, '5005'> = {
  servizio: '5005',
  titolo: TITOLI_SERVIZIO['5005'],
  descrizione: "Trasferimento della famiglia a un nuovo indirizzo nel comune (dichiarazione di residenza).",
  valoriIniziali: valoriIniziali5005,
  schema: schema5005,
  versoPayload: versoPayload5005,
  daPayload: daPayload5005,
  chiaveSoggetto: (v) => testo(v.soggettoRiferimento) ?? testo(v.idFamigliaConvivenzaANPR),
  dataDecorrenza: (v) => iso(v.dataDecorrenza),
  riepilogo: riepilogo5005,
};
