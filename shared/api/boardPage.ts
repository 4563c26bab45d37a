/**
 * Pages of the board: `GET /api/units?year=…&limit=&offset=`. Kept apart from the zod schemas
 * (schemas.ts) so that the console's first script (server/console/early.ts) can ask for the first
 * page without loading zod.
 */

/**
 * Rows the console asks the service for first: enough to fill the board's window at once (about
 * 12 rows at 1366×768, 20 at 1920×1080, under 50 on any common screen). Not more: the browser
 * checks every row of an answer against its schema, and the first check runs cold, about a
 * millisecond a row.
 */
export const BOARD_PAGE_SIZE = 50;

/** The query string of one page of the board (GET /api/units?year=…&<this>), in the default order. */
export function boardPageQuery(offset: number, limit: number = BOARD_PAGE_SIZE): string {
  return `limit=${limit}&offset=${offset}`;
}

/** The first page the console shows (what the growth bench times). */
export const BOARD_FIRST_PAGE_QUERY = boardPageQuery(0);

/** The path of a year's board: every row, or one page (`page`: a boardPageQuery). */
export function unitsPath(year: number, page?: string): string {
  return `/api/units?year=${year}${page ? `&${page}` : ''}`;
}
