import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../../server/app/messages';

/** Every `action: '…'` an audit entry is written with, anywhere under server/. */
function auditActionCodes(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) { for (const c of auditActionCodes(file)) codes.add(c); continue; }
    if (!file.endsWith('.ts')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/\baction: '([a-z0-9-]+)'/g)) codes.add(match[1]!);
  }
  return codes;
}

describe('audit log words', () => {
  const codes = auditActionCodes(path.resolve(__dirname, '../../server'));

  it('finds the action codes the service writes', () => {
    expect(codes.has('submission')).toBe(true);
    expect(codes.has('unit-add')).toBe(true);
  });

  it('gives every action the service writes a Vietnamese label, so no code reaches a reader', () => {
    const missing = [...codes].filter((code) => !(code in AUDIT_ACTION_LABELS));
    expect(missing).toEqual([]);
    for (const code of codes) expect(auditActionLabel(code)).not.toBe(code);
  });
});
