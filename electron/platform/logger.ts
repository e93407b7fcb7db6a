/**
 * Application log: one JSON line per entry, English, precise, and free of
 * personal data (no names, no codici fiscali) — ids and codes only.
 */
import { appendFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cartellaPrivata, filePrivato } from './file-privati';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface LoggerOptions {
  file?: string;
  /** Also write to stderr (CLI, web host in a terminal). */
  console?: boolean;
  minLevel?: LogLevel;
  scope?: string;
  now?: () => Date;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: LoggerOptions = {}): Logger {
  const minLevel = ORDER[options.minLevel ?? 'info'];
  const now = options.now ?? (() => new Date());
  if (options.file) {
    cartellaPrivata(dirname(options.file));
    filePrivato(options.file);
  }
  const write = (level: LogLevel, scope: string | undefined, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < minLevel) return;
    const line = JSON.stringify({ t: now().toISOString(), level, ...(scope ? { scope } : {}), message, ...fields });
    if (options.file) appendFileSync(options.file, line + '\n');
    if (options.console) process.stderr.write(line + '\n');
  };
  const make = (scope: string | undefined): Logger => ({
    log: (level, message, fields) => write(level, scope, message, fields),
    info: (message, fields) => write('info', scope, message, fields),
    warn: (message, fields) => write('warn', scope, message, fields),
    error: (message, fields) => write('error', scope, message, fields),
    child: (child) => make(scope ? `${scope}.${child}` : child),
  });
  return make(options.scope);
}

/** A logger that keeps entries in memory; for tests. */
export function createMemoryLogger(): Logger & { entries: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] } {
  const entries: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] = [];
  const make = (scope?: string): Logger => ({
    log: (level, message, fields) => void entries.push({ level, message, fields: { ...fields, ...(scope ? { scope } : {}) } }),
    info: (message, fields) => void entries.push({ level: 'info', message, fields }),
    warn: (message, fields) => void entries.push({ level: 'warn', message, fields }),
    error: (message, fields) => void entries.push({ level: 'error', message, fields }),
    child: (child) => make(scope ? `${scope}.${child}` : child),
  });
  return Object.assign(make(), { entries });
}
