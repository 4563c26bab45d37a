/**
 * Which definition of a defined name counts, when a workbook holds several: one in the
 * workbook's scope and others in single sheets' scopes (copying a sheet copies the names that
 * point into it as sheet-scope names; deleting the original then leaves the workbook-scope one
 * as `#REF!`). The add-in (over Office.js) and the .xlsx reader must find the same range.
 */

/** One definition of a name, as read from the workbook. */
export interface NameDefinition<T> {
  /** The sheet whose scope holds it; undefined for the workbook's scope. */
  scopeSheet: string | undefined;
  /** The sheet of the one rectangular range it refers to; undefined when broken (`#REF!`) or not a range. */
  targetSheet: string | undefined;
  value: T;
}

/**
 * A valid workbook-scope definition wins. Without one, the sheet-scope definition that refers
 * to a range on its own sheet counts (what Excel itself uses on that sheet: the copied scoring
 * sheet), when exactly one sheet has such a definition; several are ambiguous and none counts.
 * Names are matched by the caller (Excel compares them without case).
 */
export function pickNameDefinition<T>(definitions: readonly NameDefinition<T>[]): T | undefined {
  const workbook = definitions.find((d) => d.scopeSheet === undefined && d.targetSheet !== undefined);
  if (workbook) return workbook.value;
  const key = (sheet: string) => sheet.normalize('NFC').toLowerCase();
  const local = definitions.filter((d) => d.scopeSheet !== undefined && d.targetSheet !== undefined && key(d.scopeSheet) === key(d.targetSheet));
  return local.length === 1 ? local[0]!.value : undefined;
}
