/**
 * 2003 — cancellazione per altri motivi (emigrazione in comune non subentrato
 * o all'estero, irreperibilità, …). Pure part; the fields are in m2003.tsx.
 * Payload = Richiesta2003Input without testata. The cancellation date is the
 * operation's dataDecorrenza (the simulator and ANPR want them equal, EN315).
 */
import { z } from 'zod';
import { TITOLI_SERVIZIO } from '../servizi';
import type { LogicaModulo } from './tipi';
import { ammesso, lista } from './tabelle-dati';
import {
  chiaveDi,
  compatta,
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
  oggiIt,
  procedimentoPayload,
  soggettoDa,
  soggettoVuoto,
  soggettoVuotoDa,
  soggettoZ,
  testo,
  type ContestoSoggetto,
  type DatiProcedimentoPayload,
  type GeneralitaPayload,
  type LuogoEventoPayload,
  type LuogoValori,
  type SoggettoFamigliaPayload,
  type SoggettoValori,
  RUOLI_SOGGETTO,
  chiDi,
  dalGiorno,
  luogoDi,
  voceDi,
} from './regole';

/** Tabella 15, resources/anpr/tabelle/tab_Motivi_di_cancellazione_dall_Anagrafe.csv (1 and 2, death, go through 2001). */
export const MOTIVI_CANCELLAZIONE = lista(15, ['3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13']);

export interface Valori2003 {
  dataDecorrenza: string;
  numeroPratica: string;
  soggetto: SoggettoValori;
  motivo: string;
  note: string;
  conDestinazione: boolean;
  destinazione: LuogoValori;
  ruoloSoggetto: string;
  nuovoIntestatario: SoggettoValori;
}

export function valoriIniziali2003(contesto: ContestoSoggetto): Valori2003 {
  const s = contesto.soggetto;
  return {
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    soggetto: soggettoVuoto({ idSchedaSoggettoANPR: s?.idSchedaSoggettoANPR ?? '', codiceFiscale: s?.codiceFiscale ?? '', cognome: s?.cognome ?? '', nome: s?.nome ?? '', dataNascita: dataIt(s?.dataNascita) }),
    motivo: '',
    note: '',
    conDestinazione: true,
    destinazione: luogoVuoto(),
    ruoloSoggetto: '2',
    nuovoIntestatario: soggettoVuoto(),
  };
}

export const schema2003 = z
  .object({
    dataDecorrenza: z.string(),
    numeroPratica: z.string(),
    soggetto: soggettoZ,
    motivo: z.string(),
    note: z.string(),
    conDestinazione: z.boolean(),
    destinazione: luogoZ,
    ruoloSoggetto: z.string(),
    nuovoIntestatario: soggettoZ,
  })
  .superRefine((v, ctx) => {
    controllaDecorrenza(ctx, v);
    controllaSoggetto(ctx, v.soggetto, ['soggetto']);
    if (!ammesso(MOTIVI_CANCELLAZIONE, v.motivo)) errore(ctx, ['motivo'], 'Scegliere il motivo della cancellazione (Tabella 15).');
    if ((testo(v.note) ?? '').length > 240) errore(ctx, ['note'], 'Le note sono di al massimo 240 caratteri.');
    if (v.motivo === '13' && !testo(v.note)) errore(ctx, ['note'], 'Per «Altro» descrivere il motivo nelle note.');
    const serveComune = v.motivo === '3';
    const serveEstero = v.motivo === '5' || v.motivo === '8';
    if (serveComune || serveEstero || v.conDestinazione) {
      if (serveComune && v.destinazione.tipo !== 'comune') errore(ctx, ['destinazione', 'tipo'], 'Per il trasferimento in altro comune la destinazione è un comune italiano.');
      else if (serveEstero && v.destinazione.tipo !== 'estero') errore(ctx, ['destinazione', 'tipo'], "Per il trasferimento all'estero la destinazione è uno stato estero.");
      else controllaLuogo(ctx, v.destinazione, ['destinazione'], { istatObbligatorio: true });
    }
    if (!ammesso(RUOLI_SOGGETTO, v.ruoloSoggetto)) errore(ctx, ['ruoloSoggetto'], 'Indicare se il soggetto è intestatario della scheda.');
    if (!soggettoVuotoDa(v.nuovoIntestatario)) {
      if (v.ruoloSoggetto !== '1') errore(ctx, ['nuovoIntestatario', 'codiceFiscale'], "Il nuovo intestatario si indica solo quando si cancella l'intestatario.");
      controllaSoggetto(ctx, v.nuovoIntestatario, ['nuovoIntestatario'], 'del nuovo intestatario');
    }
  });

