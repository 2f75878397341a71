// Where the export goes: the removable drives (refreshed by the dialog every 3 s),
// a folder from the native picker, or a typed absolute path where there is no
// picker (the browser build).
import type { ExportDrive } from '../../electron/contract/export-schemas';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { formatBytes } from '../storage/format-storage';
import type { DrivesState } from './use-drives';
import type { Destination } from './export-destination';

export function DestinationPicker(props: {
  drives: DrivesState;
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
  const chosenFolder = !destination.fromDrive && destination.path !== '' && !props.typing;
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
            <DriveRow
              key={d.mountPath}
              drive={d}
              selected={destination.fromDrive && destination.path === d.mountPath}
              space={t('export.driveSpace', {
                free: formatBytes(d.freeBytes, language),
                size: formatBytes(d.sizeBytes, language),
              })}
              onPick={() => props.onPick({ path: d.mountPath, fromDrive: true })}
            />
          ))}
        </ul>
      )}
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

function DriveRow(props: { drive: ExportDrive; selected: boolean; space: string; onPick(): void }) {
  const { drive } = props;
  const used = drive.sizeBytes > 0 ? 1 - drive.freeBytes / drive.sizeBytes : 0;
  return (
    <li>
      <button
        type="button"
        role="radio"
        aria-checked={props.selected}
        className={`export-drive${props.selected ? ' export-drive-on' : ''}`}
        data-testid="export-drive"
        data-mount-path={drive.mountPath}
        onClick={props.onPick}
      >
        <Icon name="disk" size={18} />
        <span className="export-drive-text">
          <span className="export-drive-label">{drive.label}</span>
          <span className="export-drive-path mono">
            {drive.mountPath}
            {drive.fsType ? ` · ${drive.fsType}` : ''}
          </span>
        </span>
        <span className="export-drive-space">
          <span>{props.space}</span>
          <span className="export-meter" aria-hidden="true">
            <span style={{ width: `${Math.round(Math.min(1, Math.max(0, used)) * 100)}%` }} />
          </span>
        </span>
      </button>
    </li>
  );
}
