/**
 * The compiler enforces the trees' boundaries: shared/ is compiled without DOM or Node types, so a
 * `node:` import, `Buffer`, `process`, `document` or `window` in it fails `tsc -b`. Proved by
 * compiling a probe file with shared/tsconfig.json's options (beside all of shared/, which must
 * stay clean), and, as the control that shows the probe is valid code, with server/'s and addin/'s.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const probeDir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-boundary-'));
afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

/** One probe per runtime-specific name: [what it uses, the code, the runtime that has it]. */
const PROBES: [string, string, 'node' | 'dom'][] = [
  ['a node: import', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n", 'node'],
  ['Buffer', "export const bytes = Buffer.from('a');\n", 'node'],
  ['process', 'export const home = process.env.HOME;\n', 'node'],
  ['document', 'export const title = document.title;\n', 'dom'],
  ['window', 'export const width = window.innerWidth;\n', 'dom'],
];

/** The options of one tree's tsconfig.json, to check without emitting. */
function treeOptions(tree: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, tree, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  if (!parsed) throw new Error(`${tree}/tsconfig.json cannot be read`);
  return parsed;
}

/** Type errors, as "file: message", of the given files compiled with a tree's options. */
function errors(tree: string, files: string[]): string[] {
  const { options } = treeOptions(tree);
  const program = ts.createProgram(files, { ...options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false, rootDir: undefined, outDir: undefined });
  return ts.getPreEmitDiagnostics(program).map((d) =>
    `${d.file ? path.relative(root, d.file.fileName) : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

function probeFile(name: string, code: string): string {
  const file = path.join(probeDir, `${name.replace(/\W+/gu, '-')}.ts`);
  writeFileSync(file, code);
  return file;
}

describe('tree boundaries', () => {
  it('shared/ compiles on its own options, and every Node or DOM name in it is an error', () => {
    const probes = PROBES.map(([name, code]) => probeFile(name, code));
    const found = errors('shared', [...treeOptions('shared').fileNames, ...probes]);
    // shared/ itself is clean; each probe fails, each with its own error.
    expect(found.filter((e) => !e.includes('dien-hinh-boundary-'))).toEqual([]);
    for (const [name] of PROBES) {
      expect(found.filter((e) => e.includes(`${name.replace(/\W+/gu, '-')}.ts:`)), name).toHaveLength(1);
    }
  }, 120_000);

  it('the same probes compile where their runtime is: Node names in server/, DOM names in addin/', () => {
    for (const [runtime, tree] of [['node', 'server'], ['dom', 'addin']] as const) {
      const probes = PROBES.filter((p) => p[2] === runtime).map(([name, code]) => probeFile(name, code));
      expect(errors(tree, probes), tree).toEqual([]);
    }
  }, 120_000);
});
