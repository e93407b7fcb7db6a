import { definisci } from './definizione';

export const servizioTestConn = definisci('TestConn', {
  codice: 'TestConn',
  operazione: 'testConnessione',
  titolo: 'Test di connessione',
  genere: 'diagnostica',
  operazioneRichiesta: 'OP01',
  elementoRichiesta: 'RichiestaConnessione',
  elementoRisposta: 'RispostaConnessione',
  formaRisposta: 'testconn',
});
