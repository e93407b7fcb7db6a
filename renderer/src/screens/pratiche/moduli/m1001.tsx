/** 1001 — iscrizione per nascita: the fields. */
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { CampiAtto, CampiDecorrenza, CampiGeneralita, CampiSoggetto, CampoSelect, SceltaTabella, CampoStato, CampoTesto, Col, Riga, Sezione } from './campi';
import { RELAZIONI_PARENTELA } from '../../../../../shared/anpr/moduli/regole';
import { ATTRIBUZIONI_FAMIGLIA, FILIAZIONI, GESTIONE_CF_NASCITA, ORIGINI_COGNOME, type Valori1001 } from '../../../../../shared/anpr/moduli/m1001';
import { logica1001 } from '../../../../../shared/anpr/moduli/m1001';
import { RicercaGenitori1001 } from './ricerca-genitori';
import type { ContestoModulo, ModuloPratica } from './tipi';

function Campi1001({ form }: { form: UseFormReturn<Valori1001>; contesto: ContestoModulo }) {
  const attribuzione = useWatch({ control: form.control, name: 'attribuzioneFamiglia' });
  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="Di norma la data di nascita o di ricezione della dichiarazione (gg/mm/aaaa)." />
      </Sezione>
      <Sezione titolo="Generalità del nato">
        <CampiGeneralita form={form} prefisso="neonato" />
        <Riga>
          <Col>
            <CampoStato form={form} nome="cittadinanza" label="Cittadinanza" obbligatorio />
          </Col>
          <Col w={8}>
            <CampoSelect form={form} nome="gestioneCF" label="Gestione del codice fiscale" voci={GESTIONE_CF_NASCITA} vuota={false} obbligatorio />
          </Col>
        </Riga>
      </Sezione>
      <Sezione titolo="Atto di nascita" descrizione="Facoltativo; se indicato servono comune, anno, parte e numero.">
        <CampiAtto form={form} prefisso="atto" />
      </Sezione>
      <Sezione titolo="Filiazione">
        <Riga>
          <Col w={6}>
            <CampoSelect form={form} nome="filiazione" label="Filiazione" voci={FILIAZIONI} obbligatorio />
          </Col>
          <Col w={6}>
            <CampoSelect form={form} nome="origineCognome" label="Origine del cognome" voci={ORIGINI_COGNOME} vuota="Non indicata" />
          </Col>
        </Riga>
      </Sezione>
      <Sezione titolo="Padre" descrizione="Residente in ANPR: codice fiscale o ID ANPR, cognome e nome. Lasciare vuoto se non riconosciuto.">
        <CampiSoggetto form={form} prefisso="padre" />
      </Sezione>
      <Sezione titolo="Madre" descrizione="Residente in ANPR: codice fiscale o ID ANPR, cognome e nome. Lasciare vuoto se non riconosciuta.">
        <CampiSoggetto form={form} prefisso="madre" />
      </Sezione>
      <Sezione titolo="Genitori in ANPR" descrizione="Cerca padre e madre tra i residenti in ANPR (servizio 3001) con cognome, nome ed eventuale codice fiscale indicati sopra; il genitore scelto completa i suoi dati e la famiglia del nato.">
        <RicercaGenitori1001 form={form} />
      </Sezione>
      <Sezione titolo="Famiglia di iscrizione" descrizione="Il nato entra in una famiglia o convivenza già esistente.">
        <Riga>
          <Col w={6}>
            <CampoSelect form={form} nome="attribuzioneFamiglia" label="Attribuzione della famiglia" voci={ATTRIBUZIONI_FAMIGLIA} obbligatorio />
          </Col>
          <Col w={6}>
            <CampoTesto
              form={form}
              nome="idFamiglia"
              label="ID ANPR della famiglia o convivenza"
              inputMode="numeric"
              maxLength={16}
              obbligatorio={attribuzione === '4' || attribuzione === '5'}
              aiuto="Obbligatorio per convivenza o altra famiglia; facoltativo altrimenti."
            />
          </Col>
        </Riga>
        {(attribuzione === '4' || attribuzione === '5') && (
          <SceltaTabella form={form} nome="codiceLegame" label="Relazione con l'intestatario" lista={RELAZIONI_PARENTELA} obbligatorio aiuto="Tabella 5 (relazione di parentela)." />
        )}
      </Sezione>
    </>
  );
}

export const modulo1001: ModuloPratica<Valori1001> = { ...logica1001, Campi: Campi1001 };

export default modulo1001;
