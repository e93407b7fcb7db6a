import { definisci } from './definizione';

export const servizio3003 = definisci('3000', {
  codice: '3003',
  operazione: 'gestione_richieste',
  titolo: 'Esiti delle richieste precedenti',
  genere: 'consultazione',
  elementoOk: 'Risposta3003_OK',
});
