import { idOperazioneFrom, loadAnprContext, parseCallArgs, parseCliArgs, readBody, serviceFrom } from '../anpr-context';
import { CliError } from '../cli-error';
import { failureLine, isFailure, outcomeToJson } from '../outcome-json';
import type { CliCommand } from './index';

/**
 * `anpr send`: posts one request and prints one JSON object. A refused
 * answer is still a successful command (exit 0); transport, TLS and policy
 * failures exit 1 with one clear line on stderr (and the JSON on stdout).
 */
export const sendCommand: CliCommand = {
  summary: 'invia una richiesta ad ANPR e stampa l\'esito in JSON',
  async run(args) {
    const options = parseCliArgs(args, () => parseCallArgs(args));
    const service = serviceFrom(options.service);
    const body = readBody(options.body);
    const context = loadAnprContext(options.config);
    const idOperazioneComune = idOperazioneFrom(options.id, context);
    const result = await context.client.call(service, body, { idOperazioneComune });
    process.stdout.write(JSON.stringify(outcomeToJson(result, idOperazioneComune)) + '\n');
    if (result.avvisoOrologio) process.stderr.write(`anpr: ${result.avvisoOrologio}\n`);
    if (isFailure(result)) throw new CliError(failureLine(result));
    return 0;
  },
};
