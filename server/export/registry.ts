/**
 * The criteria sets an offline run scores against. PROVISIONAL: `--data` (a province's own sets
 * in its data folder) needs H1's loader (server/criteria/registry.ts), not landed when this was
 * written; until then only the shipped default sets are available and `--data` is refused with
 * a message rather than silently ignored.
 */
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry, type CriteriaRegistry } from '../../shared/criteria/load';
import { err, ok, type Result } from '../../shared/util/result';
import { cliConsolidateText } from './text';

export async function loadRegistryFor(dataDir: string | undefined): Promise<Result<CriteriaRegistry, string[]>> {
  if (dataDir !== undefined) return err([cliConsolidateText.dataNotSupported(dataDir)]);
  return ok(createRegistry(defaultCriteriaSets()));
}
