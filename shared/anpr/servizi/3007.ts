import { corpoRicercaRichieste, RicercaRichieste, type RicercaRichiesteInput } from './3003';
import { definisci } from './definizione';

export const Richiesta3007 = RicercaRichieste;
export type Richiesta3007Input = RicercaRichiesteInput;

export const servizio3007 = definisci('3000', {
  codice: '3007',
  operazione: 'ricerca_identificativi_anpr',
  titolo: 'Ricerca degli identificativi ANPR',
  genere: 'consultazione',
  elementoOk: 'Risposta3007_OK',
  input: Richiesta3007,
  corpo: corpoRicercaRichieste,
});
