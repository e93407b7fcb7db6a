/**
 * 2001 — cancellazione per morte (accertata o presunta giudizialmente
 * dichiarata). When the deceased was the head of the family, the clerk names
 * the new intestatario (else ANPR leaves the family without one: EN225).
 *
 * Payload = Richiesta2001Input without testata (electron/anpr/services/builders.ts).
 */
import { TITOLI_SERVIZIO } from '../servizi';
import { z } from 'zod';
import { MOTIVI_MORTE, TRIBUNALI_MORTE_PRESUNTA } from './codici';
import { ammesso, statoNoto } from './tabelle-dati';
import {
  chiaveDi,
  compatta,
  controllaData,
  controllaDecorrenza,
  controllaIstatComune,
  controllaSigla,
  controllaSoggetto,
  controllaStato,
  dataIt,
  errore,
  generalitaRicerca,
  iso,
  maiuscolo,
  obbligatorio,
  oggiIt,
  procedimentoPayload,
  soggettoDa,
  soggettoVuoto,
  soggettoVuotoDa,
  soggettoZ,
  testo,
  type DatiProcedimentoPayload,
  type GeneralitaPayload,
  type LuogoEventoPayload,
  type SoggettoValori,
  RUOLI_SOGGETTO,
  chiDi,
  dalGiorno,
  luogoDi,
} from './regole';
import type { ContestoModulo, LogicaModulo } from './tipi';

export interface Valori2001 {
  dataDecorrenza: string;
  numeroPratica: string;
  soggetto: SoggettoValori;
  motivo: string;
  ruoloSoggetto: string;
  dataMorte: string;
  luogo: { tipo: 'comune' | 'estero'; nomeComune: string; codiceIstat: string; siglaProvincia: string; codiceStato: string; localita: string };
  sentenza: { data: string; numero: string; tipoTribunale: string; autorita: string; dataValidita: string };
  nuovoIntestatario: SoggettoValori;
  /** The family as read with the deceased (for the follow-up 5001 if ANPR warns EN225); not a field. */
  famiglia?: FamigliaLetta;
}

interface FamigliaLetta {
  idFamigliaConvivenzaANPR: string;
  componenti: NonNullable<NonNullable<ContestoModulo['soggetto']>['famiglia']>;
}

/** The head of a family or convivenza, from the relation ANPR gave (Tabella 5 / 6 decoded). */
export function eraIntestatario(relazione: string | undefined): boolean {
  return !!relazione && /^(intestatario|responsabile)/i.test(relazione.trim());
}

interface Payload2001 {
  motivoCancellazione: { tipoMotivoCancellazione: string };
  generalitaPerRicerca: GeneralitaPayload;
  datiDecesso?: { dataEvento: string; luogoEvento?: LuogoEventoPayload };
  datiSentenza?: { data: string; numero?: string; tipoTribunale: string; autorita: string; dataValidita: string };
  elencoSoggettiFamiglia?: { generalita: GeneralitaPayload; legameSoggetto: { dataDecorrenza: string; codiceLegame: string } }[];
  datiDelProcedimento?: DatiProcedimentoPayload;
  datiControllo: { ruoloSoggetto: string };
  /** Not sent: what the follow-up of a warning needs (electron/features/pratiche/seguiti.ts). */
}

