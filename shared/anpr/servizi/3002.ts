import { z } from 'zod';
import { el, leaf, leaves, opt } from '../../xml/writer';
import { definisci } from './definizione';
import { wComune, wComuneRichiesta, wLocalita, wLuogoNascita3000 } from './elementi';
import { Codice, Comune, ComuneRichiesta, DataXsd, IdFamigliaConvivenzaComune, IdSchedaSoggettoComune, Localita, LuogoNascita3000, TestataBuilder } from './tipi';

export const CriteriRicerca3002 = z.strictObject({
  codiceFiscale: z.string().max(16).optional(),
  cognome: z.string().optional(),
  senzaCognome: z.boolean().optional(),
  nome: z.string().optional(),
  senzaNome: z.boolean().optional(),
  sesso: z.enum(['M', 'F', 'N']).optional(),
  soggettoAIRE: z.string().optional(),
  idSchedaSoggettoComune: IdSchedaSoggettoComune.optional(),
  /** Up to 16 digits: a string, never a number. */
  idSchedaSoggettoANPR: z.string().optional(),
  tipoScheda: Codice.optional(),
  idFamigliaConvivenzaComune: IdFamigliaConvivenzaComune.optional(),
  identificativoANPR: z.string().optional(),
  cartaIdentita3000: z
    .strictObject({ comuneRilascio: ComuneRichiesta.optional(), codiceConsolatoRilascio: z.string().optional(), numero: z.string() })
    .optional(),
  permessoDiSoggiorno3000: z
    .strictObject({
      /** Choice with datiSoggiorno30XX. */
      numeroPassaporto: z.string().optional(),
      datiSoggiorno30XX: z.strictObject({ questuraRilascioSoggiorno: z.string().optional(), numeroSoggiorno: z.string().optional() }).optional(),
    })
    .optional(),
  idANPR: z.string().optional(),
});
export type CriteriRicerca3002 = z.infer<typeof CriteriRicerca3002>;

export const DatiNascita3000 = z.strictObject({
  dataEvento: DataXsd,
  senzaGiorno: z.boolean().optional(),
  senzaGiornoMese: z.boolean().optional(),
  /** If given, `comune` or `localita` is mandatory (xs:choice). */
  luogoNascita: LuogoNascita3000.optional(),
});
export type DatiNascita3000 = z.infer<typeof DatiNascita3000>;

/** The strict input of 3002 (testata included). */
export const Richiesta3002 = z.strictObject({
  testata: TestataBuilder,
  criteriRicerca: CriteriRicerca3002,
  datiNascita: DatiNascita3000.optional(),
  residenzaIscrizioneAIRE: z.strictObject({ comune: Comune.optional(), localita: Localita.optional(), codiceConsolato: z.string().optional() }).optional(),
  datiRichiesta: z.strictObject({
    /** 1 = scheda individuale, 2 = famiglia… */
    schedaAnagraficaRichiesta: Codice,
    dataRiferimentoRichiesta: DataXsd,
    /** Tabella 16: 1 full record, 2 generalità, 3 stato civile… */
    datiAnagraficiRichiesti: z.array(Codice).optional(),
    /** 1 = all comuni, 0 = comune of residence only. */
    ricercaNazionale: Codice.optional(),
    comuneResidenza: Comune.optional(),
    parametriANPR: z.array(z.string()).optional(),
  }),
});
export type Richiesta3002Input = z.infer<typeof Richiesta3002>;

export const servizio3002 = definisci('3000', {
  codice: '3002',
  operazione: 'interrogazioneCittadino_famiglia_convivenza',
  titolo: 'Interrogazione di soggetto, famiglia o convivenza',
  genere: 'consultazione',
  elementoOk: 'Risposta3002_OK',
  input: Richiesta3002,
  corpo: (input) => {
    const c = input.criteriRicerca;
    const n = input.datiNascita;
    const a = input.residenzaIscrizioneAIRE;
    const r = input.datiRichiesta;
    const ps = c.permessoDiSoggiorno3000;
    return [
      el(
        'criteriRicerca',
        leaf('codiceFiscale', c.codiceFiscale),
        leaf('cognome', c.cognome),
        leaf('senzaCognome', c.senzaCognome ? '1' : undefined),
        leaf('nome', c.nome),
        leaf('senzaNome', c.senzaNome ? '1' : undefined),
        leaf('sesso', c.sesso),
        leaf('soggettoAIRE', c.soggettoAIRE),
        c.idSchedaSoggettoComune &&
          el(
            'idSchedaSoggettoComune',
            leaf('idSchedaSoggettoComuneIstat', c.idSchedaSoggettoComune.idSchedaSoggettoComuneIstat),
            leaf('idSchedaSoggetto', c.idSchedaSoggettoComune.idSchedaSoggetto),
          ),
        leaf('idSchedaSoggettoANPR', c.idSchedaSoggettoANPR),
        leaf('tipoScheda', c.tipoScheda),
        c.idFamigliaConvivenzaComune &&
          el(
            'idFamigliaConvivenzaComune',
            leaf('idFamigliaConvivenzaComuneIstat', c.idFamigliaConvivenzaComune.idFamigliaConvivenzaComuneIstat),
            leaf('idFamigliaConvivenza', c.idFamigliaConvivenzaComune.idFamigliaConvivenza),
          ),
        leaf('identificativoANPR', c.identificativoANPR),
        c.cartaIdentita3000 &&
          el(
            'cartaIdentita3000',
            wComuneRichiesta('comuneRilascio', c.cartaIdentita3000.comuneRilascio),
            leaf('codiceConsolatoRilascio', c.cartaIdentita3000.codiceConsolatoRilascio),
            leaf('numero', c.cartaIdentita3000.numero),
          ),
        ps &&
          opt(
            'permessoDiSoggiorno3000',
            ps.numeroPassaporto
              ? leaf('numeroPassaporto', ps.numeroPassaporto)
              : ps.datiSoggiorno30XX &&
                  el(
                    'datiSoggiorno30XX',
                    leaf('questuraRilascioSoggiorno', ps.datiSoggiorno30XX.questuraRilascioSoggiorno),
                    leaf('numeroSoggiorno', ps.datiSoggiorno30XX.numeroSoggiorno),
                  ),
          ),
        leaf('idANPR', c.idANPR),
      ),
      n &&
        el(
          'datiNascita',
          leaf('dataEvento', n.dataEvento),
          leaf('senzaGiorno', n.senzaGiorno ? '1' : undefined),
          leaf('senzaGiornoMese', n.senzaGiornoMese ? '1' : undefined),
          wLuogoNascita3000(n.luogoNascita),
        ),
      a && opt('residenzaIscrizioneAIRE', wComune('comune', a.comune), wLocalita('localita', a.localita), leaf('codiceConsolato', a.codiceConsolato)),
      el(
        'datiRichiesta',
        leaf('schedaAnagraficaRichiesta', r.schedaAnagraficaRichiesta),
        leaf('dataRiferimentoRichiesta', r.dataRiferimentoRichiesta),
        leaves('datiAnagraficiRichiesti', r.datiAnagraficiRichiesti),
        leaf('ricercaNazionale', r.ricercaNazionale),
        wComune('comuneResidenza', r.comuneResidenza),
        leaves('parametriANPR', r.parametriANPR),
      ),
    ];
  },
});
