import { definisci } from './definizione';

export const servizio5008 = definisci('5000', {
  codice: '5008',
  operazione: 'mutazione_scheda',
  titolo: 'Stato civile e generalità',
  genere: 'registrazione',
  annullataDa: '5012',
  oggetto: 'la mutazione dei dati individuali',
});
