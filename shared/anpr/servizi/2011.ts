import { z } from 'zod';
import { el, leaf } from '../../xml/writer';
import { definisci } from './definizione';
import { wDatiOperazione, wDatiProcedimento, wDatiRicercaScheda, wListaControlli } from './elementi';
import { Codice, DatiOperazione, DatiProcedimento, DatiRicercaScheda, ListaControlli, TestataBuilder } from './tipi';

/** The strict input of 2011 (testata included). */
export const Richiesta2011 = z.strictObject({
  testata: TestataBuilder,
  datiOperazioneDaAnnullare: DatiOperazione,
  datiSchedaSoggettoFamigliaConvivenza: DatiRicercaScheda,
  datiDelProcedimento: DatiProcedimento.optional(),
  datiControllo: z.strictObject({ tipoScheda: Codice, listaControlli: ListaControlli }),
});
export type Richiesta2011Input = z.infer<typeof Richiesta2011>;

export const servizio2011 = definisci('2000', {
  codice: '2011',
  operazione: 'annullamento_Cancellazione',
  titolo: 'Annullamento di cancellazione',
  genere: 'annullamento',
  input: Richiesta2011,
  corpo: (input) => [
    wDatiOperazione('datiOperazioneDaAnnullare', input.datiOperazioneDaAnnullare),
    wDatiRicercaScheda('datiSchedaSoggettoFamigliaConvivenza', input.datiSchedaSoggettoFamigliaConvivenza),
    wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
    el('datiControllo', leaf('tipoScheda', input.datiControllo.tipoScheda), wListaControlli(input.datiControllo.listaControlli)),
  ],
});
