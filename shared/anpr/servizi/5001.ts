import { z } from 'zod';
import { el, leaf, many } from '../../xml/writer';
import { definisci } from './definizione';
import { wAltraLingua, wDatiProcedimento, wFamigliaConvivenza, wListaControlli, wResidenza, wSoggettoFamiglia } from './elementi';
import { AltraLingua, Codice, DatiProcedimento, FamigliaConvivenza, ListaControlli, Residenza, SoggettoFamiglia, TestataBuilder } from './tipi';

/** The strict input of 5001 (testata included). */
export const Richiesta5001 = z.strictObject({
  testata: TestataBuilder,
  famigliaConvivenza: FamigliaConvivenza,
  elencoSoggettiFamiglia: z.array(SoggettoFamiglia).optional(),
  residenzaFamigliaConvivenza: Residenza.optional(),
  altraLingua: z.array(AltraLingua).optional(),
  datiDelProcedimento: DatiProcedimento.optional(),
  /** tipoMutazione Tabella 46 (1 intestatario, 2 composizione, 3 dati generali, 4 residenza…). */
  datiControllo: z.strictObject({ tipoMutazione: Codice, tipoScheda: Codice, listaControlli: ListaControlli }),
});
export type Richiesta5001Input = z.infer<typeof Richiesta5001>;

export const servizio5001 = definisci('5000', {
  codice: '5001',
  operazione: 'mutazione_famiglia_convivenza',
  titolo: 'Mutazione della famiglia',
  genere: 'registrazione',
  annullataDa: '5012',
  oggetto: 'la composizione della famiglia',
  input: Richiesta5001,
  corpo: (input) => {
    const d = input.datiControllo;
    return [
      wFamigliaConvivenza('famigliaConvivenza', input.famigliaConvivenza),
      many(input.elencoSoggettiFamiglia, (s) => wSoggettoFamiglia('elencoSoggettiFamiglia', s)),
      wResidenza('residenzaFamigliaConvivenza', input.residenzaFamigliaConvivenza),
      many(input.altraLingua, (a) => wAltraLingua('altraLingua', a)),
      wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
      el('datiControllo', leaf('tipoMutazione', d.tipoMutazione), leaf('tipoScheda', d.tipoScheda), wListaControlli(d.listaControlli)),
    ];
  },
});
