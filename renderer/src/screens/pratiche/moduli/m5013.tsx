/** 5013 — revoca di un dato: the fields. */
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { CampiSoggetto, CampoData, CampoTesto, Col, Riga, SceltaTabella, Sezione } from './campi';
import { MOTIVI_REVOCA, NOTE_REVOCA_MAX, TIPI_REVOCA, logica5013, type Valori5013 } from '../../../../../shared/anpr/moduli/m5013';
import type { ContestoModulo, ModuloPratica } from './tipi';

function Campi5013({ form }: { form: UseFormReturn<Valori5013>; contesto: ContestoModulo }) {
  const tipo = useWatch({ control: form.control, name: 'tipoRevoca' });
  return (
    <>
      <Sezione titolo="Pratica">
        <Riga>
          <Col>
            <CampoData form={form} nome="dataDecorrenza" label="Data di decorrenza" obbligatorio aiuto="Data da cui vale la revoca (gg/mm/aaaa), non successiva a oggi." />
          </Col>
        </Riga>
        <Riga>
          <Col>
            <SceltaTabella form={form} nome="tipoRevoca" label="Dato da revocare" lista={TIPI_REVOCA} obbligatorio aiuto="Tabella 48 di ANPR. Permesso di soggiorno, censimento, domicilio digitale, convivenza di fatto e tutore non sono ancora disponibili in questo modulo." />
          </Col>
          <Col>
            <SceltaTabella form={form} nome="motivoRevoca" label="Motivo della revoca" lista={MOTIVI_REVOCA} obbligatorio aiuto="Tabella 49 di ANPR." />
          </Col>
        </Riga>
        <CampoTesto form={form} nome="note" label="Note sulla revoca" maxLength={NOTE_REVOCA_MAX} aiuto={`Obbligatorie per «altro»; al massimo ${NOTE_REVOCA_MAX} caratteri: lettere senza accento, cifre, spazi e , . - '`} />
      </Sezione>
      <Sezione titolo="Soggetto">
        <CampiSoggetto form={form} prefisso="soggetto" />
      </Sezione>
      {(tipo === '6' || tipo === '7') && (
        <Sezione titolo={tipo === '6' ? 'Matrimonio da revocare' : 'Unione civile da revocare'} descrizione="Come risulta in ANPR.">
          <CampiSoggetto form={form} prefisso="coniuge" />
          <CampoData form={form} nome="dataEvento" label={tipo === '6' ? 'Data del matrimonio' : "Data dell'unione civile"} obbligatorio />
        </Sezione>
      )}
    </>
  );
}

export const modulo5013: ModuloPratica<Valori5013> = { ...logica5013, Campi: Campi5013 };

export default modulo5013;
