import { z } from 'zod';
import { el, leaf } from '../../xml/writer';
import { definisci } from './definizione';
import { Codice, DataXsd, TestataBuilder } from './tipi';

/**
 * Types of citizen request (tipoIdTipologia): 1 rettifica dati, 2 dichiarazione
 * di residenza, 4 trasferimento in Italia di un cittadino UE, 5 iscrizione
 * elettorale di un cittadino UE, 6 rettifica dati elettorali.
 */
export const TIPOLOGIE_RICHIESTA = ['1', '2', '4', '5', '6'] as const;
export type TipologiaRichiesta = (typeof TIPOLOGIE_RICHIESTA)[number];

/** tipoCodiceRichiesta: digits only, at most 30. */
export const CodiceRichiesta = z.string().regex(/^\d{1,30}$/, { error: 'il codice della richiesta è di sole cifre' });

/** tipoCriteriRicercaP001. ANPR accepts a window of at most 30 days. */
export const CriteriRicercaP001 = z
  .strictObject({
    dataIniziale: DataXsd,
    dataFinale: DataXsd,
    /** Mandatory: one type per call. */
    idTipologia: Codice,
    /** Mandatory element, may be empty: every state. */
    idStatoRichiesta: z.union([z.string().regex(/^\d{0,2}$/), z.number().int().nonnegative().max(99)]).optional(),
    /** xs:choice with flagProrogate. */
    flagInScadenza: z.boolean().optional(),
    flagProrogate: z.boolean().optional(),
  })
  .refine((c) => c.flagInScadenza === undefined || c.flagProrogate === undefined, { error: 'flagInScadenza e flagProrogate sono alternativi' });
export type CriteriRicercaP001 = z.infer<typeof CriteriRicercaP001>;

/** The strict input of P001 (testata included). */
export const RichiestaP001 = z.strictObject({ testata: TestataBuilder, criteriRicerca: CriteriRicercaP001 });
export type RichiestaP001Input = z.infer<typeof RichiestaP001>;

export const servizioP001 = definisci('P000', {
  codice: 'P001',
  operazione: 'elenco',
  titolo: 'Elenco delle richieste dei cittadini',
  genere: 'richiesta_cittadino',
  elementoOk: 'RispostaOKP001',
  input: RichiestaP001,
  corpo: (input) => {
    const c = input.criteriRicerca;
    return [
      el(
        'criteriRicerca',
        leaf('dataIniziale', c.dataIniziale),
        leaf('dataFinale', c.dataFinale),
        leaf('idTipologia', c.idTipologia),
        // Mandatory element whose pattern allows the empty value (every state).
        { name: 'idStatoRichiesta', text: c.idStatoRichiesta === undefined ? '' : String(c.idStatoRichiesta) },
        c.flagInScadenza !== undefined ? leaf('flagInScadenza', String(c.flagInScadenza)) : leaf('flagProrogate', c.flagProrogate === undefined ? undefined : String(c.flagProrogate)),
      ),
    ];
  },
});
