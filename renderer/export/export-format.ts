// Numbers of an export as the officer reads them: progress share, time left,
// short hashes and the stretches a camera did not record.
import type { Language } from '../../electron/contract/schemas';
import type { ExportProgress } from '../../electron/contract/export-schemas';
import { formatClock } from '../i18n/format-time';
import type { Translate } from '../i18n/translate';

/** Work done as a share of 0–1; 0 until the total is known. */
export function progressFraction(p: Pick<ExportProgress, 'done' | 'total'>): number {
  if (p.total <= 0) return 0;
  return Math.min(1, Math.max(0, p.done / p.total));
}

/**
 * "Còn khoảng 2 phút". Minutes are rounded up: a promise of "1 phút" that takes
 * 1 min 40 s reads as a stall, one that ends early does not.
 */
export function etaText(etaSec: number | null, t: Translate): string {
  if (etaSec === null) return t('export.eta.estimating');
  if (etaSec < 60) return t('export.eta.underMinute');
  const totalMin = Math.ceil(etaSec / 60);
  if (totalMin < 60) return t('export.eta.minutes', { m: totalMin });
  return t('export.eta.hours', { h: Math.floor(totalMin / 60), m: totalMin % 60 });
}

/** Both ends of a SHA-256, enough to read over the phone and compare with the report. */
export function shortHash(hex: string): string {
  const h = hex.trim().toLowerCase();
  return h.length <= 20 ? h : `${h.slice(0, 8)}…${h.slice(-8)}`;
}

/** Most gaps listed by name; the rest are summed up by the count in the sentence. */
export const MAX_LISTED_GAPS = 3;

/** "14:05:10–14:06:00, 14:20:00–14:21:30, …" in station time. */
export function gapsText(
  missing: readonly { startMs: number; endMs: number }[],
  language: Language,
): string {
  const listed = missing
    .slice(0, MAX_LISTED_GAPS)
    .map((g) => `${formatClock(g.startMs, language)}–${formatClock(g.endMs, language)}`);
  return missing.length > MAX_LISTED_GAPS ? `${listed.join(', ')}, …` : listed.join(', ');
}

/** Where the export folder is: the destination and the folder name, with the destination's separator. */
export function exportFolderPath(destination: string, folderName: string): string {
  if (/[\\/]$/.test(destination)) return destination + folderName;
  const sep = destination.includes('\\') && !destination.includes('/') ? '\\' : '/';
  return `${destination}${sep}${folderName}`;
}
