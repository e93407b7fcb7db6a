import { definisci } from './definizione';

export const servizio3007 = definisci('3000', {
  codice: '3007',
  operazione: 'ricerca_identificativi_anpr',
  titolo: 'Ricerca degli identificativi ANPR',
  genere: 'consultazione',
  elementoOk: 'Risposta3007_OK',
});
