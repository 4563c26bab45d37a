/**
 * The add-in's log: the browser console (F12 in Excel on the web; the web view's developer tools
 * on Windows). Technical detail goes here, the Vietnamese message goes on screen. Secrets never
 * pass through it: the unit token is not an argument of any function of this module's callers.
 */
export function logDetail(context: string, detail: string): void {
  console.error(`[dien-hinh] ${context}: ${detail}`);
}

export function logNote(message: string): void {
  console.warn(`[dien-hinh] ${message}`);
}
