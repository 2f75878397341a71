// Where the export goes: the removable drives (refreshed by the dialog every 3 s),
// the folders earlier exports went to, a folder from the native picker, or, as the
// last resort where there is no picker (the browser build), a typed absolute path.
// Every choice shows its free space.
import type { RecentFolder } from '../../electron/contract/export-schemas';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { formatBytes } from '../storage/format-storage';
import type { DrivesState } from './use-drives';
import type { Destination } from './export-destination';

export function DestinationPicker(props: {
  drives: DrivesState;
  recent: readonly RecentFolder[];
  destination: Destination;
  /** The browser build: the path is typed. */
  typing: boolean;
  error: string | null;
  onPick(destination: Destination): void;
  onChooseFolder(): void;
}) {
  const t = useT();
  const language = useLanguage();
  const { drives, destination } = props;
  const list = drives.drives;
  const recentPicked =
    !destination.fromDrive && props.recent.some((r) => r.path === destination.path);
  const chosenFolder =
    !destination.fromDrive && destination.path !== '' && !props.typing && !recentPicked;
  const space = (free: number, size: number) =>
    t('export.driveSpace', {
      free: formatBytes(free, language),
      size: formatBytes(size, language),
    });
  return (
    <div
      className="export-destination"
      data-testid="export-destination"
      data-path={destination.path}
    >
      {list.length === 0 ? (
        <p className="export-no-drive" data-testid="export-no-drive">
          <Icon name="info" size={14} />
          {drives.loaded ? t('export.noDrive') : t('app.loading')}
        </p>
      ) : (
        <ul className="export-drives" data-testid="export-drives" role="radiogroup">
          {list.map((d) => (
            <ChoiceRow
              key={d.mountPath}
              testId="export-drive"
              path={d.mountPath}
              label={d.label}
              detail={`${d.mountPath}${d.fsType ? ` · ${d.fsType}` : ''}`}
              space={space(d.freeBytes, d.sizeBytes)}
              used={usedShare(d.freeBytes, d.sizeBytes)}
              selected={destination.fromDrive && destination.path === d.mountPath}
              onPick={() => props.onPick({ path: d.mountPath, fromDrive: true })}
            />
          ))}
        </ul>
      )}
      {props.recent.length > 0 ? (
        <>
          <span className="field-label">{t('export.recentFolders')}</span>
          <ul className="export-drives" data-testid="export-recent-folders" role="radiogroup">
            {props.recent.map((r) => (
              <ChoiceRow
                key={r.path}
                testId="export-recent-folder"
                path={r.path}
                label={folderName(r.path)}
                detail={r.path}
                space={space(r.freeBytes, r.sizeBytes)}
                used={usedShare(r.freeBytes, r.sizeBytes)}
                selected={!destination.fromDrive && destination.path === r.path}
                onPick={() => props.onPick({ path: r.path, fromDrive: false })}
              />
            ))}
          </ul>
        </>
      ) : null}
      {drives.error ? (
        <p className="field-error">{t('export.drivesFailed', { error: t(drives.error) })}</p>
      ) : null}
      <div className="export-folder-row">
        <button
          type="button"
          className="btn btn-small"
          data-testid="export-choose-folder"
          onClick={props.onChooseFolder}
        >
          <Icon name="folder" size={14} />
          {t('export.chooseFolder')}
        </button>
        {chosenFolder ? (
          <span className="export-chosen" data-testid="export-chosen-folder">
            <span className="muted">{t('export.chosenFolder')}:</span>{' '}
            <span className="mono">{destination.path}</span>
          </span>
        ) : null}
      </div>
      {props.typing ? (
        <label className={`field${props.error ? ' field-invalid' : ''}`}>
          <span className="field-label">{t('export.folderPath')}</span>
          <input
            className="input mono-input"
            data-testid="export-folder-input"
            value={destination.fromDrive ? '' : destination.path}
            placeholder={t('export.folderPathPlaceholder')}
            spellCheck={false}
            onChange={(e) => props.onPick({ path: e.target.value, fromDrive: false })}
          />
        </label>
      ) : null}
      {props.error ? (
        <span className="field-error" data-testid="field-error-export-destination">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

/** The last part of a path, for the row's title; a drive's root stays whole. */
function folderName(path: string): string {
  const last = path
    .split(/[\\/]+/)
    .filter((p) => p !== '')
    .at(-1);
  return last && !/^[a-z]:$/i.test(last) ? last : path;
}

function usedShare(freeBytes: number, sizeBytes: number): number {
  return sizeBytes > 0 ? Math.min(1, Math.max(0, 1 - freeBytes / sizeBytes)) : 0;
}

function ChoiceRow(props: {
  testId: string;
  path: string;
  label: string;
  detail: string;
  space: string;
  /** Share of the volume in use, 0…1. */
  used: number;
  selected: boolean;
  onPick(): void;
}) {
  return (
    <li>
      <button
        type="button"
        role="radio"
        aria-checked={props.selected}
        className={`export-drive${props.selected ? ' export-drive-on' : ''}`}
        data-testid={props.testId}
        data-mount-path={props.path}
        onClick={props.onPick}
      >
        <Icon name="disk" size={18} />
        <span className="export-drive-text">
          <span className="export-drive-label">{props.label}</span>
          <span className="export-drive-path mono">{props.detail}</span>
        </span>
        <span className="export-drive-space">
          <span>{props.space}</span>
          <span className="export-meter" aria-hidden="true">
            <span style={{ width: `${Math.round(props.used * 100)}%` }} />
          </span>
        </span>
      </button>
    </li>
  );
}
