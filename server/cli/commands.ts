import type { Command } from './command';
import { consolidateCommand } from './commands/consolidate';

/** Every sub-command, in the order `dien-hinh --help` lists them. */
export const COMMANDS: Command[] = [
  consolidateCommand,
];
