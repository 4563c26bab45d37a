/** Request bodies and query parameters, checked with the API's zod schemas; errors in Vietnamese. */
import type { Request } from 'express';
import { z } from 'zod';
import { stageSchema, type Stage } from '../../shared/deadlines/calendar';
import { vietnamDate } from '../../shared/deadlines/vietnamTime';
import { problems } from '../app/errors';
import { msg, zodVietnamese } from '../app/messages';

/**
 * A request body checked with its schema, or a 400 `bad-request` listing every field refused:
 * each detail's `cell` is the field's path ("baoCao.recipients.1", where a client puts the
 * message), its message names the field — as `describe` words it when given (the name a person
 * read beside the field, DOCUMENT_SETTING_NAMES), else by its path.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, describe?: (issue: z.core.$ZodIssue) => string): z.output<S> {
  const parsed = schema.safeParse(body ?? {}, { error: zodVietnamese });
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(nội dung)';
    return { sheet: '', cell: field, message: describe ? describe(issue) : msg.invalidField(field, issue.message) };
  });
  throw problems.invalidFields(details.map((d) => d.message), { details });
}

function queryText(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `?year=` or the current year in Vietnam. */
export function queryYear(req: Request, now: Date): number {
  const raw = queryText(req, 'year');
  if (raw === undefined) return vietnamDate(now).year;
  const year = Number(raw);
  if (!/^\d{4}$/u.test(raw) || year < 2000 || year > 2100) throw problems.invalidYear(raw);
  return year;
}

export function parseStage(raw: string | undefined): Stage | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const parsed = stageSchema.safeParse(raw.trim());
  if (!parsed.success) throw problems.invalidStage(raw);
  return parsed.data;
}

export function queryString(req: Request, name: string): string | undefined {
  return queryText(req, name);
}
