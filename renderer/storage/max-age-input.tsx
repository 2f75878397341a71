// A camera's maximum footage age in days (empty: kept until the quota needs the space).
import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-t';
import { useStationStore } from '../store/store-context';

export function MaxAgeInput(props: { cameraId: string; value: number | null; disabled: boolean }) {
  const t = useT();
  const store = useStationStore();
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(props.value === null ? '' : String(props.value)), [props.value]);
  const commit = () => {
    const trimmed = text.trim();
    const next = trimmed === '' ? null : Number(trimmed);
    if (next !== null && (!Number.isInteger(next) || next < 1 || next > 3650)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (next === props.value) return;
    void store
      .getState()
      .setCameraRecording({ cameraId: props.cameraId, maxAgeDays: next })
      .catch(() => setInvalid(true));
  };
  return (
    <input
      className={`input input-compact${invalid ? ' input-invalid' : ''}`}
      data-testid={`storage-maxage-${props.cameraId}`}
      inputMode="numeric"
      placeholder={t('storage.maxAgeNone')}
      value={text}
      disabled={props.disabled}
      title={invalid ? t('field.number') : t('storage.colMaxAge')}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}
