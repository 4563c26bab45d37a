#!/usr/bin/env node
/**
 * The `dien-hinh` command. Each sub-command lives in its own module under ./commands and is
 * listed once here.
 */
import { COMMANDS } from './commands';
import { cliText } from './text';

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(cliText.usage(COMMANDS));
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(cliText.unknownCommand(name));
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(cliText.crashed(error instanceof Error ? error.stack ?? error.message : String(error)));
    process.exitCode = 1;
  },
);
