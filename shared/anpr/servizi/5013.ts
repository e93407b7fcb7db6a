import { definisci } from './definizione';

export const servizio5013 = definisci('5000', {
  codice: '5013',
  operazione: 'revoca_dato',
  titolo: 'Revoca di un dato',
  genere: 'revoca',
});
