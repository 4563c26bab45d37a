/**
 * Renders Office files to PDF with LibreOffice, an independent reader, and reads the PDF back with
 * poppler's pdfinfo and pdftotext: page sizes and the text as printed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RenderedPdf {
  /** Each page's size in points, as pdfinfo reports it (width × height). */
  pages: { width: number; height: number }[];
  /** Text per page, laid out (`pdftotext -layout`). */
  text: string[];
}

/**
 * Converts each file to PDF with `soffice --headless` under a profile of its own (so parallel
 * tests and a user's LibreOffice never share one), then reads every page's size and text.
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
    for (let p = 1; p <= pages.length; p++) text.push((await run('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'])).stdout);
    rendered.set(file, { pages, text });
  }
  return rendered;
}