export interface Payload2003 {
  datiCancellazione: { motivoCancellazione: string; notecancellazione?: string; dataDecorrenzaCancellazione: string };
  generalitaPerRicerca: GeneralitaPayload;
  destinazione?: LuogoEventoPayload;
  elencoSoggetti?: SoggettoFamigliaPayload[];
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { ruoloSoggetto: string };
}

export function versoPayload2003(v: Valori2003): Payload2003 {
  const d = iso(v.dataDecorrenza) ?? '';
  const conDest = v.motivo === '3' || v.motivo === '5' || v.motivo === '8' || v.conDestinazione;
  return compatta<Payload2003>({
    datiCancellazione: compatta({ motivoCancellazione: v.motivo, notecancellazione: testo(v.note), dataDecorrenzaCancellazione: d }),
    generalitaPerRicerca: generalitaRicerca(v.soggetto),
    destinazione: conDest ? luogoPayload(v.destinazione) : undefined,
    elencoSoggetti:
      v.ruoloSoggetto === '1' && !soggettoVuotoDa(v.nuovoIntestatario)
        ? [{ generalita: generalitaRicerca(v.nuovoIntestatario), legameSoggetto: { tipoLegame: '3', dataDecorrenza: d, codiceLegame: '1' } }]
        : undefined,
    datiDelProcedimento: procedimentoPayload(v),
    datiControllo: { ruoloSoggetto: v.ruoloSoggetto },
  });
}

export function daPayload2003(payload: Record<string, unknown>): Valori2003 {
  // A payload this form (or a follow-up drafted by the core) wrote, read back field by field with defaults.
  const p = payload as Partial<Payload2003>;
  const v = valoriIniziali2003({});
  v.numeroPratica = p.datiDelProcedimento?.numeroPraticaComune ?? '';
  v.dataDecorrenza = dataIt(p.datiCancellazione?.dataDecorrenzaCancellazione) || v.dataDecorrenza;
  v.soggetto = soggettoDa(p.generalitaPerRicerca);
  v.motivo = p.datiCancellazione?.motivoCancellazione ?? '';
  v.note = p.datiCancellazione?.notecancellazione ?? '';
  v.conDestinazione = !!p.destinazione;
  v.destinazione = luogoDa(p.destinazione);
  v.ruoloSoggetto = p.datiControllo?.ruoloSoggetto ?? '2';
  v.nuovoIntestatario = soggettoDa(p.elencoSoggetti?.[0]?.generalita);
  return v;
}

export const chiaveSoggetto2003 = (v: Valori2003) => chiaveDi(v.soggetto);
export const dataDecorrenza2003 = (v: Valori2003) => iso(v.dataDecorrenza);

/** The review step's sentence: who is removed from the register, why, and the new head when the head leaves. */
export function riepilogo2003(v: Valori2003): string {
  const motivo = voceDi(MOTIVI_CANCELLAZIONE, v.motivo);
  const dest = v.conDestinazione ? luogoDi(v.destinazione) : '';
  const intestatario = v.ruoloSoggetto === '1' && (v.nuovoIntestatario.cognome.trim() || v.nuovoIntestatario.codiceFiscale.trim()) ? `; nuovo intestatario della famiglia: ${chiDi(v.nuovoIntestatario)}` : '';
  return `Si cancella dall'anagrafe ${chiDi(v.soggetto)}${motivo ? ` per ${motivo}` : ''}${dest ? ` (destinazione: ${dest})` : ''}${intestatario}${dalGiorno(v.dataDecorrenza)}.`;
}

export const logica2003: LogicaModulo<Valori2003, '2003'> = {
  servizio: '2003',
  titolo: TITOLI_SERVIZIO['2003'],
  descrizione: "Emigrazione verso un comune non subentrato o all'estero, irreperibilità e altri motivi diversi dal decesso.",
  valoriIniziali: valoriIniziali2003,
  schema: schema2003,
  versoPayload: versoPayload2003,
  daPayload: daPayload2003,
  chiaveSoggetto: chiaveSoggetto2003,
  dataDecorrenza: dataDecorrenza2003,
  riepilogo: riepilogo2003,
};
