import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate';
import { probeMessage } from './probe-message';

const ok = {
  ok: true as const,
  codec: 'hevc',
  codecString: null,
  width: 1920,
  height: 1080,
  fps: 25,
};

describe('probeMessage', () => {
  it('names the codec as officers know it (H.265, never HEVC)', () => {
    for (const lang of ['vi', 'en'] as const) {
      const text = probeMessage(ok, '10.0.0.5:554', createTranslator(lang));
      expect(text).toContain('H.265');
      expect(text).not.toMatch(/hevc/i);
    }
    expect(probeMessage({ ...ok, codec: 'h264' }, 'x', createTranslator('vi'))).toBe(
      'Kết nối tốt: H.264, 1920×1080, 25 khung hình/giây',
    );
  });
});
