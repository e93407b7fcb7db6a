/** A worker's logger: each entry goes to the parent thread, which writes it with the app's logger. */
import type { MessagePort } from 'node:worker_threads';
import type { LogLevel, Logger } from '../../platform/logger';

export interface VoceLog {
  tipo: 'log';
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown>;
}

export function loggerVersoPadre(porta: Pick<MessagePort, 'postMessage'>): Logger {
  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    try {
      porta.postMessage({ tipo: 'log', level, message, ...(fields ? { fields } : {}) } satisfies VoceLog);
    } catch {
      // Fields structured clone cannot copy: keep their JSON.
      porta.postMessage({ tipo: 'log', level, message, fields: JSON.parse(JSON.stringify(fields ?? {})) as Record<string, unknown> } satisfies VoceLog);
    }
  };
  const logger: Logger = {
    log,
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: () => logger,
  };
  return logger;
}

export function eVoceLog(m: unknown): m is VoceLog {
  return typeof m === 'object' && m !== null && (m as { tipo?: unknown }).tipo === 'log';
}
