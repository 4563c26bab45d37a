/**
 * The templates and docxtemplater, without the error catalogue: where a template is read from,
 * opening it and filling it, failing with a TemplateFailure (what went wrong, which file).
 * render.ts turns a failure into the AppError people read; the document thread
 * (renderWorker.ts) uses this module alone, so that it loads neither the catalogue nor the API
 * schemas and zod (a fifth of its start-up): it only says that it failed, and the main thread
 * fills the document again and throws the AppError.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type Docxtemplater from 'docxtemplater';
import type PizZip from 'pizzip';

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

/** Why a template could not be opened ('unreadable': not a .docx; 'broken': its tags) or filled ('broken'), and which file. */
export class TemplateFailure extends Error {
  constructor(readonly kind: 'unreadable' | 'broken', readonly file: string, readonly detail: string) {
    super(`${file}: ${detail}`);
  }
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
 * tags. Throws a TemplateFailure when it cannot be opened or its tags are broken.
 */
export function openTemplate(name: TemplateName, dataDir?: string): OpenedTemplate {
  const file = templatePath(name, dataDir);
  const { Docxtemplater, PizZip } = docxLibraries();
  let zip: PizZip;
  try {
    zip = new PizZip(readFileSync(file));
  } catch (error) {
    throw new TemplateFailure('unreadable', file, error instanceof Error ? error.message : String(error));
  }
  try {
    return { name, dataDir, file, doc: new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, nullGetter: () => '' }) };
  } catch (error) {
    throw new TemplateFailure('broken', file, explain(error));
  }
}

/** Fills an opened template (once: docxtemplater fills a compiled template one time) and returns the .docx bytes; a TemplateFailure when its tags are broken. */
export function fillTemplate(template: OpenedTemplate, data: object): Buffer {
  try {
    template.doc.render(data);
  } catch (error) {
    throw new TemplateFailure('broken', template.file, explain(error));
  }
  // Level 1: a report of a thousand table rows is a megabyte of repetitive XML, which the default
  // level takes several times longer to pack for a file a third smaller (tens of kilobytes).
  return template.doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}
