import type { VersioniSim } from '../config';
import type { ServiceCode } from '../../anpr/services/registry';
import type { MtomAttachment } from '../../anpr/mtom/mtom';
import type { Element } from '../../anpr/xml/safe';
import type { Logger } from '../../platform/logger';
import type { Errore, TestataRichiesta } from '../soap';
import type { SimStore } from '../state/store';

export interface HandlerContext {
  store: SimStore;
  now: Date;
  /** Today in Europe/Rome, yyyy-mm-dd. */
  oggi: string;
  service: ServiceCode;
  /** codMittente = IdSede (already checked). */
  comune: string;
  testata: TestataRichiesta;
  /** Richiesta<CODE> root element (from the signed body). */
  body: Element;
  idOperazioneANPR: string;
  logger: Logger;
  /** The interface versions 7003 lists (configurable, and through the admin endpoint). */
  versioni: VersioniSim;
}

export interface HandlerResult {
  /** The Risposta<CODE> element. */
  bodyXml: string;
  esito: string;
  /** 1 when the population changed (or a certificate was issued). */
  effetti: number;
  /** idSchedaSoggettoANPR of the subjects touched (EN077 on annulment). */
  soggetti: string[];
  anomalie?: Errore[];
  /** MTOM parts (6001): the body then carries xop:Include elements. */
  attachments?: MtomAttachment[];
  /** Same body with inline base64 instead of xop:Include (kept for 3003). */
  inlineBodyXml?: string;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;
