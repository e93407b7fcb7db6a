import { z } from 'zod';
import { definisci } from './definizione';
import { TestataBuilder } from './tipi';

/** The strict input of RichiestaConnessione (testata included). */
export const RichiestaConnessione = z.strictObject({ testata: TestataBuilder });
export type RichiestaConnessioneInput = z.infer<typeof RichiestaConnessione>;

export const servizioTestConn = definisci('TestConn', {
  codice: 'TestConn',
  operazione: 'testConnessione',
  titolo: 'Test di connessione',
  genere: 'diagnostica',
  operazioneRichiesta: 'OP01',
  elementoRichiesta: 'RichiestaConnessione',
  elementoRisposta: 'RispostaConnessione',
  formaRisposta: 'testconn',
  input: RichiestaConnessione,
  corpo: () => [],
});
