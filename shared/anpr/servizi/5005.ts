import { definisci } from './definizione';

export const servizio5005 = definisci('5000', {
  codice: '5005',
  operazione: 'mutazione_residenza',
  titolo: 'Cambio di residenza',
  genere: 'registrazione',
  annullataDa: '5012',
  oggetto: 'il cambio di residenza',
  dichiarazioneResidenza: true,
});