const s = z.string();
export const schema2001 = z
  .object({
    dataDecorrenza: s,
    numeroPratica: s,
    soggetto: soggettoZ,
    motivo: s,
    ruoloSoggetto: s,
    dataMorte: s,
    luogo: z.object({ tipo: z.enum(['comune', 'estero']), nomeComune: s, codiceIstat: s, siglaProvincia: s, codiceStato: s, localita: s }),
    sentenza: z.object({ data: s, numero: s, tipoTribunale: s, autorita: s, dataValidita: s }),
    nuovoIntestatario: soggettoZ,
    // Not a field: the family read with the deceased, carried along for the follow-up (not checked).
    famiglia: z.custom<FamigliaLetta>().optional(),
  })
  .superRefine((v, ctx) => {
    const decorrenza = controllaDecorrenza(ctx, v);
    controllaSoggetto(ctx, v.soggetto, ['soggetto'], 'la persona deceduta');
    if (!testo(v.soggetto.cognome)) errore(ctx, ['soggetto', 'cognome'], 'Indicare il cognome (ANPR lo richiede con il codice fiscale).');
    if (!testo(v.soggetto.nome)) errore(ctx, ['soggetto', 'nome'], 'Indicare il nome.');
    if (!ammesso(MOTIVI_MORTE, v.motivo)) errore(ctx, ['motivo'], 'Scegliere il motivo della cancellazione.');
    if (!ammesso(RUOLI_SOGGETTO, v.ruoloSoggetto)) errore(ctx, ['ruoloSoggetto'], 'Indicare se era intestatario della scheda di famiglia.');
    if (v.motivo === '1') {
      const morte = controllaData(ctx, v.dataMorte, ['dataMorte'], { obbligatoria: true, nome: 'la data del decesso', nonFutura: true });
      if (morte && decorrenza && morte > decorrenza) errore(ctx, ['dataMorte'], 'La data del decesso non può essere successiva alla data di decorrenza.');
      if (v.luogo.tipo === 'comune') {
        obbligatorio(ctx, v.luogo.nomeComune, ['luogo', 'nomeComune'], 'Scegliere il comune del decesso dalla tabella.');
        if (testo(v.luogo.nomeComune)) {
          controllaIstatComune(ctx, v.luogo.codiceIstat, ['luogo', 'nomeComune']);
          controllaSigla(ctx, v.luogo.siglaProvincia, ['luogo', 'siglaProvincia']);
        }
      } else controllaStato(ctx, v.luogo.codiceStato, ['luogo', 'codiceStato']);
    } else if (v.motivo === '2') {
      controllaData(ctx, v.sentenza.data, ['sentenza', 'data'], { obbligatoria: true, nome: 'la data della sentenza', nonFutura: true });
      controllaData(ctx, v.sentenza.dataValidita, ['sentenza', 'dataValidita'], { obbligatoria: true, nome: 'la data di esecutività', nonFutura: true });
      if (!ammesso(TRIBUNALI_MORTE_PRESUNTA, v.sentenza.tipoTribunale)) errore(ctx, ['sentenza', 'tipoTribunale'], "Scegliere l'autorità giudiziaria (Tabella 32).");
      obbligatorio(ctx, v.sentenza.autorita, ['sentenza', 'autorita'], "Indicare l'autorità (es. Tribunale di Viterbo).");
    }
    if (v.ruoloSoggetto === '1' && !soggettoVuotoDa(v.nuovoIntestatario)) controllaSoggetto(ctx, v.nuovoIntestatario, ['nuovoIntestatario'], 'il nuovo intestatario');
  }) satisfies z.ZodType<Valori2001>;

export function valoriIniziali2001(c: ContestoModulo): Valori2001 {
  const g = c.soggetto;
  return {
    dataDecorrenza: oggiIt(),
    numeroPratica: '',
    soggetto: soggettoVuoto({ idSchedaSoggettoANPR: g?.idSchedaSoggettoANPR ?? '', codiceFiscale: g?.codiceFiscale ?? '', cognome: g?.cognome ?? '', nome: g?.nome ?? '', dataNascita: dataIt(g?.dataNascita) }),
    motivo: '1',
    ruoloSoggetto: eraIntestatario(g?.relazione) ? '1' : '2',
    dataMorte: '',
    luogo: { tipo: 'comune', nomeComune: '', codiceIstat: '', siglaProvincia: '', codiceStato: '', localita: '' },
    sentenza: { data: '', numero: '', tipoTribunale: '', autorita: '', dataValidita: '' },
    nuovoIntestatario: soggettoVuoto(),
    ...(g?.idFamigliaConvivenzaANPR ? { famiglia: { idFamigliaConvivenzaANPR: g.idFamigliaConvivenzaANPR, componenti: g.famiglia ?? [] } } : {}),
  };
}

function luogoPayload(l: Valori2001['luogo']): LuogoEventoPayload {
  if (l.tipo === 'comune') return { comune: { nomeComune: maiuscolo(l.nomeComune) ?? '', codiceIstat: testo(l.codiceIstat), siglaProvinciaIstat: maiuscolo(l.siglaProvincia) ?? '' } };
  return { localita: compatta({ descrizioneLocalita: maiuscolo(l.localita), descrizioneStato: statoNoto(l.codiceStato)?.denominazione ?? '', codiceStato: l.codiceStato.trim() }) };
}

