/** 1002 — iscrizione per altri motivi (immigrazione, ricomparsa, …): the fields. */
import { useEffect, useState } from 'react';
import { get, useWatch, type UseFormReturn } from 'react-hook-form';
import { bridge, unwrap } from '../../../bridge';
import { CercaComune } from '../../../components/CercaComune';
import { CampiDecorrenza, CampiGeneralita, CampiLuogo, CampoSelect, CampoSpunta, CampoStato, CampoTesto, Col, ID_LISTA_STATI, ListaStati, Riga, Sezione } from './campi';
import { iso, RELAZIONI_PARENTELA, STATI_CIVILI, type Voce } from './comuni';
import {
  ATTRIBUZIONI_FAMIGLIA_1002,
  GESTIONE_CF_1002,
  LEGAMI_CONVIVENZA,
  MOTIVI_ISCRIZIONE,
  chiaveSoggetto1002,
  dataDecorrenza1002,
  daPayload1002,
  schema1002,
  valoriIniziali1002,
  versoPayload1002,
  type Valori1002,
} from './m1002.logic';
import type { ContestoModulo, ModuloPratica } from './tipi';

function messaggio(form: UseFormReturn<Valori1002>, nome: string): string | undefined {
  const e = get(form.formState.errors, nome) as { message?: unknown } | undefined;
  return typeof e?.message === 'string' ? e.message : undefined;
}

/** Specie del toponimo (Tabella 4) for the type-ahead. */
function useSpecie(): Voce[] {
  const [voci, setVoci] = useState<Voce[]>([]);
  useEffect(() => {
    if (!bridge) return;
    void unwrap(bridge.tabelle.voci({ tabella: 4 }))
      .then((t) => setVoci(t.voci.map((v) => ({ codice: v.codice, descrizione: v.descrizione }))))
      .catch(() => setVoci([]));
  }, []);
  return voci;
}

const ID_LISTA_SPECIE = 'moduli-1002-specie-toponimo';

