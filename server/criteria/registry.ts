/**
 * The criteria sets a deployment knows: the shipped defaults, then every `<data>/criteria/*.json`
 * a province drops in. A file with the same id and version as a default replaces it (the official
 * text replacing a draft); a new id or version is added. One invalid file fails the whole load,
 * naming the file and the field, since scoring against a half-loaded catalogue would be wrong
 * without anyone noticing.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry, parseCriteriaSet, type CriteriaRegistry } from '../../shared/criteria/load';
import type { CriteriaSet } from '../../shared/criteria/schema';
import { err, ok, type Result } from '../../shared/util/result';
import { readJsonFile } from '../util/jsonFile';
import { criteriaText } from './messages';

export const CRITERIA_FOLDER = 'criteria';

export interface LoadedSet {
  set: CriteriaSet;
  /** Where it came from, in Vietnamese: the defaults or a file path. */
  source: string;
  /** The province's file, when it replaces or adds to the defaults. */
  file: string | undefined;
}

export function loadCriteriaRegistry(dataDir?: string): Result<CriteriaRegistry, string[]> {
  const loaded = loadCriteriaSets(dataDir);
  return loaded.ok ? ok(createRegistry(loaded.value.map((entry) => entry.set))) : loaded;
}

/** Every set with its source, defaults first in their shipped order, then new sets by file name. */
export function loadCriteriaSets(dataDir?: string): Result<LoadedSet[], string[]> {
  const sets: LoadedSet[] = defaultCriteriaSets().map((set) => ({ set, source: criteriaText.defaultSource, file: undefined }));
  if (dataDir === undefined) return ok(sets);
  const folder = path.join(dataDir, CRITERIA_FOLDER);
  const files = jsonFiles(folder);
  if (!files.ok) return files;

  const problems: string[] = [];
  const fromFiles = new Map<string, string>();
  for (const file of files.value) {
    const document = readJson(file);
    if (!document.ok) {
      problems.push(document.error);
      continue;
    }
    const parsed = parseCriteriaSet(document.value, criteriaText.fileSource(file));
    if (!parsed.ok) {
      problems.push(...parsed.error);
      continue;
    }
    const set = parsed.value;
    const key = `${set.id}\u0000${set.version}`;
    const earlier = fromFiles.get(key);
    if (earlier !== undefined) {
      problems.push(criteriaText.duplicate(earlier, file, set.id, set.version));
      continue;
    }
    fromFiles.set(key, file);
    const entry: LoadedSet = { set, source: criteriaText.fileSource(file), file };
    const replaced = sets.findIndex((s) => s.set.id === set.id && s.set.version === set.version);
    if (replaced >= 0) sets[replaced] = entry;
    else sets.push(entry);
  }
  return problems.length > 0 ? err(problems) : ok(sets);
}

function jsonFiles(folder: string): Result<string[], string[]> {
  let stat;
  try {
    stat = statSync(folder, { throwIfNoEntry: false });
  } catch (error) {
    return err([criteriaText.unreadableFolder(folder, detail(error))]);
  }
  // No folder: the province has not added sets yet.
  if (!stat) return ok([]);
  if (!stat.isDirectory()) return err([criteriaText.notAFolder(folder)]);
  try {
    return ok(readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
      .map((entry) => path.join(folder, entry.name))
      .sort());
  } catch (error) {
    return err([criteriaText.unreadableFolder(folder, detail(error))]);
  }
}

function readJson(file: string): Result<unknown, string> {
  const document = readJsonFile(file);
  if (document.ok) return document;
  const problem = document.error;
  return err(problem.kind === 'unreadable' ? criteriaText.unreadableFile(file, problem.detail) : criteriaText.notJson(file, problem.detail));
}

function detail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
