// The quota card: how much of the disk footage may take (commander only), the reserve and
// the segment length.
import { useEffect, useState, type FormEvent } from 'react';
import type { StorageQuota } from '../../electron/contract/recording-schemas';
import { errorMessage } from '../api/api-error';
import { useLanguage, useT } from '../i18n/use-t';
import { useStationState, useStationStore } from '../store/store-context';
import { selectIsCommander } from '../auth/session-slice';
import { formatBytes } from './format-storage';

export function QuotaCard() {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const settings = useStationState((s) => s.storageSettings);
  const commander = useStationState(selectIsCommander);
  const [kind, setKind] = useState<StorageQuota['kind']>('percent');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!settings) return;
    setKind(settings.quota.kind);
    setValue(String(settings.quota.value));
  }, [settings]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value.replace(',', '.'));
    const max = kind === 'percent' ? 100 : 1_000_000;
    if (!Number.isFinite(n) || n < 1 || n > max) {
      setError(t('field.invalid'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await store.getState().setQuota({ kind, value: n });
      store
        .getState()
        .pushToast({ kind: 'success', key: 'storage.quotaSaved', params: {}, at: null });
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="storage-card">
      <h3 className="storage-h">{t('storage.quota')}</h3>
      <form className="quota-form" onSubmit={(e) => void submit(e)} noValidate>
        <input
          className="input quota-value"
          data-testid="storage-quota-value"
          disabled={!commander}
          inputMode="decimal"
          value={value}
          aria-label={t('storage.quota')}
          onChange={(e) => setValue(e.target.value)}
        />
        <select
          className="select"
          data-testid="storage-quota-kind"
          disabled={!commander}
          value={kind}
          aria-label={t('storage.quota')}
          onChange={(e) => setKind(e.target.value === 'gb' ? 'gb' : 'percent')}
        >
          <option value="percent">{t('storage.quotaKindPercent')}</option>
          <option value="gb">{t('storage.quotaKindGb')}</option>
        </select>
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="storage-quota-save"
          disabled={busy || !settings || !commander}
        >
          {t('storage.quotaSave')}
        </button>
      </form>
      {error ? <div className="field-error">{error}</div> : null}
      <p className="field-hint">
        {t('storage.quotaHint', { reserve: formatBytes(settings?.reserveBytes ?? 0, language) })}
      </p>
      {settings ? (
        <p className="field-hint">{t('storage.segment', { sec: settings.segmentSeconds })}</p>
      ) : null}
    </section>
  );
}
