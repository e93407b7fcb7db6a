import { definisci } from './definizione';

export const servizio1013 = definisci('1000', {
  codice: '1013',
  operazione: 'annullamento_iscrizione',
  titolo: 'Annullamento di iscrizione',
  genere: 'annullamento',
});
