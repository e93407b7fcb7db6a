import { definisci } from './definizione';

export const servizio3002 = definisci('3000', {
  codice: '3002',
  operazione: 'interrogazioneCittadino_famiglia_convivenza',
  titolo: 'Interrogazione di soggetto, famiglia o convivenza',
  genere: 'consultazione',
  elementoOk: 'Risposta3002_OK',
});
