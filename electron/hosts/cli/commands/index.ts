/** Every CLI command; add one file per command and list it here. */
import { envelopeCommand } from './envelope';
import { queueCommand } from './queue';
import { sendCommand } from './send';
import { simCommand } from './sim';
import { testConnectionCommand } from './test-connection';

export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

export const commands: Record<string, CliCommand> = {
  envelope: envelopeCommand,
  queue: queueCommand,
  send: sendCommand,
  sim: simCommand,
  'test-connection': testConnectionCommand,
};
