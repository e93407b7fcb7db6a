/**
 * Real ANPR anomaly codes used to seed open anomalies on synthetic subjects
 * (returned by the simulator's 3002 in `erroriAnomalie`). Texts are copied verbatim
 * from the official lists (see `fonte`; checked by the tests against the reference CSVs).
 */

export type TipoAnomalia = 'W' | 'E';

export interface VoceAnomalia {
  codice: string;
  tipo: TipoAnomalia;
  testo: string;
  /** Reference file under ../shared/anpr/errori (beside the repository) holding the text. */
  fonte: string;
  /** Which subjects it may be attached to. */
  applicabile: 'tutti' | 'coniugati';
  peso: number;
}

export const CATALOGO_ANOMALIE: readonly VoceAnomalia[] = [
  {
    codice: 'EA029',
    tipo: 'W',
    testo: 'Codice fiscale calcolato dai dati anagrafici del comune non presente in AT',
    fonte: 'errori/csv/tab_errori_agenzia_entrate.csv',
    applicabile: 'tutti',
    peso: 5,
  },
  {
    codice: 'EAA30',
    tipo: 'W',
    testo: 'Soggetto  presente in AT con dati anagrafici diversi',
    fonte: 'errori/csv/tab_errori_agenzia_entrate.csv',
    applicabile: 'tutti',
    peso: 3,
  },
  {
    codice: 'EAA40',
    tipo: 'W',
    testo: "Soggetto  presente in AT con altri codici fiscali piu' recenti",
    fonte: 'errori/csv/tab_errori_agenzia_entrate.csv',
    applicabile: 'tutti',
    peso: 1,
  },
  {
    codice: 'EN306',
    tipo: 'W',
    testo: 'Presenza del coniuge e assenza del matrimonio',
    fonte: 'errori/subentro/anomalie_subentro_anpr.csv',
    applicabile: 'coniugati',
    peso: 2,
  },
  {
    codice: 'ES016',
    tipo: 'W',
    testo: 'Per Stato civile =2 - Coniugato/a i dati del matrimonio devono essere presenti',
    fonte: 'errori/csv/tab_elenco_errori_anpr.csv',
    applicabile: 'coniugati',
    peso: 2,
  },
  {
    codice: 'ES092',
    tipo: 'E',
    testo: 'Soggetto senza scheda famiglia/convivenza associata',
    fonte: 'errori/subentro/anomalie_subentro_anpr.csv',
    applicabile: 'tutti',
    peso: 1,
  },
];

/**
 * The Agenzia Entrate checks on the codice fiscale (the subject's data differ
 * from AT's, `validitaCF` 9): a rectification of the generalità (5008,
 * tipoMutazione 1) sends the checked data again, AT validates them, and the
 * subject's next 3002 no longer lists these (electron/simulator/handlers/mutazione.ts).
 * The training anomaly file (electron/features/anomalie/formazione.ts) teaches this fix.
 */
export const ANOMALIE_SANATE_DA_RETTIFICA_GENERALITA: ReadonlySet<string> = new Set(['EA029', 'EAA30', 'EAA40']);
