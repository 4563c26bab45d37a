import type { Command } from './command';

/** A sub-command by name; its module is loaded only when the command is run or listed. */
export interface CommandEntry {
  /** The name typed after `dien-hinh` (the loaded command's `name`; the CLI help test checks they agree). */
  name: string;
  load(): Promise<Command>;
}

/**
 * Every sub-command, in the order `dien-hinh --help` lists them. Modules are loaded on demand
 * (dynamic import): `dien-hinh serve` does not load what only other commands
 * use (consolidation, templates, workbook checks…), which took about a second of every start.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'consolidate', load: async () => (await import('./commands/consolidate')).consolidateCommand },
  { name: 'serve', load: async () => (await import('./commands/serve')).serveCommand },
  { name: 'units', load: async () => (await import('./commands/units')).unitsCommand },
  { name: 'export', load: async () => (await import('./commands/export')).exportCommand },
  { name: 'ingest', load: async () => (await import('./commands/ingest')).ingestCommand },
  { name: 'admin-token', load: async () => (await import('./commands/adminToken')).adminTokenCommand },
  { name: 'backup', load: async () => (await import('./commands/backup')).backupCommand },
  { name: 'restore', load: async () => (await import('./commands/restore')).restoreCommand },
  { name: 'verify', load: async () => (await import('./commands/verify')).verifyCommand },
  { name: 'migrate', load: async () => (await import('./commands/migrate')).migrateCommand },
  { name: 'sets', load: async () => (await import('./commands/sets')).setsCommand },
  { name: 'template', load: async () => (await import('./commands/template')).templateCommand },
  { name: 'check', load: async () => (await import('./commands/check')).checkCommand },
];

/** Every command, loaded, in the listed order (for `dien-hinh --help`). */
export function loadAllCommands(): Promise<Command[]> {
  return Promise.all(COMMANDS.map((entry) => entry.load()));
}
