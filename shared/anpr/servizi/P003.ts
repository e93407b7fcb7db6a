import { z } from 'zod';
import { el, leaf } from '../../xml/writer';
import { definisci } from './definizione';
import { CodiceRichiesta } from './P001';
import { Codice, TestataBuilder } from './tipi';

/** The characters the XSD allows in `note` (letters, digits, accented letters, punctuation, CR/LF). */
const NOTE = /^[0-9a-zA-Z\u00e0\u00e8\u00e9\u00ec\u00f2\u00f9\u0049\u0069\u008a\u008c\u008e\u009a\u009c\u009e-\u009f\u00c0-\u017e\u0189\r\n,.\-'":;@/\\_() ]*$/;

/**
 * tipoCriteriAggiornamentoP003: a new state (`idStatoRichiesta`) or an
 * extension (`richiestaProroga`, xs:choice), the motive of irricevibilità
 * (Tabella 60) where the state needs one, notes, the operator.
 */
export const CriteriAggiornamentoP003 = z
  .strictObject({
    codiceRichiesta: CodiceRichiesta,
    richiestaProroga: z.boolean().optional(),
    idStatoRichiesta: Codice.optional(),
    /** Tabella 60. */
    idMotivoIrricevibile: Codice.optional(),
    note: z.string().min(1).max(2000).regex(NOTE, { error: 'le note contengono caratteri non ammessi da ANPR' }).optional(),
    /** The Identificativo Unico Nazionale (up to 10 letters and digits). */
    idUnicoNazionale: z.string().regex(/^[0-9a-zA-Z]{0,10}$/).optional(),
    operatore: z.string().min(1),
  })
  .refine((c) => (c.richiestaProroga === undefined) !== (c.idStatoRichiesta === undefined), {
    error: 'indicare il nuovo stato oppure la richiesta di proroga, non entrambi',
  });
export type CriteriAggiornamentoP003 = z.infer<typeof CriteriAggiornamentoP003>;

/** The strict input of P003 (testata included). */
export const RichiestaP003 = z.strictObject({ testata: TestataBuilder, criteriAggiornamento: CriteriAggiornamentoP003 });
export type RichiestaP003Input = z.infer<typeof RichiestaP003>;

export const servizioP003 = definisci('P000', {
  codice: 'P003',
  operazione: 'aggiorna',
  titolo: 'Aggiornamento di una richiesta del cittadino',
  genere: 'richiesta_cittadino',
  // A state change is a pratica of the queue: one id per click, sent exactly once, reconciled if the outcome is unknown.
  inCoda: true,
  elementoOk: 'RispostaOKP003',
  input: RichiestaP003,
  corpo: (input) => {
    const c = input.criteriAggiornamento;
    return [
      el(
        'criteriAggiornamento',
        leaf('codiceRichiesta', c.codiceRichiesta),
        c.richiestaProroga !== undefined ? leaf('richiestaProroga', String(c.richiestaProroga)) : leaf('idStatoRichiesta', c.idStatoRichiesta),
        leaf('idMotivoIrricevibile', c.idMotivoIrricevibile),
        leaf('note', c.note),
        leaf('idUnicoNazionale', c.idUnicoNazionale),
        leaf('operatore', c.operatore),
      ),
    ];
  },
});
