import { definisci } from './definizione';

export const servizio5001 = definisci('5000', {
  codice: '5001',
  operazione: 'mutazione_famiglia_convivenza',
  titolo: 'Mutazione della famiglia',
  genere: 'registrazione',
  annullataDa: '5012',
  oggetto: 'la composizione della famiglia',
});
