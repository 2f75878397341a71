// The transport bar: the playhead's date-time, play/pause, speed menu, frame
// steps, ±10 s / ±1 min, previous/next incident and activity peak, export of the
// chosen range, snapshot and the way back to live.
import type { ReactNode } from 'react';
import { formatClock, formatDate, formatWeekday } from '../i18n/format-time';
import type { MessageKey } from '../i18n/translate';
import { useLanguage, useT } from '../i18n/use-t';
import { PLAYBACK_RATES } from './engine/types';
import type { PlaybackAction } from './playback-keys';
import { rateLabel } from './playback-keys';
import { usePopover } from '../shell/use-popover';
import { Icon, type IconName } from '../shell/icons';

function ControlButton(props: {
  testId: string;
  icon: IconName;
  title: MessageKey;
  onClick: () => void;
  label?: string;
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <button
      type="button"
      className={`btn pb-ctl${props.label ? ' pb-ctl-labelled' : ''}`}
      data-testid={props.testId}
      title={t(props.title)}
      aria-label={t(props.title)}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      <Icon name={props.icon} size={props.label ? 14 : 16} />
      {props.label ? <span className="pb-ctl-label">{props.label}</span> : null}
    </button>
  );
}

function RateMenu(props: { rate: number; onRate: (rate: number) => void }) {
  const t = useT();
  const { open, setOpen, ref } = usePopover();
  return (
    <div className="popover-anchor" ref={ref}>
      <button
        type="button"
        className={`btn pb-rate${props.rate !== 1 ? ' pb-rate-changed' : ''}`}
        data-testid="playback-rate"
        data-rate={props.rate}
        aria-expanded={open}
        title={t('playback.rate')}
        onClick={() => setOpen(!open)}
      >
        <Icon name="speed" size={14} />
        <span className="pb-rate-value">{rateLabel(props.rate)}</span>
      </button>
      {open ? (
        <div className="popover menu pb-rate-menu" role="menu">
          <div className="menu-heading">{t('playback.rateHeading')}</div>
          {[...PLAYBACK_RATES].reverse().map((r) => (
            <button
              key={r}
              type="button"
              role="menuitemradio"
              aria-checked={r === props.rate}
              className={`menu-item${r === props.rate ? ' menu-item-active' : ''}`}
              data-testid={`playback-rate-${r}`}
              onClick={() => {
                props.onRate(r);
                setOpen(false);
              }}
            >
              <span className="menu-item-text">{rateLabel(r)}</span>
              {r === props.rate ? <span className="menu-item-meta">✓</span> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export function PlaybackClock(props: { positionMs: number; rate: number; playing: boolean }) {
  const language = useLanguage();
  const { positionMs } = props;
  return (
    <div
      className="pb-clock"
      data-testid="playback-clock"
      data-position-ms={Math.round(positionMs)}
    >
      <span className="pb-clock-time">{formatClock(positionMs, language)}</span>
      <span className="pb-clock-date">
        {formatWeekday(positionMs, language)}, {formatDate(positionMs, language)}
      </span>
    </div>
  );
}

export function PlaybackControls(props: {
  positionMs: number;
  playing: boolean;
  rate: number;
  ready: boolean;
  onAction: (action: PlaybackAction) => void;
  onRate: (rate: number) => void;
  /** "Trích xuất dữ liệu…" for the range chosen on the timeline. */
  exportButton: ReactNode;
  /** Snapshot button with its popover. */
  snapshot: ReactNode;
}) {
  const t = useT();
  const { onAction, ready } = props;
  return (
    <div className="pb-controls" data-testid="playback-controls">
      <PlaybackClock positionMs={props.positionMs} rate={props.rate} playing={props.playing} />
      <div className="pb-transport" role="group" aria-label={t('playback.region')}>
        <div className="pb-ctl-group">
          <ControlButton
            testId="playback-prev-incident"
            icon="flagPrev"
            title="playback.prevIncident"
            disabled={!ready}
            onClick={() => onAction({ type: 'incident', direction: -1 })}
          />
          <ControlButton
            testId="playback-prev-peak"
            icon="peakPrev"
            title="playback.prevPeak"
            disabled={!ready}
            onClick={() => onAction({ type: 'peak', direction: -1 })}
          />
        </div>
        <div className="pb-ctl-group">
          <ControlButton
            testId="playback-back-1m"
            icon="back"
            label="1′"
            title="playback.back1m"
            disabled={!ready}
            onClick={() => onAction({ type: 'jump', deltaMs: -60_000 })}
          />
          <ControlButton
            testId="playback-back-10s"
            icon="back10"
            label="10″"
            title="playback.back10s"
            disabled={!ready}
            onClick={() => onAction({ type: 'jump', deltaMs: -10_000 })}
          />
          <ControlButton
            testId="playback-step-back"
            icon="stepBack"
            title="playback.stepBack"
            disabled={!ready}
            onClick={() => onAction({ type: 'step', direction: -1 })}
          />
          {props.playing ? (
            <button
              type="button"
              className="btn pb-play"
              data-testid="playback-pause"
              title={t('playback.pause')}
              aria-label={t('playback.pause')}
              onClick={() => onAction({ type: 'togglePlay' })}
            >
              <Icon name="pause" size={20} />
            </button>
          ) : (
            <button
              type="button"
              className="btn pb-play"
              data-testid="playback-play"
              title={t('playback.play')}
              aria-label={t('playback.play')}
              disabled={!ready}
              onClick={() => onAction({ type: 'togglePlay' })}
            >
              <Icon name="play" size={20} filled />
            </button>
          )}
          <ControlButton
            testId="playback-step-forward"
            icon="stepForward"
            title="playback.stepForward"
            disabled={!ready}
            onClick={() => onAction({ type: 'step', direction: 1 })}
          />
          <ControlButton
            testId="playback-fwd-10s"
            icon="forward10"
            label="10″"
            title="playback.fwd10s"
            disabled={!ready}
            onClick={() => onAction({ type: 'jump', deltaMs: 10_000 })}
          />
          <ControlButton
            testId="playback-fwd-1m"
            icon="forward"
            label="1′"
            title="playback.fwd1m"
            disabled={!ready}
            onClick={() => onAction({ type: 'jump', deltaMs: 60_000 })}
          />
        </div>
        <div className="pb-ctl-group">
          <ControlButton
            testId="playback-next-peak"
            icon="peakNext"
            title="playback.nextPeak"
            disabled={!ready}
            onClick={() => onAction({ type: 'peak', direction: 1 })}
          />
          <ControlButton
            testId="playback-next-incident"
            icon="flagNext"
            title="playback.nextIncident"
            disabled={!ready}
            onClick={() => onAction({ type: 'incident', direction: 1 })}
          />
        </div>
        <RateMenu rate={props.rate} onRate={props.onRate} />
      </div>
      <div className="pb-controls-end">
        {props.exportButton}
        {props.snapshot}
        <button
          type="button"
          className="btn pb-live"
          data-testid="playback-live"
          title={t('playback.liveHint')}
          onClick={() => onAction({ type: 'live' })}
        >
          <Icon name="live" size={16} />
          <span>{t('playback.live')}</span>
          <kbd className="kbd">L</kbd>
        </button>
      </div>
    </div>
  );
}
