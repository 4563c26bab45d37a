/**
 * The audit log's words: every action code the service writes (AUDIT_ACTIONS, which the store's
 * `Change` type requires, so a code outside it does not compile) has a Vietnamese label, and an
 * old entry's code no longer written still reads as stored.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../../server/app/messages';
import { AUDIT_ACTIONS } from '../../server/store/store';

/** A letter only Vietnamese writing has (a label in words, not a code). */
const VIETNAMESE = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/iu;

describe('audit log words', () => {
  it('gives every action the service writes a Vietnamese label, so no code reaches a reader', () => {
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const code of AUDIT_ACTIONS) {
      const label = auditActionLabel(code);
      expect(label, code).not.toBe(code);
      expect(label, code).toMatch(VIETNAMESE);
    }
    expect(auditActionLabel('sign-in-failed')).toBe('Đăng nhập sai mã');
  });

  it('shows a code it has no words for as stored, and never an inherited property', () => {
    expect(auditActionLabel('an-old-action')).toBe('an-old-action');
    expect(auditActionLabel('constructor')).toBe('constructor');
  });
});
