// The timeline strip: a canvas (crisp at devicePixelRatio) drawn by timeline-draw,
// with the mouse: wheel zooms smoothly around the pointer, dragging the background
// pans, a click seeks (a flag seeks to its incident's start), dragging the playhead
// scrubs the engine continuously. Shift-dragging selects the export range and
// dragging a range edge moves it (both snap, see range-snap). Hover shows the time,
// a gap's reason and an incident's code.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PlaybackTimeline as TimelineData } from '../../electron/contract/playback-schemas';
import { STATION_UTC_OFFSET_MS } from '../../electron/contract/station-time';
import { useCameraName } from '../cameras/last-known-names';
import { formatDateTime } from '../i18n/format-time';
import { isMessageKey } from '../i18n/translate';
import { useLanguage, useT } from '../i18n/use-t';
import type { PlaybackEngine } from './engine/types';
import { moveEdge, rangeBetween, type RangeEdge, type RangeMarks } from './export-range';
import { snapTargets, snapTime } from './range-snap';
import {
  drawTimeline,
  hitTest,
  timelineGeometry,
  type TimelineHit,
  type TimelineModel,
} from './timeline-draw';
import { tickText } from './timeline-labels';
import { TimelineAlarmLegend } from './timeline-alarm-legend';
import { panWindow, spanOf, timeToX, xToTime, zoomWindow, type TimeWindow } from './timeline-scale';

/** Wheel notches → zoom: one notch (100 px of deltaY) changes the span by about 35 %. */
const ZOOM_PER_PX = 0.003;
/** Share of the remaining distance to the target covered per animation frame. */
const EASE = 0.35;
const DRAG_THRESHOLD_PX = 3;

type Drag =
  | { mode: 'pending'; x: number; view: TimeWindow; hit: TimelineHit }
  | { mode: 'pan'; x: number; view: TimeWindow }
  | { mode: 'scrub'; wasPlaying: boolean; ms: number }
  /** Shift pressed on the background: a range once it moves, else a click. */
  | { mode: 'pendingRange'; x: number; targets: number[] }
  | { mode: 'range'; anchorMs: number; targets: number[] }
  | { mode: 'edge'; edge: RangeEdge; x: number; moved: boolean; targets: number[] };

interface Hover {
  x: number;
  ms: number;
  hit: TimelineHit;
}

