import { z } from 'zod';
import { el, leaf, many } from '../../xml/writer';
import { definisci } from './definizione';
import { wAltriDati, wDatiEvento, wDatiProcedimento, wGeneralita, wListaControlli, wSentenza, wSoggettoFamiglia } from './elementi';
import { AltriDati, Codice, DatiEvento, DatiProcedimento, Generalita, ListaControlli, Sentenza, SoggettoFamiglia, TestataBuilder } from './tipi';

/** The strict input of 2001 (testata included). */
export const Richiesta2001 = z.strictObject({
  testata: TestataBuilder,
  /** Choice: tipoMotivoCancellazione (1 morte accertata, 2 presunta) or tipoMotivoCancellazioneAIRE. */
  motivoCancellazione: z.strictObject({ tipoMotivoCancellazione: Codice.optional(), tipoMotivoCancellazioneAIRE: Codice.optional() }),
  generalitaPerRicerca: Generalita,
  /** Mandatory for morte accertata. */
  datiDecesso: DatiEvento.optional(),
  /** Mandatory for morte presunta. */
  datiSentenza: Sentenza.optional(),
  /** New head of family and links, when the deceased was the intestatario. */
  elencoSoggettiFamiglia: z.array(SoggettoFamiglia).optional(),
  altriDati: AltriDati.optional(),
  datiDelProcedimento: DatiProcedimento.optional(),
  /** ruoloSoggetto 1 = intestatario, 2 = altro componente. */
  datiControllo: z.strictObject({ ruoloSoggetto: Codice, listaControlli: ListaControlli }),
});
export type Richiesta2001Input = z.infer<typeof Richiesta2001>;

export const servizio2001 = definisci('2000', {
  codice: '2001',
  operazione: 'decesso',
  titolo: 'Cancellazione per morte',
  genere: 'registrazione',
  annullataDa: '2011',
  oggetto: 'la cancellazione per morte',
  input: Richiesta2001,
  corpo: (input) => {
    const m = input.motivoCancellazione;
    return [
      el(
        'motivoCancellazione',
        m.tipoMotivoCancellazione !== undefined
          ? leaf('tipoMotivoCancellazione', m.tipoMotivoCancellazione)
          : leaf('tipoMotivoCancellazioneAIRE', m.tipoMotivoCancellazioneAIRE),
      ),
      wGeneralita('generalitaPerRicerca', input.generalitaPerRicerca),
      wDatiEvento('datiDecesso', input.datiDecesso),
      wSentenza('datiSentenza', input.datiSentenza),
      many(input.elencoSoggettiFamiglia, (s) => wSoggettoFamiglia('elencoSoggettiFamiglia', s)),
      wAltriDati('altriDati', input.altriDati),
      wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
      el('datiControllo', leaf('ruoloSoggetto', input.datiControllo.ruoloSoggetto), wListaControlli(input.datiControllo.listaControlli)),
    ];
  },
});
