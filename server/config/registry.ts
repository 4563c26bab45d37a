/**
 * The criteria sets the server scores against.
 * PROVISIONAL: a province's own sets in its data folder are read by H1's loader
 * (server/criteria/registry.ts), not landed when this was written; until it is wired here the
 * server knows only the shipped default sets, and says so at start.
 */
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry, type CriteriaRegistry } from '../../shared/criteria/load';

export interface LoadedRegistry {
  registry: CriteriaRegistry;
  /** Sets in the data folder that could not be loaded, each a Vietnamese message. */
  problems: string[];
}

export async function loadServerRegistry(_dataDir: string): Promise<LoadedRegistry> {
  return { registry: createRegistry(defaultCriteriaSets()), problems: [] };
}
