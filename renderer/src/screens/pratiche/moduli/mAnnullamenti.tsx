/** 1013 / 2011 / 5012 — annullamento of an accepted pratica: the fields and the three modules. */
import type { UseFormReturn } from 'react-hook-form';
import { CampiDecorrenza, CampiSoggetto, CampoSelect, CampoSpunta, CampoTesto, Col, Riga, Sezione } from './campi';
import { RIPRISTINI, type ServizioAnnullamento, type ValoriAnnullamento, logicaAnnullamento } from '../../../../../shared/anpr/moduli/mAnnullamenti';
import type { ContestoModulo, ModuloPratica } from './tipi';

function Dato({ etichetta, valore }: { etichetta: string; valore: string }) {
  return (
    <div className="col-12 col-md-3">
      <dt className="campo__label">{etichetta}</dt>
      <dd className="font-monospace">{valore || '—'}</dd>
    </div>
  );
}

function creaCampi(servizio: ServizioAnnullamento) {
  return function CampiAnnullamento({ form }: { form: UseFormReturn<ValoriAnnullamento>; contesto: ContestoModulo }) {
    const v = form.getValues();
    const erroreOp = form.formState.errors.operazioneRichiesta?.message ?? form.formState.errors.idOperazioneANPR?.message ?? form.formState.errors.idOperazioneComune?.message;
    return (
      <>
        <Sezione titolo="Pratica da annullare" descrizione="Dati della pratica accolta da ANPR; non modificabili.">
          <dl className="row g-3 mb-0">
            <Dato etichetta="Servizio" valore={v.operazioneRichiesta} />
            <Dato etichetta="ID operazione del comune" valore={v.idOperazioneComune} />
            <Dato etichetta="ID operazione ANPR" valore={v.idOperazioneANPR} />
            <Dato etichetta="Decorrenza" valore={v.decorrenzaOriginale} />
          </dl>
          {erroreOp && (
            <div className="campo__errore" role="alert">
              {erroreOp}
            </div>
          )}
        </Sezione>
        <Sezione titolo="Annullamento">
          <CampiDecorrenza form={form} />
          <Riga>
            <Col w={3}>
              <CampoTesto form={form} nome="motivo" label="Codice motivo" maxLength={3} aiuto="Facoltativo, al massimo 3 caratteri." />
            </Col>
            <Col w={9}>
              <CampoTesto form={form} nome="note" label="Motivazione" maxLength={240} obbligatorio aiuto="Perché si annulla l'operazione (al massimo 240 caratteri)." />
            </Col>
          </Riga>
          {servizio !== '2011' && <CampoSpunta form={form} nome="annullamentoCF" label="Annullare anche l'attribuzione del codice fiscale" />}
          {servizio === '5012' && <CampoSelect form={form} nome="ripristino" label="Ripristino" voci={RIPRISTINI} vuota={false} mostraCodice={false} />}
        </Sezione>
        <Sezione titolo="Soggetto" descrizione="Il soggetto interessato dalla pratica annullata.">
          <CampiSoggetto form={form} prefisso="soggetto" />
          <CampoTesto form={form} nome="idFamiglia" label="ID ANPR della famiglia" inputMode="numeric" maxLength={16} aiuto="Facoltativo." />
        </Sezione>
      </>
    );
  };
}

function crea(servizio: ServizioAnnullamento): ModuloPratica<ValoriAnnullamento> {
  return { ...logicaAnnullamento(servizio), Campi: creaCampi(servizio) };
}

export const modulo1013 = crea('1013');
export const modulo2011 = crea('2011');
export const modulo5012 = crea('5012');
