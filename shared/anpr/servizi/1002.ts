import { definisci } from './definizione';

export const servizio1002 = definisci('1000', {
  codice: '1002',
  operazione: 'iscrizione_altriMotivi',
  titolo: 'Iscrizione per altri motivi',
  genere: 'registrazione',
  annullataDa: '1013',
  oggetto: "l'iscrizione",
  dichiarazioneResidenza: true,
});
