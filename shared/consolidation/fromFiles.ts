/**
 * Offline consolidation: turns workbooks found in folders (already read) into the same input the
 * server consolidates, so both give the same sheet. Pure; the CLI does the file I/O.
 *
 * Rules, since files carry no receipt:
 * - every file is a final-report submission (the dossier that is consolidated);
 * - identical bytes are one submission, wherever they were found;
 * - with the province's list (--units), each file is matched to a unit by the ONE rule set of
 *   shared/units/match.ts (code, else name + parent, else a name only one unit has); a file that
 *   several listed units could own is set apart with a note (never put on a guessed unit); a file
 *   of a unit not on the list is set apart in `unlisted`: never counted in "phải nộp", never
 *   ranked, never proposed;
 * - without a list, files of one unit are those with the same code, else the same name + parent
 *   (NFC, spaces, case; "Xã X" = "X"): two schools of one name in two communes stay two units;
 * - a unit's files are its versions, in file-modification order; the latest valid one counts, and
 *   its modification time stands for the time received; a form with no criterion scored is not
 *   valid (asStageReport), so it never replaces a scored one;
 * - once a file's unit is known (listed, or made from its files), a file on a criteria set that
 *   does not apply to the unit's kind is not valid (asReportOfUnitKind, as intake refuses it);
 * - a valid file on another criteria set than the valid file before it (the one counted until
 *   then) carries the warning intake gives (setChangeWarning), and a note says so.
 */
import type { CriteriaRegistry } from '../criteria/load';
import type { Calendar } from '../deadlines/calendar';
import { vietnamDate } from '../deadlines/vietnamTime';
import { assignedUnitCode, normalizeUnitCode } from '../units/codes';
import { parentKey, unitNameKey } from '../units/identity';
import { matchWorkbookUnit } from '../units/match';
import type { UnitKind } from '../units/kinds';
import { asReportOfUnitKind, asStageReport, onRequestSetWarning, setChangeWarning, warnedFor } from '../workbook/check';
import type { CheckResult } from '../workbook/checkResult';
import { compareUnitNames } from '../units/identity';
import type { ExpectedUnit, StoredSubmission } from './consolidate';

export interface FoundFile {
  /** As the user will recognise it (relative to what they named). */
  path: string;
  mtime: Date;
  sha256: string;
  /** What the reader made of it (an unreadable file is an `ok: false` result with its errors). */
  result: CheckResult;
}

export type FileNote =
  | { kind: 'duplicate'; file: string; first: string }
  | { kind: 'no-unit'; file: string }
  | { kind: 'no-kind'; file: string; name: string }
  | { kind: 'other-year'; file: string; year: number }
  | { kind: 'not-on-list'; file: string; name: string }
  /** Several listed units could own the file (same name, no code, no telling parent): set apart. */
  | { kind: 'ambiguous'; file: string; name: string; candidates: string[] }
  /** A valid file on another criteria set than the unit's valid file before it (`previous`); `message` is the file's warning. */
  | { kind: 'set-changed'; file: string; previous: string; message: string }
  /** A file on a set the province uses only when it asks (onRequestSetWarning): used, and warned. */
  | { kind: 'set-on-request'; file: string; message: string };

/** A unit that sent files but is not on the province's list: shown apart, never counted, ranked or proposed. */
export interface UnlistedUnit {
  code: string;
  name: string;
  kind: UnitKind | null;
  parent: string;
  files: string[];
  /** The latest valid file's result, else the latest file's. */
  result: CheckResult;
}

export interface FilesInput {
  year: number;
  units: ExpectedUnit[];
  /** Units with files but not on the list (only with `expected`). */
  unlisted: UnlistedUnit[];
  submissions: StoredSubmission[];
  notes: FileNote[];
  /**
   * The files given, in the same order, each with its result as judged here (a blank form or a
   * set not for its unit's kind refused, a change of set warned); a copy of another file keeps
   * the reader's result.
   */
  files: FoundFile[];
}

export interface FromFilesOptions {
  /** The year to consolidate; by default the year most files state, else the current one. */
  year?: number;
  now: Date;
  calendar: Calendar;
  /** The criteria sets the files were read against: which unit kinds each applies to, their titles. */
  sets: CriteriaRegistry;
  /** The province's list of expected units (ids are used as given; see `expectedFromList` for codes). */
  expected?: ExpectedUnit[];
}

