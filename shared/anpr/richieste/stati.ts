/**
 * The state machine of the citizens' online requests (P000), in ONE data
 * structure: for each type of request, from each state, the states the comune
 * may set with P003 and what each change needs (notes, a motive). Change it
 * here; the handler, the tests and docs/simulator.md follow.
 *
 * Sources: the state diagram of anpr#3043 (flusso_stati_pratica_cittadino.pdf),
 * anpr#3130 (10 is internal), anpr#3219 (3 → 4 refused; irricevibile only
 * before taking in charge; rejection after it: accolta con riserva → preavviso
 * di rigetto → annullata, always with notes), anpr#3134 (sospesa needs notes:
 * Esito 12004), anpr#3347 and anpr#3542 (one suspension; from 7 only 5 or 4),
 * anpr#4386 (6 → 4 and 6 → 7 refused to the comune, Esito 12003).
 * What the sources leave open is marked "assumed" and listed in docs/simulator.md.
 */
import type { TipologiaRichiesta } from '../servizi/P001';

/** The types of request (tipoIdTipologia), in Italian. */
export const TITOLI_TIPOLOGIA: Readonly<Record<TipologiaRichiesta, string>> = {
  '1': 'Rettifica dati',
  '2': 'Dichiarazione di residenza',
  '4': 'Trasferimento in Italia di un cittadino UE',
  '5': 'Iscrizione elettorale di un cittadino UE',
  '6': 'Rettifica dati elettorali',
};

/** The states (tipoIdStatoRichiesta; Tabella 58 for residence declarations). */
export const STATI_RICHIESTA = {
  '1': 'Bozza',
  '2': 'Aperta',
  '3': 'In lavorazione',
  '4': 'Annullata',
  '5': 'Accolta definitivamente',
  '6': 'Sospesa',
  '7': 'Integrata',
  /** Assumed code (the sources name the state, not its number). */
  '8': 'Irricevibile',
  /** Assumed code (the sources name the state, not its number). */
  '9': 'Preavviso di rigetto',
  '10': 'Sospesa in verifica',
  '12': 'Accolta con riserva',
} as const;
export type StatoRichiesta = keyof typeof STATI_RICHIESTA;

export const APERTA: StatoRichiesta = '2';
export const SOSPESA: StatoRichiesta = '6';
export const INTEGRATA: StatoRichiesta = '7';
/** States after which nothing can change: the request is closed (dataChiusura). */
export const STATI_FINALI: readonly StatoRichiesta[] = ['4', '5', '8'];

export interface Transizione {
  /** Notes mandatory (their absence: EN148 "… Esito: 12004"). */
  note?: true;
  /** An idMotivoIrricevibile (Tabella 60) mandatory. */
  motivo?: true;
}

/** From state → to state → what the change needs. A pair not listed is refused (EN148 "… Esito: 12003"). */
export type Macchina = Partial<Record<StatoRichiesta, Partial<Record<StatoRichiesta, Transizione>>>>;

/** Residence declaration (2) and, assumed, the transfer of an EU citizen (4), which ends in the same registration. */
const RESIDENZA: Macchina = {
  '2': { '3': {}, '8': { note: true, motivo: true } },
  '3': { '12': {} },
  '12': { '5': {}, '6': { note: true }, '9': { note: true } },
  // 6 → 7 is the citizen's (admin endpoint /__admin/richieste/<codice>/integra), never the comune's.
  '7': { '5': {}, '4': { note: true } },
  '9': { '4': { note: true }, '5': {} /* assumed: the citizen's observations are accepted */ },
};

/**
 * Data corrections (1), assumed also for the electoral requests (5, 6): no
 * registration with reserve; taken in charge, then accepted or rejected with
 * notes; one suspension for the citizen to supplement.
 */
const RETTIFICA: Macchina = {
  '2': { '3': {}, '8': { note: true, motivo: true } },
  '3': { '5': {}, '4': { note: true }, '6': { note: true } },
  '7': { '5': {}, '4': { note: true } },
};

export const MACCHINE: Readonly<Record<TipologiaRichiesta, Macchina>> = { '1': RETTIFICA, '2': RESIDENZA, '4': RESIDENZA, '5': RETTIFICA, '6': RETTIFICA };

/** Types whose deadline can be extended with richiestaProroga (data corrections expire after 30 days). */
export const PROROGABILI: readonly TipologiaRichiesta[] = ['1', '6'];

/** Days of each deadline: residence 2 working days to take in charge, then 45; corrections 30 (+30 per extension). */
export const GIORNI = { presaInCarico: 2, conclusioneResidenza: 45, rettifica: 30, proroga: 30, avvisoScadenza: 3 } as const;

/**
 * Tabella 60 (motivi di irricevibilità) is not among the tables shipped in
 * resources/anpr/tabelle: these codes are assumed until it is.
 */
export const MOTIVI_IRRICEVIBILITA: Readonly<Record<string, string>> = {
  '1': 'Dichiarazione incompleta',
  '2': 'Dichiarazione non sottoscritta',
  '3': 'Documento di identità mancante o non valido',
  '4': 'Dichiarazione già presentata',
  '99': 'Altro',
};

/**
 * What the comune does when it sets each state, as the label of the action
 * the request sheet offers ("Prendi in carico" sets 3).
 */
export const AZIONI_STATO: Readonly<Partial<Record<StatoRichiesta, string>>> = {
  '3': 'Prendi in carico',
  '12': 'Accogli con riserva',
  '5': 'Accogli definitivamente',
  '6': "Sospendi per l'integrazione",
  '9': 'Invia il preavviso di rigetto',
  '4': 'Annulla (rigetto)',
  '8': 'Dichiara irricevibile',
};

export function transizione(tipologia: TipologiaRichiesta, da: string, a: string): Transizione | undefined {
  return (MACCHINE[tipologia][da as StatoRichiesta] ?? {})[a as StatoRichiesta];
}

/** Every (from, to) pair the comune may set for a type. */
export function transizioniAmmesse(tipologia: TipologiaRichiesta): { da: StatoRichiesta; a: StatoRichiesta; t: Transizione }[] {
  return Object.entries(MACCHINE[tipologia]).flatMap(([da, tos]) =>
    Object.entries(tos ?? {}).map(([a, t]) => ({ da: da as StatoRichiesta, a: a as StatoRichiesta, t: t! })),
  );
}
