/** 5008 — stato civile (matrimonio, vedovanza, cessazione del matrimonio, unione civile e scioglimento) e generalità: the fields. */
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { CampiAtto, CampiDecorrenza, CampiLuogo, CampiSoggetto, CampoData, CampoSelect, SceltaTabella, CampoTesto, Col, Riga, SESSI, Sezione } from './campi';
import { GESTIONE_CF, MOTIVI_SCIOGLIMENTO_UNIONE, TIPI_CESSAZIONE, TIPI_MUTAZIONE_5008, conSentenzaScioglimento, type Valori5008 } from '../../../../../shared/anpr/moduli/m5008';
import { logica5008 } from '../../../../../shared/anpr/moduli/m5008';
import { TIPI_TRIBUNALE } from '../../../../../shared/anpr/moduli/regole';
import type { ContestoModulo, ModuloPratica } from './tipi';

function Campi5008({ form }: { form: UseFormReturn<Valori5008>; contesto: ContestoModulo }) {
  const tipo = useWatch({ control: form.control, name: 'tipoMutazione' });
  const motivoScioglimento = useWatch({ control: form.control, name: 'scioglimento.motivo' }) ?? '';
  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} />
        <SceltaTabella
          form={form}
          nome="tipoMutazione"
          label="Tipo di mutazione"
          lista={TIPI_MUTAZIONE_5008}
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
            <SceltaTabella form={form} nome="cessazione.tipoCessazione" label="Tipo di cessazione" lista={TIPI_CESSAZIONE} obbligatorio aiuto="Tabella 31: separazione, divorzio (cessazione effetti civili / scioglimento), annullamento, nullità." />
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
                <SceltaTabella form={form} nome="cessazione.tipoTribunale" label="Autorità (tipo)" lista={TIPI_TRIBUNALE} aiuto="Tabella 32." />
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
      {tipo === '18' && (
        <>
          <Sezione
            titolo="Altra parte dell'unione civile"
            descrizione="Persona dello stesso sesso del soggetto. Se è in ANPR basta il codice fiscale o l'ID con cognome e nome; altrimenti indicare anche sesso e data di nascita."
          >
            <CampiSoggetto form={form} prefisso="unioneCivile.parte" />
          </Sezione>
          <Sezione titolo="Costituzione dell'unione civile">
            <Riga>
              <Col>
                <CampoData form={form} nome="unioneCivile.data" label="Data di costituzione dell'unione" obbligatorio />
              </Col>
            </Riga>
            <CampiLuogo form={form} prefisso="unioneCivile.luogo" titolo="Luogo di costituzione dell'unione" campoData="unioneCivile.data" />
          </Sezione>
          <Sezione titolo="Atto di unione civile" descrizione="Facoltativo; se indicato servono comune, anno, parte e numero.">
            <CampiAtto form={form} prefisso="unioneCivile.atto" />
          </Sezione>
        </>
      )}
      {tipo === '19' && (
        <>
          <Sezione titolo="Scioglimento dell'unione civile">
            <SceltaTabella
              form={form}
              nome="scioglimento.motivo"
              label="Motivo dello scioglimento"
              lista={MOTIVI_SCIOGLIMENTO_UNIONE}
              obbligatorio
              aiuto="Tabella 43: con la sentenza si indicano i dati del provvedimento, negli altri casi la data e l'atto dell'evento."
            />
          </Sezione>
          <Sezione titolo="Altra parte dell'unione civile" descrizione="Deve corrispondere all'unione registrata in ANPR: basta il codice fiscale o l'ID con cognome e nome.">
            <CampiSoggetto form={form} prefisso="scioglimento.parte" />
          </Sezione>
          {conSentenzaScioglimento(motivoScioglimento) ? (
            <Sezione titolo="Sentenza">
              <Riga>
                <Col w={3}>
                  <CampoData form={form} nome="scioglimento.dataSentenza" label="Data della sentenza" obbligatorio />
                </Col>
                <Col w={3}>
                  <CampoTesto form={form} nome="scioglimento.numeroSentenza" label="Numero della sentenza" maxLength={20} />
                </Col>
                <Col w={6}>
                  <SceltaTabella form={form} nome="scioglimento.tipoTribunale" label="Autorità (tipo)" lista={TIPI_TRIBUNALE} obbligatorio aiuto="Tabella 32." />
                </Col>
              </Riga>
              <Riga>
                <Col w={8}>
                  <CampoTesto form={form} nome="scioglimento.autorita" label="Autorità che ha emesso la sentenza" maxLength={80} obbligatorio aiuto="Es. TRIBUNALE DI ROMA." />
                </Col>
                <Col w={4}>
                  <CampoData form={form} nome="scioglimento.dataValidita" label="Data di passaggio in giudicato" obbligatorio />
                </Col>
              </Riga>
            </Sezione>
          ) : (
            motivoScioglimento !== '' && (
              <>
                <Sezione titolo={motivoScioglimento === '98' ? "Morte dell'altra parte" : 'Evento di scioglimento'}>
                  <Riga>
                    <Col>
                      <CampoData
                        form={form}
                        nome="scioglimento.dataEvento"
                        label={motivoScioglimento === '98' ? "Data di morte dell'altra parte" : 'Data dello scioglimento'}
                        obbligatorio
                      />
                    </Col>
                  </Riga>
                  <CampiLuogo form={form} prefisso="scioglimento.luogo" titolo="Luogo (facoltativo)" campoData="scioglimento.dataEvento" />
                </Sezione>
                <Sezione titolo={motivoScioglimento === '98' ? 'Atto di morte' : 'Atto di scioglimento'} descrizione="Facoltativo; se indicato servono comune, anno, parte e numero.">
                  <CampiAtto form={form} prefisso="scioglimento.atto" />
                </Sezione>
              </>
            )
          )}
        </>
      )}
    </>
  );
}

export const modulo5008: ModuloPratica<Valori5008> = { ...logica5008, Campi: Campi5008 };

export default modulo5008;
