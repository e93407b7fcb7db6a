/**
 * 2001 — cancellazione per morte (accertata o presunta giudizialmente
 * dichiarata). When the deceased was the head of the family, the clerk names
 * the new intestatario (else ANPR leaves the family without one: EN225).
 *
 * Payload = Richiesta2001Input without testata (electron/anpr/services/builders.ts).
 */
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { MOTIVI_MORTE, TRIBUNALI_MORTE_PRESUNTA } from '../../../../../shared/anpr/moduli/codici';
import { CampiDecorrenza, CampiSoggetto, CampoComune, CampoData, CampoSelect, SceltaTabella, CampoStato, CampoTesto, Col, Riga, Sezione } from './campi';
import { RUOLI_SOGGETTO } from '../../../../../shared/anpr/moduli/regole';
import type { ContestoModulo, ModuloPratica } from './tipi';
import { logica2001, type Valori2001 } from '../../../../../shared/anpr/moduli/m2001';

function Campi2001({ form }: { form: UseFormReturn<Valori2001>; contesto: ContestoModulo }) {
  const [motivo, ruolo, tipoLuogo] = useWatch({ control: form.control, name: ['motivo', 'ruoloSoggetto', 'luogo.tipo'] });
  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="Di norma la data di ricevimento dell'atto di morte (non successiva a oggi)." />
        <Riga>
          <Col>
            <SceltaTabella form={form} nome="motivo" label="Motivo della cancellazione" lista={MOTIVI_MORTE} vuota={false} mostraCodice={false} obbligatorio />
          </Col>
          <Col>
            <CampoSelect form={form} nome="ruoloSoggetto" label="Ruolo nella famiglia" voci={RUOLI_SOGGETTO} vuota={false} mostraCodice={false} obbligatorio />
          </Col>
        </Riga>
      </Sezione>
      <Sezione titolo="Persona deceduta" descrizione="Codice fiscale o ID ANPR, con cognome e nome come risultano in ANPR.">
        <CampiSoggetto form={form} prefisso="soggetto" />
      </Sezione>
      {motivo === '2' ? (
        <Sezione titolo="Sentenza di morte presunta">
          <Riga>
            <Col w={3}>
              <CampoData form={form} nome="sentenza.data" label="Data della sentenza" obbligatorio />
            </Col>
            <Col w={3}>
              <CampoTesto form={form} nome="sentenza.numero" label="Numero" maxLength={20} />
            </Col>
            <Col w={3}>
              <SceltaTabella form={form} nome="sentenza.tipoTribunale" label="Autorità giudiziaria" lista={TRIBUNALI_MORTE_PRESUNTA} mostraCodice={false} obbligatorio />
            </Col>
            <Col w={3}>
              <CampoData form={form} nome="sentenza.dataValidita" label="Esecutiva dal" obbligatorio />
            </Col>
          </Riga>
          <Riga>
            <Col w={6}>
              <CampoTesto form={form} nome="sentenza.autorita" label="Autorità" obbligatorio aiuto="Es. Tribunale di Viterbo." />
            </Col>
          </Riga>
        </Sezione>
      ) : (
        <Sezione titolo="Decesso">
          <Riga>
            <Col w={3}>
              <CampoData form={form} nome="dataMorte" label="Data del decesso" obbligatorio />
            </Col>
            <Col w={3}>
              <CampoSelect
                form={form}
                nome="luogo.tipo"
                label="Luogo"
                voci={[
                  { codice: 'comune', descrizione: 'In Italia' },
                  { codice: 'estero', descrizione: "All'estero" },
                ]}
                vuota={false}
                mostraCodice={false}
              />
            </Col>
            {tipoLuogo === 'estero' ? (
              <>
                <Col w={2}>
                  <CampoStato form={form} nome="luogo.codiceStato" label="Stato" obbligatorio />
                </Col>
                <Col w={4}>
                  <CampoTesto form={form} nome="luogo.localita" label="Località" />
                </Col>
              </>
            ) : (
              <Col w={6}>
                <CampoComune form={form} prefisso="luogo" label="Comune del decesso" campoData="dataMorte" />
              </Col>
            )}
          </Riga>
        </Sezione>
      )}
      {ruolo === '1' && (
        <Sezione titolo="Nuovo intestatario della scheda" descrizione="Il componente che diventa intestatario. Se non indicato, ANPR lascia la famiglia senza intestatario (avviso EN225).">
          <CampiSoggetto form={form} prefisso="nuovoIntestatario" />
        </Sezione>
      )}
    </>
  );
}

export const modulo2001: ModuloPratica<Valori2001> = { ...logica2001, Campi: Campi2001 };


export default modulo2001;
