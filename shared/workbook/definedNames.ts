/**
 * Which definition of a defined name counts, when a workbook holds several: one in the
 * workbook's scope and others in single sheets' scopes (copying a sheet copies the names that
 * point into it as sheet-scope names; deleting the original then leaves the workbook-scope one
 * as `#REF!`). The add-in (over Office.js) and the .xlsx reader call this one function, so they
 * find the same range.
 */

/** One definition of a name, as read from the workbook. */
export interface NameDefinition<T> {
  /** The sheet whose scope holds it; undefined for the workbook's scope. */
  scopeSheet: string | undefined;
  /**
   * The sheet of the one rectangular range it refers to, when that is a sheet of the workbook;
   * undefined when broken (`#REF!`, a deleted sheet) or not one range.
   */
  targetSheet: string | undefined;
  value: T;
}

/** What the definitions of one name come to. */
export type NameResolution<T> =
  /** The definition that counts. */
  | { kind: 'found'; value: T }
  /** No valid workbook-scope definition, and valid copies on several sheets: in doubt, none counts. */
  | { kind: 'sheet-copies'; values: T[]; sheets: string[] }
  /** Definitions, none valid: the workbook-scope one (else the first), for saying what is wrong. */
  | { kind: 'unusable'; value: T }
  /** No definition at all. */
  | { kind: 'absent' };

/**
 * A valid workbook-scope definition wins. Without one, the sheet-scope definition that refers
 * to a range on its own sheet counts (what Excel itself uses on that sheet: the copied scoring
 * sheet), when exactly one sheet has such a definition; an invalid workbook-scope one does not
 * hide it. Sheets are compared as Excel does (without case, NFC). Names are matched by the caller
 * (Excel compares them without case).
 */
export function resolveDefinedName<T>(definitions: readonly NameDefinition<T>[]): NameResolution<T> {
  if (definitions.length === 0) return { kind: 'absent' };
  const workbook = definitions.filter((d) => d.scopeSheet === undefined);
  const valid = workbook.find((d) => d.targetSheet !== undefined);
  if (valid) return { kind: 'found', value: valid.value };
  const key = (sheet: string) => sheet.normalize('NFC').toLowerCase();
  const local = definitions.filter((d) => d.scopeSheet !== undefined && d.targetSheet !== undefined && key(d.scopeSheet) === key(d.targetSheet));
  if (local.length === 1) return { kind: 'found', value: local[0]!.value };
  if (local.length > 1) return { kind: 'sheet-copies', values: local.map((d) => d.value), sheets: local.map((d) => d.scopeSheet!) };
  return { kind: 'unusable', value: (workbook[0] ?? definitions[0]!).value };
}
