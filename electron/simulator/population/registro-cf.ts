/**
 * Assigns codici fiscali like AE does: the first subject gets the base code; a later
 * subject with the same base gets the first free omocode (standard order).
 */

import { calcolaCodiceFiscale, omocodice, type DatiCodiceFiscale } from '../../../shared/domain/codice-fiscale';

export interface CodiceAssegnato {
  codiceFiscale: string;
  codiceFiscaleBase: string;
  livelloOmocodia: number;
}

export class RegistroCodiciFiscali {
  private readonly usati = new Set<string>();

  assegna(dati: DatiCodiceFiscale): CodiceAssegnato {
    const base = calcolaCodiceFiscale(dati);
    for (let livello = 0; livello <= 7; livello++) {
      const cf = livello === 0 ? base : omocodice(base, livello);
      if (!this.usati.has(cf)) {
        this.usati.add(cf);
        return { codiceFiscale: cf, codiceFiscaleBase: base, livelloOmocodia: livello };
      }
    }
    throw new Error(`Omocodia esaurita per ${base}`);
  }

  has(cf: string): boolean {
    return this.usati.has(cf);
  }

  get size(): number {
    return this.usati.size;
  }
}
