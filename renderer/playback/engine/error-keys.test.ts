import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { vi } from '../../i18n/vi';
import { PLAYBACK_ERROR_KEYS } from './types';

describe('playback error keys', () => {
  it('every error the engine reports has its own text, so the tile says what to do', () => {
    for (const key of PLAYBACK_ERROR_KEYS) {
      expect(Object.keys(vi), key).toContain(key);
      expect(vi[key as keyof typeof vi], key).not.toBe(vi['playback.state.error']);
      expect(en[key as keyof typeof en], key).not.toBe(en['playback.state.error']);
    }
  });
});
