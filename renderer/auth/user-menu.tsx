// The top bar's officer area: who is on duty since when, a lock button, and the
// menu of officer actions (commander-only entries hidden from duty officers).
import type { ReactNode } from 'react';
import { useLanguage, useT } from '../i18n/use-t';
import { formatInShift, formatTimeDay } from '../shifts/shift-time';
import { useNow } from '../shell/use-now';
import { selectIsCommander } from './session-slice';
import { useStationState, useStationStore } from '../store/store-context';
import type { Dialog } from '../store/types';
import { avatarLetter } from './officer-name';
import { Icon, type IconName } from '../shell/icons';
import { usePopover } from '../shell/use-popover';

function MenuItem(props: {
  icon: IconName;
  testId: string;
  onClick: () => void;
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      role="menuitem"
      className={`menu-item${props.danger ? ' menu-item-danger' : ''}`}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      <Icon name={props.icon} size={15} />
      <span className="menu-item-text">{props.children}</span>
    </button>
  );
}

export function UserMenu() {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const session = useStationState((s) => s.session);
  const commander = useStationState(selectIsCommander);
  const now = useNow();
  const { open, setOpen, ref } = usePopover();

  if (!session) return null;
  const { officer } = session;
  const lock = () => {
    setOpen(false);
    void store
      .getState()
      .lockScreen()
      .catch(() => undefined);
  };
  const show = (dialog: Dialog) => {
    setOpen(false);
    store.getState().openDialog(dialog);
  };

  return (
    <div className="top-group user-area">
      <button
        type="button"
        className="btn btn-icon"
        data-testid="top-lock"
        title={t('user.lock')}
        aria-label={t('user.lock')}
        onClick={lock}
      >
        <Icon name="lock" />
      </button>
      <div className="popover-anchor" ref={ref}>
        <button
          type="button"
          className="user-button"
          data-testid="user-menu"
          aria-haspopup="menu"
          title={
            session.shiftStartedAt === null
              ? `${officer.rank} ${officer.fullName}`
              : `${officer.rank} ${officer.fullName} · ${t('user.shiftSince', { time: formatTimeDay(session.shiftStartedAt, language) })}`
          }
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          <span className={`avatar${commander ? ' avatar-commander' : ''}`}>
            {avatarLetter(officer.fullName)}
          </span>
          <span className="user-text">
            <span className="user-name" data-testid="user-name">
              {officer.fullName}
            </span>
            <span className="user-shift" data-testid="user-shift">
              <span className="user-rank">{officer.rank}</span> ·{' '}
              {session.shiftStartedAt === null
                ? t('user.supervising')
                : t('user.shiftSince', {
                    time: formatInShift(session.shiftStartedAt, now, language),
                  })}
            </span>
          </span>
        </button>
        {open ? (
          <div className="popover menu user-menu" role="menu" data-testid="user-menu-list">
            <div className="menu-heading">
              {commander ? t('role.commander') : t('role.duty')} · {officer.badgeNumber}
            </div>
            <MenuItem icon="lock" testId="menu-lock" onClick={lock}>
              {t('user.lock')}
            </MenuItem>
            <MenuItem
              icon="key"
              testId="menu-change-password"
              onClick={() => show({ type: 'changePassword' })}
            >
              {t('user.changePassword')}
            </MenuItem>
            <div className="menu-sep" />
            {session.shiftId !== null ? (
              <MenuItem
                icon="handover"
                testId="menu-end-shift"
                onClick={() => show({ type: 'endShift' })}
              >
                {t('user.endShift')}
              </MenuItem>
            ) : null}
            <MenuItem
              icon="history"
              testId="menu-handovers"
              onClick={() => show({ type: 'handovers' })}
            >
              {t('user.handovers')}
            </MenuItem>
            {commander ? (
              <>
                <div className="menu-sep" />
                <MenuItem
                  icon="users"
                  testId="menu-officers"
                  onClick={() => show({ type: 'officers' })}
                >
                  {t('user.officers')}
                </MenuItem>
                <MenuItem icon="audit" testId="menu-audit" onClick={() => show({ type: 'audit' })}>
                  {t('user.audit')}
                </MenuItem>
              </>
            ) : null}
            <div className="menu-sep" />
            <MenuItem
              icon="signOut"
              testId="menu-sign-out"
              danger
              onClick={() => show({ type: 'signOut' })}
            >
              {t('user.signOut')}
            </MenuItem>
          </div>
        ) : null}
      </div>
    </div>
  );
}
