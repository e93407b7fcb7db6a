/** 1002 — iscrizione per altri motivi (immigrazione, ricomparsa, …): the fields. */
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { CampiDecorrenza, CampiGeneralita, CampiLuogo, CampoSelect, SceltaTabella, CampoSpunta, CampoStato, CampoTesto, Col, Riga, Sezione } from './campi';
import { RELAZIONI_PARENTELA, STATI_CIVILI } from '../../../../../shared/anpr/moduli/regole';
import { ATTRIBUZIONI_FAMIGLIA_1002, GESTIONE_CF_1002, LEGAMI_CONVIVENZA, MOTIVI_ISCRIZIONE, type Valori1002 } from '../../../../../shared/anpr/moduli/m1002';
import { logica1002 } from '../../../../../shared/anpr/moduli/m1002';
import { CampiIndirizzo } from './campi-indirizzo';
import { CampoFamiglia } from './campo-famiglia';
import type { ContestoModulo, ModuloPratica } from './tipi';

function Campi1002({ form }: { form: UseFormReturn<Valori1002>; contesto: ContestoModulo }) {
  const motivo = useWatch({ control: form.control, name: 'motivo' });
  const conProvenienza = useWatch({ control: form.control, name: 'conProvenienza' });
  const attribuzione = useWatch({ control: form.control, name: 'attribuzioneFamiglia' });
  const provenienzaObbligatoria = motivo === '3' || motivo === '4' || motivo === '6';


  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="Data della dichiarazione di residenza: l'iscrizione decorre da questa data (non successiva a oggi)." />
        <SceltaTabella form={form} nome="motivo" label="Motivo dell'iscrizione" lista={MOTIVI_ISCRIZIONE} obbligatorio aiuto="Tabella 7. Per la nascita usare la pratica 1001." />
        <CampoTesto form={form} nome="note" label="Note sul motivo" maxLength={240} aiuto="Obbligatorie per «Altri motivi»; al massimo 240 caratteri." />
      </Sezione>
      <Sezione titolo="Generalità della persona">
        <CampiGeneralita form={form} prefisso="persona" />
        <Riga>
          <Col>
            <CampoStato form={form} nome="cittadinanza" label="Cittadinanza" obbligatorio />
          </Col>
          <Col>
            <SceltaTabella form={form} nome="statoCivile" label="Stato civile" lista={STATI_CIVILI} vuota="Non indicato" />
          </Col>
          <Col>
            <CampoSelect form={form} nome="gestioneCF" label="Gestione del codice fiscale" voci={GESTIONE_CF_1002} vuota={false} obbligatorio aiuto="Per l'attribuzione lasciare vuoto il codice fiscale." />
          </Col>
        </Riga>
      </Sezione>
      <Sezione titolo="Provenienza">
        {!provenienzaObbligatoria && <CampoSpunta form={form} nome="conProvenienza" label="Indicare la provenienza" />}
        {(provenienzaObbligatoria || conProvenienza) && <CampiLuogo form={form} prefisso="provenienza" titolo="Comune o stato di provenienza" />}
      </Sezione>
      <Sezione titolo="Residenza nel comune">
        <CampiIndirizzo form={form} prefisso="residenza" campoData="dataDecorrenza" />
      </Sezione>
      <Sezione titolo="Famiglia di iscrizione" descrizione="Una nuova famiglia (il soggetto ne è intestatario, all'indirizzo indicato) oppure una famiglia o convivenza già esistente.">
        <Riga>
          <Col w={6}>
            <CampoSelect form={form} nome="attribuzioneFamiglia" label="Attribuzione della famiglia" voci={ATTRIBUZIONI_FAMIGLIA_1002} obbligatorio />
          </Col>
          {attribuzione !== '1' && (
            <Col w={12}>
              <CampoFamiglia form={form} nome="idFamiglia" label={attribuzione === '4' ? 'ID ANPR della convivenza' : 'ID ANPR della famiglia'} obbligatorio convivenza={attribuzione === '4'} />
            </Col>
          )}
        </Riga>
        {attribuzione === '5' && (
          <SceltaTabella form={form} nome="codiceLegame" label="Relazione con l'intestatario" lista={RELAZIONI_PARENTELA} obbligatorio aiuto="Tabella 5 (relazione di parentela)." />
        )}
        {attribuzione === '4' && <SceltaTabella form={form} nome="codiceLegame" label="Legame con la convivenza" lista={LEGAMI_CONVIVENZA} obbligatorio aiuto="Tabella 6." />}
      </Sezione>
    </>
  );
}

export const modulo1002: ModuloPratica<Valori1002> = { ...logica1002, Campi: Campi1002 };

export default modulo1002;
