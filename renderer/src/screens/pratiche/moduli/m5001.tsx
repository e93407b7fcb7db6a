/** 5001 — mutazione della famiglia / convivenza (nuovo intestatario, composizione): the fields. */
import { get, useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { CampiDecorrenza, CampoSelect, SceltaTabella, Col, PersonaConRelazione, Riga, Sezione } from './campi';
import { TIPI_MUTAZIONE_FAMIGLIA, TIPI_SCHEDA, componenteVuoto, type Valori5001 } from '../../../../../shared/anpr/moduli/m5001';
import { logica5001 } from '../../../../../shared/anpr/moduli/m5001';
import { CampoFamiglia } from './campo-famiglia';
import type { ContestoModulo, ModuloPratica } from './tipi';

/** Error on the list as a whole (zod path ['componenti']). */
function erroreElenco(form: UseFormReturn<Valori5001>): string | undefined {
  const e = get(form.formState.errors, 'componenti') as { message?: unknown; root?: { message?: unknown } } | undefined;
  const m = e?.message ?? e?.root?.message;
  return typeof m === 'string' ? m : undefined;
}

function Campi5001({ form }: { form: UseFormReturn<Valori5001>; contesto: ContestoModulo }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'componenti' });
  const tipoMutazione = useWatch({ control: form.control, name: 'tipoMutazione' });
  const errore = erroreElenco(form);
  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="Data da cui vale la nuova composizione (gg/mm/aaaa), non successiva a oggi." />
        <Riga>
          <Col>
            <SceltaTabella form={form} nome="tipoMutazione" label="Tipo di mutazione" lista={TIPI_MUTAZIONE_FAMIGLIA} obbligatorio aiuto="Tabella 46." />
          </Col>
          <Col>
            <CampoSelect form={form} nome="tipoScheda" label="Tipo di scheda" voci={TIPI_SCHEDA} vuota={false} mostraCodice={false} obbligatorio />
          </Col>
          <Col w={12}>
            <CampoFamiglia form={form} nome="idFamiglia" label="ID ANPR della famiglia o convivenza" obbligatorio />
          </Col>
        </Riga>
      </Sezione>
      <Sezione
        titolo="Componenti"
        descrizione={
          tipoMutazione === '1'
            ? "Indicare il nuovo intestatario (relazione 1) e, se resta nella famiglia, il vecchio intestatario con la nuova relazione."
            : "Residenti che entrano nella famiglia o cambiano relazione con l'intestatario (Tabella 5)."
        }
      >
        {errore && (
          <div className="campo__errore mb-2" role="alert">
            {errore}
          </div>
        )}
        {fields.map((f, i) => (
          <PersonaConRelazione key={f.id} form={form} prefisso={`componenti.${i}`} etichetta={`Componente ${i + 1}`} togli={`Togli il componente ${i + 1}`} onTogli={fields.length === 1 ? undefined : () => remove(i)} />
        ))}
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => append(componenteVuoto())}>
          Aggiungi un componente
        </button>
      </Sezione>
    </>
  );
}

export const modulo5001: ModuloPratica<Valori5001> = { ...logica5001, Campi: Campi5001 };

export default modulo5001;