export function PlaybackTimeline(props: {
  engine: PlaybackEngine;
  cameraIds: readonly string[];
  view: TimeWindow;
  onViewChange: (view: TimeWindow, byUser: boolean) => void;
  /** The canvas width in CSS pixels (the data request follows it). */
  onWidth: (width: number) => void;
  data: TimelineData | null;
  positionMs: number;
  onSeek: (ms: number) => void;
  /** The export range and whether it breaks the contract's limits (drawn red). */
  range: RangeMarks;
  rangeInvalid: boolean;
  onRange: (range: RangeMarks) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const { engine, view, onViewChange, onWidth, data, onSeek, range, onRange } = props;
  const cameraName = useCameraName(props.cameraIds);
  const names = props.cameraIds.map((id) => ({ id, name: cameraName(id) }));
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<Hover | null>(null);
  const [scrubMs, setScrubMs] = useState<number | null>(null);
  const [panning, setPanning] = useState(false);
  const [marking, setMarking] = useState(false);
  const drag = useRef<Drag | null>(null);
  const target = useRef<TimeWindow | null>(null);
  const frame = useRef(0);
  const viewRef = useRef(view);
  viewRef.current = view;

  const geo = timelineGeometry(names.length);
  const height = geo.height;
  const positionMs = scrubMs ?? props.positionMs;

  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return undefined;
    const measure = () => setWidth(Math.max(0, Math.floor(el.clientWidth)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => onWidth(width), [onWidth, width]);

  const model: TimelineModel = {
    view,
    width,
    zoneOffsetMs: STATION_UTC_OFFSET_MS,
    data,
    cameras: names,
    positionMs,
    nowMs: Date.now(),
    hoverMs: hover && !panning && !marking ? hover.ms : null,
    range,
    rangeInvalid: props.rangeInvalid,
    formatTick: (ms, label, dayStart) => tickText(ms, label, dayStart, language),
  };

  // Paint after every render: view, data, playhead and hover all change the picture.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(width * dpr);
    const h = Math.round(height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const started = performance.now();
    drawTimeline(ctx, model, height);
    // The last paint's cost, for the benchmark (no React state: it would repaint again).
    canvas.dataset.drawMs = (performance.now() - started).toFixed(2);
  });

  // Smooth zoom: the wheel moves a target window, frames ease the view toward it.
  const animate = useCallback(() => {
    frame.current = 0;
    const goal = target.current;
    if (!goal) return;
    const cur = viewRef.current;
    const next = {
      fromMs: cur.fromMs + (goal.fromMs - cur.fromMs) * EASE,
      toMs: cur.toMs + (goal.toMs - cur.toMs) * EASE,
    };
    const done = Math.abs(spanOf(next) - spanOf(goal)) < spanOf(goal) * 0.002;
    if (done) target.current = null;
    onViewChange(done ? goal : next, true);
    if (!done) frame.current = requestAnimationFrame(animate);
  }, [onViewChange]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // A native listener: React's wheel handler is passive and cannot stop the page scroll.
  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return undefined;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const w = el.clientWidth;
      if (w <= 0) return;
      const rect = el.getBoundingClientRect();
      const base = target.current ?? viewRef.current;
      const x = e.clientX - rect.left;
      const horizontal = Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey;
      const delta =
        e.deltaMode === 1
          ? (horizontal ? e.deltaX || e.deltaY : e.deltaY) * 33
          : horizontal
            ? e.deltaX || e.deltaY
            : e.deltaY;
      target.current = horizontal
        ? panWindow(base, (delta / w) * spanOf(base))
        : zoomWindow(base, Math.exp(delta * ZOOM_PER_PX), xToTime(base, w, x));
      if (!frame.current) frame.current = requestAnimationFrame(animate);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [animate]);

  const localX = (e: { clientX: number }) => {
    const rect = canvasRef.current?.getBoundingClientRect();
    return rect ? e.clientX - rect.left : 0;
  };
  const timeAt = (x: number) => xToTime(viewRef.current, Math.max(1, width), x);
  const notFuture = (ms: number) => Math.max(0, Math.min(ms, Date.now()));
  /** The time under x for a range mark: snapped, never in the future. */
  const markAt = (x: number, targets: readonly number[]) =>
    notFuture(snapTime(timeAt(x), targets, spanOf(viewRef.current) / Math.max(1, width)));
  /** Shows the time a mark lands on (the hover tip follows the mark, not the pointer). */
  const showMark = (ms: number) =>
    setHover({ x: timeToX(viewRef.current, Math.max(1, width), ms), ms, hit: null });

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    target.current = null;
    const x = localX(e);
    const y = e.clientY - e.currentTarget.getBoundingClientRect().top;
    const hit = hitTest(model, x, y);
    const targets = snapTargets(data, props.positionMs);
    if (hit?.kind === 'rangeEdge') {
      drag.current = { mode: 'edge', edge: hit.edge, x, moved: false, targets };
      setMarking(true);
      return;
    }
    if (e.shiftKey && hit?.kind !== 'playhead') {
      drag.current = { mode: 'pendingRange', x, targets };
      return;
    }
    if (hit?.kind === 'playhead') {
      const ms = notFuture(timeAt(x));
      drag.current = { mode: 'scrub', wasPlaying: engine.getState().playing, ms };
      setScrubMs(ms);
      engine.scrub(ms);
      return;
    }
    drag.current = { mode: 'pending', x, view: viewRef.current, hit };
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const x = localX(e);
    const d = drag.current;
    if (d?.mode === 'scrub') {
      const ms = notFuture(timeAt(x));
      drag.current = { ...d, ms };
      setScrubMs(ms);
      engine.scrub(ms);
      setHover(null);
      return;
    }
    if (d?.mode === 'pendingRange' && Math.abs(x - d.x) > DRAG_THRESHOLD_PX) {
      drag.current = { mode: 'range', anchorMs: markAt(d.x, d.targets), targets: d.targets };
      setMarking(true);
    }
    const r = drag.current;
    if (r?.mode === 'range') {
      const ms = markAt(x, r.targets);
      onRange(rangeBetween(r.anchorMs, ms));
      showMark(ms);
      return;
    }
    if (r?.mode === 'edge') {
      if (!r.moved && Math.abs(x - r.x) <= DRAG_THRESHOLD_PX) return;
      drag.current = { ...r, moved: true };
      const next = moveEdge(range, r.edge, markAt(x, r.targets));
      onRange(next);
      const ms = r.edge === 'start' ? next.startMs : next.endMs;
      if (ms !== null) showMark(ms);
      return;
    }
    if (d?.mode === 'pending' && Math.abs(x - d.x) > DRAG_THRESHOLD_PX) {
      drag.current = { mode: 'pan', x: d.x, view: d.view };
      setPanning(true);
    }
    const pan = drag.current;
    if (pan?.mode === 'pan') {
      onViewChange(
        panWindow(pan.view, (-(x - pan.x) / Math.max(1, width)) * spanOf(pan.view)),
        true,
      );
      return;
    }
    const y = e.clientY - e.currentTarget.getBoundingClientRect().top;
    setHover({ x, ms: timeAt(x), hit: hitTest(model, x, y) });
  };

  const finish = (e: React.PointerEvent<HTMLCanvasElement>, cancelled: boolean) => {
    const d = drag.current;
    drag.current = null;
    setPanning(false);
    setMarking(false);
    if (e.currentTarget.hasPointerCapture(e.pointerId))
      e.currentTarget.releasePointerCapture(e.pointerId);
    if (!d) return;
    if (d.mode === 'scrub') {
      setScrubMs(null);
      void engine.endScrub(d.ms, d.wasPlaying).catch(() => undefined);
      return;
    }
    if (d.mode === 'pending' && !cancelled) {
      if (d.hit?.kind === 'incident') onSeek(d.hit.marker.startMs);
      else onSeek(notFuture(timeAt(d.x)));
    }
    // A Shift+click or a click on an edge that never moved is a plain click.
    if ((d.mode === 'pendingRange' || (d.mode === 'edge' && !d.moved)) && !cancelled)
      onSeek(notFuture(timeAt(d.x)));
    if (d.mode === 'range' || d.mode === 'edge') setHover(null);
  };

  const cursor = panning
    ? 'grabbing'
    : marking || hover?.hit?.kind === 'rangeEdge'
      ? 'col-resize'
      : scrubMs !== null || hover?.hit?.kind === 'playhead'
        ? 'ew-resize'
        : hover?.hit?.kind === 'incident'
          ? 'pointer'
          : 'crosshair';

  return (
    <div
      className="pb-timeline"
      ref={wrapRef}
      data-testid="timeline"
      data-from={Math.round(view.fromMs)}
      data-to={Math.round(view.toMs)}
      data-loaded-from={data?.fromMs ?? ''}
      data-loaded-to={data?.toMs ?? ''}
    >
      <canvas
        ref={canvasRef}
        className="pb-timeline-canvas"
        data-testid="timeline-canvas"
        style={{ height, cursor }}
        aria-label={t('playback.timeline')}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(e) => finish(e, false)}
        onPointerCancel={(e) => finish(e, true)}
        onPointerLeave={() => setHover(null)}
      />
      <TimelineAlarmLegend data={data} />
      {hover && !panning && scrubMs === null ? <TimelineTip hover={hover} width={width} /> : null}
    </div>
  );
}

