// Sizes, durations and day counts as the storage panel shows them, with the
// locale's decimal separator (vi: "1,5 GB").
import type { Language } from '../../electron/contract/schemas';

const localeOf: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Binary units (1 GB = 1024³ bytes), the way Windows Explorer reports disks. */
export function formatBytes(bytes: number, language: Language): string {
  let v = Math.max(0, bytes);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 100 ? 0 : 1;
  const n = new Intl.NumberFormat(localeOf[language], {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(v);
  return `${n} ${UNITS[u]}`;
}

/**
 * Sizes to be compared ("cần 1,2 GB, còn 0,4 GB") in the unit of the largest, so
 * the officer compares numbers, not units. A value too small to show in that
 * unit (it would read "0 GB") keeps its own.
 */
export function formatSizesAlike(values: readonly number[], language: Language): string[] {
  let unit = 0;
  const largest = Math.max(0, ...values);
  while (largest >= 1024 ** (unit + 1) && unit < UNITS.length - 1) unit++;
  const fmt = (v: number, digits: number) =>
    new Intl.NumberFormat(localeOf[language], { maximumFractionDigits: digits }).format(v);
  return values.map((bytes) => {
    const v = Math.max(0, bytes) / 1024 ** unit;
    const digits = unit === 0 || v >= 100 ? 0 : v >= 1 ? 1 : 2;
    if (bytes > 0 && Number(v.toFixed(digits)) === 0) return formatBytes(bytes, language);
    return `${fmt(v, digits)} ${UNITS[unit]}`;
  });
}

/** Whole days below 10 get one decimal ("2,5"); more are rounded. */
export function formatDays(days: number, language: Language): string {
  return new Intl.NumberFormat(localeOf[language], {
    maximumFractionDigits: days < 10 ? 1 : 0,
  }).format(days);
}

/** "45 giây" style is left to the caller; this is compact: 45s, 3m 20s, 2h 05m, 3d 4h. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** Signed, for clock steps: "+1h 00m", "−45s". */
export function formatSignedDuration(ms: number): string {
  return `${ms < 0 ? '−' : '+'}${formatDuration(Math.abs(ms))}`;
}
