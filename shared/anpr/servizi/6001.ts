import { z } from 'zod';
import { el, leaf, leaves } from '../../xml/writer';
import { definisci } from './definizione';
import { wGeneralita } from './elementi';
import { Codice, DataXsd, Generalita, TestataBuilder } from './tipi';

/** The strict input of 6001 (testata included). */
export const Richiesta6001 = z.strictObject({
  testata: TestataBuilder,
  /** Tabella 14: IT/DE/FR/SL. */
  linguaCertificato: z.array(z.string()).optional(),
  /** Tabella 13; more than one = certificato cumulativo. */
  listaTipiCertificati: z.array(Codice),
  generalitaRichiedente: z
    .strictObject({
      generalita: Generalita,
      docRiconoscimento: z.strictObject({ estDocRiconoscimento: z.string(), dataRilascio: DataXsd }).optional(),
    })
    .optional(),
  soggettoIntestatario: z.strictObject({ generalita: Generalita }),
  datiControllo: z.strictObject({
    cognomeUffAnagrafe: z.string(),
    nomeUffAnagrafe: z.string(),
    /** 1 richiedente ≠ intestatario, 2 = intestatario, 3 PA. */
    tipoRichiedente: Codice,
    /** 1 emissione certificato, 2 solo dati. */
    tipoRichiesta: Codice,
    /** 0 no, 1 sì, 2 immigrazione, 3 art. 40 DPR 445, 4 estero. */
    paEstera: Codice,
    /** 1 sportello, 2 online, 3 anteprima. */
    emissione: Codice,
    /** Euro cents, e.g. 1600. */
    bollo: Codice,
    bolloVirtuale: Codice.optional(),
    esenzioneDiritti: Codice.optional(),
    /** Euro cents. */
    diritti: Codice,
    esenzioneBollo: Codice.optional(),
    descrizioneEsenzioneBollo: z.string().optional(),
    listaAnnotazioni: z.array(z.string()).optional(),
    forzaCertificazione: Codice.optional(),
    modalita: Codice.optional(),
    tipoFirmaElettorale: Codice.optional(),
  }),
});
export type Richiesta6001Input = z.infer<typeof Richiesta6001>;

export const servizio6001 = definisci('6001', {
  codice: '6001',
  operazione: 'emissioneCertificato',
  titolo: 'Emissione di certificato',
  genere: 'certificazione',
  formaRisposta: '6001',
  elementoOk: 'Risposta6001OK',
  timeoutMs: 90_000,
  mtom: true,
  input: Richiesta6001,
  corpo: (input) => {
    const d = input.datiControllo;
    const r = input.generalitaRichiedente;
    return [
      input.linguaCertificato && input.linguaCertificato.length > 0 ? el('linguaCertificato', leaves('tipoLinguaCertificato', input.linguaCertificato)) : undefined,
      el('listaTipiCertificati', leaves('tipoCertificato', input.listaTipiCertificati)),
      r &&
        el(
          'generalitaRichiedente',
          wGeneralita('generalita', r.generalita),
          r.docRiconoscimento &&
            el('docRiconoscimento', leaf('estDocRiconoscimento', r.docRiconoscimento.estDocRiconoscimento), leaf('dataRilascio', r.docRiconoscimento.dataRilascio)),
        ),
      el('soggettoIntestatario', wGeneralita('generalita', input.soggettoIntestatario.generalita)),
      el(
        'datiControllo',
        leaf('cognomeUffAnagrafe', d.cognomeUffAnagrafe),
        leaf('nomeUffAnagrafe', d.nomeUffAnagrafe),
        leaf('tipoRichiedente', d.tipoRichiedente),
        leaf('tipoRichiesta', d.tipoRichiesta),
        leaf('paEstera', d.paEstera),
        leaf('emissione', d.emissione),
        leaf('bollo', d.bollo),
        leaf('bolloVirtuale', d.bolloVirtuale),
        leaf('esenzioneDiritti', d.esenzioneDiritti),
        leaf('diritti', d.diritti),
        leaf('esenzioneBollo', d.esenzioneBollo),
        leaf('descrizioneEsenzioneBollo', d.descrizioneEsenzioneBollo),
        d.listaAnnotazioni && d.listaAnnotazioni.length > 0 ? el('listaAnnotazioni', leaves('rigaAnnotazione', d.listaAnnotazioni)) : undefined,
        leaf('forzaCertificazione', d.forzaCertificazione),
        leaf('modalita', d.modalita),
        leaf('tipoFirmaElettorale', d.tipoFirmaElettorale),
      ),
    ];
  },
});
