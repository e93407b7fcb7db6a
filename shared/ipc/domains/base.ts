/** The app itself, the home screen, the connection and basic settings. */
import {
  ComuneSchema,
  ConteggiCodaSchema,
  InfoApplicazioneSchema,
  LetturaRichiesteSchema,
  RiepilogoHomeSchema,
  SicurezzaSchema,
  StatoConnessioneSchema,
  none,
} from './schemas';

export const baseChannels = {
  'app.info': { request: none, response: InfoApplicazioneSchema },
  'home.riepilogo': { request: none, response: RiepilogoHomeSchema },
  'connessione.verifica': { request: none, response: StatoConnessioneSchema },
  'impostazioni.salvaComune': { request: ComuneSchema, response: ComuneSchema },
  'impostazioni.salvaSicurezza': { request: SicurezzaSchema, response: SicurezzaSchema },
  /** How often the citizens' online requests are read in the background. */
  'impostazioni.salvaLetturaRichieste': { request: LetturaRichiesteSchema, response: LetturaRichiesteSchema },
} as const;

export const baseEvents = {
  'coda.cambiata': ConteggiCodaSchema,
  'connessione.cambiata': StatoConnessioneSchema,
} as const;
