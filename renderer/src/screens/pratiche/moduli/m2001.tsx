/**
 * 2001 — cancellazione per morte (accertata o presunta giudizialmente
 * dichiarata). When the deceased was the head of the family, the clerk names
 * the new intestatario (else ANPR leaves the family without one: EN225).
 *
 * Payload = Richiesta2001Input without testata (electron/anpr/services/builders.ts).
 */
import { TITOLI_SERVIZIO } from '../../../../../shared/anpr/servizi';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import { MOTIVI_MORTE, TRIBUNALI_MORTE_PRESUNTA } from './codici';
import { ammesso, statoNoto } from './tabelle-dati';
import { CampiDecorrenza, CampiSoggetto, CampoComune, CampoData, CampoSelect, SceltaTabella, CampoStato, CampoTesto, Col, Riga, Sezione } from './campi';
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
} from './comuni';
import { riepilogo2001 } from './m2001.riepilogo';
import type { ContestoModulo, ModuloPratica } from './tipi';

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
  /** Not sent: what the follow-up of a warning needs (electron/core/seguiti.ts). */
  _famiglia?: FamigliaLetta;
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
    famiglia: z.unknown().optional(),
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
  }) as unknown as z.ZodType<Valori2001>;

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
    _famiglia: v.famiglia,
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
    ...(x._famiglia ? { famiglia: x._famiglia } : {}),
  };
}

function Campi2001({ form }: { form: UseFormReturn<Valori2001>; contesto: ContestoModulo }) {
  const [motivo, ruolo, tipoLuogo] = useWatch({ control: form.control, name: ['motivo', 'ruoloSoggetto', 'luogo.tipo'] });
  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="Di norma la data di ricevimento dell'atto di morte (non successiva a oggi)." />
        <Riga>
          <Col>
            <SceltaTabella form={form} nome="motivo" label="Motivo della cancellazione" lista={MOTIVI_MORTE} vuota={false} mostraCodice={false} obbligatorio />
          </Col>
          <Col>
            <CampoSelect form={form} nome="ruoloSoggetto" label="Ruolo nella famiglia" voci={RUOLI_SOGGETTO} vuota={false} mostraCodice={false} obbligatorio />
          </Col>
        </Riga>
      </Sezione>
      <Sezione titolo="Persona deceduta" descrizione="Codice fiscale o ID ANPR, con cognome e nome come risultano in ANPR.">
        <CampiSoggetto form={form} prefisso="soggetto" />
      </Sezione>
      {motivo === '2' ? (
        <Sezione titolo="Sentenza di morte presunta">
          <Riga>
            <Col w={3}>
              <CampoData form={form} nome="sentenza.data" label="Data della sentenza" obbligatorio />
            </Col>
            <Col w={3}>
              <CampoTesto form={form} nome="sentenza.numero" label="Numero" maxLength={20} />
            </Col>
            <Col w={3}>
              <SceltaTabella form={form} nome="sentenza.tipoTribunale" label="Autorità giudiziaria" lista={TRIBUNALI_MORTE_PRESUNTA} mostraCodice={false} obbligatorio />
            </Col>
            <Col w={3}>
              <CampoData form={form} nome="sentenza.dataValidita" label="Esecutiva dal" obbligatorio />
            </Col>
          </Riga>
          <Riga>
            <Col w={6}>
              <CampoTesto form={form} nome="sentenza.autorita" label="Autorità" obbligatorio aiuto="Es. Tribunale di Viterbo." />
            </Col>
          </Riga>
        </Sezione>
      ) : (
        <Sezione titolo="Decesso">
          <Riga>
            <Col w={3}>
              <CampoData form={form} nome="dataMorte" label="Data del decesso" obbligatorio />
            </Col>
            <Col w={3}>
              <CampoSelect
                form={form}
                nome="luogo.tipo"
                label="Luogo"
                voci={[
                  { codice: 'comune', descrizione: 'In Italia' },
                  { codice: 'estero', descrizione: "All'estero" },
                ]}
                vuota={false}
                mostraCodice={false}
              />
            </Col>
            {tipoLuogo === 'estero' ? (
              <>
                <Col w={2}>
                  <CampoStato form={form} nome="luogo.codiceStato" label="Stato" obbligatorio />
                </Col>
                <Col w={4}>
                  <CampoTesto form={form} nome="luogo.localita" label="Località" />
                </Col>
              </>
            ) : (
              <Col w={6}>
                <CampoComune form={form} prefisso="luogo" label="Comune del decesso" campoData="dataMorte" />
              </Col>
            )}
          </Riga>
        </Sezione>
      )}
      {ruolo === '1' && (
        <Sezione titolo="Nuovo intestatario della scheda" descrizione="Il componente che diventa intestatario. Se non indicato, ANPR lascia la famiglia senza intestatario (avviso EN225).">
          <CampiSoggetto form={form} prefisso="nuovoIntestatario" />
        </Sezione>
      )}
    </>
  );
}

export const modulo2001: ModuloPratica<Valori2001> = {
  servizio: '2001',
  titolo: TITOLI_SERVIZIO['2001'],
  descrizione: "Cancellazione dall'anagrafe per decesso accertato o per morte presunta dichiarata dal giudice.",
  valoriIniziali: valoriIniziali2001,
  schema: schema2001,
  versoPayload: (v) => versoPayload2001(v) as unknown as Record<string, unknown>,
  daPayload: daPayload2001,
  chiaveSoggetto: (v) => chiaveDi(v.soggetto),
  dataDecorrenza: (v) => iso(v.dataDecorrenza),
  riepilogo: riepilogo2001,
  Campi: Campi2001,
};

export default modulo2001;
