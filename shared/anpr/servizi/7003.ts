import { z } from 'zod';
import { el, leaf } from '../../xml/writer';
import { definisci } from './definizione';
import { Codice, TestataBuilder } from './tipi';

/** The strict input of 7003 (testata included). */
export const Richiesta7003 = z.strictObject({
  testata: TestataBuilder,
  /** 1 (ANPR's default): the current version only; 2: every supported version. */
  tipoVersioni: Codice.optional(),
});
export type Richiesta7003Input = z.infer<typeof Richiesta7003>;

/** The interface versions ANPR accepts: asked at start-up and on "Verifica collegamento". */
export const servizio7003 = definisci('7001', {
  codice: '7003',
  operazione: 'elenco_versioni',
  titolo: 'Elenco delle versioni supportate',
  genere: 'diagnostica',
  elementoOk: 'RispostaMultipla7003',
  input: Richiesta7003,
  corpo: (input) => [el('datiRichiesta', leaf('tipoVersioni', input.tipoVersioni))],
});
