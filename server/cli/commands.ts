import type { Command } from './command';
import { consolidateCommand } from './commands/consolidate';
import { serveCommand } from './commands/serve';
import { unitsCommand } from './commands/units';
import { exportCommand } from './commands/export';
import { backupCommand } from './commands/backup';
import { restoreCommand } from './commands/restore';
import { verifyCommand } from './commands/verify';
import { migrateCommand } from './commands/migrate';
import { ingestCommand } from './commands/ingest';
import { adminTokenCommand } from './commands/adminToken';
import { setsCommand } from './commands/sets';
import { templateCommand } from './commands/template';
import { checkCommand } from './commands/check';

/** Every sub-command, in the order `dien-hinh --help` lists them. */
export const COMMANDS: Command[] = [
  consolidateCommand,
  serveCommand,
  unitsCommand,
  exportCommand,
  ingestCommand,
  adminTokenCommand,
  backupCommand,
  restoreCommand,
  verifyCommand,
  migrateCommand,
  setsCommand,
  templateCommand,
  checkCommand,
];
