/**
 * JSON documents a person keeps or edits as files (a province's criteria sets, a calendar for an
 * offline run): read whole, a UTF-8 byte-order mark accepted, every failure a value the caller
 * words for its own file.
 */
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from '../../shared/util/result';

/** Why a JSON file gave no document. */
export type JsonFileProblem =
  /** Not read at all: `code` is the system's (ENOENT, EISDIR, EACCES…) when it gave one. */
  | { kind: 'unreadable'; code: string | undefined; detail: string }
  /**
   * Read but not JSON: the parser's words, and the 1-based line and column where the text stops
   * being JSON when the parser says where (it does for most mistakes: a missing comma or quote, a
   * trailing comma after a property, a file cut short).
   */
  | { kind: 'not-json'; detail: string; line: number | undefined; column: number | undefined };

/** The JSON document in `file`, or why there is none. Never throws. */
export function readJsonFile(file: string): Result<unknown, JsonFileProblem> {
  let text: string;
  try {
    // Notepad on Windows saves UTF-8 with a byte-order mark, which JSON.parse refuses.
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/u, '');
  } catch (error) {
    return err({ kind: 'unreadable', code: (error as NodeJS.ErrnoException).code, detail: detail(error) });
  }
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    const message = detail(error);
    const place = placeOf(text, message);
    return err({ kind: 'not-json', detail: message, line: place?.line, column: place?.column });
  }
}

/** Where V8's JSON.parse stopped: "… at position N", or the end for a text cut short. */
function placeOf(text: string, message: string): { line: number; column: number } | undefined {
  const position = /\bat position (\d+)/u.exec(message);
  const offset = position ? Number(position[1]) : /^Unexpected end of JSON input/u.test(message) ? text.length : undefined;
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split(/\r\n|\r|\n/u);
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function detail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
