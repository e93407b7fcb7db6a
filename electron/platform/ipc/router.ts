/**
 * The single entry point for IPC calls, shared by the Electron shell and the
 * web host: channel allowlist, request parsing, the handler, response
 * parsing, and the `{ ok, value | error }` envelope. Transport-specific
 * checks (sender frame, token, Origin) happen before `dispatch` is called.
 */
import type { ZodError } from 'zod';
import { contract, isChannel, type Channel, type RequestOf, type ResponseOf } from '../../../shared/ipc/contract';
import { ERROR_CODES, type Envelope } from '../../../shared/ipc/envelope';
import type { Logger } from '../logger';
import { AppError } from './app-error';

/** Who is calling; filled by the transport, never by the renderer. */
export interface CallContext {
  transport: 'electron' | 'web' | 'test';
  /** The signed-in operator, set by the router's guard from the core's session. */
  operatore?: { codiceFiscale: string; ruolo: string };
}

/**
 * Checked before the payload is parsed and the handler runs (see
 * electron/core/permissions.ts); may enrich the context with the operator.
 */
export type RouterGuard = (
  channel: Channel,
  context: CallContext,
) => { ok: true; context: CallContext } | { ok: false; error: { code: string; message: string } };

export interface RouterOptions {
  guard?: RouterGuard;
  /** Called after every successful call (electron/core/audit.ts records the privileged ones). */
  audit?: (channel: Channel, request: unknown, context: CallContext) => void;
}

export type Handler<C extends Channel> = (
  request: RequestOf<C>,
  context: CallContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type Handlers = { [C in Channel]: Handler<C> };

export interface Router {
  readonly channels: readonly Channel[];
  dispatch(channel: string, payload: unknown, context: CallContext): Promise<Envelope<unknown>>;
}

function issues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export function createRouter(handlers: Handlers, logger: Logger, options: RouterOptions = {}): Router {
  const registered = Object.keys(handlers).filter(isChannel);
  return {
    channels: registered,
    async dispatch(channel, payload, context) {
      if (!isChannel(channel) || !Object.prototype.hasOwnProperty.call(handlers, channel)) {
        logger.warn('ipc: refused unknown channel', { channel: String(channel).slice(0, 80), transport: context.transport });
        return {
          ok: false,
          error: { code: ERROR_CODES.unknownChannel, message: 'Richiesta non riconosciuta dall\'applicazione.' },
        };
      }
      if (options.guard) {
        // A caller may not set the operator itself: only the guard does.
        const checked = options.guard(channel, { transport: context.transport });
        if (!checked.ok) {
          logger.warn('ipc: refused by permissions', { channel, code: checked.error.code, transport: context.transport });
          return { ok: false, error: checked.error };
        }
        context = checked.context;
      }
      const spec = contract[channel];
      const parsed = spec.request.safeParse(payload);
      if (!parsed.success) {
        logger.warn('ipc: malformed payload', { channel, issues: issues(parsed.error) });
        return {
          ok: false,
          error: {
            code: ERROR_CODES.badRequest,
            message: 'I dati inviati non sono validi.',
            details: issues(parsed.error),
          },
        };
      }
      try {
        const handler = handlers[channel] as Handler<Channel>;
        const value = await handler(parsed.data as RequestOf<Channel>, context);
        const checked = spec.response.safeParse(value);
        if (!checked.success) {
          logger.error('ipc: handler returned a value that breaks the contract', { channel, issues: issues(checked.error) });
          return {
            ok: false,
            error: { code: ERROR_CODES.badResponse, message: 'Errore interno: risposta non valida.' },
          };
        }
        options.audit?.(channel, parsed.data, context);
        return { ok: true, value: checked.data };
      } catch (error) {
        if (error instanceof AppError) {
          logger.warn('ipc: handler refused', { channel, code: error.code, detail: error.detail });
          return {
            ok: false,
            error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) },
          };
        }
        logger.error('ipc: handler failed', { channel, error: error instanceof Error ? error.stack : String(error) });
        return {
          ok: false,
          error: { code: ERROR_CODES.internal, message: 'Si è verificato un errore interno. Il dettaglio è nel registro.' },
        };
      }
    },
  };
}
