/**
 * Fills a Word template with docxtemplater: the one way the product makes a .docx. The template
 * is the province's own copy when `<data>/templates/<file>` exists (edited in Word or LibreOffice,
 * no code change), else the one shipped in server/documents/templates/ (template.ts).
 */
import { problems } from '../app/errors';
import { fillTemplate, openTemplate, TemplateFailure, type TemplateName } from './template';

/**
 * Fills the template `name` with `data` (the fields of server/documents/data.ts) and returns the
 * .docx bytes. Missing values print as empty; a line break in a value is a line break.
 * Throws AppError('template-invalid') naming the file when a template cannot be opened or its
 * tags are broken (a province's edit gone wrong), so the officer knows which file to fix.
 */
export function renderDocument(name: TemplateName, data: object, dataDir?: string): Buffer {
  try {
    return fillTemplate(openTemplate(name, dataDir), data);
  } catch (error) {
    if (!(error instanceof TemplateFailure)) throw error;
    throw error.kind === 'unreadable' ? problems.templateUnreadable(error.file, error.detail) : problems.templateBroken(error.file, error.detail);
  }
}
