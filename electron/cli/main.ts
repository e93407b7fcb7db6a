/**
 * The `anpr` command line: the same core services as the app, for
 * integration, support and scripting. Each command lives in `commands/`.
 * Exit codes: 0 success (a refused ANPR answer is still a success of the
 * command), 1 failure with one clear line on stderr, 2 usage error.
 */
import { commands } from './commands';
import { CliError } from './cli-error';

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
      process.stderr.write(`anpr: errore imprevisto: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
