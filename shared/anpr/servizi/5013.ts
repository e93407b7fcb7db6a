import { z } from 'zod';
import { el, leaf } from '../../xml/writer';
import { definisci } from './definizione';
import { pad, wCensimento, wDomicilioDigitale, wGeneralita, wListaControlli, wMatrimonio, wPermessoSoggiorno, wUnioneCivile } from './elementi';
import { Censimento, Codice, DomicilioDigitale, Generalita, ListaControlli, Matrimonio, PermessoSoggiorno, TestataBuilder, UnioneCivile } from './tipi';

/** The strict input of 5013 (testata included). */
export const Richiesta5013 = z.strictObject({
  testata: TestataBuilder,
  /**
   * The subject whose datum is revoked and, for the data that are blocks of
   * the sheet (marriage, civil union, permit, census, digital domicile), the
   * block as ANPR holds it. Paternity and maternity (tipoRevoca 1, 2) need
   * only the subject. The XSD's other choice, `famigliaConvivenza`, is not supported.
   */
  schedaSoggetto: z.strictObject({
    generalitaPerRicerca: Generalita,
    matrimonio: Matrimonio.optional(),
    unioneCivile: UnioneCivile.optional(),
    permessoSoggiorno: PermessoSoggiorno.optional(),
    censimento: Censimento.optional(),
    domicilioDigitale: DomicilioDigitale.optional(),
  }),
  /** Tabella 49 motivoRevoca (1 errore materiale, 2 revoca, 3 altro) and a note (≤ 80 characters). */
  motivoAnnullamento: z.strictObject({ motivoRevoca: Codice, noteRevoca: z.string().max(80).optional() }),
  /** Tabella 48 tipoRevoca: which datum is revoked (1 paternità … 9 tutore o responsabile della convivenza); written as 2 digits. */
  datiControllo: z.strictObject({ tipoRevoca: Codice, listaControlli: ListaControlli }),
});
export type Richiesta5013Input = z.infer<typeof Richiesta5013>;

export const servizio5013 = definisci('5000', {
  codice: '5013',
  operazione: 'revoca_dato',
  titolo: 'Revoca di un dato',
  genere: 'revoca',
  input: Richiesta5013,
  corpo: (input) => {
    const s = input.schedaSoggetto;
    const m = input.motivoAnnullamento;
    return [
      el(
        'schedaSoggetto',
        wGeneralita('generalitaPerRicerca', s.generalitaPerRicerca),
        wMatrimonio('matrimonio', s.matrimonio),
        // convivenzaDiFatto (not supported) comes here, in the XSD sequence.
        wUnioneCivile('unioneCivile', s.unioneCivile),
        wPermessoSoggiorno('permessoSoggiorno', s.permessoSoggiorno),
        wCensimento('censimento', s.censimento),
        wDomicilioDigitale('domicilioDigitale', s.domicilioDigitale),
      ),
      el('motivoAnnullamento', leaf('motivoRevoca', m.motivoRevoca), leaf('noteRevoca', m.noteRevoca)),
      el('datiControllo', leaf('tipoRevoca', pad(input.datiControllo.tipoRevoca, 2)), wListaControlli(input.datiControllo.listaControlli)),
    ];
  },
});
