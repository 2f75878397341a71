// Storage folders used before the current one, while they still hold footage.
import type { StorageRoot } from '../../electron/contract/recording-schemas';
import { useLanguage, useT } from '../i18n/use-t';
import { formatBytes } from './format-storage';

/** Older roots still holding footage: read-only, so the officer knows where it is. */
export function OtherRoots(props: { roots: StorageRoot[] }) {
  const t = useT();
  const language = useLanguage();
  const held = props.roots.filter((r) => r.recordings > 0);
  if (held.length === 0) return null;
  return (
    <div className="storage-path" data-testid="storage-roots">
      <span className="field-label">{t('storage.otherRoots')}</span>
      <ul>
        {held.map((r) => (
          <li key={r.id} data-testid="storage-root" data-bytes={r.bytes}>
            <span className="mono" title={r.path}>
              {r.path}
            </span>{' '}
            <span className="muted">
              {t('storage.rootSize', { size: formatBytes(r.bytes, language), n: r.recordings })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
