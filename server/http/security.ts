/**
 * Security headers and CORS. The API keeps helmet's defaults. The task pane's pages (/addin/)
 * must load inside Excel on the web's iframe and load office.js from Microsoft's CDN, so they get
 * no X-Frame-Options and a CSP whose frame-ancestors and script-src allow exactly that.
 */
import cors from 'cors';
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';

export const OFFICE_FRAME_ANCESTORS = [
  "'self'", 'https://*.officeapps.live.com', 'https://*.office.com', 'https://*.office365.com', 'https://*.sharepoint.com',
  'https://*.microsoft.com', 'https://*.cloud.microsoft',
  // Personal OneDrive opens Excel on the web inside onedrive.live.com itself.
  'https://onedrive.live.com',
];
export const OFFICE_SCRIPT_SOURCES = ['https://appsforoffice.microsoft.com'];

const secureHeaders = helmet();
// Over plain HTTP, `upgrade-insecure-requests` would send the console's own scripts to https://
// on any host name but localhost, and the page would stay blank.
const plainHttpHeaders = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });

/** helmet's defaults: for the API and the console (without upgrade-insecure-requests over HTTP). */
export const apiHeaders: RequestHandler = (req, res, next) => (req.secure ? secureHeaders : plainHttpHeaders)(req, res, next);

/** For the task pane: framable by Office, office.js from its CDN, calls to this server only. */
export const addinHeaders: RequestHandler = helmet({
  xFrameOptions: false,
  crossOriginEmbedderPolicy: false,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  contentSecurityPolicy: {
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'", ...OFFICE_SCRIPT_SOURCES],
      'style-src': ["'self'", "'unsafe-inline'", 'https:'],
      'img-src': ["'self'", 'data:', 'https:'],
      'font-src': ["'self'", 'https:', 'data:'],
      'connect-src': ["'self'", ...OFFICE_SCRIPT_SOURCES],
      'frame-src': ["'self'", ...OFFICE_SCRIPT_SOURCES],
      'frame-ancestors': OFFICE_FRAME_ANCESTORS,
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
    },
  },
});

/** CORS for the API: the add-in's origin(s) and the server's own origin; nothing else. */
export function apiCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins.map((o) => o.replace(/\/+$/u, '')));
  return (req, res, next) => {
    const own = `${req.protocol}://${req.headers.host ?? ''}`;
    cors({
      origin: (origin, callback) => callback(null, origin === undefined || origin === own || allowed.has(origin)),
      methods: ['GET', 'POST', 'PUT'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-File-Name', 'Idempotency-Key'],
      maxAge: 600,
    })(req as Request, res, next);
  };
}
