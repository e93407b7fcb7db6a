import { definisci } from './definizione';

export const servizio3001 = definisci('3000', {
  codice: '3001',
  operazione: 'richiesta_paternita_maternita',
  titolo: 'Ricerca di paternità e maternità',
  genere: 'consultazione',
  elementoOk: 'Risposta3001_OK',
});
