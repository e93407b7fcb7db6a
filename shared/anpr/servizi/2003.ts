import { z } from 'zod';
import { el, leaf, many, opt } from '../../xml/writer';
import { definisci } from './definizione';
import { wAltriDati, wComune, wDatiProcedimento, wGeneralita, wListaControlli, wLocalita, wSentenza, wSoggettoFamiglia } from './elementi';
import { AltriDati, Codice, ComuneOLocalita, DataXsd, DatiProcedimento, Generalita, ListaControlli, Sentenza, SoggettoFamiglia, TestataBuilder } from './tipi';

/** The strict input of 2003 (testata included). */
export const Richiesta2003 = z.strictObject({
  testata: TestataBuilder,
  datiCancellazione: z.strictObject({
    /** Tabella 15: 3 comune non subentrato, 5 estero, 6 irreperibilità… */
    motivoCancellazione: Codice,
    notecancellazione: z.string().optional(),
    dataDecorrenzaCancellazione: DataXsd,
    datiSentenza: Sentenza.optional(),
  }),
  generalitaPerRicerca: Generalita,
  /** Choice: comune or localita. */
  destinazione: ComuneOLocalita.optional(),
  elencoSoggetti: z.array(SoggettoFamiglia).optional(),
  altriDati: AltriDati.optional(),
  datiDelProcedimento: DatiProcedimento.optional(),
  datiControllo: z.strictObject({ ruoloSoggetto: Codice, listaControlli: ListaControlli }),
});
export type Richiesta2003Input = z.infer<typeof Richiesta2003>;

export const servizio2003 = definisci('2000', {
  codice: '2003',
  operazione: 'cancellazione_AltriMotivi',
  titolo: 'Cancellazione per altri motivi',
  genere: 'registrazione',
  annullataDa: '2011',
  oggetto: 'la cancellazione',
  input: Richiesta2003,
  corpo: (input) => {
    const c = input.datiCancellazione;
    const dst = input.destinazione;
    return [
      el(
        'datiCancellazione',
        leaf('motivoCancellazione', c.motivoCancellazione),
        leaf('notecancellazione', c.notecancellazione),
        leaf('dataDecorrenzaCancellazione', c.dataDecorrenzaCancellazione),
        wSentenza('datiSentenza', c.datiSentenza),
      ),
      wGeneralita('generalitaPerRicerca', input.generalitaPerRicerca),
      dst && opt('destinazione', dst.comune ? wComune('comune', dst.comune) : wLocalita('localita', dst.localita)),
      many(input.elencoSoggetti, (s) => wSoggettoFamiglia('elencoSoggetti', s)),
      wAltriDati('altriDati', input.altriDati),
      wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
      el('datiControllo', leaf('ruoloSoggetto', input.datiControllo.ruoloSoggetto), wListaControlli(input.datiControllo.listaControlli)),
    ];
  },
});