function Campi1002({ form }: { form: UseFormReturn<Valori1002>; contesto: ContestoModulo }) {
  const specie = useSpecie();
  const motivo = useWatch({ control: form.control, name: 'motivo' });
  const conProvenienza = useWatch({ control: form.control, name: 'conProvenienza' });
  const attribuzione = useWatch({ control: form.control, name: 'attribuzioneFamiglia' });
  const nomeComune = useWatch({ control: form.control, name: 'residenza.nomeComune' });
  const codiceIstat = useWatch({ control: form.control, name: 'residenza.codiceIstat' });
  const siglaProvincia = useWatch({ control: form.control, name: 'residenza.siglaProvincia' });
  const dataDecorrenza = useWatch({ control: form.control, name: 'dataDecorrenza' });
  const provenienzaObbligatoria = motivo === '3' || motivo === '4' || motivo === '6';

  // The address is in the office's comune: it is the default.
  useEffect(() => {
    if (!bridge || form.getValues('residenza.codiceIstat')) return;
    let vivo = true;
    void unwrap(bridge.home.riepilogo())
      .then((r) => unwrap(bridge!.tabelle.comune({ codiceIstat: r.comune.codiceIstat })))
      .then((c) => {
        if (!vivo || !c || form.getValues('residenza.codiceIstat')) return;
        form.setValue('residenza.nomeComune', c.denominazione);
        form.setValue('residenza.codiceIstat', c.codiceIstat);
        form.setValue('residenza.siglaProvincia', c.siglaProvincia);
      })
      .catch(() => undefined);
    return () => {
      vivo = false;
    };
  }, [form]);

  return (
    <>
      <ListaStati id={ID_LISTA_STATI} />
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="Data della dichiarazione di residenza: l'iscrizione decorre da questa data (non successiva a oggi)." />
        <CampoSelect form={form} nome="motivo" label="Motivo dell'iscrizione" voci={MOTIVI_ISCRIZIONE} obbligatorio aiuto="Tabella 7. Per la nascita usare la pratica 1001." />
        <CampoTesto form={form} nome="note" label="Note sul motivo" maxLength={240} aiuto="Obbligatorie per «Altri motivi»; al massimo 240 caratteri." />
      </Sezione>
      <Sezione titolo="Generalità della persona">
        <CampiGeneralita form={form} prefisso="persona" />
        <Riga>
          <Col>
            <CampoStato form={form} nome="cittadinanza" label="Cittadinanza" obbligatorio />
          </Col>
          <Col>
            <CampoSelect form={form} nome="statoCivile" label="Stato civile" voci={STATI_CIVILI} vuota="Non indicato" />
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
        <Riga>
          <Col w={6}>
            <CercaComune
              label="Comune"
              obbligatorio
              name="residenza.nomeComune"
              valore={nomeComune}
              data={iso(dataDecorrenza)}
              errore={messaggio(form, 'residenza.nomeComune') ?? messaggio(form, 'residenza.codiceIstat')}
              aiuto={codiceIstat ? `ISTAT ${codiceIstat} · provincia ${siglaProvincia}` : 'Digitare le prime lettere e scegliere dalla tabella ufficiale dei comuni.'}
              onTesto={(t) => {
                form.setValue('residenza.nomeComune', t, { shouldDirty: true });
                form.setValue('residenza.codiceIstat', '', { shouldDirty: true });
                form.setValue('residenza.siglaProvincia', '', { shouldDirty: true });
              }}
              onScelto={(c) => {
                form.setValue('residenza.nomeComune', c.denominazione, { shouldDirty: true });
                form.setValue('residenza.codiceIstat', c.codiceIstat, { shouldDirty: true });
                form.setValue('residenza.siglaProvincia', c.siglaProvincia, { shouldDirty: true, shouldValidate: true });
                void form.trigger('residenza.nomeComune');
              }}
            />
          </Col>
          <Col w={2}>
            <CampoTesto form={form} nome="residenza.cap" label="CAP" inputMode="numeric" maxLength={5} obbligatorio />
          </Col>
        </Riga>
        <datalist id={ID_LISTA_SPECIE}>
          {specie.map((v) => (
            <option key={v.codice} value={v.descrizione} />
          ))}
        </datalist>
        <Riga>
          <Col w={3}>
            <CampoTesto form={form} nome="residenza.specie" label="Specie" lista={ID_LISTA_SPECIE} obbligatorio aiuto="Tabella 4: VIA, PIAZZA, VIALE…" />
          </Col>
          <Col w={5}>
            <CampoTesto form={form} nome="residenza.denominazione" label="Denominazione" obbligatorio aiuto="Come nello stradario comunale." />
          </Col>
          <Col w={2}>
            <CampoTesto form={form} nome="residenza.numero" label="Civico" inputMode="numeric" maxLength={6} obbligatorio />
          </Col>
          <Col w={2}>
            <CampoTesto form={form} nome="residenza.lettera" label="Lettera" maxLength={2} />
          </Col>
        </Riga>
        <Riga>
          <Col w={3}>
            <CampoTesto form={form} nome="residenza.scala" label="Scala" maxLength={5} />
          </Col>
          <Col w={3}>
            <CampoTesto form={form} nome="residenza.piano" label="Piano" maxLength={5} />
          </Col>
          <Col w={3}>
            <CampoTesto form={form} nome="residenza.interno" label="Interno" maxLength={5} />
          </Col>
        </Riga>
      </Sezione>
      <Sezione titolo="Famiglia di iscrizione" descrizione="Una nuova famiglia (il soggetto ne è intestatario, all'indirizzo indicato) oppure una famiglia o convivenza già esistente.">
        <Riga>
          <Col w={6}>
            <CampoSelect form={form} nome="attribuzioneFamiglia" label="Attribuzione della famiglia" voci={ATTRIBUZIONI_FAMIGLIA_1002} obbligatorio />
          </Col>
          {attribuzione !== '1' && (
            <Col w={6}>
              <CampoTesto
                form={form}
                nome="idFamiglia"
                label={attribuzione === '4' ? 'ID ANPR della convivenza' : 'ID ANPR della famiglia'}
                inputMode="numeric"
                maxLength={16}
                obbligatorio
                aiuto="Dalla scheda famiglia o convivenza (sole cifre)."
              />
            </Col>
          )}
        </Riga>
        {attribuzione === '5' && (
          <CampoSelect form={form} nome="codiceLegame" label="Relazione con l'intestatario" voci={RELAZIONI_PARENTELA} obbligatorio aiuto="Tabella 5 (relazione di parentela)." />
        )}
        {attribuzione === '4' && <CampoSelect form={form} nome="codiceLegame" label="Legame con la convivenza" voci={LEGAMI_CONVIVENZA} obbligatorio aiuto="Tabella 6." />}
      </Sezione>
    </>
  );
}

export const modulo1002: ModuloPratica<Valori1002> = {
  servizio: '1002',
  titolo: 'Iscrizione per altri motivi',
  descrizione: "Immigrazione da un comune non subentrato o dall'estero, ricomparsa, rimpatrio e altri motivi diversi dalla nascita.",
  valoriIniziali: valoriIniziali1002,
  schema: schema1002,
  versoPayload: (v) => versoPayload1002(v) as unknown as Record<string, unknown>,
  daPayload: daPayload1002,
  chiaveSoggetto: chiaveSoggetto1002,
  dataDecorrenza: dataDecorrenza1002,
  Campi: Campi1002,
};

export default modulo1002;
