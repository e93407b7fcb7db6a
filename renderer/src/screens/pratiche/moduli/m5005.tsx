/**
 * 5005 — cambio di residenza / indirizzo della famiglia (mutazione residenza):
 * the whole family moves to a new address in the comune.
 *
 * Payload = Richiesta5005Input without testata (electron/anpr/services/builders.ts).
 */
import type { UseFormReturn } from 'react-hook-form';
import { TIPI_MUTAZIONE_RESIDENZA } from '../../../../../shared/anpr/moduli/codici';
import { CampiDecorrenza, SceltaTabella, Col, Riga, Sezione } from './campi';
import { CampiIndirizzo } from './campi-indirizzo';
import { CampoFamiglia } from './campo-famiglia';
import type { ContestoModulo, ModuloPratica } from './tipi';
import { logica5005, type Valori5005 } from '../../../../../shared/anpr/moduli/m5005';

function Campi5005({ form, contesto }: { form: UseFormReturn<Valori5005>; contesto: ContestoModulo }) {
  const s = contesto.soggetto;
  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="Data della dichiarazione di residenza: la registrazione decorre da questa data (non successiva a oggi)." />
        <Riga>
          <Col>
            <SceltaTabella form={form} nome="tipoMutazione" label="Tipo di mutazione" lista={TIPI_MUTAZIONE_RESIDENZA} obbligatorio aiuto="Tabella 47 di ANPR." />
          </Col>
        </Riga>
      </Sezione>
      <Sezione
        titolo="Famiglia che cambia indirizzo"
        descrizione={s?.cognome ? `Dichiarante: ${s.cognome} ${s.nome ?? ''}. Si trasferiscono tutti i componenti della famiglia.` : 'Si trasferiscono tutti i componenti della famiglia.'}
      >
        <Riga>
          <Col w={12}>
            <CampoFamiglia form={form} nome="idFamigliaConvivenzaANPR" label="ID ANPR della famiglia" obbligatorio />
          </Col>
        </Riga>
      </Sezione>
      <Sezione titolo="Nuovo indirizzo">
        <CampiIndirizzo form={form} prefisso="indirizzo" campoData="dataDecorrenza" />
      </Sezione>
    </>
  );
}

export const modulo5005: ModuloPratica<Valori5005> = { ...logica5005, Campi: Campi5005 };


export default modulo5005;
