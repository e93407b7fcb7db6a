import { definisci } from './definizione';

export const servizio2011 = definisci('2000', {
  codice: '2011',
  operazione: 'annullamento_Cancellazione',
  titolo: 'Annullamento di cancellazione',
  genere: 'annullamento',
});
