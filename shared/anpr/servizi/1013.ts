import { z } from 'zod';
import { el, leaf } from '../../xml/writer';
import { definisci } from './definizione';
import { wDatiOperazione, wDatiProcedimento, wDatiRicercaScheda, wListaControlli } from './elementi';
import { Codice, DatiOperazione, DatiProcedimento, DatiRicercaScheda, ListaControlli, TestataBuilder } from './tipi';

/** The strict input of 1013 (testata included). */
export const Richiesta1013 = z.strictObject({
  testata: TestataBuilder,
  datiOperazione: DatiOperazione,
  datiSchedaSoggettoFamigliaConvivenza: DatiRicercaScheda,
  datiDelProcedimento: DatiProcedimento.optional(),
  datiControllo: z.strictObject({
    /** tipoSchedaAnn (numerico 1). Note the lowercase XSD name `tiposcheda`. */
    tiposcheda: Codice,
    /** S/N: also cancel the CF attribution. */
    annullamentoAttribuzione: z.enum(['S', 'N']),
    listaControlli: ListaControlli,
  }),
});
export type Richiesta1013Input = z.infer<typeof Richiesta1013>;

export const servizio1013 = definisci('1000', {
  codice: '1013',
  operazione: 'annullamento_iscrizione',
  titolo: 'Annullamento di iscrizione',
  genere: 'annullamento',
  input: Richiesta1013,
  corpo: (input) => {
    const d = input.datiControllo;
    return [
      wDatiOperazione('datiOperazione', input.datiOperazione),
      wDatiRicercaScheda('datiSchedaSoggettoFamigliaConvivenza', input.datiSchedaSoggettoFamigliaConvivenza),
      wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
      el('datiControllo', leaf('tiposcheda', d.tiposcheda), leaf('annullamentoAttribuzione', d.annullamentoAttribuzione), wListaControlli(d.listaControlli)),
    ];
  },
});
