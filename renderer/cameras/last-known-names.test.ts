import { describe, expect, it } from 'vitest';
import { unnamedIds } from './last-known-names';

describe('unnamedIds', () => {
  it('keeps the distinct unregistered ids, sorted, without nulls', () => {
    expect(unnamedIds(['c9', null, 'c1', 'c2', 'c9'], [{ id: 'c1' }])).toEqual(['c2', 'c9']);
    expect(unnamedIds([null, 'c1'], [{ id: 'c1' }])).toEqual([]);
  });
});
