import { describe, expect, it } from 'vitest';
import type { CameraClock } from '../../electron/contract/onvif';
import { createTranslator } from '../i18n/translate';
import { clockBadge, formatClockOffset } from './clock-text';

const vi = createTranslator('vi');
const en = createTranslator('en');

function reading(more: Partial<CameraClock>): CameraClock {
  return {
    cameraId: 'c1',
    at: 1_000,
    offsetMs: 0,
    uncertaintyMs: 500,
    tz: 'ICT-7',
    tzOk: true,
    ntp: false,
    level: 'ok',
    error: null,
    ...more,
  };
}

describe('formatClockOffset', () => {
  it('says ahead with + and behind with a real minus, in the largest units that matter', () => {
    expect(formatClockOffset(2 * 3600_000 + 12_000, vi)).toBe('+2 giờ 0 phút');
    expect(formatClockOffset(-8_000, vi)).toBe('\u22128 giây');
    expect(formatClockOffset(-8_400, vi)).toBe('\u22128 giây');
    expect(formatClockOffset(65_000, vi)).toBe('+1 phút 5 giây');
    expect(formatClockOffset(-(7 * 3600_000 + 30 * 60_000), vi)).toBe('\u22127 giờ 30 phút');
    expect(formatClockOffset(400, vi)).toBe('0 giây');
    expect(formatClockOffset(2 * 3600_000, en)).toBe('+2 h 0 min');
  });
});

describe('clockBadge', () => {
  it('warns amber over 5 s, alarms red over 60 s, names a wrong time zone', () => {
    expect(clockBadge(reading({ offsetMs: 1_000 }), vi)).toMatchObject({ level: 'ok', text: '' });
    expect(clockBadge(reading({ offsetMs: 8_000, level: 'warning' }), vi)).toMatchObject({
      level: 'warning',
      text: 'Lệch giờ +8 giây',
    });
    expect(clockBadge(reading({ offsetMs: 7_200_000, level: 'alarm' }), vi)).toMatchObject({
      level: 'alarm',
      text: 'Lệch giờ +2 giờ 0 phút',
    });
    const zone = clockBadge(reading({ tz: 'GMT0', tzOk: false, level: 'alarm' }), vi);
    expect(zone).toMatchObject({ level: 'alarm', text: 'Sai múi giờ' });
    expect(zone?.title).toContain('GMT0');
  });

  it('has no badge without a reading, and a quiet one for a camera it could not read', () => {
    expect(clockBadge(undefined, vi)).toBeNull();
    const unread = clockBadge(
      reading({ offsetMs: null, level: 'unknown', error: 'auth_failed' }),
      vi,
    );
    expect(unread).toMatchObject({ level: 'unknown', text: '' });
    expect(unread?.title).toContain('tài khoản ONVIF');
  });

  it('tells the commander the camera is on NTP', () => {
    const b = clockBadge(reading({ offsetMs: -90_000, level: 'alarm', ntp: true }), vi);
    expect(b?.text).toBe('Lệch giờ \u22121 phút 30 giây');
    expect(b?.title).toContain('NTP');
  });
});
