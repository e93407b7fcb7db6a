/** Service code → handler: one per catalogue service (a missing one is a compile error). */
import type { ServiceCode } from '../../anpr/services/registry';
import { handleAnnullamento } from './annullamento';
import { handle2001, handle2003 } from './cancellazione';
import { handle6001 } from './certificazione';
import { handle3001, handle3002, handle3003, handle3007 } from './consultazione';
import { handle1001, handle1002 } from './iscrizione';
import { handle5001, handle5005, handle5008 } from './mutazione';
import { handle5013 } from './revoca';
import { handleP001, handleP002, handleP003 } from './richieste';
import { handle7001, handle7003, handleTestConn } from './tabelle';
import type { Handler } from './types';

export const HANDLERS = {
  TestConn: handleTestConn,
  '3001': handle3001,
  '3002': handle3002,
  '3003': handle3003,
  '3007': handle3007,
  '1001': handle1001,
  '1002': handle1002,
  '1013': handleAnnullamento,
  '2001': handle2001,
  '2003': handle2003,
  '2011': handleAnnullamento,
  '5001': handle5001,
  '5005': handle5005,
  '5008': handle5008,
  '5012': handleAnnullamento,
  '5013': handle5013,
  '6001': handle6001,
  '7001': handle7001,
  '7003': handle7003,
  P001: handleP001,
  P002: handleP002,
  P003: handleP003,
} satisfies Record<ServiceCode, Handler>;

export type { Handler, HandlerContext, HandlerResult } from './types';
