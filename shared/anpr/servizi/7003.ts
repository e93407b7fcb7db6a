import { definisci } from './definizione';

/** The interface versions ANPR accepts: asked at start-up and on "Verifica collegamento". */
export const servizio7003 = definisci('7001', {
  codice: '7003',
  operazione: 'elenco_versioni',
  titolo: 'Elenco delle versioni supportate',
  genere: 'diagnostica',
  elementoOk: 'RispostaMultipla7003',
});
