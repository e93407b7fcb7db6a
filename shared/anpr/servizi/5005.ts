import { z } from 'zod';
import { el, leaf, many } from '../../xml/writer';
import { definisci } from './definizione';
import { pad, wAltraLingua, wDatiProcedimento, wFamigliaConvivenza, wListaControlli, wResidenza, wSoggettoFamiglia } from './elementi';
import { AltraLingua, Codice, DatiProcedimento, FamigliaConvivenza, ListaControlli, Residenza, SoggettoFamiglia, TestataBuilder } from './tipi';

/** The strict input of 5005 (testata included). */
export const Richiesta5005 = z.strictObject({
  testata: TestataBuilder,
  generalitaSchedaFamiglia: FamigliaConvivenza,
  residenzaFamiglia: z.array(Residenza).optional(),
  altraLingua: z.array(AltraLingua).optional(),
  /** Who moves, with their legame in the (new) family. */
  elencoSoggettiFamiglia: z.array(SoggettoFamiglia).optional(),
  datiDelProcedimento: DatiProcedimento.optional(),
  datiControllo: z.strictObject({
    /** Tabella 47 (1 senza fissa dimora, 2 residenza tra comuni, 3 dimora abituale…); written as 2 digits. */
    tipoMutazione: Codice,
    /** 1 existing family/convivenza, 2 new family. */
    tipoScheda: Codice,
    /** e.g. FO=S to force a residence change with the same address. */
    listaControlli: ListaControlli,
  }),
});
export type Richiesta5005Input = z.infer<typeof Richiesta5005>;

export const servizio5005 = definisci('5000', {
  codice: '5005',
  operazione: 'mutazione_residenza',
  titolo: 'Cambio di residenza',
  genere: 'registrazione',
  annullataDa: '5012',
  oggetto: 'il cambio di residenza',
  dichiarazioneResidenza: true,
  input: Richiesta5005,
  corpo: (input) => {
    const d = input.datiControllo;
    return [
      wFamigliaConvivenza('generalitaSchedaFamiglia', input.generalitaSchedaFamiglia),
      many(input.residenzaFamiglia, (r) => wResidenza('residenzaFamiglia', r)),
      many(input.altraLingua, (a) => wAltraLingua('altraLingua', a)),
      many(input.elencoSoggettiFamiglia, (s) => wSoggettoFamiglia('elencoSoggettiFamiglia', s)),
      wDatiProcedimento('datiDelProcedimento', input.datiDelProcedimento),
      el('datiControllo', leaf('tipoMutazione', pad(d.tipoMutazione, 2)), leaf('tipoScheda', d.tipoScheda), wListaControlli(d.listaControlli)),
    ];
  },
});
