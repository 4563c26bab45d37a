/**
 * Fills a Word template with docxtemplater: the one way the product makes a .docx. The template
 * is the province's own copy when `<data>/templates/<file>` exists (edited in Word or LibreOffice,
 * no code change), else the one shipped in server/documents/templates/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type Docxtemplater from 'docxtemplater';
import type PizZip from 'pizzip';
import type { problems as Problems } from '../app/errors';

export const TEMPLATE_FILES = {
  'bao-cao': 'bao-cao.docx',
  'to-trinh': 'to-trinh.docx',
  'quyet-dinh': 'quyet-dinh.docx',
  'bien-ban': 'bien-ban.docx',
  slips: 'phieu-ma-nop.docx',
} as const;
export type TemplateName = keyof typeof TEMPLATE_FILES;

/** The folder under a data folder where a province keeps its own templates. */
export const PROVINCE_TEMPLATES_DIR = 'templates';

/**
 * The shipped templates: next to this module when run from the sources (tests), or in the
 * sources' folder when run from dist/ (tsc copies no .docx).
 */
function shippedDir(): string {
  const candidates = [path.join(__dirname, 'templates'), path.resolve(__dirname, '../../../server/documents/templates')];
  return candidates.find((dir) => existsSync(path.join(dir, TEMPLATE_FILES['bao-cao']))) ?? candidates[0]!;
}

/** Where a template is read from: the province's copy when present, else the shipped one. */
export function templatePath(name: TemplateName, dataDir?: string): string {
  const file = TEMPLATE_FILES[name];
  if (dataDir) {
    const own = path.join(dataDir, PROVINCE_TEMPLATES_DIR, file);
    if (existsSync(own)) return own;
  }
  return path.join(shippedDir(), file);
}

interface TemplateErrorDetail {
  properties?: { explanation?: string; id?: string; xtag?: string; errors?: TemplateErrorDetail[] };
  message?: string;
}

/** docxtemplater's errors (a multi-error lists every broken tag) as one sentence for people. */
function explain(error: unknown): string {
  const e = error as TemplateErrorDetail;
  const inner = e.properties?.errors ?? [e];
  return inner.map((x) => x.properties?.explanation ?? x.message ?? String(x)).join('; ');
}

/**
 * The error catalogue, loaded when a template fails: the document thread (renderWorker.ts) fills
 * templates without ever loading it, the API schemas and zod (a fifth of its start-up), since it
 * only says that it failed and the main thread makes the error again.
 */
function problems(): typeof Problems {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../app/errors') as { problems: typeof Problems }).problems;
}

let libraries: { Docxtemplater: typeof Docxtemplater; PizZip: typeof PizZip } | undefined;

/** docxtemplater and PizZip, loaded on first use: a server that only takes in workbooks never needs them. */
export function docxLibraries(): { Docxtemplater: typeof Docxtemplater; PizZip: typeof PizZip } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  libraries ??= { Docxtemplater: require('docxtemplater') as typeof Docxtemplater, PizZip: require('pizzip') as typeof PizZip };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return libraries;
}

/** A template read and its tags compiled, to be filled once (`fillTemplate`). */
export interface OpenedTemplate {
  name: TemplateName;
  dataDir: string | undefined;
  /** The file it was read from (named in errors). */
  file: string;
  doc: Docxtemplater;
}

/**
 * Reads the template `name` (the province's copy in `dataDir` when there is one) and compiles its
 * tags. Throws AppError('template-invalid') naming the file when it cannot be opened or its tags
 * are broken.
 */
export function openTemplate(name: TemplateName, dataDir?: string): OpenedTemplate {
  const file = templatePath(name, dataDir);
  const { Docxtemplater, PizZip } = docxLibraries();
  let zip: PizZip;
  try {
    zip = new PizZip(readFileSync(file));
  } catch (error) {
    throw problems().templateUnreadable(file, error instanceof Error ? error.message : String(error));
  }
  try {
    return { name, dataDir, file, doc: new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, nullGetter: () => '' }) };
  } catch (error) {
    throw problems().templateBroken(file, explain(error));
  }
}

/** Fills an opened template (once: docxtemplater fills a compiled template one time) and returns the .docx bytes. */
export function fillTemplate(template: OpenedTemplate, data: object): Buffer {
  try {
    template.doc.render(data);
  } catch (error) {
    throw problems().templateBroken(template.file, explain(error));
  }
  // Level 1: a report of a thousand table rows is a megabyte of repetitive XML, which the default
  // level takes several times longer to pack for a file a third smaller (tens of kilobytes).
  return template.doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/**
 * Fills the template `name` with `data` (the fields of server/documents/data.ts) and returns the
 * .docx bytes. Missing values print as empty; a line break in a value is a line break.
 * Throws AppError('template-invalid') naming the file when a template cannot be opened or its
 * tags are broken (a province's edit gone wrong), so the officer knows which file to fix.
 */
export function renderDocument(name: TemplateName, data: object, dataDir?: string): Buffer {
  return fillTemplate(openTemplate(name, dataDir), data);
}
