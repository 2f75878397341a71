// The commander's list of officer accounts: add, edit, reset a password,
// deactivate or reactivate. Accounts are never deleted: the logs name them.
import { useEffect, useState } from 'react';
import type { Officer } from '../../electron/contract/officer-schemas';
import { errorMessage } from '../api/api-error';
import { avatarLetter } from '../auth/officer-name';
import { formatDateTime } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { Modal } from '../shell/modal';
import { useStationState, useStationStore } from '../store/store-context';
import { OfficerForm, ResetPasswordForm } from './officer-form';

type View =
  | { kind: 'list' }
  | { kind: 'form'; officer: Officer | null }
  | { kind: 'reset'; officer: Officer };

function ActiveToggle(props: {
  officer: Officer;
  self: boolean;
  onError: (m: string | null) => void;
}) {
  const t = useT();
  const store = useStationStore();
  const [armed, setArmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const { officer } = props;
  const run = async () => {
    if (officer.active && !armed) return setArmed(true);
    setBusy(true);
    props.onError(null);
    try {
      await store.getState().updateOfficer({ id: officer.id, active: !officer.active });
      store.getState().pushToast({
        kind: 'info',
        key: officer.active ? 'toast.officerDeactivated' : 'toast.officerReactivated',
        params: { name: officer.fullName },
        at: null,
      });
    } catch (e) {
      props.onError(errorMessage(e, t));
    } finally {
      setBusy(false);
      setArmed(false);
    }
  };
  return (
    <button
      type="button"
      className={`btn btn-small${officer.active ? ' btn-danger' : ''}${armed ? ' btn-danger-armed' : ''}`}
      data-testid={`officer-toggle-${officer.id}`}
      disabled={busy || (props.self && officer.active)}
      title={props.self && officer.active ? t('officers.selfHint') : undefined}
      onBlur={() => setArmed(false)}
      onClick={() => void run()}
    >
      {officer.active
        ? armed
          ? t('officers.deactivateConfirm')
          : t('officers.deactivate')
        : t('officers.reactivate')}
    </button>
  );
}

export function OfficersDialog() {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const officers = useStationState((s) => s.officers);
  const me = useStationState((s) => s.session?.officer.id);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const close = () => store.getState().openDialog(null);
  const toList = () => setView({ kind: 'list' });

  useEffect(() => {
    store
      .getState()
      .loadOfficers()
      .catch((e: unknown) => setError(errorMessage(e, t)))
      .finally(() => setLoading(false));
  }, [store, t]);

  const activeCount = officers.filter((o) => o.active).length;

  return (
    <Modal
      title={t('officers.title')}
      testId="officers-dialog"
      onClose={close}
      className="modal-list"
    >
      {view.kind === 'form' ? (
        <OfficerForm key={view.officer?.id ?? 'new'} officer={view.officer} onDone={toList} />
      ) : view.kind === 'reset' ? (
        <ResetPasswordForm officer={view.officer} onDone={toList} />
      ) : (
        <>
          <div className="list-toolbar">
            <span className="muted">
              {t('officers.count', { active: activeCount, total: officers.length })}
            </span>
            <div className="top-spacer" />
            <button
              type="button"
              className="btn btn-primary"
              data-testid="officer-add"
              onClick={() => setView({ kind: 'form', officer: null })}
            >
              <Icon name="plus" />
              {t('officers.add')}
            </button>
          </div>
          {error ? (
            <div className="form-error list-error" role="alert" data-testid="officers-error">
              {error}
            </div>
          ) : null}
          {loading && officers.length === 0 ? (
            <div className="dialog-loading">
              <span className="spinner" />
            </div>
          ) : (
            <div className="table-scroll">
              <table className="data-table">
                <thead>
                  <tr>
                    <th>{t('officers.col.officer')}</th>
                    <th>{t('officer.badgeNumber')}</th>
                    <th>{t('officer.role')}</th>
                    <th>{t('officers.col.status')}</th>
                    <th>{t('officers.col.lastSignIn')}</th>
                    <th className="cell-actions">{t('officers.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {officers.map((o) => (
                    <tr
                      key={o.id}
                      className={o.active ? '' : 'row-inactive'}
                      data-testid={`officer-row-${o.id}`}
                      data-active={o.active}
                      data-role={o.role}
                    >
                      <td>
                        <div className="cell-officer">
                          <span
                            className={`avatar${o.role === 'commander' ? ' avatar-commander' : ''}`}
                          >
                            {avatarLetter(o.fullName)}
                          </span>
                          <div>
                            <div className="cell-name">{o.fullName}</div>
                            <div className="cell-sub">
                              {o.rank}
                              {o.id === me ? ` · ${t('officers.you')}` : ''}
                            </div>
                          </div>
                        </div>
                      </td>
                      <td className="mono nowrap">{o.badgeNumber}</td>
                      <td>
                        <span
                          className={`role-chip${o.role === 'commander' ? ' role-chip-commander' : ''}`}
                        >
                          {o.role === 'commander' ? t('role.commander') : t('role.duty')}
                        </span>
                      </td>
                      <td>
                        <span className={`pill ${o.active ? 'pill-ok' : 'pill-muted'}`}>
                          {o.active ? t('officers.active') : t('officers.inactive')}
                        </span>
                      </td>
                      <td className="nowrap muted">
                        {o.lastSignInAt
                          ? formatDateTime(o.lastSignInAt, language)
                          : t('officers.never')}
                      </td>
                      <td className="cell-actions">
                        <button
                          type="button"
                          className="btn btn-small"
                          data-testid={`officer-edit-${o.id}`}
                          onClick={() => setView({ kind: 'form', officer: o })}
                        >
                          <Icon name="edit" size={14} />
                          {t('officers.edit')}
                        </button>
                        <button
                          type="button"
                          className="btn btn-small"
                          data-testid={`officer-reset-${o.id}`}
                          onClick={() => setView({ kind: 'reset', officer: o })}
                        >
                          <Icon name="key" size={14} />
                          {t('officers.reset')}
                        </button>
                        <ActiveToggle officer={o} self={o.id === me} onError={setError} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Modal>
  );
}
