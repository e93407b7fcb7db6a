import { z } from 'zod';
import { el, leaf, type XmlChild } from '../../xml/writer';
import { definisci } from './definizione';
import { wCittadinanza, wGeneralita } from './elementi';
import { Cittadinanza, Codice, Generalita, TestataBuilder } from './tipi';

/** A parent searched by 3001: generalità and cittadinanza, both optional. */
export const Genitore3001 = z.strictObject({ generalita: Generalita.optional(), cittadinanza: Cittadinanza.optional() });
export type Genitore3001 = z.infer<typeof Genitore3001>;

function wGenitore3001(name: string, g: Genitore3001 | undefined): XmlChild {
  if (!g) return undefined;
  return el(name, wGeneralita('generalita', g.generalita), wCittadinanza('cittadinanza', g.cittadinanza));
}

/** The strict input of 3001 (testata included). */
export const Richiesta3001 = z.strictObject({
  testata: TestataBuilder,
  paternita: Genitore3001.optional(),
  maternita: Genitore3001.optional(),
  /** Flags (numerico 1) telling ANPR which data to use for the search. */
  datiControlli: z.strictObject({
    pPadre: Codice,
    pCodiceFiscalePadre: Codice,
    pCognomePadre: Codice.optional(),
    pMadre: Codice,
    pCognomeMadre: Codice,
    pCodiceFiscaleMadre: Codice,
  }),
});
export type Richiesta3001Input = z.infer<typeof Richiesta3001>;

export const servizio3001 = definisci('3000', {
  codice: '3001',
  operazione: 'richiesta_paternita_maternita',
  titolo: 'Ricerca di paternità e maternità',
  genere: 'consultazione',
  elementoOk: 'Risposta3001_OK',
  input: Richiesta3001,
  corpo: (input) => {
    const c = input.datiControlli;
    return [
      wGenitore3001('paternita', input.paternita),
      wGenitore3001('maternita', input.maternita),
      el(
        'datiControlli',
        leaf('pPadre', c.pPadre),
        leaf('pCodiceFiscalePadre', c.pCodiceFiscalePadre),
        leaf('pCognomePadre', c.pCognomePadre),
        leaf('pMadre', c.pMadre),
        leaf('pCognomeMadre', c.pCognomeMadre),
        leaf('pCodiceFiscaleMadre', c.pCodiceFiscaleMadre),
      ),
    ];
  },
});
