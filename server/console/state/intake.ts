/**
 * Bulk intake as pure state: a list of files, each queued, uploading (with progress) or done with
 * an outcome read from the service's answer. The UI owns the File objects and the XHRs; this
 * module decides what each answer means and which files start next (limited concurrency).
 */
import type { Receipt, UnitRef } from '../../../shared/api/schemas';
import { foldedParentKey, parentKey } from '../../../shared/units/identity';
import { fileKindOf } from '../../../shared/workbook/fileKinds';
import type { Stage } from '../../../shared/deadlines/calendar';
import { viConsole as t } from '../i18n/vi';
import { hasErrorCode, type ClientResult, type ReadIssue, type UploadAnswer, type WorkbookUnit } from '../api/client';

/**
 * `unit-unknown`: no listed unit fits (adding it is the way on); `unit-ambiguous`: several listed
 * units fit (choosing one is the way on; adding yet another of that name would only make a third).
 */
export type OutcomeKind = 'accepted' | 'new-version' | 'duplicate' | 'rejected' | 'unit-unknown' | 'unit-ambiguous' | 'failed';

/** The outcomes that wait for the officer to say which unit the file is (choose one, or add it). */
export function needsUnit(kind: OutcomeKind | undefined): boolean {
  return kind === 'unit-unknown' || kind === 'unit-ambiguous';
}

export interface IntakeOutcome {
  kind: OutcomeKind;
  receipt: Receipt | null;
  /** The server's (or the client's) message, Vietnamese; empty for a plain success. */
  message: string;
  /** Cells to fix, for a rejected file. */
  issues: ReadIssue[];
  /** For a unit not on the list: the unit as the workbook names it. */
  workbookUnit?: WorkbookUnit | null;
  /** Units the file could belong to (several of one name, or the units of a name whose code is unknown): the officer picks one. */
  candidates?: UnitRef[];
}

export interface IntakeItem {
  id: string;
  fileName: string;
  size: number;
  /** The stage chosen when the file was added; null lets the server decide by the date. */
  stage: Stage | null;
  phase: 'queued' | 'uploading' | 'done';
  /** 0..1 of the bytes sent. */
  progress: number;
  outcome: IntakeOutcome | null;
  /** The unit code the officer chose for this file (sent again with it). */
  unitCode?: string;
}

export type IntakeAction =
  | { type: 'add'; files: { id: string; fileName: string; size: number; stage: Stage | null }[] }
  | { type: 'start'; id: string }
  | { type: 'progress'; id: string; loaded: number; total: number }
  | { type: 'finish'; id: string; outcome: IntakeOutcome }
  | { type: 'retry'; id: string }
  /** The officer chose the file's unit among the candidates: send it again for that unit. */
  | { type: 'choose'; id: string; unitCode: string }
  | { type: 'remove'; id: string }
  | { type: 'clear-done' };

export function intakeReducer(items: readonly IntakeItem[], action: IntakeAction): IntakeItem[] {
  const update = (id: string, change: (item: IntakeItem) => IntakeItem) => items.map((item) => (item.id === id ? change(item) : item));
  switch (action.type) {
    case 'add':
      return [...items, ...action.files.map((f): IntakeItem => ({ ...f, phase: 'queued', progress: 0, outcome: null }))];
    case 'start':
      return update(action.id, (item) => ({ ...item, phase: 'uploading', progress: 0 }));
    case 'progress':
      return update(action.id, (item) => (item.phase === 'uploading' ? { ...item, progress: action.total > 0 ? Math.min(1, action.loaded / action.total) : 0 } : item));
    case 'finish':
      return update(action.id, (item) => ({ ...item, phase: 'done', progress: 1, outcome: action.outcome }));
    case 'retry':
      return update(action.id, (item) => (item.phase === 'done' ? { ...item, phase: 'queued', progress: 0, outcome: null } : item));
    case 'choose':
      return update(action.id, (item) => (item.phase === 'done' ? { ...item, unitCode: action.unitCode, phase: 'queued', progress: 0, outcome: null } : item));
    case 'remove':
      return items.filter((item) => item.id !== action.id || item.phase === 'uploading');
    case 'clear-done':
      return items.filter((item) => item.phase !== 'done' || needsUnit(item.outcome?.kind) || item.outcome?.kind === 'failed');
  }
}

