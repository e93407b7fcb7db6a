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
import { modulo1013, modulo2011, modulo5012 } from './mAnnullamenti';

type QualunqueModulo = ModuloPratica;

export const MODULI: Partial<Record<ServizioPratica, QualunqueModulo>> = {
  '1001': modulo1001 as unknown as QualunqueModulo,
  '1002': modulo1002 as unknown as QualunqueModulo,
  '2001': modulo2001 as unknown as QualunqueModulo,
  '2003': modulo2003 as unknown as QualunqueModulo,
  '5001': modulo5001 as unknown as QualunqueModulo,
  '5005': modulo5005 as unknown as QualunqueModulo,
  '5008': modulo5008 as unknown as QualunqueModulo,
  '1013': modulo1013 as unknown as QualunqueModulo,
  '2011': modulo2011 as unknown as QualunqueModulo,
  '5012': modulo5012 as unknown as QualunqueModulo,
};

export function moduloPer(servizio: string): QualunqueModulo | undefined {
  return MODULI[servizio as ServizioPratica];
}

/** Forms a clerk starts from scratch (annulments start from an accepted pratica). */
export const MODULI_NUOVI: QualunqueModulo[] = (['5005', '1001', '1002', '2001', '2003', '5001', '5008'] as ServizioPratica[])
  .map((s) => MODULI[s])
  .filter((m): m is QualunqueModulo => !!m);
