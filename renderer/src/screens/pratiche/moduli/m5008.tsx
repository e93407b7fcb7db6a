/** 5008 — stato civile (matrimonio, vedovanza, cessazione del matrimonio) e generalità: the fields. */
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { CampiAtto, CampiDecorrenza, CampiLuogo, CampiSoggetto, CampoData, CampoSelect, CampoTesto, Col, ID_LISTA_STATI, ListaStati, Riga, SESSI, Sezione } from './campi';
import {
  GESTIONE_CF,
  TIPI_CESSAZIONE,
  TIPI_MUTAZIONE_5008,
  TIPI_TRIBUNALE,
  chiaveSoggetto5008,
  dataDecorrenza5008,
  daPayload5008,
  schema5008,
  valoriIniziali5008,
  versoPayload5008,
  type Valori5008,
} from './m5008.logic';
import type { ContestoModulo, ModuloPratica } from './tipi';

function Campi5008({ form }: { form: UseFormReturn<Valori5008>; contesto: ContestoModulo }) {
  const tipo = useWatch({ control: form.control, name: 'tipoMutazione' });
  return (
    <>
      <ListaStati id={ID_LISTA_STATI} />
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} />
        <CampoSelect
          form={form}
          nome="tipoMutazione"
          label="Tipo di mutazione"
          voci={TIPI_MUTAZIONE_5008}
          obbligatorio
          aiuto="Tabella 36 di ANPR: ogni tipo richiede il proprio blocco di dati."
        />
      </Sezione>
      <Sezione titolo="Soggetto" descrizione="La persona residente a cui si riferisce la variazione.">
        <CampiSoggetto form={form} prefisso="soggetto" />
      </Sezione>
      {tipo === '12' && (
        <>
          <Sezione titolo="Coniuge" descrizione="Se il coniuge è in ANPR basta il codice fiscale o l'ID; altrimenti indicare cognome, nome, sesso e data di nascita.">
            <CampiSoggetto form={form} prefisso="matrimonio.coniuge" />
          </Sezione>
          <Sezione titolo="Dati del matrimonio">
            <Riga>
              <Col>
                <CampoData form={form} nome="matrimonio.data" label="Data del matrimonio" obbligatorio />
              </Col>
            </Riga>
            <CampiLuogo form={form} prefisso="matrimonio.luogo" titolo="Luogo del matrimonio" />
          </Sezione>
          <Sezione titolo="Atto di matrimonio" descrizione="Facoltativo; se indicato servono comune, anno, parte e numero.">
            <CampiAtto form={form} prefisso="matrimonio.atto" />
          </Sezione>
        </>
      )}
      {tipo === '13' && (
        <>
          <Sezione titolo="Morte del coniuge">
            <Riga>
              <Col>
                <CampoData form={form} nome="vedovanza.dataMorte" label="Data di morte del coniuge" obbligatorio />
              </Col>
            </Riga>
            <CampiLuogo form={form} prefisso="vedovanza.luogo" titolo="Luogo del decesso (facoltativo)" />
          </Sezione>
          <Sezione titolo="Atto di morte" descrizione="Facoltativo; se indicato servono comune, anno, parte e numero.">
            <CampiAtto form={form} prefisso="vedovanza.atto" />
          </Sezione>
        </>
      )}
      {tipo === '14' && (
        <>
          <Sezione titolo="Cessazione del matrimonio">
            <CampoSelect form={form} nome="cessazione.tipoCessazione" label="Tipo di cessazione" voci={TIPI_CESSAZIONE} obbligatorio aiuto="Tabella 31: separazione, divorzio (cessazione effetti civili / scioglimento), annullamento, nullità." />
          </Sezione>
          <Sezione titolo="Sentenza o accordo" descrizione="Indicare la sentenza (o l'accordo davanti all'avvocato o all'ufficiale di stato civile) oppure l'atto di stato civile.">
            <Riga>
              <Col w={3}>
                <CampoData form={form} nome="cessazione.dataSentenza" label="Data della sentenza" />
              </Col>
              <Col w={3}>
                <CampoTesto form={form} nome="cessazione.numeroSentenza" label="Numero della sentenza" maxLength={20} />
              </Col>
              <Col w={6}>
                <CampoSelect form={form} nome="cessazione.tipoTribunale" label="Autorità (tipo)" voci={TIPI_TRIBUNALE} aiuto="Tabella 32." />
              </Col>
            </Riga>
            <Riga>
              <Col w={8}>
                <CampoTesto form={form} nome="cessazione.autorita" label="Autorità che ha emesso il provvedimento" maxLength={80} aiuto="Es. TRIBUNALE DI ROMA." />
              </Col>
              <Col w={4}>
                <CampoData form={form} nome="cessazione.dataValidita" label="Data di efficacia" aiuto="Passaggio in giudicato o efficacia dell'accordo (gg/mm/aaaa)." />
              </Col>
            </Riga>
          </Sezione>
          <Sezione titolo="Atto di stato civile">
            <CampiAtto form={form} prefisso="cessazione.atto" />
          </Sezione>
        </>
      )}
      {tipo === '1' && (
        <Sezione titolo="Nuove generalità" descrizione="Compilare solo i dati che cambiano: cognome e nome lasciati vuoti restano quelli attuali.">
          <Riga>
            <Col>
              <CampoTesto form={form} nome="generalita.cognome" label="Nuovo cognome" />
            </Col>
            <Col>
              <CampoTesto form={form} nome="generalita.nome" label="Nuovo nome" />
            </Col>
            <Col w={2}>
              <CampoSelect form={form} nome="generalita.sesso" label="Sesso" voci={SESSI} vuota="Invariato" mostraCodice={false} />
            </Col>
            <Col w={2}>
              <CampoData form={form} nome="generalita.dataNascita" label="Data di nascita" />
            </Col>
          </Riga>
          <Riga>
            <Col w={5}>
              <CampoTesto form={form} nome="generalita.codiceFiscale" label="Codice fiscale" maxLength={16} monospace />
            </Col>
            <Col w={7}>
              <CampoSelect form={form} nome="generalita.gestioneCF" label="Gestione del codice fiscale" voci={GESTIONE_CF} vuota="Predefinita (solo verifica)" />
            </Col>
          </Riga>
        </Sezione>
      )}
      {(tipo === '18' || tipo === '19') && (
        <div className="alert alert-warning" role="status">
          Unione civile e scioglimento dell&apos;unione non sono ancora trasmissibili da questo modulo.
        </div>
      )}
    </>
  );
}

export const modulo5008: ModuloPratica<Valori5008> = {
  servizio: '5008',
  titolo: 'Stato civile e generalità',
  descrizione: 'Matrimonio, vedovanza, separazione, divorzio o annullamento, e modifica dei dati anagrafici di un residente.',
  valoriIniziali: valoriIniziali5008,
  schema: schema5008,
  versoPayload: (v) => versoPayload5008(v) as unknown as Record<string, unknown>,
  daPayload: (p) => daPayload5008(p),
  chiaveSoggetto: chiaveSoggetto5008,
  dataDecorrenza: dataDecorrenza5008,
  Campi: Campi5008,
};

export default modulo5008;
