// Vietnamese wording of printed reports (handover now, export reports later).
// Reports are documents for the file, so their text lives here in core rather
// than in the renderer's locale files; keep the terms in line with GLOSSARY.md.
// Category and severity words are the console's too, so they come from the contract.
import { INCIDENT_CATEGORY_LABELS, INCIDENT_SEVERITY_LABELS } from '../../contract/incident-labels';
import type { IncidentStatus } from '../../contract/incident-schemas';
import type { DiskAlarmKind, GapReason } from '../recording/recording-types';
import type { CameraAlarmKind } from '../../contract/camera-alarms';

/** A camera removed before its name was kept (reports never print an id). */
export const REMOVED_CAMERA_VI = 'Camera đã xóa';

export const CATEGORY_VI = INCIDENT_CATEGORY_LABELS.vi;

export const SEVERITY_VI = INCIDENT_SEVERITY_LABELS.vi;

export const STATUS_VI: Readonly<Record<IncidentStatus, string>> = {
  new: 'Mới',
  in_progress: 'Đang xử lý',
  closed: 'Đã xử lý',
};

export const GAP_REASON_VI: Readonly<Record<GapReason, string>> = {
  camera_offline: 'Camera mất kết nối',
  recording_disabled: 'Tắt ghi hình',
  app_not_running: 'Phần mềm không chạy',
  disk_error: 'Lỗi ổ cứng',
  clock_change: 'Đồng hồ máy thay đổi',
};

export const ALARM_KIND_VI: Readonly<Record<DiskAlarmKind, string>> = {
  unwritable: 'Không ghi được ổ lưu trữ',
  write_failed: 'Lỗi ghi dữ liệu',
  disk_full: 'Ổ cứng đầy',
  locked_over_quota: 'Dữ liệu khóa vượt dung lượng',
};

/** Picture and clock alarms of a camera, as the handover prints them. */
export const CAMERA_ALARM_KIND_VI: Readonly<Record<CameraAlarmKind, string>> = {
  black: 'Mất hình – màn hình đen',
  frozen: 'Hình đứng',
  covered: 'Camera bị che/mờ',
  scene: 'Camera bị xoay/đổi cảnh',
  clock: 'Lệch giờ',
  timezone: 'Sai múi giờ',
};

export const END_REASON_VI = {
  handover: 'Bàn giao ca',
  replaced: 'Cán bộ khác đăng nhập nhận ca (chưa bàn giao trực tiếp)',
} as const;

/** Looks up a code that comes from the database as a plain string; unknown codes print as they are. */
export function labelOf(labels: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(labels, code) ? (labels[code] as string) : code;
}

/** "1 giờ 5 phút", "2 ngày 3 giờ", "45 giây": whole units, the largest two that are not zero. */
export function formatDurationVi(ms: number): string {
  const totalSec = Math.max(0, Math.floor(ms / 1000));
  if (totalSec < 60) return `${totalSec} giây`;
  const totalMin = Math.floor(totalSec / 60);
  const parts: Array<[number, string]> = [
    [Math.floor(totalMin / 1440), 'ngày'],
    [Math.floor((totalMin % 1440) / 60), 'giờ'],
    [totalMin % 60, 'phút'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}
