import type { Command } from './command';

/** Every sub-command, in the order `dien-hinh --help` lists them. */
export const COMMANDS: Command[] = [];
