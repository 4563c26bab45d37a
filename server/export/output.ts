import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { AppError, problems } from '../app/errors';

/**
 * Writes an export to a stream, or to a file path through a temporary file renamed at the end,
 * so a failed export never leaves a half-written file under the name the user asked for. A file
 * system error on the path (no such folder, no permission, a full disk…) is
 * AppError('output-not-written') naming the file and what to do; other errors are rethrown.
 */
export async function writeOutput(output: Writable | string, write: (stream: Writable) => Promise<void>): Promise<void> {
  if (typeof output !== 'string') {
    await write(output);
    return;
  }
  const temporary = `${output}.${process.pid}.${Date.now()}.tmp`;
  const stream = createWriteStream(temporary);
  try {
    await write(stream);
    await rename(temporary, output);
  } catch (error) {
    stream.destroy();
    await unlink(temporary).catch(() => undefined); // the temporary file may never have been created
    throw asOutputError(output, error);
  }
}

/** A file system error (it has an errno `code`) as the catalogue's output-not-written for `file`; anything else as it is. */
export function asOutputError(file: string, error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/u.test(code) ? problems.outputNotWritten(file, code) : error;
}

/** Writes a whole buffer to a stream or a file path (same guarantee as writeOutput). */
export function writeBuffer(output: Writable | string, bytes: Buffer): Promise<void> {
  return writeOutput(output, (stream) => new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(bytes, () => resolve());
  }));
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point: XML 1.0 does not allow them
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
/** Excel keeps at most this many characters in a cell. */
export const EXCEL_CELL_MAX = 32767;

/**
 * Text as it may go into an Office file: characters XML 1.0 cannot carry are dropped (they would
 * make Excel or Word refuse the whole file) and text is cut to what a cell can hold. Names come
 * from untrusted workbooks, so every text written by the exports goes through here.
 */
export function safeText(value: string, max = EXCEL_CELL_MAX): string {
  const clean = value.normalize('NFC').replace(INVALID_XML_CHARS, '');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

const XML_SPECIAL = /[&<>"]/u;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as XML element content or a double-quoted attribute value (already safe text). */
export function escapeXml(value: string): string {
  return XML_SPECIAL.test(value) ? value.replace(/[&<>"]/gu, (c) => XML_ESCAPES[c]!) : value;
}

/** `safeText` then `escapeXml`: untrusted text ready to go between XML tags. */
export function xmlText(value: string, max = EXCEL_CELL_MAX): string {
  return escapeXml(safeText(value, max));
}
