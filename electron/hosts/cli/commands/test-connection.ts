import { parseArgs } from 'node:util';
import { idOperazioneFrom, loadAnprContext } from '../anpr-context';
import { CliError } from '../cli-error';
import { failureLine, isFailure, outcomeToJson } from '../outcome-json';
import type { CliCommand } from './index';

/** `anpr test-connection`: ANPR's TestConn service, signed like every call. */
export const testConnectionCommand: CliCommand = {
  summary: 'verifica il collegamento con ANPR (servizio TestConn)',
  async run(args) {
    let config: string | undefined;
    try {
      config = parseArgs({ args, options: { config: { type: 'string' } }, strict: true }).values.config;
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error), 2);
    }
    if (!config) throw new CliError('--config è obbligatorio.', 2);
    const context = loadAnprContext(config);
    const idOperazioneComune = idOperazioneFrom(undefined, context);
    const result = await context.client.testConnection(idOperazioneComune);
    process.stdout.write(JSON.stringify(outcomeToJson(result, idOperazioneComune)) + '\n');
    if (result.avvisoOrologio) process.stderr.write(`anpr: ${result.avvisoOrologio}\n`);
    if (isFailure(result) || result.outcome.kind === 'respinta') throw new CliError(failureLine(result));
    return 0;
  },
};
