/** A realistic 3002 body (search by codice fiscale), for signing tests and the signing bench. */
export const BODY_3002 = `<ns2:Richiesta3002 xmlns:ns2="http://sogei.it/ANPR/3000consultazione">
  <testataRichiesta>
    <idOperazioneComune>1000042</idOperazioneComune>
    <codMittente>058091</codMittente>
    <codDestinatario>ANPR02</codDestinatario>
    <operazioneRichiesta>3002</operazioneRichiesta>
    <dataOraRichiesta>2026-03-02T10:15:30.123+01:00</dataOraRichiesta>
    <tipoOperazione>C</tipoOperazione>
    <tipoInvio>PROD</tipoInvio>
  </testataRichiesta>
  <criteriRicerca>
    <codiceFiscale>RSSMRA80A01H501U</codiceFiscale>
  </criteriRicerca>
  <datiRichiesta>
    <schedaAnagraficaRichiesta>1</schedaAnagraficaRichiesta>
    <dataRiferimentoRichiesta>2026-03-02</dataRiferimentoRichiesta>
    <datiAnagraficiRichiesti>2</datiAnagraficiRichiesti>
  </datiRichiesta>
</ns2:Richiesta3002>`;
