/**
 * The pure logic of every operation form, by service: the renderer adds the
 * fields, the core's tests run each one against the XSD and the simulator.
 */
import type { ServizioPratica } from '../servizi';
import { logica1001 } from './m1001';
import { logica1002 } from './m1002';
import { logica2001 } from './m2001';
import { logica2003 } from './m2003';
import { logica5001 } from './m5001';
import { logica5005 } from './m5005';
import { logica5005AltroComune } from './m5005altroComune';
import { logica5008 } from './m5008';
import { logica5013 } from './m5013';
import { logicaAnnullamento } from './mAnnullamenti';
import type { LogicaModulo } from './tipi';

/** A form's logic with its values' type erased (each form checks its own values with its schema). */
export type QualunqueLogica = LogicaModulo<object>;

/** One per form; a variant (same service, other fields) has its `variante`. */
export const LOGICHE_MODULO: readonly QualunqueLogica[] = [
  logica5005,
  logica5005AltroComune,
  logica1001,
  logica1002,
  logica2001,
  logica2003,
  logica5001,
  logica5008,
  logica5013,
  logicaAnnullamento('1013'),
  logicaAnnullamento('2011'),
  logicaAnnullamento('5012'),
];

/** The services that have a form (every queued registration, annulment and revocation must: a test checks it). */
export const SERVIZI_CON_MODULO: ReadonlySet<ServizioPratica> = new Set(LOGICHE_MODULO.map((l) => l.servizio));
