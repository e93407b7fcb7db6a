import { idOperazioneFrom, loadAnprContext, parseCallArgs, parseCliArgs, readBody, serviceFrom } from '../anpr-context';
import type { CliCommand } from './index';

/** `anpr envelope`: prints the exact signed SOAP envelope `send` would post. */
export const envelopeCommand: CliCommand = {
  summary: 'stampa la busta SOAP firmata che send invierebbe',
  async run(args) {
    const options = parseCliArgs(args, () => parseCallArgs(args));
    const service = serviceFrom(options.service);
    const body = readBody(options.body);
    const context = loadAnprContext(options.config);
    const { envelope } = context.client.prepare(service, body, { idOperazioneComune: idOperazioneFrom(options.id, context) });
    process.stdout.write(envelope + '\n');
    return 0;
  },
};
