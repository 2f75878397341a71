// How the chosen export range reads beside the timeline, in station time: the
// clock times of its ends (with dates when it crosses midnight) and its duration.
import type { Language } from '../../electron/contract/schemas';
import { formatClock, formatDate, formatDateTime } from '../i18n/format-time';
import type { MessageKey, MessageParams } from '../i18n/translate';
import { spanParts, type RangeMarks } from './export-range';

export interface Message {
  key: MessageKey;
  params: MessageParams;
}

/** "14:02:10 → 14:05:30"; full dates on both ends when they fall on different days. */
export function rangeEndsText(r: RangeMarks, language: Language): Message {
  const { startMs, endMs } = r;
  if (startMs === null && endMs === null) return { key: 'playback.range.none', params: {} };
  if (endMs === null)
    return {
      key: 'playback.range.startOnly',
      params: { from: formatClock(startMs ?? 0, language) },
    };
  if (startMs === null)
    return { key: 'playback.range.endOnly', params: { to: formatClock(endMs, language) } };
  const sameDay = formatDate(startMs, language) === formatDate(endMs, language);
  const fmt = sameDay ? formatClock : formatDateTime;
  return {
    key: 'playback.range.span',
    params: { from: fmt(startMs, language), to: fmt(endMs, language) },
  };
}

/** "3 phút 20 giây", "1 giờ 0 phút 5 giây", "45 giây". */
export function durationText(ms: number): Message {
  const { h, m, s } = spanParts(ms);
  if (h > 0) return { key: 'playback.range.hours', params: { h, m, s } };
  if (m > 0) return { key: 'playback.range.minutes', params: { m, s } };
  return { key: 'playback.range.seconds', params: { s } };
}
