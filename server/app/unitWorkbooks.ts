/**
 * Per-unit scoring workbooks: the template of a criteria set with the unit's code (DH_MaDonVi),
 * name, kind and parent already filled in, named so a clerk recognises the file and its set. Used by
 * `dien-hinh template --unit/--all-units` and the console's downloads (one unit, or all as a .zip).
 */
import type archiver from 'archiver';
import type { Writable } from 'node:stream';
import type { CriteriaSet } from '../../shared/criteria/schema';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds';
import type { UnitRecord } from '../store/store';
import { writeTemplateWorkbook } from '../xlsx/templateWriter';
import { problems } from './errors';

/** The workbook bytes of one unit (throws `bad-request` when the set does not cover the unit's kind). */
export async function unitWorkbook(set: CriteriaSet, unit: UnitRecord, year: number | undefined): Promise<Buffer> {
  if (!set.unitKinds.includes(unit.kind)) {
    throw problems.setNotForUnit(set.title, unit.code, UNIT_KIND_LABELS[unit.kind]);
  }
  return writeTemplateWorkbook(set, {
    ...(year === undefined ? {} : { year }),
    unitCode: unit.code,
    unit: { name: unit.name, kind: UNIT_KIND_LABELS[unit.kind], parent: unit.parent },
  });
}

/** Characters of a unit workbook's file name before ".xlsx". */
const FILE_NAME_CHARS = 120;
/** Characters of the set's name in a file name when the set has no `shortTitle` (its title is cut). */
const SET_NAME_CHARS = 40;

/** A set's name in file names: its `shortTitle`, else its title cut at a word ("Điển hình", "An toàn về ANTT"). */
function setFileName(set: Pick<CriteriaSet, 'title' | 'shortTitle'>): string {
  return set.shortTitle ? fileNamePart(set.shortTitle) : cutAtWord(fileNamePart(set.title), SET_NAME_CHARS);
}

/** "Bảng tự chấm điểm - Điển hình.zip": every unit's workbook of a set, named as its workbooks are. */
export function unitWorkbooksZipName(set: Pick<CriteriaSet, 'title' | 'shortTitle'>): string {
  return `Bảng tự chấm điểm - ${setFileName(set)}.zip`;
}

/**
 * "GD-007 - Trường Tiểu học Kim Đồng (Xã Tân Hồng) - Điển hình.xlsx": code first (sorts and is
 * unique per unit), then the name and parent the clerk knows, then the set's short name, so the
 * workbooks of a unit's two sets are two files; characters Windows forbids in file names become "-".
 */
export function unitWorkbookFileName(unit: UnitRecord, set: Pick<CriteriaSet, 'title' | 'shortTitle'>): string {
  const code = fileNamePart(unit.code);
  const parent = unit.parent ? ` (${fileNamePart(unit.parent)})` : '';
  const setName = ` - ${setFileName(set)}`;
  // Windows keeps paths short: a long name is cut at a word, with "…", and the xã/phường kept
  // (it tells two schools of one name apart), and the set's name (it tells the unit's two
  // workbooks apart); the code keeps the file unique.
  const room = Math.max(20, FILE_NAME_CHARS - [...`${code} - ${parent}${setName}`].length);
  const text = `${code} - ${cutAtWord(fileNamePart(unit.name), room)}${parent}${setName}`;
  return `${[...text].slice(0, FILE_NAME_CHARS).join('').replace(/[. ]+$/u, '')}.xlsx`;
}

/** Text as a part of a file name: NFC, no character Windows refuses, single spaces. */
function fileNamePart(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001F]/gu, '-').replace(/\s+/gu, ' ').trim();
}

/** `text` in at most `max` characters: cut after the last whole word that fits, marked "…". */
function cutAtWord(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const kept = chars.slice(0, max - 1).join('');
  const space = kept.lastIndexOf(' ');
  return `${(space > kept.length / 2 ? kept.slice(0, space) : kept).trimEnd()}…`;
}

/** Units the set is meant for (its unit kinds), and those it is not. */
export function unitsForSet(set: CriteriaSet, units: readonly UnitRecord[]): { covered: UnitRecord[]; skipped: UnitRecord[] } {
  return {
    covered: units.filter((u) => set.unitKinds.includes(u.kind)),
    skipped: units.filter((u) => !set.unitKinds.includes(u.kind)),
  };
}

/**
 * Streams a .zip of one workbook per covered unit to `output` (archiver, stored with deflate).
 * Resolves once the archive is complete; rejects on a write error.
 */
export async function writeUnitWorkbooksZip(output: Writable, set: CriteriaSet, units: readonly UnitRecord[], year: number | undefined): Promise<void> {
  // Loaded here, on first use: a server that only takes in workbooks never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const archive = (require('archiver') as typeof archiver)('zip', { zlib: { level: 6 } });
  const done = new Promise<void>((resolve, reject) => {
    archive.on('error', reject);
    output.on('error', reject);
    output.on('close', resolve);
    output.on('finish', resolve);
  });
  archive.pipe(output);
  for (const unit of units) archive.append(await unitWorkbook(set, unit, year), { name: unitWorkbookFileName(unit, set) });
  await archive.finalize();
  await done;
}