/** The queued files to start now so that at most `limit` upload at once, in the order added. */
export function nextToStart(items: readonly IntakeItem[], limit: number): string[] {
  const running = items.filter((i) => i.phase === 'uploading').length;
  const free = Math.max(0, limit - running);
  return items.filter((i) => i.phase === 'queued').slice(0, free).map((i) => i.id);
}

/** What one answer of POST /api/submissions means for the person who sent the file. */
export function outcomeOf(answer: ClientResult<UploadAnswer>): IntakeOutcome {
  if (answer.ok) {
    const { receipt } = answer.value;
    if (!receipt.valid) return { kind: 'rejected', receipt, message: '', issues: receipt.errors };
    if (receipt.duplicate) return { kind: 'duplicate', receipt, message: '', issues: [] };
    return { kind: (receipt.version ?? 1) > 1 ? 'new-version' : 'accepted', receipt, message: '', issues: [] };
  }
  const error = answer.error;
  if (error.kind !== 'http') return { kind: 'failed', receipt: null, message: error.message, issues: [] };
  // Two different situations, kept apart: several listed units fit (choose one) or none does (add it, or choose a unit of that name).
  if (hasErrorCode(error, 'unit-ambiguous', 'unit-unknown')) {
    const kind = hasErrorCode(error, 'unit-ambiguous') ? 'unit-ambiguous' : 'unit-unknown';
    return { kind, receipt: error.receipt, message: error.message, issues: [], workbookUnit: error.workbookUnit, candidates: error.candidates ?? [] };
  }
  // A refusal of this file (empty, too large, not .xlsx, its stage locked…) is not sent again as it
  // is: only the network, the server (5xx), a timeout or a busy service (429) deserve "Gửi lại".
  if (error.status === 422 || error.receipt || (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429)) {
    return { kind: 'rejected', receipt: error.receipt, message: error.message, issues: error.receipt?.errors.length ? error.receipt.errors : error.details };
  }
  return { kind: 'failed', receipt: null, message: error.message, issues: [] };
}

export interface IntakeTally {
  total: number;
  done: number;
  running: boolean;
  byKind: Record<OutcomeKind, number>;
}

export function tally(items: readonly IntakeItem[]): IntakeTally {
  const byKind: Record<OutcomeKind, number> = { accepted: 0, 'new-version': 0, duplicate: 0, rejected: 0, 'unit-unknown': 0, 'unit-ambiguous': 0, failed: 0 };
  let done = 0;
  for (const item of items) {
    if (item.outcome) {
      byKind[item.outcome.kind]++;
      done++;
    }
  }
  return { total: items.length, done, running: items.some((i) => i.phase !== 'done'), byKind };
}

/**
 * Keeps the .xlsx files of a drop or a folder; the others are returned to be named as skipped.
 * Office's lock files ("~$name.xlsx", left beside a workbook open in Excel) and hidden files are
 * no one's file: neither (`fileKindOf`, the rule `consolidate` and `ingest` use too).
 */
export function splitWorkbooks<T extends { name: string }>(files: readonly T[]): { workbooks: T[]; skipped: T[] } {
  const own = files.filter((f) => fileKindOf(f.name) !== 'ignored');
  return { workbooks: own.filter((f) => fileKindOf(f.name) === 'xlsx'), skipped: own.filter((f) => fileKindOf(f.name) !== 'xlsx') };
}

export interface NewUnitForm {
  name: string;
  kind: string;
  parent: string;
}

export type NewUnitProblems = Partial<Record<'name' | 'kind' | 'parent', string>>;

/**
 * What stops adding a unit from a refused file. When listed units already carry the name (the
 * file's candidates), the xã/phường is what tells the new one apart: without it, or with one of
 * theirs, the "new" unit would be a duplicate that the next file of that name cannot be placed on.
 */
export function newUnitProblems(form: NewUnitForm, candidates: readonly UnitRef[]): NewUnitProblems {
  const problems: NewUnitProblems = {};
  if (form.name.trim() === '') problems.name = t.addUnitNameMissing;
  if (form.kind === '') problems.kind = t.addUnitKindMissing;
  if (candidates.length > 0) {
    const key = parentKey(form.parent);
    // Typed without diacritics ("TAN HONG") it is still the listed "Xã Tân Hồng": compared folded.
    const same = candidates.find((c) => foldedParentKey(c.parent) === foldedParentKey(form.parent));
    if (key === '') problems.parent = t.addUnitParentMissing(candidates.length);
    else if (same) problems.parent = t.addUnitParentTaken(same.code, same.parent);
  }
  return problems;
}
