import { z } from 'zod';
import { el, leaf } from '../../xml/writer';
import { definisci } from './definizione';
import { pad } from './elementi';
import { Codice, TestataBuilder } from './tipi';

/** The strict input of 7001 (testata included). */
export const Richiesta7001 = z.strictObject({
  testata: TestataBuilder,
  /** 3 digits, e.g. '001'; a number is zero-padded. */
  idTabella: Codice,
});
export type Richiesta7001Input = z.infer<typeof Richiesta7001>;

export const servizio7001 = definisci('7001', {
  codice: '7001',
  operazione: 'scarica_tabelle',
  titolo: 'Scarico delle tabelle di decodifica',
  genere: 'tabelle',
  elementoOk: 'RispostaMultipla7001',
  input: Richiesta7001,
  corpo: (input) => [el('datiRichiesta', leaf('idTabella', pad(input.idTabella, 3)))],
});
