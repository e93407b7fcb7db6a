import { z } from 'zod';
import { el, leaf, opt, type XmlChild } from '../../xml/writer';
import { definisci } from './definizione';
import { wComuneRichiesta, wLuogoNascita3000 } from './elementi';
import { Codice, ComuneRichiesta, DataXsd, LuogoNascita3000, TestataBuilder } from './tipi';

/** 3003 and 3007 share the request: one operation, or lists by state, or by subject. */
export const RicercaRichieste = z.strictObject({
  testata: TestataBuilder,
  comuneRichiesta: ComuneRichiesta.optional(),
  /** One request, by idOperazioneANPR, protocolloComune or idOperazioneComune. */
  ricercaSingolaRichiesta: z
    .strictObject({
      idOperazioneANPR: z.string().optional(),
      /** Exactly 20 characters (XSD char20). */
      protocolloComune: z.string().optional(),
      idOperazioneComune: z.string().optional(),
      /** tipoOperazione3003 (numerico 1). */
      tipoOperazione: Codice,
    })
    .optional(),
  /** Lists by state (Tabella 44: 1 in elaborazione, 2 OK, 3 KO, 4 annullata, … 9 all). */
  ricercaElenchiRichieste: z
    .strictObject({
      statoLavorazione: Codice,
      operazioneRichiesta: z.string().optional(),
      periodoRiferimentoRichieste: z.strictObject({ dataOraIniziale: z.string(), dataOraFinale: z.string() }).optional(),
      identificativiANPR: z.strictObject({ protocolloANPRDa: z.string(), protocolloANPRA: z.string() }).optional(),
      identificativiComune: z
        .strictObject({
          protocolloComuneDa: z.string().optional(),
          protocolloComuneA: z.string().optional(),
          idOperazioneComuneDa: z.string().optional(),
          idOperazioneComuneA: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  parametriRicercaSoggetto: z
    .strictObject({
      datiSoggetto: z
        .strictObject({
          codiceFiscale: z.string().optional(),
          cognome: z.string().optional(),
          nome: z.string().optional(),
          datiNascitaSoggetto: z.strictObject({ dataEvento: DataXsd, luogoNascita: LuogoNascita3000.optional() }).optional(),
          idSchedaSoggettoANPR: z.string().optional(),
        })
        .optional(),
      dettaglioElenco: Codice.optional(),
    })
    .optional(),
});
export type RicercaRichiesteInput = z.infer<typeof RicercaRichieste>;

/** The children of Richiesta3003 and Richiesta3007 after the testata. */
export function corpoRicercaRichieste(input: RicercaRichiesteInput): XmlChild[] {
  const s = input.ricercaSingolaRichiesta;
  const e = input.ricercaElenchiRichieste;
  const p = input.parametriRicercaSoggetto;
  const ds = p?.datiSoggetto;
  return [
    wComuneRichiesta('comuneRichiesta', input.comuneRichiesta),
    s &&
      el(
        'ricercaSingolaRichiesta',
        leaf('idOperazioneANPR', s.idOperazioneANPR),
        leaf('protocolloComune', s.protocolloComune),
        leaf('idOperazioneComune', s.idOperazioneComune),
        leaf('tipoOperazione', s.tipoOperazione),
      ),
    e &&
      el(
        'ricercaElenchiRichieste',
        leaf('statoLavorazione', e.statoLavorazione),
        leaf('operazioneRichiesta', e.operazioneRichiesta),
        e.periodoRiferimentoRichieste &&
          el(
            'periodoRiferimentoRichieste',
            leaf('dataOraIniziale', e.periodoRiferimentoRichieste.dataOraIniziale),
            leaf('dataOraFinale', e.periodoRiferimentoRichieste.dataOraFinale),
          ),
        e.identificativiANPR &&
          el('identificativiANPR', leaf('protocolloANPRDa', e.identificativiANPR.protocolloANPRDa), leaf('protocolloANPRA', e.identificativiANPR.protocolloANPRA)),
        e.identificativiComune &&
          opt(
            'identificativiComune',
            leaf('protocolloComuneDa', e.identificativiComune.protocolloComuneDa),
            leaf('protocolloComuneA', e.identificativiComune.protocolloComuneA),
            leaf('idOperazioneComuneDa', e.identificativiComune.idOperazioneComuneDa),
            leaf('idOperazioneComuneA', e.identificativiComune.idOperazioneComuneA),
          ),
      ),
    p &&
      opt(
        'parametriRicercaSoggetto',
        ds &&
          opt(
            'datiSoggetto',
            leaf('codiceFiscale', ds.codiceFiscale),
            leaf('cognome', ds.cognome),
            leaf('nome', ds.nome),
            ds.datiNascitaSoggetto &&
              el('datiNascitaSoggetto', leaf('dataEvento', ds.datiNascitaSoggetto.dataEvento), wLuogoNascita3000(ds.datiNascitaSoggetto.luogoNascita)),
            leaf('idSchedaSoggettoANPR', ds.idSchedaSoggettoANPR),
          ),
        leaf('dettaglioElenco', p.dettaglioElenco),
      ),
  ];
}

export const Richiesta3003 = RicercaRichieste;
export type Richiesta3003Input = RicercaRichiesteInput;

export const servizio3003 = definisci('3000', {
  codice: '3003',
  operazione: 'gestione_richieste',
  titolo: 'Esiti delle richieste precedenti',
  genere: 'consultazione',
  elementoOk: 'Risposta3003_OK',
  input: Richiesta3003,
  corpo: corpoRicercaRichieste,
});
