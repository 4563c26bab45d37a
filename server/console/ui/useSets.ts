/**
 * Criteria sets from the server, fetched once per client: the list (titles for the charts) and
 * single sets in full (criterion titles for the review panel). Without them the console still
 * works and shows "Tiêu chí N".
 */
import { useEffect, useState } from 'react';
import type { CriteriaSetListEntry } from '../../../shared/criteria/load';
import type { CriteriaSet } from '../../../shared/criteria/schema';
import type { ConsoleApi } from '../api/client';

const lists = new WeakMap<ConsoleApi, Promise<CriteriaSetListEntry[]>>();
const full = new WeakMap<ConsoleApi, Map<string, Promise<CriteriaSet | undefined>>>();

export function useSetList(api: ConsoleApi): CriteriaSetListEntry[] {
  const [sets, setSets] = useState<CriteriaSetListEntry[]>([]);
  useEffect(() => {
    let live = true;
    let pending = lists.get(api);
    if (!pending) {
      pending = api.sets().then((answer) => (answer.ok ? answer.value : []));
      lists.set(api, pending);
    }
    void pending.then((value) => { if (live) setSets(value); });
    return () => { live = false; };
  }, [api]);
  return sets;
}

export function useSet(api: ConsoleApi, id: string | null, version: string | null): CriteriaSet | undefined {
  const [set, setSet] = useState<CriteriaSet | undefined>(undefined);
  useEffect(() => {
    setSet(undefined);
    if (!id) return;
    let live = true;
    const cache = full.get(api) ?? new Map<string, Promise<CriteriaSet | undefined>>();
    full.set(api, cache);
    const key = `${id}@${version ?? ''}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = api.set(id, version).then((answer) => (answer.ok ? answer.value : undefined));
      cache.set(key, pending);
    }
    void pending.then((value) => { if (live) setSet(value); });
    return () => { live = false; };
  }, [api, id, version]);
  return set;
}
