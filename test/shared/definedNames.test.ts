/** The one rule for which definition of a defined name counts, shared by the add-in and the .xlsx reader. */
import { describe, expect, it } from 'vitest';
import { resolveDefinedName, type NameDefinition } from '../../shared/workbook/definedNames';

const def = (value: string, scopeSheet: string | undefined, targetSheet: string | undefined): NameDefinition<string> => ({ scopeSheet, targetSheet, value });

describe('resolveDefinedName', () => {
  it('a valid workbook-scope definition wins over sheet-scope copies', () => {
    expect(resolveDefinedName([def('copy', 'Chấm điểm (2)', 'Chấm điểm (2)'), def('global', undefined, 'Chấm điểm')])).toEqual({ kind: 'found', value: 'global' });
  });

  it('without a valid workbook one, the lone copy on its own sheet counts (sheet compared without case, NFC)', () => {
    expect(resolveDefinedName([def('broken', undefined, undefined), def('copy', 'CHẤM ĐIỂM', 'Chấm điểm'.normalize('NFD'))])).toEqual({ kind: 'found', value: 'copy' });
    expect(resolveDefinedName([def('copy', 'Chấm điểm', 'Chấm điểm')])).toEqual({ kind: 'found', value: 'copy' });
  });

  it('a sheet-scope definition pointing to another sheet is not that sheet\'s copy', () => {
    expect(resolveDefinedName([def('elsewhere', 'Hướng dẫn', 'Chấm điểm')])).toEqual({ kind: 'unusable', value: 'elsewhere' });
  });

  it('copies on several sheets are in doubt, naming the sheets', () => {
    expect(resolveDefinedName([def('broken', undefined, undefined), def('a', 'Hướng dẫn', 'Hướng dẫn'), def('b', 'Chấm điểm', 'Chấm điểm')]))
      .toEqual({ kind: 'sheet-copies', values: ['a', 'b'], sheets: ['Hướng dẫn', 'Chấm điểm'] });
  });

  it('none valid: the workbook-scope one is what is wrong (else the first); nothing: absent', () => {
    expect(resolveDefinedName([def('local', 'Hồ sơ', undefined), def('global', undefined, undefined)])).toEqual({ kind: 'unusable', value: 'global' });
    expect(resolveDefinedName([def('local', 'Hồ sơ', undefined)])).toEqual({ kind: 'unusable', value: 'local' });
    expect(resolveDefinedName([])).toEqual({ kind: 'absent' });
  });
});
