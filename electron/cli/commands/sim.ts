/**
 * `npx anpr sim --config SIMCFG [--verbose]`: starts the ANPR training
 * simulator and prints exactly one line, `listening https://127.0.0.1:PORT`,
 * once it accepts connections. SIGTERM/SIGINT stop it cleanly. The log goes
 * to `<dataDir>/simulatore.log` (and to stderr with --verbose); the admin
 * endpoint's per-run token to `<dataDir>/admin.token` (0600).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../log/logger';
import { loadSimConfigFile, SimConfigError, startSimulator } from '../../simulator';
import { CliError } from '../cli-error';
import type { CliCommand } from './index';

function parseArgs(args: string[]): { config: string; verbose: boolean } {
  let config: string | undefined;
  let verbose = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--config') config = args[++i];
    else if (a.startsWith('--config=')) config = a.slice('--config='.length);
    else if (a === '--verbose') verbose = true;
    else throw new CliError(`opzione sconosciuta: ${a} (uso: npx anpr sim --config SIMCFG [--verbose])`, 2);
  }
  if (!config) throw new CliError('manca --config SIMCFG (uso: npx anpr sim --config SIMCFG [--verbose])', 2);
  return { config, verbose };
}

export const simCommand: CliCommand = {
  summary: 'avvia il simulatore ANPR di prova (--config SIMCFG)',
  async run(args) {
    const { config, verbose } = parseArgs(args);
    let cfg;
    try {
      cfg = loadSimConfigFile(config);
    } catch (err) {
      if (err instanceof SimConfigError) throw new CliError(err.message, 2);
      throw err;
    }
    const logger = createLogger({ file: join(cfg.dataDir, 'simulatore.log'), console: verbose });
    let sim;
    try {
      sim = await startSimulator(cfg, { logger });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EADDRINUSE') throw new CliError(`la porta ${cfg.port} è già in uso`);
      throw err;
    }
    // The admin endpoint's per-run token, readable only by this user (stdout stays one line).
    writeFileSync(join(cfg.dataDir, 'admin.token'), sim.adminToken + '\n', { mode: 0o600 });
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        logger.info('signal received, stopping', { signal });
        void sim.close().then(resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      // Only now: a parent that stops us as soon as it reads the line must find the handlers installed.
      process.stdout.write(`listening ${sim.url}\n`);
    });
    return 0;
  },
};
