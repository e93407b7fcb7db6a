import { definisci } from './definizione';

export const servizio6001 = definisci('6001', {
  codice: '6001',
  operazione: 'emissioneCertificato',
  titolo: 'Emissione di certificato',
  genere: 'certificazione',
  formaRisposta: '6001',
  elementoOk: 'Risposta6001OK',
  timeoutMs: 90_000,
  mtom: true,
});
