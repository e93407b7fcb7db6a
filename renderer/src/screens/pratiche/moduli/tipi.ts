/**
 * The contract between the pratiche screen and each operation form: the
 * form's pure logic (`LogicaModulo`, in shared/anpr/moduli/, one file per
 * service) plus the React component that renders its fields.
 *
 * The screen owns everything else: autosave of drafts, XSD check, "pronta",
 * sending, the ANPR error list. Field components talk to the bridge only for
 * read-only look-ups (decoding tables, the office's comune, 3001 parents).
 */
import type { ComponentType } from 'react';
import type { UseFormReturn, FieldValues } from 'react-hook-form';
import type { ContestoModulo, LogicaModulo } from '../../../../../shared/anpr/moduli/tipi';

export type { ServizioPratica } from '../../../../../shared/anpr/servizi';
export type { ContestoModulo } from '../../../../../shared/anpr/moduli/tipi';

export interface ModuloPratica<V extends FieldValues = FieldValues> extends LogicaModulo<V> {
  Campi: ComponentType<{ form: UseFormReturn<V>; contesto: ContestoModulo }>;
}
