import { useState } from 'react';
import type { Language } from '../../electron/contract/schemas';
import { errorKey, errorMessage } from '../api/api-error';
import { formatDate, formatClock, formatWeekday } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { LAYOUT_KINDS, tileCount } from '../live/layout-geometry';
import { selectIsCommander } from '../auth/session-slice';
import { useStationState, useStationStore } from '../store/store-context';
import { IncidentTopButtons } from '../incidents/incident-top-buttons';
import { PlaybackTopButton } from '../playback/playback-entry-buttons';
import { UserMenu } from '../auth/user-menu';
import { tourPages } from '../store/ui-slice';
import { Icon } from './icons';
import { LayoutIcon } from './layout-icon';
import { useNow } from './use-now';
import { usePopover } from './use-popover';

const TOUR_INTERVALS = [5, 10, 15, 20, 30, 60, 120];

function Clock() {
  const now = useNow();
  const language = useLanguage();
  return (
    <div className="top-clock" data-testid="clock">
      <span className="top-clock-time">{formatClock(now, language)}</span>
      <span className="top-clock-date">
        {formatWeekday(now, language)}, {formatDate(now, language)}
      </span>
    </div>
  );
}

function LayoutMenu() {
  const t = useT();
  const store = useStationStore();
  const layouts = useStationState((s) => s.layouts);
  const currentId = useStationState((s) => s.currentLayoutId);
  const kind = useStationState((s) => s.kind);
  const tiles = useStationState((s) => s.tiles);
  const current = layouts.find((l) => l.id === currentId);
  const dirty =
    current !== undefined &&
    (current.kind !== kind || current.tiles.some((id, i) => (tiles[i] ?? null) !== id));
  const menu = usePopover();
  const saver = usePopover();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (asNew: boolean) => {
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('field.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await store.getState().saveLayout(trimmed, asNew);
      store.getState().pushToast({
        kind: 'success',
        key: 'toast.layoutSaved',
        params: { name: saved.name },
        at: null,
      });
      saver.setOpen(false);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!current) return;
    try {
      await store.getState().deleteLayout(current.id);
      store.getState().pushToast({
        kind: 'info',
        key: 'toast.layoutDeleted',
        params: { name: current.name },
        at: null,
      });
      menu.setOpen(false);
    } catch (e) {
      store.getState().pushToast({ kind: 'error', key: errorKey(e), params: {}, at: null });
    }
  };

  return (
    <div className="top-group">
      <div className="popover-anchor" ref={menu.ref}>
        <button
          type="button"
          className="btn btn-ghost layout-menu-btn"
          data-testid="layout-menu"
          aria-expanded={menu.open}
          onClick={() => menu.setOpen(!menu.open)}
        >
          <span className="layout-menu-label">
            {current ? current.name : t('top.unsavedLayout')}
          </span>
          {dirty ? (
            <span className="dirty-mark" data-testid="layout-dirty" title={t('top.layoutModified')}>
              •
            </span>
          ) : null}
          <Icon name="chevron" size={14} />
        </button>
        {menu.open ? (
          <div className="popover menu" role="menu" data-testid="layout-menu-list">
            <div className="menu-heading">{t('top.savedLayouts')}</div>
            {layouts.length === 0 ? (
              <div className="menu-empty">{t('top.noSavedLayouts')}</div>
            ) : null}
            {layouts.map((l) => (
              <button
                key={l.id}
                type="button"
                role="menuitem"
                className={`menu-item${l.id === currentId ? ' menu-item-active' : ''}`}
                data-testid={`layout-option-${l.id}`}
                onClick={() => {
                  store.getState().openLayout(l.id);
                  menu.setOpen(false);
                }}
              >
                <LayoutIcon kind={l.kind} size={14} />
                <span className="menu-item-text">{l.name}</span>
                <span className="menu-item-meta">{l.kind}</span>
              </button>
            ))}
            {current ? (
              <>
                <div className="menu-sep" />
                <button
                  type="button"
                  role="menuitem"
                  className="menu-item menu-item-danger"
                  data-testid="layout-delete"
                  onClick={() => void remove()}
                >
                  <Icon name="trash" size={14} />
                  <span className="menu-item-text">{t('top.deleteLayout')}</span>
                </button>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="popover-anchor" ref={saver.ref}>
        <button
          type="button"
          className="btn btn-icon"
          data-testid="save-layout"
          title={t('top.saveLayout')}
          aria-label={t('top.saveLayout')}
          onClick={() => {
            setName(current?.name ?? t('top.layoutNameDefault', { n: tileCount(kind) }));
            setError(null);
            saver.setOpen(!saver.open);
          }}
        >
          <Icon name="save" />
        </button>
        {saver.open ? (
          <form
            className="popover save-popover"
            onSubmit={(e) => {
              e.preventDefault();
              void save(!current);
            }}
          >
            <label className="field">
              <span className="field-label">{t('top.layoutName')}</span>
              <input
                className="input"
                data-testid="layout-name-input"
                value={name}
                maxLength={60}
                autoFocus
                onChange={(e) => setName(e.target.value)}
              />
              {error ? <span className="field-error">{error}</span> : null}
            </label>
            <div className="popover-actions">
              {current ? (
                <button
                  type="button"
                  className="btn"
                  data-testid="layout-save-as"
                  disabled={busy}
                  onClick={() => void save(true)}
                >
                  {t('top.saveLayoutAs')}
                </button>
              ) : null}
              <button
                type="submit"
                className="btn btn-primary"
                data-testid="layout-save-confirm"
                disabled={busy}
              >
                {t('dialog.save')}
              </button>
            </div>
          </form>
        ) : null}
      </div>
    </div>
  );
}

function TourControls() {
  const t = useT();
  const store = useStationStore();
  const tour = useStationState((s) => s.tour);
  const pages = useStationState(tourPages);
  const interval = useStationState((s) => s.settings.tourIntervalSec);
  const intervals = TOUR_INTERVALS.includes(interval)
    ? TOUR_INTERVALS
    : [...TOUR_INTERVALS, interval].sort((a, b) => a - b);
  return (
    <div
      className={`top-group tour${tour.running ? ' tour-running' : ''}`}
      data-testid="tour"
      data-running={tour.running}
      data-paused={tour.paused}
      data-page={tour.page}
    >
      <button
        type="button"
        className={`btn${tour.running ? ' btn-active' : ''}`}
        data-testid="tour-toggle"
        aria-pressed={tour.running}
        onClick={() => (tour.running ? store.getState().stopTour() : store.getState().startTour())}
        title={tour.running ? t('top.tourStop') : t('top.tour')}
      >
        <Icon name={tour.running ? 'stop' : 'tour'} />
        <span>{t('top.tour')}</span>
      </button>
      {tour.running ? (
        <>
          <button
            type="button"
            className="btn btn-icon"
            data-testid="tour-pause"
            title={tour.paused ? t('top.tourResume') : t('top.tourPause')}
            aria-label={tour.paused ? t('top.tourResume') : t('top.tourPause')}
            onClick={() => store.getState().setTourPaused(!tour.paused)}
          >
            <Icon name={tour.paused ? 'play' : 'pause'} />
          </button>
          <span className="tour-indicator" data-testid="tour-indicator">
            {tour.paused ? t('top.tourPaused') : t('top.tourPage', { page: tour.page + 1, pages })}
            {!tour.paused ? (
              <span
                key={`${tour.page}`}
                className="tour-progress"
                style={{ animationDuration: `${interval}s` }}
              />
            ) : null}
          </span>
        </>
      ) : null}
      <select
        className="select select-compact"
        data-testid="tour-interval"
        title={t('top.tourInterval')}
        aria-label={t('top.tourInterval')}
        value={interval}
        onChange={(e) =>
          void store.getState().updateSettings({ tourIntervalSec: Number(e.target.value) })
        }
      >
        {intervals.map((s) => (
          <option key={s} value={s}>
            {s} s
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Lưu trữ": opens the storage panel; amber/red when a storage alarm is active. */
function StorageButton() {
  const t = useT();
  const store = useStationStore();
  const alarm = useStationState((s) => s.storageAlarm);
  return (
    <button
      type="button"
      className={`btn${alarm ? ' btn-alarm' : ''}`}
      data-testid="open-storage"
      data-alarm={alarm ? alarm.kind : ''}
      title={t('top.storageHint')}
      onClick={() => store.getState().openDialog({ type: 'storage' })}
    >
      <Icon name="disk" />
      <span>{t('top.storage')}</span>
    </button>
  );
}

export function TopBar() {
  const t = useT();
  const store = useStationStore();
  const kind = useStationState((s) => s.kind);
  const stationName = useStationState((s) => s.settings.stationName);
  // From the registry as it is now: the badge goes the moment the demo cameras do.
  const demo = useStationState((s) => s.cameras.some((c) => c.source === 'demo'));
  const muted = useStationState((s) => s.settings.alertMuted);
  const commander = useStationState(selectIsCommander);
  const inPlayback = useStationState((s) => s.playback.open);
  const language = useLanguage();
  const setLanguage = (l: Language) => void store.getState().updateSettings({ language: l });

  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark">
          <Icon name="shield" size={18} />
        </span>
        <div className="brand-text">
          {!stationName && commander ? (
            // Set up before the first-start screen asked for it: the reports' "Đơn vị" is blank.
            <button
              type="button"
              className="brand-name unit-name-missing"
              data-testid="unit-name-missing"
              title={t('app.unitNameMissingHint')}
              onClick={() => store.getState().openDialog({ type: 'settings' })}
            >
              {t('app.unitNameMissing')}
            </button>
          ) : (
            <span
              className="brand-name"
              data-testid="station-name"
              title={stationName || t('app.title')}
            >
              {stationName || t('app.title')}
            </span>
          )}
          <span className="brand-sub">{inPlayback ? t('playback.mode') : t('top.live')}</span>
        </div>
        {demo ? (
          <span className="demo-badge" data-testid="demo-badge" title={t('app.demoHint')}>
            {t('app.demo')}
          </span>
        ) : null}
      </div>

      <div className="top-group layout-buttons" role="group" aria-label={t('top.layout')}>
        {LAYOUT_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={`btn btn-layout${k === kind ? ' btn-active' : ''}`}
            data-testid={`layout-${k}`}
            aria-pressed={k === kind}
            title={t('top.layoutTiles', { n: tileCount(k) })}
            onClick={() => store.getState().setKind(k)}
          >
            <LayoutIcon kind={k} />
            <span className="btn-layout-n">{k}</span>
          </button>
        ))}
      </div>

      <LayoutMenu />
      <TourControls />

      <div className="top-spacer" />

      <PlaybackTopButton />
      <IncidentTopButtons />
      <StorageButton />

      <button
        type="button"
        className={`btn btn-icon${muted ? ' btn-warn' : ''}`}
        data-testid="alert-mute"
        aria-pressed={muted}
        title={muted ? t('top.unmute') : t('top.mute')}
        aria-label={muted ? t('top.unmute') : t('top.mute')}
        onClick={() => void store.getState().updateSettings({ alertMuted: !muted })}
      >
        <Icon name={muted ? 'bellOff' : 'bell'} />
      </button>
      <div
        className="lang-switch"
        role="group"
        aria-label={t('top.language')}
        data-testid="language-switch"
      >
        {(['vi', 'en'] as const).map((l) => (
          <button
            key={l}
            type="button"
            className={`lang-btn${language === l ? ' lang-btn-active' : ''}`}
            data-testid={`language-${l}`}
            aria-pressed={language === l}
            onClick={() => setLanguage(l)}
          >
            {l.toUpperCase()}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn btn-icon"
        data-testid="open-settings"
        title={t('top.settings')}
        aria-label={t('top.settings')}
        onClick={() => store.getState().openDialog({ type: 'settings' })}
      >
        <Icon name="gear" />
      </button>
      <UserMenu />
      <Clock />
    </header>
  );
}
