import { definisci } from './definizione';

export const servizio1001 = definisci('1000', {
  codice: '1001',
  operazione: 'iscrizione_nascita',
  titolo: 'Iscrizione per nascita',
  genere: 'registrazione',
  annullataDa: '1013',
  oggetto: "l'iscrizione per nascita",
});
