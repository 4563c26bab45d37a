#!/usr/bin/env node
// Writes a production manifest from manifest.xml for another base URL:
//   npm run manifest:prod -- --base-url https://dienhinh.congan.dongthap.gov.vn [--out dist/manifest.xml] [--version 1.0.1.0]
// Every https://localhost:3000 of the development manifest becomes the base URL; nothing else
// changes (same add-in Id, so an installed add-in is updated rather than duplicated).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const DEV_ORIGIN = 'https://localhost:3000';

function fail(message) {
  process.stderr.write(`manifest:prod: ${message}\n`);
  process.exit(2);
}

function option(args, name) {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : undefined;
}

/** The production manifest's text; throws with a message for a wrong base URL or version. */
function productionManifest(xml, baseUrl, version) {
  let url;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`"${baseUrl}" is not a URL`);
  }
  if (url.protocol !== 'https:') throw new Error('the base URL must use https (Office loads add-ins over https only)');
  if (url.pathname !== '/' || url.search || url.hash) throw new Error('give the origin only, e.g. https://example.gov.vn (the pane is served at /addin/)');
  if (!xml.includes(DEV_ORIGIN)) throw new Error(`the manifest does not contain ${DEV_ORIGIN}`);
  let out = xml.split(DEV_ORIGIN).join(url.origin);
  if (version !== undefined) {
    if (!/^\d+\.\d+\.\d+\.\d+$/u.test(version)) throw new Error('--version must look like 1.0.0.0');
    out = out.replace(/<Version>[^<]*<\/Version>/u, `<Version>${version}</Version>`);
  }
  return out.replace(/<!-- Development manifest[\s\S]*?-->\n/u, `<!-- Production manifest for ${url.origin}, generated from manifest.xml. -->\n`);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const baseUrl = option(args, 'base-url');
  if (!baseUrl) fail('missing --base-url, e.g. --base-url https://dienhinh.congan.dongthap.gov.vn');
  const root = path.resolve(__dirname, '..', '..');
  const out = path.resolve(root, option(args, 'out') ?? 'dist/manifest.xml');
  try {
    const xml = productionManifest(fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8'), baseUrl, option(args, 'version'));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, xml);
    process.stdout.write(`${out}\n`);
  } catch (error) {
    fail(error.message);
  }
}

module.exports = { productionManifest, DEV_ORIGIN };
