import { definisci } from './definizione';

export const servizio5012 = definisci('5000', {
  codice: '5012',
  operazione: 'annullamento_mutazione',
  titolo: 'Annullamento di mutazione',
  genere: 'annullamento',
});
