import { definisci } from './definizione';

export const servizio2001 = definisci('2000', {
  codice: '2001',
  operazione: 'decesso',
  titolo: 'Cancellazione per morte',
  genere: 'registrazione',
  annullataDa: '2011',
  oggetto: 'la cancellazione per morte',
});
