/**
 * What every use case gets: the store, the criteria sets, the bounded reader, a clock and a
 * logger; and who is acting.
 */
import type { Logger } from 'pino';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import type { Store, UnitRecord } from '../store/store';
import type { WorkbookReader } from './reader/pool';
import { msg } from './messages';

export interface AppContext {
  store: Store;
  registry: CriteriaRegistry;
  reader: WorkbookReader;
  now(): Date;
  log: Logger;
}

/** What reading and exporting need (the CLI has no reader pool). */
export type DataContext = Pick<AppContext, 'store' | 'registry' | 'now'>;

/** Provincial staff holding an admin token (by its label), or a unit holding its own token. */
export type Actor = { kind: 'admin'; label: string } | { kind: 'unit'; unit: UnitRecord };

/** How the audit log names an actor. */
export function actorName(actor: Actor): string {
  // A unit with its code: two schools of one name would otherwise be one name in the audit log.
  return actor.kind === 'admin' ? actor.label : msg.unitActor(actor.unit.code, actor.unit.name);
}
