/**
 * Plain, JSON-serialisable types of the synthetic population (stored by the simulator
 * in SQLite). Codes are strings, as in the ANPR tables and XML; dates are ISO yyyy-mm-dd;
 * ANPR ids are digit strings (up to 16 digits, some above 2^53: never parse them as numbers).
 */

import type { IsoDate } from '../../../shared/domain/date-it';
import type { Sesso } from '../../../shared/domain/codice-fiscale';
import type { TipoAnomalia } from './anomalie';

export type LuogoNascita =
  | {
      tipo: 'comune';
      codiceIstat: string;
      belfiore: string;
      nomeComune: string;
      siglaProvincia: string;
    }
  | {
      tipo: 'estero';
      /** 3-digit ISTAT state code (Tabella 2 CODISTAT). */
      codiceStato: string;
      belfiore: string;
      descrizioneStato: string;
    };

export interface Cittadinanza {
  /** 3-digit ISTAT state code: '100' = Italia. */
  codiceStato: string;
  descrizioneStato: string;
}

export interface StatoCivile {
  /** Tabella 1 code: '1' celibe/nubile, '2' coniugato/a, '3' vedovo/a, '4' divorziato/a, '6' unito civilmente. */
  codice: string;
  descrizione: string;
  /** Date of the event that set the status (marriage, union, spouse's death, divorce); null for '1'. */
  dataEvento: IsoDate | null;
  /** idSchedaSoggettoANPR of the spouse / civil partner (both in the population), for '2' and '6'. */
  coniugeId: string | null;
}

export interface AnomaliaSoggetto {
  codice: string;
  tipo: TipoAnomalia;
  testo: string;
}

export interface LegameSoggetto {
  /** 3 = famiglia, 4 = convivenza. */
  tipoLegame: '3' | '4';
  idFamigliaConvivenzaANPR: string;
  /** Tabella 5 (famiglia) or Tabella 6 (convivenza) code. */
  codiceLegame: string;
  descrizioneLegame: string;
  progressivoComponente: number;
  dataDecorrenza: IsoDate;
}

export interface Persona {
  idSchedaSoggettoANPR: string;
  idSchedaSoggettoComune: string;
  codiceFiscale: string;
  /** Same as codiceFiscale unless omocode. */
  codiceFiscaleBase: string;
  livelloOmocodia: number;
  /** '1' validated by AE, '9' not validated. */
  validitaCF: '1' | '9';
  cognome: string;
  nome: string;
  sesso: Sesso;
  dataNascita: IsoDate;
  luogoNascita: LuogoNascita;
  cittadinanze: Cittadinanza[];
  statoCivile: StatoCivile;
  /** idSchedaSoggettoANPR of parents present in the population, else null. */
  padreId: string | null;
  madreId: string | null;
  legame: LegameSoggetto;
  indirizzoId: string;
  dataDecorrenzaResidenza: IsoDate;
  /** Tabella 7 code (1 nascita, 3 immigrazione, 4 immigrazione dall'estero). */
  motivoIscrizione: string;
  anomalie: AnomaliaSoggetto[];
}

export interface Famiglia {
  tipo: 'famiglia';
  idFamigliaConvivenzaANPR: string;
  idFamigliaConvivenzaComune: string;
  intestatarioId: string;
  /** Tabella 26 code, null when not meaningful (one-person family). */
  motivoCostituzione: string | null;
  dataOrigine: IsoDate;
  indirizzoId: string;
  /** Member ids ordered by progressivoComponente (intestatario first). */
  componenti: string[];
}

export interface Convivenza {
  tipo: 'convivenza';
  idFamigliaConvivenzaANPR: string;
  idFamigliaConvivenzaComune: string;
  denominazione: string;
  /** Tabella 27 code. */
  specieConvivenza: string;
  descrizioneSpecie: string;
  responsabileId: string;
  dataOrigine: IsoDate;
  indirizzoId: string;
  componenti: string[];
}

export interface Indirizzo {
  id: string;
  /** Tabella 25: '1' residenza. */
  tipoIndirizzo: string;
  comune: { codiceIstat: string; belfiore: string; nomeComune: string; siglaProvincia: string };
  cap: string | null;
  toponimo: {
    /** Tabella 4 code. */
    codSpecie: string;
    specie: string;
    denominazioneToponimo: string;
  };
  numeroCivico: {
    numero: string;
    lettera: string | null;
    esponente1: string | null;
    civicoInterno: string | null;
    /** Scala and piano of the civicoInterno, when the comune registered them (absent in generated addresses). */
    scala?: string | null;
    piano?: string | null;
  };
}

export interface OpzioniPopolazione {
  /** ISTAT code of the served comune (must be valid at referenceDate). */
  comuneIstat: string;
  size: number;
  seed: number | string;
  /** "Today" for the population (ages, dates ≤ this). */
  referenceDate: IsoDate;
  /** CAP of the served comune (not in the ANPR tables); null if omitted. */
  cap?: string;
  /** Forced omocodia cases (default: 1 + size / 5000). */
  omocodieForzate?: number;
  /** Share of persons with an open anomaly (default 0.02). */
  quotaAnomalie?: number;
}

export interface Popolazione {
  versione: 1;
  seed: number | string;
  referenceDate: IsoDate;
  comune: { codiceIstat: string; belfiore: string; nomeComune: string; siglaProvincia: string };
  persone: Persona[];
  famiglie: Famiglia[];
  convivenze: Convivenza[];
  indirizzi: Indirizzo[];
}
