/**
 * The manifest checked structurally (office-addin-manifest validate needs Microsoft's service):
 * every rule of engineering-notes.md, plus the production manifest command.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { MIN_EXCEL_API } from '../../addin/office/requirements';
import { serveText } from '../../server/app/messages';
import { parseOptions } from '../../server/cli/command';
import { SERVE_OPTIONS, serveConfig } from '../../server/config/config';

const root = path.resolve(__dirname, '..', '..');

interface XmlElement { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string }

function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [{ name: '#document', attributes: {}, children: [], text: '' }];
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => { stack.pop(); });
  parser.on('text', (text) => { stack.at(-1)!.text += text; });
  parser.write(xml).close();
  return stack[0]!.children[0]!;
}

function all(element: XmlElement, predicate: (e: XmlElement) => boolean): XmlElement[] {
  return [...(predicate(element) ? [element] : []), ...element.children.flatMap((c) => all(c, predicate))];
}

const child = (element: XmlElement, name: string) => element.children.find((c) => c.name === name);

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function checkManifest(xml: string, origin: string): void {
  const app = parseXml(xml);
  expect(app.name).toBe('OfficeApp');
  expect(app.attributes['xsi:type']).toBe('TaskPaneApp');
  expect(child(app, 'Id')!.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu);
  expect(child(app, 'Version')!.text).toMatch(/^\d+\.\d+\.\d+\.\d+$/u);
  expect(child(app, 'DisplayName')!.attributes.DefaultValue!.length).toBeLessThanOrEqual(125);
  expect(child(app, 'Description')!.attributes.DefaultValue!.length).toBeLessThanOrEqual(250);

  // Hosts: Workbook, in the base manifest and in the version overrides.
  expect(child(app, 'Hosts')!.children.map((h) => h.attributes.Name)).toEqual(['Workbook']);
  const overrides = child(app, 'VersionOverrides')!;
  expect(all(overrides, (e) => e.name === 'Host').map((h) => h.attributes['xsi:type'])).toEqual(['Workbook']);

  // The ExcelApi minimum is the one the code checks at run time.
  const sets = all(app, (e) => e.name === 'Set');
  expect(sets.map((s) => [s.attributes.Name, s.attributes.MinVersion])).toEqual([['ExcelApi', MIN_EXCEL_API]]);

  // Every URL is https on the expected origin.
  const urls = [
    ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl'].map((n) => child(app, n)!.attributes.DefaultValue!),
    child(child(app, 'DefaultSettings')!, 'SourceLocation')!.attributes.DefaultValue!,
    ...all(app, (e) => e.name === 'AppDomain').map((e) => e.text.trim()),
    ...all(overrides, (e) => e.name === 'bt:Image' && 'id' in e.attributes).map((e) => e.attributes.DefaultValue!),
    ...all(overrides, (e) => e.name === 'bt:Url').map((e) => e.attributes.DefaultValue!),
  ];
  expect(urls.length).toBeGreaterThan(8);
  for (const url of urls) {
    expect(url.startsWith('https://'), url).toBe(true);
    expect(new URL(url).origin).toBe(origin);
  }

  // Every resid resolves; short strings ≤ 125, long ≤ 250; ids ≤ 32 characters.
  const resources = child(overrides, 'Resources')!;
  const ids = new Map<string, XmlElement>();
  for (const e of all(resources, (x) => 'id' in x.attributes)) {
    expect(e.attributes.id!.length).toBeLessThanOrEqual(32);
    expect(ids.has(e.attributes.id!), `duplicate id ${e.attributes.id}`).toBe(false);
    ids.set(e.attributes.id!, e);
  }
  const resids = all(overrides, (e) => 'resid' in e.attributes).map((e) => e.attributes.resid!);
  expect(resids.length).toBeGreaterThan(10);
  for (const resid of resids) expect(ids.has(resid), `resid ${resid}`).toBe(true);
  for (const s of all(child(resources, 'bt:ShortStrings')!, (e) => e.name === 'bt:String')) expect(s.attributes.DefaultValue!.length).toBeLessThanOrEqual(125);
  for (const s of all(child(resources, 'bt:LongStrings')!, (e) => e.name === 'bt:String')) expect(s.attributes.DefaultValue!.length).toBeLessThanOrEqual(250);

  // Every icon exists with the size it is declared at; pages exist in the source tree.
  const iconUrls = [child(app, 'IconUrl')!.attributes.DefaultValue!, child(app, 'HighResolutionIconUrl')!.attributes.DefaultValue!];
  const declared = all(child(resources, 'bt:Images')!, (e) => e.name === 'bt:Image');
  for (const url of [...iconUrls, ...declared.map((e) => e.attributes.DefaultValue!)]) {
    const file = path.join(root, 'addin/assets', path.basename(new URL(url).pathname));
    expect(new URL(url).pathname.startsWith('/addin/assets/'), url).toBe(true);
    expect(existsSync(file), file).toBe(true);
    const size = Number(/icon-(\d+)\.png$/u.exec(file)![1]);
    expect(pngSize(file)).toEqual({ width: size, height: size });
  }
  for (const use of all(overrides, (e) => e.name === 'bt:Image' && 'size' in e.attributes)) {
    const size = Number(use.attributes.size);
    expect(ids.get(use.attributes.resid!)!.attributes.DefaultValue).toMatch(new RegExp(`icon-${size}\\.png$`, 'u'));
  }
  const pages = all(overrides, (e) => e.name === 'bt:Url').map((e) => new URL(e.attributes.DefaultValue!).pathname);
  expect(pages).toContain('/addin/index.html');
  expect(pages).toContain('/addin/commands.html');
  expect(existsSync(path.join(root, 'addin/taskpane/commands.html'))).toBe(true);
}

describe('manifest.xml', () => {
  const xml = readFileSync(path.join(root, 'manifest.xml'), 'utf8');

  it('follows every structural rule, on https://localhost:3000', () => {
    checkManifest(xml, 'https://localhost:3000');
  });

  it("opens the task pane where the server listens and allows by default, and the server's HTTP hint names that address", () => {
    const origin = new URL(/<SourceLocation DefaultValue="([^"]+)"/u.exec(xml)![1]!).origin;
    const parsed = parseOptions(SERVE_OPTIONS, ['--http'], {});
    const config = parsed.ok ? serveConfig(parsed.value.values, {}) : undefined;
    expect(config?.ok && config.value.port).toBe(Number(new URL(origin).port));
    expect(config?.ok && config.value.corsOrigins).toContain(origin);
    expect(serveText.httpHint).toContain(`${origin},`);
    expect(serveText.httpHint).toContain('manifest.xml');
  });

  it('office-addin-manifest info parses it', () => {
    const bin = path.join(root, 'node_modules/.bin/office-addin-manifest');
    const out = execFileSync(bin, ['info', 'manifest.xml'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(out).toContain('Id: 5d842357-7a70-4b9d-b056-59943ea33e64');
    expect(out).toContain('Hosts: Workbook');
    expect(out).toContain('Source Location: https://localhost:3000/addin/index.html');
  });
});

describe('npm run manifest:prod', () => {
  const script = path.join(root, 'addin/scripts/manifest-prod.js');

  it('writes a manifest for another base URL that passes the same rules', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'manifest-')), 'manifest.xml');
    const run = spawnSync(process.execPath, [script, '--base-url', 'https://example.gov.vn', '--out', out, '--version', '1.2.0.0'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('<Version>1.2.0.0</Version>');
    checkManifest(xml, 'https://example.gov.vn');
  });

  it('refuses plain http, paths and a missing base URL', () => {
    for (const args of [['--base-url', 'http://example.gov.vn'], ['--base-url', 'https://example.gov.vn/addin'], []]) {
      const run = spawnSync(process.execPath, [script, ...args, '--out', path.join(os.tmpdir(), 'never.xml')], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^manifest:prod: /u);
    }
  });
});
