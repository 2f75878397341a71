import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate';
import { durationText, rangeEndsText } from './export-range-text';

// 14:02:10 station time (UTC+7) on 01/06/2025.
const T = Date.UTC(2025, 5, 1, 7, 2, 10);
const vi = createTranslator('vi');
const en = createTranslator('en');
const say = (m: ReturnType<typeof durationText>, t = vi) => t(m.key, m.params);

describe('rangeEndsText', () => {
  it('shows clock times in station time for a range within one day', () => {
    expect(say(rangeEndsText({ startMs: T, endMs: T + 200_000 }, 'vi'))).toBe(
      '14:02:10 → 14:05:30',
    );
  });

  it('adds dates when the range crosses midnight', () => {
    // 23:50 on 01/06 to 00:10 on 02/06 station time.
    const from = Date.UTC(2025, 5, 1, 16, 50, 0);
    expect(say(rangeEndsText({ startMs: from, endMs: from + 20 * 60_000 }, 'vi'))).toBe(
      '01/06/2025 23:50:00 → 02/06/2025 00:10:00',
    );
  });

  it('says which mark is missing', () => {
    expect(say(rangeEndsText({ startMs: T, endMs: null }, 'vi'))).toBe(
      'Từ 14:02:10 → chưa đặt điểm cuối',
    );
    expect(say(rangeEndsText({ startMs: null, endMs: T }, 'en'), en)).toBe(
      'No start yet → 14:02:10',
    );
    expect(rangeEndsText({ startMs: null, endMs: null }, 'vi').key).toBe('playback.range.none');
  });
});

describe('durationText', () => {
  it('reads as seconds, minutes or hours', () => {
    expect(say(durationText(45_000))).toBe('45 giây');
    expect(say(durationText(200_000))).toBe('3 phút 20 giây');
    expect(say(durationText(3_600_000 + 5_000))).toBe('1 giờ 0 phút 5 giây');
    expect(say(durationText(200_000), en)).toBe('3 min 20 s');
  });
});
