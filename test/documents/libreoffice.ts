/**
 * An independent reader for the .docx documents: LibreOffice converts them to PDF (its own
 * profile per run, so parallel runs of other tests never share a lock), then pdftotext gives the
 * text a person would read, and pdfinfo the page count.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ReadDocument {
  /** The text in reading order, white space collapsed to single spaces. */
  text: string;
  /** pdftotext -layout: lines as printed. */
  lines: string[];
  pages: number;
}

/** Converts every document in one LibreOffice run; the result is keyed like the input. */
export async function readWithLibreOffice(documents: Record<string, Buffer>): Promise<Record<string, ReadDocument>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-lo-'));
  try {
    const files = Object.entries(documents).map(([name, bytes]) => {
      const file = path.join(dir, `${name}.docx`);
      writeFileSync(file, bytes);
      return file;
    });
    await run('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { timeout: 180_000 });
    const result: Record<string, ReadDocument> = {};
    for (const name of Object.keys(documents)) {
      const pdf = path.join(dir, `${name}.pdf`);
      readFileSync(pdf); // throws when LibreOffice could not open the document
      const plain = (await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout;
      const layout = (await run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'])).stdout;
      const info = (await run('pdfinfo', [pdf])).stdout;
      result[name] = {
        text: plain.normalize('NFC').replace(/\s+/gu, ' ').trim(),
        lines: layout.normalize('NFC').split('\n').map((l) => l.replace(/\s+/gu, ' ').trim()).filter(Boolean),
        pages: Number(/Pages:\s+(\d+)/u.exec(info)?.[1] ?? 0),
      };
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