function TimelineTip(props: { hover: Hover; width: number }) {
  const t = useT();
  const language = useLanguage();
  const { hover } = props;
  const { hit } = hover;
  const left = Math.max(8, Math.min(props.width - 248, hover.x + 12));
  let body: React.ReactNode = null;
  if (hit?.kind === 'gap') {
    const reasonKey = `gap.${hit.gap.reason}`;
    body = (
      <>
        <span className="pb-tip-title pb-tip-gap">
          {t('playback.tip.gap', {
            reason: isMessageKey(reasonKey) ? t(reasonKey) : hit.gap.reason,
          })}
        </span>
        <span className="pb-tip-line">
          {t('playback.tip.range', {
            from: formatDateTime(hit.gap.startMs, language),
            to:
              hit.gap.endMs === null
                ? t('playback.tip.ongoing')
                : formatDateTime(hit.gap.endMs, language),
          })}
        </span>
      </>
    );
  } else if (hit?.kind === 'incident') {
    const m = hit.marker;
    const catKey = `incident.category.${m.category}`;
    body = (
      <>
        <span className={`pb-tip-title pb-tip-sev-${m.severity}`}>
          {t('playback.tip.incident', {
            code: m.code,
            category: isMessageKey(catKey) ? t(catKey) : m.category,
          })}
        </span>
        <span className="pb-tip-line">
          {t('playback.tip.range', {
            from: formatDateTime(m.startMs, language),
            to: formatDateTime(m.endMs, language),
          })}
        </span>
        <span className="pb-tip-hint">{t('playback.tip.incidentClick')}</span>
      </>
    );
  }
  return (
    <div className="pb-tip" style={{ left }} role="tooltip" data-testid="timeline-tip">
      <span className="pb-tip-time">{formatDateTime(hover.ms, language)}</span>
      {body}
    </div>
  );
}
