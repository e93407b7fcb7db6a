/**
 * The shape of one ANPR service's definition. Everything the app knows about
 * a service that is not Node-specific lives in its definition file beside
 * this one; the registry, the queue, the labels, the annulment maps, the
 * renderer's lists and the simulator's routing are derived from `SERVIZI`.
 */
import { FAMIGLIE, type Famiglia, type InfoFamiglia } from './famiglie';

/** What the service does, for the clerk and for the code that lists services. */
export type GenereServizio =
  | 'registrazione'
  | 'annullamento'
  | 'revoca'
  | 'consultazione'
  | 'certificazione'
  | 'tabelle'
  | 'diagnostica';

/**
 * How the response body is shaped:
 * - `comune`: Risposta<CODE> = Risposta_Comune | rispostaKO (registrations);
 * - `ok`: Risposta<CODE> = <elementoOk> | rispostaKO (queries);
 * - `6001`: Risposta6001 = Risposta6001OK | Risposta6001KO;
 * - `testconn`: RispostaConnessione{testataRisposta}.
 */
export type FormaRisposta = 'comune' | 'ok' | '6001' | 'testconn';

export interface DefinizioneServizio<C extends string = string> extends InfoFamiglia {
  codice: C;
  /** WSDL operation name. */
  operazione: string;
  /** Value of testataRichiesta/operazioneRichiesta. */
  operazioneRichiesta: string;
  elementoRichiesta: string;
  elementoRisposta: string;
  /** For `forma: 'ok'`, the success child (e.g. Risposta3002_OK). */
  elementoOk?: string;
  formaRisposta: FormaRisposta;
  /** The one Italian title, used everywhere the service is named. */
  titolo: string;
  genere: GenereServizio;
  /**
   * What the clerk's registration changed, as the object of a sentence
   * ("Annulla la composizione della famiglia"), for registrations that can be annulled.
   */
  oggetto?: string;
  /** The annulment service that annuls an accepted pratica of this service. */
  annullataDa?: string;
  /** A declaration of residence: registered within 2 working days, checks concluded within 45 days. */
  dichiarazioneResidenza: boolean;
  /** Registrations (and annulments, revocations) go through the offline queue and are reconciled with 3003. */
  inCoda: boolean;
  /** HTTP timeout, ms. */
  timeoutMs: number;
  /** The response may be MTOM multipart (6001). */
  mtom: boolean;
}

const CONSULTAZIONE_MS = 30_000;
const REGISTRAZIONE_MS = 60_000;

const IN_CODA = ['registrazione', 'annullamento', 'revoca'] as const;
type GenereInCoda = (typeof IN_CODA)[number];

type Opzioni<C extends string, G extends GenereServizio, A extends string | undefined> = Pick<DefinizioneServizio<C>, 'codice' | 'operazione' | 'titolo'> & {
  genere: G;
  annullataDa?: A;
} & Partial<Omit<DefinizioneServizio<C>, 'codice' | 'operazione' | 'titolo' | 'genere' | 'annullataDa' | 'inCoda' | keyof InfoFamiglia>>;

/** A definition with the defaults a service of its family and kind has (the literal code, kind and annulment kept in its type). */
export function definisci<const C extends string, const G extends GenereServizio, const A extends string | undefined = undefined>(
  famiglia: Famiglia,
  o: Opzioni<C, G, A>,
): DefinizioneServizio<C> & { genere: G; inCoda: G extends GenereInCoda ? true : false; annullataDa: A } {
  const inCoda = (IN_CODA as readonly string[]).includes(o.genere);
  const definizione: DefinizioneServizio<C> = {
    ...FAMIGLIE[famiglia],
    operazioneRichiesta: o.codice,
    elementoRichiesta: `Richiesta${o.codice}`,
    elementoRisposta: `Risposta${o.codice}`,
    formaRisposta: inCoda ? 'comune' : 'ok',
    dichiarazioneResidenza: false,
    timeoutMs: inCoda ? REGISTRAZIONE_MS : CONSULTAZIONE_MS,
    mtom: false,
    ...o,
    inCoda,
  };
  return definizione as typeof definizione & { genere: G; inCoda: G extends GenereInCoda ? true : false; annullataDa: A };
}