export function inputFromFiles(files: readonly FoundFile[], options: FromFilesOptions): FilesInput {
  const notes: FileNote[] = [];
  /** Each judged file's result, by its path (a path names one file). */
  const judged = new Map<string, CheckResult>();
  const ordered = [...files].sort((a, b) => a.mtime.getTime() - b.mtime.getTime() || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const seen = new Map<string, string>();
  const unique: FoundFile[] = [];
  for (const file of ordered) {
    const first = seen.get(file.sha256);
    if (first !== undefined) {
      notes.push({ kind: 'duplicate', file: file.path, first });
      continue;
    }
    seen.set(file.sha256, file.path);
    // Every file is the final report (see above): a blank form is refused as the server refuses it.
    const result = asStageReport(file.result, 'final');
    judged.set(file.path, result);
    unique.push({ ...file, result });
  }

  const year = options.year ?? commonYear(unique) ?? vietnamDate(options.now).year;
  const expected = options.expected;
  const groups = new Map<string, FoundFile[]>();
  const unlistedGroups = new Map<string, FoundFile[]>();
  for (const file of unique) {
    const name = file.result.unit?.name ?? '';
    const code = normalizeUnitCode(file.result.unit?.code ?? '');
    if (!name.trim() && !code) {
      notes.push({ kind: 'no-unit', file: file.path });
      continue;
    }
    const stated = file.result.unit?.year ?? null;
    if (stated !== null && stated !== year) {
      notes.push({ kind: 'other-year', file: file.path, year: stated });
      continue;
    }
    const claim = { code, name, parent: file.result.unit?.parent ?? '' };
    if (!expected) {
      push(groups, fileKey(claim), file);
      continue;
    }
    const match = matchWorkbookUnit(expected.map((u) => ({ ...u, code: u.code ?? '' })), claim);
    if (match.kind === 'matched') push(groups, match.unit.id, file);
    else if (match.kind === 'ambiguous') {
      notes.push({ kind: 'ambiguous', file: file.path, name: name.normalize('NFC'), candidates: match.candidates.map((u) => u.code) });
    } else {
      notes.push({ kind: 'not-on-list', file: file.path, name: name.normalize('NFC') || code });
      push(unlistedGroups, fileKey(claim), file);
    }
  }

  const units = new Map<string, ExpectedUnit>();
  for (const unit of expected ?? []) units.set(unit.id, unit);
  const submissions: StoredSubmission[] = [];
  for (const [key, group] of groups) {
    const speaker = speakerOf(group);
    let unit = units.get(key);
    if (!unit) {
      const info = speaker.result.unit!;
      const kind: UnitKind | null = info.kind ?? group.map((f) => f.result.unit?.kind ?? null).find((k) => k !== null) ?? null;
      if (!kind) {
        for (const f of group) notes.push({ kind: 'no-kind', file: f.path, name: f.result.unit!.name });
        continue;
      }
      unit = { id: key, code: normalizeUnitCode(info.code ?? ''), name: info.name.normalize('NFC'), kind, parent: info.parent, contact: info.contact };
      units.set(key, unit);
    }
    let version = 0;
    let counted: { version: number; file: string; result: CheckResult } | undefined;
    for (const file of group) {
      let result = asReportOfUnitKind(file.result, unit.kind, options.sets);
      const warning = result.ok && counted ? setChangeWarning(result, counted, options.sets) : undefined;
      if (warning) {
        result = warnedFor(result, warning);
        notes.push({ kind: 'set-changed', file: file.path, previous: counted!.file, message: warning.message });
      }
      const onRequest = result.ok ? onRequestSetWarning(result, 'final', options.sets) : undefined;
      if (onRequest) {
        result = warnedFor(result, onRequest);
        notes.push({ kind: 'set-on-request', file: file.path, message: onRequest.message });
      }
      judged.set(file.path, result);
      if (result.ok) counted = { version: ++version, file: file.path, result };
      submissions.push({
        id: file.sha256,
        unitId: unit.id,
        year,
        stage: 'final',
        version: result.ok ? version : null,
        receivedAt: file.mtime,
        valid: result.ok,
        sha256: file.sha256,
        fileName: file.path,
        result,
        review: null,
      });
    }
  }
  const unlisted = [...unlistedGroups.values()].map((group): UnlistedUnit => {
    const info = speakerOf(group).result.unit!;
    return {
      code: normalizeUnitCode(info.code ?? ''), name: info.name.normalize('NFC'), kind: info.kind, parent: info.parent,
      files: group.map((f) => f.path), result: speakerOf(group).result,
    };
  }).sort((a, b) => compareUnitNames(a.name, b.name));
  return {
    year,
    units: [...units.values()].sort((a, b) => compareUnitNames(a.name, b.name)),
    unlisted,
    submissions,
    notes,
    files: files.map((file) => {
      const result = judged.get(file.path);
      return result && result !== file.result ? { ...file, result } : file;
    }),
  };
}

/** Without a list, a unit's files: the same code, else the same name + parent. */
function fileKey(claim: { code: string; name: string; parent: string }): string {
  if (claim.code) return `#${claim.code}`;
  const parent = parentKey(claim.parent);
  return parent ? `${unitNameKey(claim.name)}|${parent}` : unitNameKey(claim.name);
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The latest valid file speaks for the unit; else the latest file that names a kind. */
function speakerOf(group: readonly FoundFile[]): FoundFile {
  const valid = group.filter((f) => f.result.ok);
  return valid[valid.length - 1] ?? [...group].reverse().find((f) => f.result.unit?.kind) ?? group[group.length - 1]!;
}

/**
 * The province's list as expected units for an offline run: each keeps the list's code, a row
 * without one gets `KIND-nnn` in list order (skipping codes the list uses). Ids are the codes.
 */
export function expectedFromList(rows: readonly { code?: string; name: string; kind: UnitKind; parent: string; contact: string }[]): ExpectedUnit[] {
  const used = new Set(rows.map((r) => normalizeUnitCode(r.code ?? '')).filter((c) => c !== ''));
  const sequence = new Map<UnitKind, number>();
  return rows.map((row) => {
    let code = normalizeUnitCode(row.code ?? '');
    while (!code) {
      const next = (sequence.get(row.kind) ?? 0) + 1;
      sequence.set(row.kind, next);
      const candidate = assignedUnitCode(row.kind, next);
      if (!used.has(candidate)) code = candidate;
    }
    used.add(code);
    return { id: code, code, name: row.name, kind: row.kind, parent: row.parent, contact: row.contact };
  });
}

/** The year most files state (the latest on a tie), if any states one. */
function commonYear(files: readonly FoundFile[]): number | undefined {
  const counts = new Map<number, number>();
  for (const f of files) {
    const y = f.result.unit?.year;
    if (y !== null && y !== undefined) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: [number, number] | undefined;
  for (const [y, n] of counts) if (!best || n > best[1] || (n === best[1] && y > best[0])) best = [y, n];
  return best?.[0];
}
