/**
 * The shape of one ANPR service's definition. Everything the app knows about
 * a service that is not Node-specific lives in its definition file beside
 * this one; the registry, the queue, the labels, the annulment maps, the
 * renderer's lists and the simulator's routing are derived from `SERVIZI`.
 */
import type { z } from 'zod';
import { root, serialize, type XmlChild } from '../../xml/writer';
import { FAMIGLIE, type Famiglia, type InfoFamiglia } from './famiglie';
import { testataElement } from './testata';
import type { TestataBuilderInput } from './tipi';

/** Prefix of the namespace-qualified `Richiesta<CODE>` root (its children are unqualified). */
export const PREFISSO_RICHIESTA = 'ns2';

/** What the service does, for the clerk and for the code that lists services. */
export type GenereServizio =
  | 'registrazione'
  | 'annullamento'
  | 'revoca'
  | 'consultazione'
  | 'certificazione'
  | 'tabelle'
  | 'diagnostica'
  /** Citizens' online requests (P001/P002 read them, P003 changes a request's state). */
  | 'richiesta_cittadino';

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
  /**
   * The strict zod schema of the builder's input (XSD element names; unknown
   * keys refused), `testata` included. The queue derives its payload schema from it.
   */
  input: z.ZodType<{ testata: TestataBuilderInput }>;
  /**
   * The body of `Richiesta<CODE>`: the namespace-qualified root, the testata
   * (operazioneRichiesta defaulting to the service's), then the children in
   * xs:sequence order.
   */
  costruisci(input: never): string;
}

/** What a service definition gives: the schema of its input and the request children after the testata. */
interface Costruzione<S extends z.ZodType<{ testata: TestataBuilderInput }>> {
  input: S;
  /** The children of `Richiesta<CODE>` after `testataRichiesta`, in xs:sequence order. */
  corpo: (input: z.infer<S>) => XmlChild[];
}

const CONSULTAZIONE_MS = 30_000;
const REGISTRAZIONE_MS = 60_000;

const IN_CODA = ['registrazione', 'annullamento', 'revoca'] as const;
type GenereInCoda = (typeof IN_CODA)[number];

type Opzioni<C extends string, G extends GenereServizio, A extends string | undefined, Q extends boolean> = Pick<DefinizioneServizio<C>, 'codice' | 'operazione' | 'titolo'> & {
  genere: G;
  annullataDa?: A;
  /**
   * Through the queue although not a registration: P003 changes a request's state, once per click, reconciled like a
   * registration (its answer keeps the `ok` shape).
   */
  inCoda?: Q;
} & Partial<Omit<DefinizioneServizio<C>, 'codice' | 'operazione' | 'titolo' | 'genere' | 'annullataDa' | 'inCoda' | 'input' | 'costruisci' | keyof InfoFamiglia>>;

/** A definition with the defaults a service of its family and kind has (the literal code, kind, annulment and input schema kept in its type). */
export function definisci<
  const C extends string,
  const G extends GenereServizio,
  S extends z.ZodType<{ testata: TestataBuilderInput }>,
  const A extends string | undefined = undefined,
  const Q extends boolean = G extends GenereInCoda ? true : false,
>(
  famiglia: Famiglia,
  o: Opzioni<C, G, A, Q> & Costruzione<S>,
): Omit<DefinizioneServizio<C>, 'input' | 'costruisci'> & {
  genere: G;
  inCoda: Q;
  annullataDa: A;
  input: S;
  costruisci(input: z.infer<S>): string;
} {
  const registrazione = (IN_CODA as readonly string[]).includes(o.genere);
  const inCoda = o.inCoda ?? registrazione;
  const { corpo, ...opzioni } = o;
  const definizione = {
    ...FAMIGLIE[famiglia],
    operazioneRichiesta: o.codice,
    elementoRichiesta: `Richiesta${o.codice}`,
    elementoRisposta: `Risposta${o.codice}`,
    formaRisposta: registrazione ? 'comune' : 'ok',
    dichiarazioneResidenza: false,
    timeoutMs: inCoda ? REGISTRAZIONE_MS : CONSULTAZIONE_MS,
    mtom: false,
    ...opzioni,
    inCoda,
  } satisfies Omit<DefinizioneServizio<C>, 'costruisci'>;
  const costruisci = (input: z.infer<S>): string => {
    const t = { ...input.testata, operazioneRichiesta: input.testata.operazioneRichiesta ?? definizione.operazioneRichiesta };
    return serialize(root(PREFISSO_RICHIESTA, definizione.elementoRichiesta, definizione.namespace, testataElement(t), ...corpo(input)));
  };
  return { ...definizione, costruisci } as typeof definizione & {
    genere: G;
    inCoda: Q;
    annullataDa: A;
    input: S;
    costruisci(input: z.infer<S>): string;
  };
}
