/**
 * The one independent reader of the Office files the product writes (.xlsx, .docx): LibreOffice
 * converts them to PDF under a profile of its own (so parallel tests and a user's LibreOffice never
 * share a lock), then poppler's pdfinfo gives each page's size and pdftotext the text as printed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RenderedPdf {
  /** Each page's size in points, as pdfinfo reports it (width × height). */
  pages: { width: number; height: number }[];
  /** Text per page, laid out (`pdftotext -layout`). */
  text: string[];
  /** The whole document's text in reading order (`pdftotext` without -layout). */
  plain: string;
}

/**
 * Converts each file to PDF in one `soffice --headless` run, then reads every page's size and text.
 * Rejects when LibreOffice could not convert a file (its PDF is missing) or a tool is absent.
 */
export async function renderPdfs(files: readonly string[], outDir: string): Promise<Map<string, RenderedPdf>> {
  const profile = await mkdtemp(path.join(tmpdir(), 'dh-lo-profile-'));
  try {
    await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], { timeout: 180_000 });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const rendered = new Map<string, RenderedPdf>();
  for (const file of files) {
    const pdf = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
    const info = (await run('pdfinfo', ['-f', '1', '-l', '9999', pdf])).stdout;
    const pages = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gmu)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
    const text: string[] = [];
    for (let p = 1; p <= pages.length; p++) text.push((await run('pdftotext', ['-f', String(p), '-l', String(p), '-layout', '-enc', 'UTF-8', pdf, '-'])).stdout);
    const plain = (await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout;
    rendered.set(file, { pages, text, plain });
  }
  return rendered;
}

/** A document as a person reads it once printed. */
export interface ReadDocument {
  /** The text in reading order, NFC, white space collapsed to single spaces. */
  text: string;
  /** pdftotext -layout: the lines as printed, NFC, white space collapsed, empty lines dropped. */
  lines: string[];
  pages: number;
}

/**
 * Prints documents given as bytes (`extension` says their format, "docx" by default) in one
 * LibreOffice run (see renderPdfs); the result is keyed like the input.
 */
export async function readWithLibreOffice(documents: Record<string, Buffer>, extension = 'docx'): Promise<Record<string, ReadDocument>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dien-hinh-lo-'));
  try {
    const files = new Map<string, string>();
    for (const [name, bytes] of Object.entries(documents)) {
      const file = path.join(dir, `${name}.${extension}`);
      await writeFile(file, bytes);
      files.set(name, file);
    }
    const rendered = await renderPdfs([...files.values()], dir);
    const result: Record<string, ReadDocument> = {};
    for (const [name, file] of files) {
      const pdf = rendered.get(file)!;
      result[name] = {
        text: pdf.plain.normalize('NFC').replace(/\s+/gu, ' ').trim(),
        lines: pdf.text.join('\n').normalize('NFC').split('\n').map((l) => l.replace(/\s+/gu, ' ').trim()).filter(Boolean),
        pages: pdf.pages.length,
      };
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
