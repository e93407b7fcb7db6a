import { definisci } from './definizione';

export const servizio7001 = definisci('7001', {
  codice: '7001',
  operazione: 'scarica_tabelle',
  titolo: 'Scarico delle tabelle di decodifica',
  genere: 'tabelle',
  elementoOk: 'RispostaMultipla7001',
});
