import { describe, expect, it } from 'vitest';
import { formatSizesAlike } from './format-storage';

describe('sizes compared', () => {
  const GB = 1024 ** 3;
  it('puts both in the unit of the larger, keeping a tiny one readable', () => {
    expect(formatSizesAlike([1.2 * GB, 0.4 * GB], 'vi')).toEqual(['1,2 GB', '0,4 GB']);
    expect(formatSizesAlike([0.04 * GB, 3 * GB], 'en')).toEqual(['0.04 GB', '3 GB']);
    expect(formatSizesAlike([150 * GB, 2 * GB], 'en')).toEqual(['150 GB', '2 GB']);
    expect(formatSizesAlike([1.2 * GB, 1024 * 1024], 'vi')).toEqual(['1,2 GB', '1 MB']);
    expect(formatSizesAlike([0, 512], 'vi')).toEqual(['0 B', '512 B']);
  });
});
