/**
 * Offline consolidation: turns workbooks found in folders (already read) into the same input the
 * server consolidates, so both give the same sheet. Pure; the CLI does the file I/O.
 *
 * Rules, since files carry no receipt:
 * - every file is a final-report submission (the dossier that is consolidated);
 * - identical bytes are one submission, wherever they were found;
 * - files of one unit (same name key: NFC, spaces, case) are its versions, in file-modification
 *   order; the latest valid one counts, and its modification time stands for the time received;
 * - a file for a unit not on the expected list (--units) still gets a row, with a note.
 */
import type { Calendar } from '../deadlines/calendar';
import { vietnamDate } from '../deadlines/vietnamTime';
import { unitNameKey } from '../units/identity';
import type { UnitKind } from '../units/kinds';
import type { CheckResult } from '../workbook/check';
import { compareUnitNames, type ExpectedUnit, type StoredSubmission } from './consolidate';

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
  | { kind: 'not-on-list'; file: string; name: string };

export interface FilesInput {
  year: number;
  units: ExpectedUnit[];
  submissions: StoredSubmission[];
  notes: FileNote[];
}

export interface FromFilesOptions {
  /** The year to consolidate; by default the year most files state, else the current one. */
  year?: number;
  now: Date;
  calendar: Calendar;
  /** The province's list of expected units (ids are used as given). */
  expected?: ExpectedUnit[];
}

export function inputFromFiles(files: readonly FoundFile[], options: FromFilesOptions): FilesInput {
  const notes: FileNote[] = [];
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
    unique.push(file);
  }

  const year = options.year ?? commonYear(unique) ?? vietnamDate(options.now).year;
  const expectedByKey = new Map((options.expected ?? []).map((u) => [unitNameKey(u.name), u]));
  const groups = new Map<string, FoundFile[]>();
  for (const file of unique) {
    const name = file.result.unit?.name ?? '';
    if (!name.trim()) {
      notes.push({ kind: 'no-unit', file: file.path });
      continue;
    }
    const stated = file.result.unit?.year ?? null;
    if (stated !== null && stated !== year) {
      notes.push({ kind: 'other-year', file: file.path, year: stated });
      continue;
    }
    const key = unitNameKey(name);
    const group = groups.get(key);
    if (group) group.push(file);
    else groups.set(key, [file]);
  }

  const units = new Map<string, ExpectedUnit>();
  for (const [key, unit] of expectedByKey) units.set(key, unit);
  const submissions: StoredSubmission[] = [];
  for (const [key, group] of groups) {
    // The latest valid file speaks for the unit; else the latest file that names a kind.
    const valid = group.filter((f) => f.result.ok);
    const speaker = valid[valid.length - 1] ?? [...group].reverse().find((f) => f.result.unit?.kind) ?? group[group.length - 1]!;
    let unit = units.get(key);
    if (!unit) {
      const info = speaker.result.unit!;
      const kind: UnitKind | null = info.kind ?? group.map((f) => f.result.unit?.kind ?? null).find((k) => k !== null) ?? null;
      if (!kind) {
        for (const f of group) notes.push({ kind: 'no-kind', file: f.path, name: f.result.unit!.name });
        continue;
      }
      unit = { id: key, name: info.name.normalize('NFC'), kind, parent: info.parent, contact: info.contact };
      units.set(key, unit);
      if (options.expected) for (const f of group) notes.push({ kind: 'not-on-list', file: f.path, name: f.result.unit!.name });
    }
    let version = 0;
    for (const file of group) {
      submissions.push({
        id: file.sha256,
        unitId: unit.id,
        year,
        stage: 'final',
        version: file.result.ok ? ++version : null,
        receivedAt: file.mtime,
        valid: file.result.ok,
        sha256: file.sha256,
        fileName: file.path,
        result: file.result,
        review: null,
      });
    }
  }
  return {
    year,
    units: [...units.values()].sort((a, b) => compareUnitNames(a.name, b.name)),
    submissions,
    notes,
  };
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
