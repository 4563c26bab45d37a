#!/usr/bin/env node
/**
 * The `dien-hinh` command. Each sub-command lives in its own module under ./commands, declares
 * its options once (./command.ts) and is listed once in ./commands.ts; only the command run is
 * loaded (`--help` loads them all).
 */
import { COMMANDS, loadAllCommands } from './commands';
import { cliText } from './text';

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // `dien-hinh help <lệnh>` is the command's own help.
    const asked = name === 'help' && args[0] ? COMMANDS.find((c) => c.name === args[0]) : undefined;
    process.stdout.write(asked ? (await asked.load()).help() : cliText.usage(await loadAllCommands()));
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(cliText.unknownCommand(name));
    return 2;
  }
  return (await entry.load()).run(args);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(cliText.crashed(error instanceof Error ? error.stack ?? error.message : String(error)));
    process.exitCode = 1;
  },
);
