// Playback mode: replaces the live grid with 1 (large), 2–4 (2×2) or 5–9 (3×3)
// players on one shared clock, the transport bar and the timeline, where a range
// can be chosen for export. Keyboard: Space, ←/→, Shift+←/→, , . - + [ ] Esc
// PageUp/PageDown, Ctrl+←/→, L (not while typing or under a dialog or the lock screen).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Gap } from '../../electron/contract/recording-schemas';
import { useCameraName } from '../cameras/last-known-names';
import { formatDateTime } from '../i18n/format-time';
import type { MessageKey } from '../i18n/translate';
import { useLanguage, useT } from '../i18n/use-t';
import { canBookmark, isTypingTarget } from '../incidents/bookmark';
import { useApi, useStationState, useStationStore } from '../store/store-context';
import type { PlaybackEngine } from './engine/types';
import { ExportRangeBar, ExportRangeButton } from './export-range-bar';
import {
  hasMarks,
  markEnd,
  markStart,
  NO_RANGE,
  rangeProblem,
  type RangeMarks,
} from './export-range';
import { PlaybackControls } from './playback-controls';
import { playbackAction, stepRate, type PlaybackAction } from './playback-keys';
import { PlaybackPlayer } from './playback-player';
import { PlaybackTimeline } from './playback-timeline';
import { JumpToTime } from './jump-to-time';
import { SnapshotPopover, type TakenSnapshot } from './snapshot-popover';
import { activityPeaks, nextIncident, nextTime } from './timeline-jumps';
import { followWindow, initialWindow, spanOf, type TimeWindow } from './timeline-scale';
import { useTimelineData } from './use-timeline-data';
import { usePlaybackEngine } from './use-playback-engine';
import { Icon } from '../shell/icons';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DEFAULT_SPAN_MS = HOUR;
/** After the officer pans or zooms, the view stops following the playhead this long. */
const USER_VIEW_HOLD_MS = 4000;

const SPANS: { key: MessageKey; ms: number; id: string }[] = [
  { key: 'playback.span.1m', ms: MINUTE, id: '1m' },
  { key: 'playback.span.10m', ms: 10 * MINUTE, id: '10m' },
  { key: 'playback.span.1h', ms: HOUR, id: '1h' },
  { key: 'playback.span.6h', ms: 6 * HOUR, id: '6h' },
  { key: 'playback.span.1d', ms: DAY, id: '1d' },
  { key: 'playback.span.7d', ms: 7 * DAY, id: '7d' },
];

/** 1 camera → 1×1, 2–4 → 2×2, 5–9 → 3×3. */
export function playbackGridSize(count: number): number {
  return count <= 1 ? 1 : count <= 4 ? 2 : 3;
}

function SnapshotButton(props: {
  engine: PlaybackEngine;
  cameraId: string | null;
  incidents: Parameters<typeof SnapshotPopover>[0]['incidents'];
}) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const { engine, cameraId } = props;
  const cameraName = useCameraName([cameraId]);
  const [taken, setTaken] = useState<TakenSnapshot | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!taken) return undefined;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setTaken(null);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setTaken(null);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [taken]);

  const take = async () => {
    if (!cameraId) return;
    const name = cameraName(cameraId);
    const cam = engine.getState().cameras.find((c) => c.cameraId === cameraId);
    const at = cam?.frameWallMs ?? engine.getState().positionMs;
    setBusy(true);
    try {
      const png = await engine.snapshotPng(cameraId, {
        title: name,
        timestamp: formatDateTime(at, language),
      });
      if (!png) {
        store
          .getState()
          .pushToast({ kind: 'warning', key: 'playback.snapshotNone', params: {}, at: null });
        return;
      }
      setTaken({ cameraId, cameraName: name, takenAt: at, png });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="popover-anchor" ref={ref}>
      <button
        type="button"
        className={`btn${taken ? ' btn-active' : ''}`}
        data-testid="playback-snapshot"
        title={t('playback.snapshotHint')}
        disabled={!cameraId || busy}
        onClick={() => (taken ? setTaken(null) : void take())}
      >
        <Icon name="snapshot" size={16} />
        <span>{t('playback.snapshot')}</span>
      </button>
      {taken ? (
        <SnapshotPopover
          snapshot={taken}
          incidents={props.incidents}
          onClose={() => setTaken(null)}
        />
      ) : null}
    </div>
  );
}

/** The recording gap of a camera under the playhead (for the "no footage" reason). */
function gapAt(gaps: readonly Gap[] | undefined, ms: number): Gap | null {
  return gaps?.find((g) => ms >= g.startMs && (g.endMs === null || ms < g.endMs)) ?? null;
}

