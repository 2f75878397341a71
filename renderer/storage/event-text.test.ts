import { describe, expect, it } from 'vitest';
import type { RecordingEvent } from '../../electron/contract/recording-schemas';
import { createTranslator } from '../i18n/translate';
import { eventText } from './event-text';
import { formatBytes, formatDays, formatDuration } from './format-storage';

const ev = (
  kind: RecordingEvent['kind'],
  detail: RecordingEvent['detail'] = {},
): RecordingEvent => ({
  id: 1,
  atMs: 0,
  kind,
  cameraId: 'c1',
  stream: 'main',
  detail,
});

describe('storage wording', () => {
  const vi = createTranslator('vi');
  const en = createTranslator('en');

  it('formats sizes with the locale decimal separator', () => {
    expect(formatBytes(0, 'vi')).toBe('0 B');
    expect(formatBytes(1536 * 1024 ** 2, 'vi')).toBe('1,5 GB');
    expect(formatBytes(1536 * 1024 ** 2, 'en')).toBe('1.5 GB');
    expect(formatBytes(500 * 1024 ** 4, 'en')).toBe('500 TB');
    expect(formatDays(2.46, 'vi')).toBe('2,5');
    expect(formatDays(31.4, 'en')).toBe('31');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(200_000)).toBe('3m 20s');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3h 05m');
  });

  it('says what a gap was and why, in Vietnamese first', () => {
    // 07:00 in Hanoi = 00:00 UTC.
    const start = Date.UTC(2026, 10, 27, 0, 0);
    const gap = ev('gap_closed', {
      reason: 'camera_offline',
      startMs: start,
      endMs: start + 95_000,
    });
    expect(eventText(gap, vi, 'vi')).toBe('Đoạn trống 1m 35s (từ 07:00): camera mất kết nối');
    expect(eventText(gap, en, 'en')).toBe('Gap of 1m 35s (from 07:00): camera offline');
    expect(eventText(ev('gap_opened', { reason: 'disk_error' }), vi, 'vi')).toBe(
      'Bắt đầu đoạn trống: lỗi ổ cứng',
    );
  });

  it('words alarms, pruning and plain events', () => {
    expect(eventText(ev('disk_alarm', { kind: 'disk_full', code: 'ENOSPC' }), vi, 'vi')).toBe(
      'Cảnh báo ổ cứng: ổ cứng đầy',
    );
    expect(
      eventText(ev('retention_pruned', { deleted: 3, freedBytes: 3 * 1024 ** 2 }), en, 'en'),
    ).toBe('Deleted the 3 oldest segments (3 MB) to stay within the quota');
    expect(eventText(ev('recording_started'), vi, 'vi')).toBe('Bắt đầu ghi hình');
    expect(eventText(ev('clock_step', { deltaMs: -45_000 }), en, 'en')).toBe(
      'System clock changed by −45s',
    );
  });
});
