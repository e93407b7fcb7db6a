import { z } from 'zod';
import { el, leaf } from '../../xml/writer';
import { definisci } from './definizione';
import { wDatiOperazione, wDatiRicercaScheda, wListaControlli } from './elementi';
import { Codice, DatiOperazione, DatiRicercaScheda, ListaControlli, TestataBuilder } from './tipi';

/** The strict input of 5012 (testata included). */
export const Richiesta5012 = z.strictObject({
  testata: TestataBuilder,
  datiOperazioneDaAnnullare: DatiOperazione,
  datiSchedaSoggettoFamigliaConvivenza: DatiRicercaScheda,
  datiControllo: z.strictObject({
    tipoScheda: Codice,
    /** S/N */
    annullamentoAttribuzioneCF: z.enum(['S', 'N']),
    /** e.g. RA=1 ripristino posizione anagrafica, RP=1 ripristino parziale. */
    listaControlli: ListaControlli,
  }),
});
export type Richiesta5012Input = z.infer<typeof Richiesta5012>;

export const servizio5012 = definisci('5000', {
  codice: '5012',
  operazione: 'annullamento_mutazione',
  titolo: 'Annullamento di mutazione',
  genere: 'annullamento',
  input: Richiesta5012,
  corpo: (input) => {
    const d = input.datiControllo;
    return [
      wDatiOperazione('datiOperazioneDaAnnullare', input.datiOperazioneDaAnnullare),
      wDatiRicercaScheda('datiSchedaSoggettoFamigliaConvivenza', input.datiSchedaSoggettoFamigliaConvivenza),
      el('datiControllo', leaf('tipoScheda', d.tipoScheda), leaf('annullamentoAttribuzioneCF', d.annullamentoAttribuzioneCF), wListaControlli(d.listaControlli)),
    ];
  },
});