export function PlaybackView() {
  const t = useT();
  const api = useApi();
  const store = useStationStore();
  const cameraIds = useStationState((s) => s.playback.cameraIds);
  const seq = useStationState((s) => s.playback.seq);
  const footageSeq = useStationState((s) => s.footageSeq);
  const resyncSeq = useStationState((s) => s.resyncSeq);
  const editorOpen = useStationState((s) => s.incidentEditor !== null);
  const locked = useStationState((s) => s.session?.locked ?? false);
  const { engine, state } = usePlaybackEngine();
  const [view, setView] = useState<TimeWindow>(() =>
    initialWindow(store.getState().playback.startMs, DEFAULT_SPAN_MS, Date.now()),
  );
  const [width, setWidth] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [range, setRange] = useState<RangeMarks>(NO_RANGE);
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const userViewAt = useRef(0);
  const timeline = useTimelineData(api, cameraIds, view, width, footageSeq, resyncSeq);
  const data = timeline.data;

  const positionMs = state?.positionMs ?? store.getState().playback.startMs;
  const playing = state?.playing ?? false;
  const rate = state?.rate ?? 1;

  // A new entry (another incident, another camera) centres the view on its start
  // and starts without a range: the old one was chosen for other footage.
  useEffect(() => {
    const at = store.getState().playback.startMs;
    setView((v) => initialWindow(at, spanOf(v), Date.now()));
    setRange(NO_RANGE);
  }, [seq, store]);

  const selected =
    selectedId && cameraIds.includes(selectedId) ? selectedId : (cameraIds[0] ?? null);

  // The view follows the playhead while playing, unless the officer just moved it.
  useEffect(() => {
    if (!playing || Date.now() - userViewAt.current < USER_VIEW_HOLD_MS) return;
    setView((v) => followWindow(v, positionMs));
  }, [positionMs, playing]);

  // The bookmark dialog is filled in on a still frame; a locked screen shows no footage
  // (and the media server refuses a locked session's segment requests anyway).
  useEffect(() => {
    if (editorOpen || locked) engine?.pause();
  }, [editorOpen, locked, engine]);

  const onViewChange = useCallback((v: TimeWindow, byUser: boolean) => {
    if (byUser) userViewAt.current = Date.now();
    setView(v);
  }, []);

  const seekTo = useCallback(
    (ms: number) => {
      if (!engine) return;
      const target = Math.max(0, Math.min(Math.round(ms), Date.now()));
      userViewAt.current = 0;
      setView((v) => followWindow(v, target, 0.05, 0.5));
      void engine.seek(target).catch(() => undefined);
    },
    [engine],
  );

  const notice = useCallback(
    (key: MessageKey) => store.getState().pushToast({ kind: 'info', key, params: {}, at: null }),
    [store],
  );

  const mark = useCallback(
    (edge: 'start' | 'end') => {
      if (!engine) return;
      const at = Math.round(Math.min(engine.getState().positionMs, Date.now()));
      setRange((r) => (edge === 'start' ? markStart(r, at) : markEnd(r, at)));
    },
    [engine],
  );

  const run = useCallback(
    (action: PlaybackAction) => {
      if (action.type === 'live') {
        store.getState().closePlayback();
        return;
      }
      if (action.type === 'clearRange') {
        setRange(NO_RANGE);
        return;
      }
      if (action.type === 'mark') {
        mark(action.edge);
        return;
      }
      if (!engine) return;
      const s = engine.getState();
      switch (action.type) {
        case 'togglePlay':
          if (s.playing) engine.pause();
          else engine.play();
          return;
        case 'jump':
          seekTo(s.positionMs + action.deltaMs);
          return;
        case 'step':
          void engine.step(action.direction).catch(() => undefined);
          return;
        case 'rate':
          engine.setRate(stepRate(s.rate, action.direction));
          return;
        case 'incident': {
          const m = nextIncident(data?.incidents ?? [], s.positionMs, action.direction);
          if (m) seekTo(m.startMs);
          else notice(action.direction > 0 ? 'playback.noNextIncident' : 'playback.noPrevIncident');
          return;
        }
        case 'peak': {
          const peak = data ? nextTime(activityPeaks(data), s.positionMs, action.direction) : null;
          if (peak !== null) seekTo(peak);
          else notice(action.direction > 0 ? 'playback.noNextPeak' : 'playback.noPrevPeak');
          return;
        }
      }
    },
    [engine, data, seekTo, notice, store, mark],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat && (e.key === ' ' || e.key === 'l' || e.key === 'L')) return;
      if (isTypingTarget(e.target) || !canBookmark(store.getState())) return;
      const action = playbackAction(e);
      if (!action) return;
      // Escape closes an open menu or popover first (they listen on document, before
      // this), and is left alone when there is no range to clear.
      if (
        action.type === 'clearRange' &&
        (!hasMarks(rangeRef.current) || document.querySelector('.popover'))
      )
        return;
      e.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, store]);

  const size = playbackGridSize(cameraIds.length);
  const cells = size * size;
  const byCamera = useMemo(
    () => new Map((state?.cameras ?? []).map((c) => [c.cameraId, c])),
    [state?.cameras],
  );
  const gapsByCamera = useMemo(
    () => new Map((data?.cameras ?? []).map((c) => [c.cameraId, c.gaps])),
    [data],
  );
  const inView = (data?.incidents ?? []).filter(
    (m) => m.endMs >= view.fromMs && m.startMs <= view.toMs,
  );
  const span = spanOf(view);
  const problem = hasMarks(range) ? rangeProblem(range) : null;

  return (
    <section
      className="playback"
      data-testid="playback-view"
      aria-label={t('playback.region')}
      data-cameras={cameraIds.length}
    >
      <div
        className="grid pb-grid"
        data-layout={String(cells)}
        style={{
          gridTemplateColumns: `repeat(${size}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${size}, minmax(0, 1fr))`,
        }}
      >
        {engine
          ? cameraIds.map((id) => (
              <PlaybackPlayer
                key={id}
                engine={engine}
                cameraId={id}
                camera={byCamera.get(id)}
                gap={gapAt(gapsByCamera.get(id), positionMs)}
                large={size === 1}
                selected={cameraIds.length > 1 && id === selected}
                onSelect={setSelectedId}
              />
            ))
          : null}
        {Array.from({ length: engine ? cells - cameraIds.length : 0 }, (_, i) => (
          <div key={`empty-${i}`} className="pb-cell-empty" aria-hidden="true" />
        ))}
      </div>
      <PlaybackControls
        positionMs={positionMs}
        playing={playing}
        rate={rate}
        ready={engine !== null}
        onAction={run}
        onRate={(r) => engine?.setRate(r)}
        exportButton={<ExportRangeButton range={range} problem={problem} cameraIds={cameraIds} />}
        snapshot={
          engine ? <SnapshotButton engine={engine} cameraId={selected} incidents={inView} /> : null
        }
      />
      <div className="pb-timeline-panel">
        <div className="pb-timeline-head">
          <div className="pb-spans" role="group" aria-label={t('playback.span')}>
            {SPANS.map((s) => (
              <button
                key={s.id}
                type="button"
                className={`lang-btn${Math.abs(span - s.ms) < s.ms * 0.02 ? ' lang-btn-active' : ''}`}
                data-testid={`playback-span-${s.id}`}
                onClick={() => {
                  userViewAt.current = Date.now();
                  setView(initialWindow(positionMs, s.ms, Date.now()));
                }}
              >
                {t(s.key)}
              </button>
            ))}
          </div>
          <ExportRangeBar
            range={range}
            problem={problem}
            ready={engine !== null}
            onMark={mark}
            onClear={() => setRange(NO_RANGE)}
          />
          <div className="pb-legend" aria-hidden="true">
            <span className="pb-legend-item">
              <i className="pb-swatch pb-swatch-recorded" />
              {t('playback.legend.recorded')}
            </span>
            <span className="pb-legend-item">
              <i className="pb-swatch pb-swatch-activity" />
              {t('playback.legend.activity')}
            </span>
            <span className="pb-legend-item">
              <i className="pb-swatch pb-swatch-gap" />
              {t('playback.legend.gap')}
            </span>
            <span className="pb-legend-item">
              <i className="pb-swatch pb-swatch-incident" />
              {t('playback.legend.incident')}
            </span>
          </div>
          <span
            className="pb-timeline-status"
            data-testid="timeline-status"
            data-loading={timeline.loading}
          >
            {timeline.error
              ? t('playback.timelineError', { message: t(timeline.error) })
              : timeline.loading && !data
                ? t('playback.timelineLoading')
                : ''}
          </span>
          <span
            className="pb-help"
            title={t('playback.timelineHint')}
            aria-label={t('playback.timelineHint')}
          >
            ?
          </span>
          <JumpToTime positionMs={positionMs} onGo={seekTo} />
        </div>
        {engine ? (
          <PlaybackTimeline
            engine={engine}
            cameraIds={cameraIds}
            view={view}
            onViewChange={onViewChange}
            onWidth={setWidth}
            data={data}
            positionMs={positionMs}
            onSeek={seekTo}
            range={range}
            rangeInvalid={problem === 'tooLong'}
            onRange={setRange}
          />
        ) : null}
      </div>
    </section>
  );
}
