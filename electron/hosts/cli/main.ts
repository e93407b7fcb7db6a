/**
 * The `anpr` command line: the same core services as the app, for
 * integration, support and scripting. Each command lives in `commands/`.
 * Exit codes: 0 success (a refused ANPR answer is still a success of the
 * command), 1 failure with one clear line on stderr, 2 usage error.
 */
import { join } from 'node:path';
import { commands } from './commands';
import { CliError } from './cli-error';
import { defaultDataDir } from '../../platform/paths';
import { createLogger } from '../../platform/logger';

function primaRiga(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/** Writes the unexpected error with its stack to `<data folder>/logs/anpr-cli.log`; the file, or null when it cannot be written. */
function registraErrore(error: unknown): string | null {
  const file = join(defaultDataDir(), 'logs', 'anpr-cli.log');
  try {
    createLogger({ file, scope: 'cli' }).error('unexpected error', {
      command: process.argv[2] ?? null,
      error: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? (error.stack ?? null) : null,
    });
    return file;
  } catch {
    return null;
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    const list = Object.entries(commands)
      .map(([commandName, spec]) => `  ${commandName.padEnd(16)} ${spec.summary}`)
      .join('\n');
    process.stderr.write(`uso: npx anpr <comando> [opzioni]\n\ncomandi:\n${list}\n`);
    return name ? 2 : 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`anpr: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      // One Italian line for whoever runs it; the stack goes to the log, never to the terminal.
      const registro = registraErrore(error);
      process.stderr.write(`anpr: errore imprevisto${registro ? ` (dettagli in ${registro})` : ''}: ${primaRiga(error)}\n`);
      process.exitCode = 1;
    }
  },
);
