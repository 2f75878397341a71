// Words for the recording event log: main sends codes and numbers, the officer
// reads a sentence in their language.
import type {
  DiskAlarmKind,
  GapReason,
  RecordingEvent,
} from '../../electron/contract/recording-schemas';
import type { Language } from '../../electron/contract/schemas';
import { formatHourMinute } from '../i18n/format-time';
import type { MessageKey, Translate } from '../i18n/translate';
import { formatBytes, formatDuration, formatSignedDuration } from './format-storage';

const GAP_REASONS: readonly GapReason[] = [
  'camera_offline',
  'recording_disabled',
  'app_not_running',
  'disk_error',
  'clock_change',
];
const ALARM_KINDS: readonly DiskAlarmKind[] = [
  'unwritable',
  'write_failed',
  'disk_full',
  'locked_over_quota',
];

function gapReason(value: unknown, t: Translate): string {
  const reason = GAP_REASONS.find((r) => r === value);
  return reason ? t(`gap.${reason}` as MessageKey) : String(value ?? '');
}

function alarmKind(value: unknown, t: Translate): string {
  const kind = ALARM_KINDS.find((k) => k === value);
  return kind ? t(`alarmKind.${kind}` as MessageKey) : String(value ?? '');
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function eventText(e: RecordingEvent, t: Translate, language: Language): string {
  const d = e.detail;
  switch (e.kind) {
    case 'gap_opened':
      return t('event.gap_opened', { reason: gapReason(d.reason, t) });
    case 'gap_closed':
      return t('event.gap_closed', {
        reason: gapReason(d.reason, t),
        duration: formatDuration(num(d.endMs) - num(d.startMs)),
        from: formatHourMinute(num(d.startMs), language),
      });
    case 'retention_pruned':
      return t('event.retention_pruned', {
        n: num(d.deleted),
        size: formatBytes(num(d.freedBytes), language),
      });
    case 'disk_alarm':
    case 'disk_ok':
      return t(`event.${e.kind}`, { alarm: alarmKind(d.kind, t) });
    case 'clock_step':
      return t('event.clock_step', { delta: formatSignedDuration(num(d.deltaMs)) });
    default:
      return t(`event.${e.kind}`);
  }
}

/** Events an officer should notice in the list (gaps, alarms). */
export function eventSeverity(e: RecordingEvent): 'bad' | 'warn' | 'ok' | 'info' {
  switch (e.kind) {
    case 'disk_alarm':
    case 'locked_over_quota':
    case 'segment_missing':
      return 'bad';
    case 'gap_opened':
    case 'segment_quarantined':
    case 'clock_step':
    case 'recording_stopped':
      return 'warn';
    case 'disk_ok':
    case 'gap_closed':
    case 'recording_started':
      return 'ok';
    default:
      return 'info';
  }
}
