// The folders a commander can move the footage to, each with its free space: the
// folders used before and a new folder on each other disk. Picking one fills the
// path field; the move itself still asks for confirmation.
import type { StorageFolderChoice } from '../../electron/contract/recording-schemas';
import { useLanguage, useT } from '../i18n/use-t';
import { useAnswer } from '../api/use-answer';
import { formatBytes } from './format-storage';

const NONE: StorageFolderChoice[] = [];

/** Asked when the panel opens and after the footage folder changed; commanders only. */
export function useFolderChoices(current: string, commander: boolean): StorageFolderChoice[] {
  return useAnswer(commander ? (api) => api.storage.folderChoices() : null, NONE, current);
}

export function FolderChoices(props: {
  choices: readonly StorageFolderChoice[];
  picked: string;
  disabled: boolean;
  onPick(path: string): void;
}) {
  const t = useT();
  const language = useLanguage();
  if (props.choices.length === 0) return null;
  return (
    <ul className="folder-choices" data-testid="storage-folder-choices" role="radiogroup">
      {props.choices.map((c) => (
        <li key={c.path}>
          <button
            type="button"
            role="radio"
            aria-checked={props.picked === c.path}
            className={`folder-choice${props.picked === c.path ? ' folder-choice-on' : ''}`}
            data-testid="storage-folder-choice"
            data-path={c.path}
            data-kind={c.kind}
            disabled={props.disabled}
            onClick={() => props.onPick(c.path)}
          >
            <span className="folder-choice-text">
              <span>
                {c.kind === 'previous'
                  ? t('storage.choicePrevious')
                  : t('storage.choiceVolume', { volume: c.volume })}
              </span>
              <span className="mono">{c.path}</span>
            </span>
            <span className="folder-choice-space">
              {t('storage.choiceSpace', {
                free: formatBytes(c.freeBytes, language),
                size: formatBytes(c.sizeBytes, language),
              })}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
