import { definisci } from './definizione';

export const servizio2003 = definisci('2000', {
  codice: '2003',
  operazione: 'cancellazione_AltriMotivi',
  titolo: 'Cancellazione per altri motivi',
  genere: 'registrazione',
  annullataDa: '2011',
  oggetto: 'la cancellazione',
});
