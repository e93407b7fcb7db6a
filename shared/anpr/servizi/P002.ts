import { z } from 'zod';
import { el, leaf } from '../../xml/writer';
import { definisci } from './definizione';
import { CodiceRichiesta } from './P001';
import { TestataBuilder } from './tipi';

/** The strict input of P002 (testata included): one request by its code. */
export const RichiestaP002 = z.strictObject({ testata: TestataBuilder, criteriRicerca: z.strictObject({ codiceRichiesta: CodiceRichiesta }) });
export type RichiestaP002Input = z.infer<typeof RichiestaP002>;

export const servizioP002 = definisci('P000', {
  codice: 'P002',
  operazione: 'dettaglio',
  titolo: 'Dettaglio di una richiesta del cittadino',
  genere: 'richiesta_cittadino',
  elementoOk: 'RispostaOKP002',
  // Attachments and the summary PDF may come back as MTOM parts (anpr#3286).
  mtom: true,
  input: RichiestaP002,
  corpo: (input) => [el('criteriRicerca', leaf('codiceRichiesta', input.criteriRicerca.codiceRichiesta))],
});
