/**
 * zod without its eval-compiled fast paths, set before any schema is built (the console's and the
 * portal's index.tsx import this module first: zod reads the setting when a schema is constructed). The service's
 * Content-Security-Policy (script-src 'self') forbids eval, so in the web apps zod would only probe
 * for it (a policy violation report) and fall back; and for the few parses of a page load,
 * compiling a parser per object schema costs more than it saves.
 */
import { z } from 'zod';

z.config({ jitless: true });
