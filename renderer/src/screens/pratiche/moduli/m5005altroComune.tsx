/**
 * 5005 — cambio di residenza da altro comune: people resident in another
 * comune come to live here. Between two subentrati comuni this is a 5005
 * mutazione residenza (Allegato 5), not a 1002: tipoMutazione 2 (Tabella 47,
 * residenza) and the tipoMovimentazione of generalitaSchedaFamiglia
 * (Tabella 23): 1 immigration into a new family at the new address (the first
 * person listed is its head), 3 into a family already resident here.
 * ANPR finds the people nationally by codice fiscale and knows where they
 * come from; the comune of origin the clerk records is kept with the pratica.
 *
 * Payload = Richiesta5005Input without testata (shared/anpr/moduli/m5005altroComune.ts).
 */
import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { MOVIMENTAZIONI } from '../../../../../shared/anpr/moduli/codici';
import { CampiDecorrenza, CampoComune, SceltaTabella, CampoTesto, Col, PersonaConRelazione, Riga, Sezione } from './campi';
import { CampiIndirizzo } from './campi-indirizzo';
import { soggettoVuoto } from '../../../../../shared/anpr/moduli/regole';
import type { ContestoModulo, ModuloPratica } from './tipi';
import { logica5005AltroComune, type Valori5005AltroComune } from '../../../../../shared/anpr/moduli/m5005altroComune';

function Campi5005AltroComune({ form }: { form: UseFormReturn<Valori5005AltroComune>; contesto: ContestoModulo }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'persone' });
  const movimentazione = useWatch({ control: form.control, name: 'movimentazione' });
  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="Data della dichiarazione di residenza: la registrazione decorre da questa data (non successiva a oggi)." />
        <Riga>
          <Col>
            <CampoComune form={form} prefisso="provenienza" label="Comune di provenienza" campoData="dataDecorrenza" />
          </Col>
        </Riga>
      </Sezione>
      <Sezione titolo="Chi si trasferisce" descrizione="Residenti in un altro comune: ANPR li trova con il codice fiscale, cognome e nome come risultano nel comune di provenienza.">
        {fields.map((f, i) => (
          <PersonaConRelazione key={f.id} form={form} prefisso={`persone.${i}`} etichetta={`Persona ${i + 1}`} togli={`Togli la persona ${i + 1}`} onTogli={fields.length === 1 ? undefined : () => remove(i)} />
        ))}
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => append({ soggetto: soggettoVuoto(), codiceLegame: '' })}>
          Aggiungi una persona
        </button>
      </Sezione>
      <Sezione titolo="Famiglia nel comune">
        <Riga>
          <Col>
            <SceltaTabella form={form} nome="movimentazione" label="Si iscrivono" lista={MOVIMENTAZIONI} vuota={false} mostraCodice={false} obbligatorio aiuto="Tabella 23 di ANPR (tipo movimentazione)." />
          </Col>
          {movimentazione === '3' && (
            <Col>
              <CampoTesto form={form} nome="idFamiglia" label="ID ANPR della famiglia" inputMode="numeric" maxLength={16} obbligatorio aiuto="La famiglia già residente in cui entrano." />
            </Col>
          )}
        </Riga>
      </Sezione>
      {movimentazione === '1' && (
        <Sezione titolo="Nuovo indirizzo">
          <CampiIndirizzo form={form} prefisso="indirizzo" campoData="dataDecorrenza" />
        </Sezione>
      )}
    </>
  );
}

export const modulo5005AltroComune: ModuloPratica<Valori5005AltroComune> = { ...logica5005AltroComune, Campi: Campi5005AltroComune };


export default modulo5005AltroComune;