export function versoPayload2001(v: Valori2001): Payload2001 {
  const decorrenza = iso(v.dataDecorrenza) ?? '';
  return compatta<Payload2001>({
    motivoCancellazione: { tipoMotivoCancellazione: v.motivo },
    generalitaPerRicerca: generalitaRicerca(v.soggetto),
    datiDecesso: v.motivo === '1' ? { dataEvento: iso(v.dataMorte) ?? '', luogoEvento: luogoPayload(v.luogo) } : undefined,
    datiSentenza:
      v.motivo === '2'
        ? compatta({ data: iso(v.sentenza.data) ?? '', numero: testo(v.sentenza.numero), tipoTribunale: v.sentenza.tipoTribunale, autorita: maiuscolo(v.sentenza.autorita) ?? '', dataValidita: iso(v.sentenza.dataValidita) ?? '' })
        : undefined,
    elencoSoggettiFamiglia:
      v.ruoloSoggetto === '1' && !soggettoVuotoDa(v.nuovoIntestatario)
        ? [{ generalita: generalitaRicerca(v.nuovoIntestatario), legameSoggetto: { dataDecorrenza: decorrenza, codiceLegame: '1' } }]
        : undefined,
    datiDelProcedimento: procedimentoPayload(v),
    datiControllo: { ruoloSoggetto: v.ruoloSoggetto },
  });
}

export function daPayload2001(p: Record<string, unknown>): Valori2001 {
  const x = p as Partial<Payload2001>;
  const base = valoriIniziali2001({});
  const l = x.datiDecesso?.luogoEvento;
  return {
    ...base,
    numeroPratica: x.datiDelProcedimento?.numeroPraticaComune ?? '',
    soggetto: soggettoDa(x.generalitaPerRicerca),
    motivo: x.motivoCancellazione?.tipoMotivoCancellazione ?? '1',
    ruoloSoggetto: x.datiControllo?.ruoloSoggetto ?? '2',
    dataMorte: dataIt(x.datiDecesso?.dataEvento),
    luogo: l?.localita
      ? { ...base.luogo, tipo: 'estero', codiceStato: l.localita.codiceStato, localita: l.localita.descrizioneLocalita ?? '' }
      : { ...base.luogo, nomeComune: l?.comune?.nomeComune ?? '', codiceIstat: l?.comune?.codiceIstat ?? '', siglaProvincia: l?.comune?.siglaProvinciaIstat ?? '' },
    sentenza: x.datiSentenza
      ? { data: dataIt(x.datiSentenza.data), numero: x.datiSentenza.numero ?? '', tipoTribunale: x.datiSentenza.tipoTribunale, autorita: x.datiSentenza.autorita, dataValidita: dataIt(x.datiSentenza.dataValidita) }
      : base.sentenza,
    nuovoIntestatario: x.elencoSoggettiFamiglia?.[0] ? soggettoDa(x.elencoSoggettiFamiglia[0].generalita) : base.nuovoIntestatario,
  };
}

/** The review step's sentence: who died, when and where, and the new head when the head of the family died. */
export function riepilogo2001(v: Valori2001): string {
  const presunta = v.motivo === '2';
  const luogo = luogoDi(v.luogo);
  const evento = presunta
    ? `per morte presunta dichiarata con sentenza del ${v.sentenza.data.trim()}`
    : `per morte${v.dataMorte.trim() ? ` avvenuta il ${v.dataMorte.trim()}` : ''}${luogo ? ` a ${luogo}` : ''}`;
  const intestatario = v.ruoloSoggetto === '1' && (v.nuovoIntestatario.cognome.trim() || v.nuovoIntestatario.codiceFiscale.trim()) ? `; nuovo intestatario della famiglia: ${chiDi(v.nuovoIntestatario)}` : '';
  return `Si cancella dall'anagrafe ${chiDi(v.soggetto)} ${evento}${intestatario}${dalGiorno(v.dataDecorrenza)}.`;
}

export const logica2001: LogicaModulo<Valori2001, '2001'> = {
  servizio: '2001',
  titolo: TITOLI_SERVIZIO['2001'],
  descrizione: "Cancellazione dall'anagrafe per decesso accertato o per morte presunta dichiarata dal giudice.",
  valoriIniziali: valoriIniziali2001,
  schema: schema2001,
  versoPayload: versoPayload2001,
  daPayload: daPayload2001,
  chiaveSoggetto: (v) => chiaveDi(v.soggetto),
  dataDecorrenza: (v) => iso(v.dataDecorrenza),
  riepilogo: riepilogo2001,
};
