// The disk card: free space, footage against the quota, how long the history reaches,
// and where footage is kept.
import type { StorageSummary } from '../../electron/contract/recording-schemas';
import { useLanguage, useT } from '../i18n/use-t';
import { formatBytes, formatDays } from './format-storage';
import { FolderEditor } from './storage-folder-editor';
import { OtherRoots } from './other-roots';

export function DiskCard(props: { summary: StorageSummary }) {
  const t = useT();
  const language = useLanguage();
  const { summary: s } = props;
  const total = Math.max(1, s.totalBytes);
  const footage = Math.min(s.usedByRecordings, total);
  const other = Math.max(0, s.totalBytes - s.freeBytes - footage);
  const pct = (n: number) => `${Math.max(0, Math.min(100, (n / total) * 100)).toFixed(2)}%`;
  const size = (n: number) => formatBytes(n, language);
  return (
    <section className="storage-card" data-testid="storage-disk">
      <div className="storage-card-head">
        <h3 className="storage-h">{t('storage.disk')}</h3>
        <span className="storage-free" data-testid="storage-free">
          {t('storage.free', { free: size(s.freeBytes), total: size(s.totalBytes) })}
        </span>
      </div>
      <div
        className="disk-bar"
        role="img"
        aria-label={t('storage.free', { free: size(s.freeBytes), total: size(s.totalBytes) })}
      >
        <span className="disk-bar-footage" style={{ width: pct(footage) }} />
        <span className="disk-bar-other" style={{ width: pct(other) }} />
        {s.quotaBytes < s.totalBytes ? (
          <span className="disk-bar-quota" style={{ left: pct(s.quotaBytes) }} />
        ) : null}
      </div>
      <div className="disk-legend">
        <span>
          <i className="swatch swatch-footage" />
          {t('storage.usedByRecordings', { size: size(s.usedByRecordings) })}
        </span>
        <span>
          <i className="swatch swatch-other" />
          {t('storage.otherUse', { size: size(other) })}
        </span>
        <span>
          <i className="swatch swatch-quota" />
          {t('storage.quotaUse', { size: size(s.quotaBytes) })}
        </span>
        {s.lockedBytes > 0 ? (
          <span>{t('storage.locked', { size: size(s.lockedBytes) })}</span>
        ) : null}
      </div>
      <div className="storage-history" data-testid="storage-history">
        {s.daysAtCurrentRate === null
          ? t('storage.historyUnknown')
          : t('storage.history', { days: formatDays(s.daysAtCurrentRate, language) })}
      </div>
      <FolderEditor current={s.storageDir} />
      <OtherRoots roots={(s.roots ?? []).filter((r) => !r.active)} />
    </section>
  );
}
