/**
 * The web pages: the provincial console at `/` (a single-page app: unknown page paths get its
 * index.html), the unit portal at `/don-vi/` (the same way) and the Excel task pane at `/addin/` (its icons also at `/assets/`), both from
 * dist/web/ as webpack built them. When they are not built, a Vietnamese page says how.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { serveText } from '../app/messages';
import { addinHeaders, apiHeaders } from './security';

const escapeHtml = (text: string) => text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

const notBuiltPage = (): string => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(serveText.webMissingTitle)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto">
<h1>${escapeHtml(serveText.webMissingTitle)}</h1><p>${escapeHtml(serveText.webMissing)}</p></body></html>`;

const notBuilt: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  res.status(503).type('html').send(notBuiltPage());
};

/** index.html for page paths (no file extension, HTML accepted); files themselves 404 when absent. */
function spaFallback(indexFile: string): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || path.extname(req.path) !== '' || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  };
}

export function webRouter(webDir: string): Router {
  const router = Router();
  const addinDir = path.join(webDir, 'addin');
  const consoleDir = path.join(webDir, 'console');

  router.use('/addin', addinHeaders);
  if (existsSync(path.join(addinDir, 'index.html'))) {
    router.use('/addin', express.static(addinDir, { index: 'index.html', fallthrough: true }));
    router.use('/assets', addinHeaders, express.static(path.join(addinDir, 'assets'), { fallthrough: true }));
  } else router.use('/addin', notBuilt);

  // The unit portal: the console's security headers (helmet's defaults), its own page fallback.
  const portalDir = path.join(webDir, 'portal');
  router.use('/don-vi', apiHeaders);
  if (existsSync(path.join(portalDir, 'index.html'))) {
    router.use('/don-vi', express.static(portalDir, { index: 'index.html', fallthrough: true }));
    router.use('/don-vi', spaFallback(path.join(portalDir, 'index.html')));
  } else router.use('/don-vi', notBuilt);

  router.use(apiHeaders);
  if (existsSync(path.join(consoleDir, 'index.html'))) {
    router.use(express.static(consoleDir, { index: 'index.html', fallthrough: true }));
    router.use(spaFallback(path.join(consoleDir, 'index.html')));
  } else router.use(notBuilt);
  return router;
}
