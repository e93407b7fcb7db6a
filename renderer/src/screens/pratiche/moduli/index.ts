/**
 * Every operation form module, by ANPR service code (see tipi.ts for the
 * contract). The pratiche screen finds the form of a pratica here.
 */
import type { ModuloPratica, ServizioPratica } from './tipi';
import modulo1001 from './m1001';
import modulo1002 from './m1002';
import modulo2001 from './m2001';
import modulo2003 from './m2003';
import modulo5001 from './m5001';
import modulo5005 from './m5005';
import modulo5008 from './m5008';
import modulo5013 from './m5013';
import { modulo1013, modulo2011, modulo5012 } from './mAnnullamenti';
import modulo5005AltroComune from './m5005altroComune';
import { VARIANTE_ALTRO_COMUNE } from '../../../../../shared/anpr/moduli/m5005altroComune';

/**
 * A form with its values' type erased: the screen gives each form only the
 * values its own `valoriIniziali`/`daPayload` made and its own schema checked.
 * `any` because react-hook-form's `UseFormReturn<V>` is invariant in V.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type QualunqueModulo = ModuloPratica<any>;

export const MODULI: Partial<Record<ServizioPratica, QualunqueModulo>> = {
  '1001': modulo1001,
  '1002': modulo1002,
  '2001': modulo2001,
  '2003': modulo2003,
  '5001': modulo5001,
  '5005': modulo5005,
  '5008': modulo5008,
  '5013': modulo5013,
  '1013': modulo1013,
  '2011': modulo2011,
  '5012': modulo5012,
};

/** Forms that are a variant of a service's form (same service, other fields), by `servizio:variante`. */
const VARIANTI: Record<string, QualunqueModulo> = {
  [`5005:${VARIANTE_ALTRO_COMUNE}`]: modulo5005AltroComune,
};

/** The variant a stored pratica was written by (its `variante`, or the draft values' `variante`). */
export function varianteDi(pratica: { variante?: string | null; valoriModulo?: Record<string, unknown> | null } | null | undefined): string | null {
  const v = pratica?.variante ?? pratica?.valoriModulo?.['variante'];
  return typeof v === 'string' ? v : null;
}

export function moduloPer(servizio: string, variante?: string | null): QualunqueModulo | undefined {
  return (variante ? VARIANTI[`${servizio}:${variante}`] : undefined) ?? MODULI[servizio as ServizioPratica];
}

/** The new-pratica menu: each form a clerk starts from scratch, a variant as its own choice. */
export const VOCI_NUOVE: { valore: string; servizio: ServizioPratica; variante: string | null; titolo: string }[] = [
  { valore: '5005', servizio: '5005', variante: null, titolo: modulo5005.titolo },
  { valore: `5005:${VARIANTE_ALTRO_COMUNE}`, servizio: '5005', variante: VARIANTE_ALTRO_COMUNE, titolo: modulo5005AltroComune.titolo },
  ...(['1001', '1002', '2001', '2003', '5001', '5008', '5013'] as ServizioPratica[]).map((s) => ({ valore: s, servizio: s, variante: null, titolo: MODULI[s]!.titolo })),
];

/** Forms a clerk starts from scratch (annulments start from an accepted pratica). */
export const MODULI_NUOVI: QualunqueModulo[] = (['5005', '1001', '1002', '2001', '2003', '5001', '5008', '5013'] as ServizioPratica[])
  .map((s) => MODULI[s])
  .filter((m): m is QualunqueModulo => !!m);
