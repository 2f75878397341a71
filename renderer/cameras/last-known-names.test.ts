import { describe, expect, it } from 'vitest';
import { cameraNameOf, unnamedIds } from './last-known-names';

describe('unnamedIds', () => {
  it('keeps the distinct unregistered ids, sorted, without nulls', () => {
    expect(unnamedIds(['c9', null, 'c1', 'c2', 'c9'], [{ id: 'c1' }])).toEqual(['c2', 'c9']);
    expect(unnamedIds([null, 'c1'], [{ id: 'c1' }])).toEqual([]);
  });
});

describe('cameraNameOf', () => {
  const registered = [{ id: 'c1', name: 'Cổng chợ' }];
  const kept = new Map([['c2', 'Ngõ 7 Hàng Mã']]);
  it('names a camera by its registered name, then its last name, never by its id', () => {
    expect(cameraNameOf('c1', registered, kept, 'Camera đã xóa')).toBe('Cổng chợ');
    expect(cameraNameOf('c2', registered, kept, 'Camera đã xóa')).toBe('Ngõ 7 Hàng Mã');
    expect(cameraNameOf('5f0c…', registered, kept, 'Camera đã xóa')).toBe('Camera đã xóa');
  });
});
