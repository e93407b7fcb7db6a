/**
 * The fields of an address in the comune (values and checks: indirizzo.ts).
 * The office's comune is filled in by default; the toponym species has a
 * type-ahead from Tabella 4.
 */
import { useEffect, useId } from 'react';
import { get, useWatch, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { bridge, unwrap } from '../../../bridge';
import { CercaComune } from '../../../components/CercaComune';
import { CampoTesto, Col, Riga } from './campi';
import { iso, type Voce } from '../../../../../shared/anpr/moduli/regole';
import { useTabella } from './tabelle';
import { vociTabella } from '../../../../../shared/anpr/moduli/tabelle-dati';

function messaggio<V extends FieldValues>(form: UseFormReturn<V>, nome: string): string | undefined {
  const e = get(form.formState.errors, nome) as { message?: unknown } | undefined;
  return typeof e?.message === 'string' ? e.message : undefined;
}

/** Specie del toponimo (Tabella 4) for the type-ahead (empty while the table loads). */
function useSpecie(): Voce[] {
  const tabella = useTabella(4);
  return tabella.stato === 'pronta' ? vociTabella(4) : [];
}

/**
 * `prefisso` is the path of the `IndirizzoValori` object in the form values
 * (e.g. `indirizzo`, `residenza`); `campoData` the path of the date the comune
 * must be valid at.
 */
export function CampiIndirizzo<V extends FieldValues>({ form, prefisso, campoData }: { form: UseFormReturn<V>; prefisso: string; campoData: string }) {
  // react-hook-form types paths per form; this component serves several forms.
  const f = form as unknown as UseFormReturn<FieldValues>;
  const campo = (nome: string) => `${prefisso}.${nome}`;
  const specie = useSpecie();
  const idListaSpecie = useId();
  const nomeComune = useWatch({ control: f.control, name: campo('nomeComune') }) as string;
  const codiceIstat = useWatch({ control: f.control, name: campo('codiceIstat') }) as string;
  const siglaProvincia = useWatch({ control: f.control, name: campo('siglaProvincia') }) as string;
  const data = useWatch({ control: f.control, name: campoData }) as string;

  // The address is in the office's comune: it is the default.
  useEffect(() => {
    if (!bridge || f.getValues(campo('codiceIstat'))) return;
    let vivo = true;
    void unwrap(bridge.home.riepilogo())
      .then((r) => unwrap(bridge!.tabelle.comune({ codiceIstat: r.comune.codiceIstat })))
      .then((c) => {
        if (!vivo || !c || f.getValues(campo('codiceIstat'))) return;
        f.setValue(campo('nomeComune'), c.denominazione);
        f.setValue(campo('codiceIstat'), c.codiceIstat);
        f.setValue(campo('siglaProvincia'), c.siglaProvincia);
      })
      .catch(() => undefined);
    return () => {
      vivo = false;
    };
  }, [f]);

  return (
    <>
      <Riga>
        <Col w={6}>
          <CercaComune
            label="Comune"
            obbligatorio
            name={campo('nomeComune')}
            valore={nomeComune}
            data={iso(data)}
            errore={messaggio(f, campo('nomeComune')) ?? messaggio(f, campo('codiceIstat'))}
            aiuto={codiceIstat ? `ISTAT ${codiceIstat} · provincia ${siglaProvincia}` : 'Digitare le prime lettere e scegliere dalla tabella ufficiale dei comuni.'}
            onTesto={(t) => {
              f.setValue(campo('nomeComune'), t, { shouldDirty: true });
              f.setValue(campo('codiceIstat'), '', { shouldDirty: true });
              f.setValue(campo('siglaProvincia'), '', { shouldDirty: true });
            }}
            onScelto={(c) => {
              f.setValue(campo('nomeComune'), c.denominazione, { shouldDirty: true });
              f.setValue(campo('codiceIstat'), c.codiceIstat, { shouldDirty: true });
              f.setValue(campo('siglaProvincia'), c.siglaProvincia, { shouldDirty: true, shouldValidate: true });
              void f.trigger(campo('nomeComune'));
            }}
          />
        </Col>
        <Col w={2}>
          <CampoTesto form={f} nome={campo('cap')} label="CAP" inputMode="numeric" maxLength={5} obbligatorio />
        </Col>
      </Riga>
      <datalist id={idListaSpecie}>
        {specie.map((v) => (
          <option key={v.codice} value={v.descrizione} />
        ))}
      </datalist>
      <Riga>
        <Col w={3}>
          <CampoTesto form={f} nome={campo('specie')} label="Specie" lista={idListaSpecie} obbligatorio aiuto="Tabella 4: VIA, PIAZZA, VIALE…" />
        </Col>
        <Col w={5}>
          <CampoTesto form={f} nome={campo('denominazione')} label="Denominazione" obbligatorio aiuto="Come nello stradario comunale." />
        </Col>
        <Col w={2}>
          <CampoTesto form={f} nome={campo('numero')} label="Civico" inputMode="numeric" maxLength={6} obbligatorio />
        </Col>
        <Col w={2}>
          <CampoTesto form={f} nome={campo('lettera')} label="Lettera" maxLength={2} />
        </Col>
      </Riga>
      <Riga>
        <Col w={3}>
          <CampoTesto form={f} nome={campo('scala')} label="Scala" maxLength={5} />
        </Col>
        <Col w={3}>
          <CampoTesto form={f} nome={campo('piano')} label="Piano" maxLength={5} />
        </Col>
        <Col w={3}>
          <CampoTesto form={f} nome={campo('interno')} label="Interno" maxLength={5} />
        </Col>
      </Riga>
    </>
  );
}
