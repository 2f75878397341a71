// Draws the timeline onto a 2D canvas: the axis with station-time labels, the
// incident lane (flags and their ranges), one track per camera (recorded ranges,
// shaded gaps, the activity graph) and the playhead. Pure drawing from a model,
// so the benchmark can time it without React, and hit testing uses the same geometry.
import type { CameraAlarmKind } from '../../electron/contract/camera-alarms';
import type {
  CameraTimeline,
  IncidentMarker,
  PlaybackTimeline,
} from '../../electron/contract/playback-schemas';
import type { Gap } from '../../electron/contract/recording-schemas';
import type { RangeEdge, RangeMarks } from './export-range';
import { drawRange, edgeAt } from './range-draw';
import { planTicks, timeToX, type TickLabel, type TimeWindow } from './timeline-scale';

export const AXIS_H = 24;
export const INCIDENT_H = 20;
const TRACK_GAP = 3;
const PAD_BOTTOM = 6;

export interface TimelineGeometry {
  trackTop: number;
  trackH: number;
  height: number;
}

/** Track height shrinks with the camera count so nine fit a compact strip. */
export function timelineGeometry(cameraCount: number): TimelineGeometry {
  const n = Math.max(1, cameraCount);
  const trackH = n === 1 ? 44 : n <= 4 ? 26 : 16;
  const trackTop = AXIS_H + INCIDENT_H;
  return { trackTop, trackH, height: trackTop + n * (trackH + TRACK_GAP) - TRACK_GAP + PAD_BOTTOM };
}

export function trackY(geo: TimelineGeometry, index: number): number {
  return geo.trackTop + index * (geo.trackH + TRACK_GAP);
}

export interface TimelineModel {
  view: TimeWindow;
  /** CSS pixels. */
  width: number;
  zoneOffsetMs: number;
  data: PlaybackTimeline | null;
  /** Tracks in the order shown. */
  cameras: readonly { id: string; name: string }[];
  positionMs: number;
  nowMs: number;
  /** The time under the mouse (a thin guide line), null when outside. */
  hoverMs: number | null;
  /** The export range being chosen; absent or null draws none. */
  range?: RangeMarks | null;
  /** The range cannot be exported as it is (longer than the contract allows). */
  rangeInvalid?: boolean;
  formatTick(ms: number, label: TickLabel, dayStart: boolean): string;
}

const COLORS = {
  bg: '#0b0f15',
  axisBg: '#10151c',
  axisLine: '#2d3847',
  tickMajor: '#4a5668',
  tickMinor: '#2a3442',
  label: '#9aa7b6',
  labelDay: '#dbe2ea',
  grid: 'rgba(148, 163, 184, 0.06)',
  track: '#121923',
  recorded: 'rgba(37, 99, 235, 0.28)',
  recordedEdge: 'rgba(96, 165, 250, 0.85)',
  activity: 'rgba(125, 180, 255, 0.85)',
  gap: 'rgba(245, 158, 11, 0.16)',
  gapStripe: 'rgba(245, 158, 11, 0.42)',
  future: 'rgba(3, 5, 8, 0.72)',
  now: '#22c55e',
  trackName: 'rgba(219, 226, 234, 0.92)',
  trackNameBg: 'rgba(10, 13, 18, 0.78)',
  playhead: '#f8fafc',
  grip: '#3b82f6',
  playheadGlow: 'rgba(59, 130, 246, 0.9)',
  hover: 'rgba(219, 226, 234, 0.35)',
};

export const SEVERITY_COLORS: Record<IncidentMarker['severity'], string> = {
  low: '#94a3b8',
  medium: '#38bdf8',
  high: '#f59e0b',
  critical: '#ef4444',
};

/** The alarm kinds' colours: the same values as tokens.css --alarm-* (a test compares them). */
export const ALARM_COLORS: Record<CameraAlarmKind, string> = {
  black: '#f43f5e',
  frozen: '#22d3ee',
  covered: '#a78bfa',
  scene: '#fb923c',
  clock: '#facc15',
  timezone: '#eab308',
};

/** Height of the alarm band along the top of a camera's track. */
const ALARM_BAND_H = 4;

export interface AlarmMark {
  kind: CameraAlarmKind;
  x: number;
  w: number;
  y: number;
  h: number;
}

/**
 * Where a camera's alarms show on its track: a band along its top from start to end (an
 * open alarm runs to now), at least 3 px wide so a short one is still seen.
 */
export function alarmMarks(
  m: Pick<TimelineModel, 'view' | 'width' | 'nowMs'>,
  alarms: CameraTimeline['alarms'],
  trackTop: number,
): AlarmMark[] {
  const marks: AlarmMark[] = [];
  for (const a of alarms) {
    const x0 = timeToX(m.view, m.width, a.startMs);
    const x1 = timeToX(m.view, m.width, a.endMs ?? Math.max(a.startMs, m.nowMs));
    if (x1 < 0 || x0 > m.width) continue;
    const left = clipX(x0, m.width);
    const w = Math.max(3, clipX(x1, m.width) - left);
    marks.push({ kind: a.kind, x: left, w, y: trackTop, h: ALARM_BAND_H });
  }
  return marks;
}

type Ctx = CanvasRenderingContext2D;

function clipX(x: number, width: number): number {
  return Math.max(-2, Math.min(width + 2, x));
}

function drawAxis(ctx: Ctx, m: TimelineModel, height: number): void {
  const { width, view } = m;
  ctx.fillStyle = COLORS.axisBg;
  ctx.fillRect(0, 0, width, AXIS_H);
  ctx.fillStyle = COLORS.axisLine;
  ctx.fillRect(0, AXIS_H - 1, width, 1);
  const plan = planTicks(view, width, m.zoneOffsetMs);
  ctx.font = '500 11px "Be Vietnam Pro", system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const tick of plan.ticks) {
    const x = Math.round(timeToX(view, width, tick.ms)) + 0.5;
    if (tick.major) {
      ctx.fillStyle = COLORS.grid;
      ctx.fillRect(x - 0.5, AXIS_H, 1, height - AXIS_H);
      ctx.fillStyle = tick.dayStart ? COLORS.labelDay : COLORS.tickMajor;
      ctx.fillRect(x - 0.5, AXIS_H - 8, 1, 8);
      ctx.fillStyle = tick.dayStart ? COLORS.labelDay : COLORS.label;
      ctx.font = tick.dayStart
        ? '600 11px "Be Vietnam Pro", system-ui, sans-serif'
        : '500 11px "Be Vietnam Pro", system-ui, sans-serif';
      const text = m.formatTick(tick.ms, plan.label, tick.dayStart);
      // A label cut by the right edge reads as a different time: leave it out.
      if (x + 4 + ctx.measureText(text).width <= width) ctx.fillText(text, x + 4, AXIS_H / 2 - 2);
    } else {
      ctx.fillStyle = COLORS.tickMinor;
      ctx.fillRect(x - 0.5, AXIS_H - 4, 1, 4);
    }
  }
}

let stripeCache: { ctx: Ctx; pattern: CanvasPattern | null } | null = null;

/** Diagonal amber stripes for gaps (one small tile, reused). */
function gapPattern(ctx: Ctx): CanvasPattern | string {
  if (stripeCache?.ctx === ctx) return stripeCache.pattern ?? COLORS.gap;
  let pattern: CanvasPattern | null = null;
  if (typeof document !== 'undefined') {
    const tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    const t = tile.getContext('2d');
    if (t) {
      t.fillStyle = COLORS.gap;
      t.fillRect(0, 0, 8, 8);
      t.strokeStyle = COLORS.gapStripe;
      t.lineWidth = 1.5;
      t.beginPath();
      t.moveTo(-2, 10);
      t.lineTo(10, -2);
      t.moveTo(6, 10);
      t.lineTo(10, 6);
      t.moveTo(-2, 2);
      t.lineTo(2, -2);
      t.stroke();
      pattern = ctx.createPattern(tile, 'repeat');
    }
  }
  stripeCache = { ctx, pattern };
  return pattern ?? COLORS.gap;
}

function gapEnd(gap: Gap, nowMs: number): number {
  return gap.endMs ?? nowMs;
}

function drawTrack(
  ctx: Ctx,
  m: TimelineModel,
  y: number,
  h: number,
  cam: CameraTimeline | undefined,
  data: PlaybackTimeline | null,
  peak: number,
): void {
  const { width, view } = m;
  ctx.fillStyle = COLORS.track;
  ctx.fillRect(0, y, width, h);
  if (!cam || !data) return;
  for (const r of cam.ranges) {
    const x0 = clipX(timeToX(view, width, r.startMs), width);
    const x1 = clipX(timeToX(view, width, r.endMs), width);
    if (x1 < 0 || x0 > width) continue;
    const w = Math.max(1, x1 - x0);
    ctx.fillStyle = COLORS.recorded;
    ctx.fillRect(x0, y, w, h);
    ctx.fillStyle = COLORS.recordedEdge;
    ctx.fillRect(x0, y + h - 2, w, 2);
  }
  // Activity: one bar per bucket against this camera's busiest bucket; square root so
  // small movements stay visible next to a big one.
  if (peak > 0) {
    ctx.fillStyle = COLORS.activity;
    const graphH = h - 4;
    cam.activity.forEach((bytes, i) => {
      if (bytes <= 0) return;
      const t0 = data.fromMs + i * data.bucketMs;
      const x0 = timeToX(view, width, t0);
      const x1 = timeToX(view, width, t0 + data.bucketMs);
      if (x1 < 0 || x0 > width) return;
      const bh = Math.max(1, Math.round(Math.sqrt(bytes / peak) * graphH));
      ctx.fillRect(x0, y + h - 2 - bh, Math.max(1, x1 - x0 - 0.5), bh);
    });
  }
  ctx.fillStyle = gapPattern(ctx);
  for (const g of cam.gaps) {
    const x0 = clipX(timeToX(view, width, g.startMs), width);
    const x1 = clipX(timeToX(view, width, gapEnd(g, m.nowMs)), width);
    if (x1 < 0 || x0 > width) continue;
    ctx.fillRect(x0, y, Math.max(2, x1 - x0), h);
  }
  // Picture and clock alarms over everything else on the track, with a tick at their start.
  for (const mark of alarmMarks(m, cam.alarms, y)) {
    ctx.fillStyle = ALARM_COLORS[mark.kind];
    ctx.fillRect(mark.x, mark.y, mark.w, mark.h);
    ctx.fillRect(mark.x, mark.y, 1.5, h);
  }
}

function drawTrackName(ctx: Ctx, name: string, y: number, h: number): void {
  const size = h >= 24 ? 11 : 10;
  ctx.font = `600 ${size}px "Be Vietnam Pro", system-ui, sans-serif`;
  const text = name.length > 28 ? `${name.slice(0, 27)}…` : name;
  const w = ctx.measureText(text).width + 10;
  const bh = Math.min(h, size + 5);
  ctx.fillStyle = COLORS.trackNameBg;
  ctx.fillRect(0, y, w, bh);
  ctx.fillStyle = COLORS.trackName;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 5, y + bh / 2 + 0.5);
}

/** Flag pole x and flag box of a marker; shared with hit testing. */
export function markerBox(m: Pick<TimelineModel, 'view' | 'width'>, marker: IncidentMarker) {
  const x = Math.round(timeToX(m.view, m.width, marker.startMs));
  return { x, left: x - 3, right: x + 11, top: AXIS_H + 2, bottom: AXIS_H + INCIDENT_H - 2 };
}

function drawIncidents(ctx: Ctx, m: TimelineModel, height: number): void {
  const { width, view, data } = m;
  if (!data) return;
  const laneTop = AXIS_H;
  for (const inc of data.incidents) {
    const color = SEVERITY_COLORS[inc.severity];
    const x0 = timeToX(view, width, inc.startMs);
    const x1 = timeToX(view, width, inc.endMs);
    if (x1 < -12 || x0 > width + 12) continue;
    // The incident's range as a thin band along the lane's bottom.
    ctx.globalAlpha = 0.35;
    ctx.fillStyle = color;
    ctx.fillRect(
      clipX(x0, width),
      laneTop + INCIDENT_H - 5,
      Math.max(2, clipX(x1, width) - clipX(x0, width)),
      3,
    );
    ctx.globalAlpha = 0.22;
    ctx.fillRect(Math.round(x0), laneTop + INCIDENT_H, 1, height - laneTop - INCIDENT_H);
    ctx.globalAlpha = 1;
    const box = markerBox(m, inc);
    ctx.fillStyle = color;
    ctx.fillRect(box.x, box.top, 1.5, box.bottom - box.top);
    ctx.beginPath();
    ctx.moveTo(box.x + 1, box.top);
    ctx.lineTo(box.right, box.top + 3.5);
    ctx.lineTo(box.x + 1, box.top + 7);
    ctx.closePath();
    ctx.fill();
  }
}

function drawPlayhead(ctx: Ctx, m: TimelineModel, height: number): void {
  const x = Math.round(timeToX(m.view, m.width, m.positionMs));
  if (x < -8 || x > m.width + 8) return;
  ctx.fillStyle = COLORS.playheadGlow;
  ctx.fillRect(x - 1.5, AXIS_H, 3, height - AXIS_H);
  ctx.fillStyle = COLORS.playhead;
  ctx.fillRect(x - 0.5, 0, 1, height);
  // The grip on the axis.
  ctx.beginPath();
  ctx.moveTo(x - 6, 0);
  ctx.lineTo(x + 6, 0);
  ctx.lineTo(x + 6, AXIS_H - 9);
  ctx.lineTo(x, AXIS_H - 3);
  ctx.lineTo(x - 6, AXIS_H - 9);
  ctx.closePath();
  ctx.fillStyle = COLORS.grip;
  ctx.fill();
  ctx.strokeStyle = COLORS.playhead;
  ctx.lineWidth = 1;
  ctx.stroke();
}

/** Paints the whole timeline; the context is already scaled to CSS pixels. */
export function drawTimeline(ctx: Ctx, m: TimelineModel, height: number): void {
  const { width, view } = m;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = COLORS.bg;
  ctx.fillRect(0, 0, width, height);
  const geo = timelineGeometry(m.cameras.length);
  const byId = new Map((m.data?.cameras ?? []).map((c) => [c.cameraId, c]));
  m.cameras.forEach((cam, i) => {
    const tl = byId.get(cam.id);
    const peak = tl ? Math.max(0, ...tl.activity) : 0;
    drawTrack(ctx, m, trackY(geo, i), geo.trackH, tl, m.data, peak);
  });
  drawAxis(ctx, m, height);
  drawIncidents(ctx, m, height);
  // Time that has not happened yet.
  const nowX = timeToX(view, width, m.nowMs);
  if (nowX < width) {
    const x = Math.max(0, nowX);
    ctx.fillStyle = COLORS.future;
    ctx.fillRect(x, AXIS_H, width - x, height - AXIS_H);
    if (nowX >= 0) {
      ctx.fillStyle = COLORS.now;
      ctx.fillRect(Math.round(nowX), AXIS_H, 1, height - AXIS_H);
    }
  }
  if (m.range) {
    const tracksBottom = height - PAD_BOTTOM;
    drawRange(
      ctx,
      m.range,
      m,
      { top: AXIS_H, height, axisBottom: AXIS_H, gripY: (geo.trackTop + tracksBottom) / 2 },
      m.rangeInvalid ?? false,
    );
  }
  m.cameras.forEach((cam, i) => drawTrackName(ctx, cam.name, trackY(geo, i), geo.trackH));
  if (m.hoverMs !== null) {
    ctx.fillStyle = COLORS.hover;
    ctx.fillRect(Math.round(timeToX(view, width, m.hoverMs)), AXIS_H, 1, height - AXIS_H);
  }
  drawPlayhead(ctx, m, height);
}

export type TimelineHit =
  | { kind: 'incident'; marker: IncidentMarker }
  | { kind: 'gap'; gap: Gap; cameraId: string }
  | { kind: 'playhead' }
  | { kind: 'rangeEdge'; edge: RangeEdge }
  | { kind: 'track'; cameraId: string }
  | { kind: 'axis' }
  | null;

/**
 * What is under (x, y) in CSS pixels: playhead grip, a flag, an export range edge,
 * a gap, a track. Below the axis a range edge wins over the playhead line (the
 * playhead keeps its grip on the axis), so a mark just set at the playhead can be dragged.
 */
export function hitTest(m: TimelineModel, x: number, y: number): TimelineHit {
  const geo = timelineGeometry(m.cameras.length);
  const playX = timeToX(m.view, m.width, m.positionMs);
  if (Math.abs(x - playX) <= 6 && y <= AXIS_H) return { kind: 'playhead' };
  if (y < AXIS_H) return { kind: 'axis' };
  const edge = m.range ? edgeAt(m.range, m, x) : null;
  if (y < AXIS_H + INCIDENT_H) {
    // The latest-drawn (last) flag wins where flags overlap.
    const markers = m.data?.incidents ?? [];
    for (let i = markers.length - 1; i >= 0; i--) {
      const marker = markers[i];
      if (!marker) continue;
      const box = markerBox(m, marker);
      if (x >= box.left && x <= box.right) return { kind: 'incident', marker };
    }
    if (edge) return { kind: 'rangeEdge', edge };
    return Math.abs(x - playX) <= 4 ? { kind: 'playhead' } : null;
  }
  if (edge && y <= geo.height) return { kind: 'rangeEdge', edge };
  if (Math.abs(x - playX) <= 4) return { kind: 'playhead' };
  const index = Math.floor((y - geo.trackTop) / (geo.trackH + TRACK_GAP));
  const cam = m.cameras[index];
  if (!cam || y - trackY(geo, index) > geo.trackH) return null;
  const t = m.view.fromMs + (x / m.width) * (m.view.toMs - m.view.fromMs);
  const tolerance = (2 / m.width) * (m.view.toMs - m.view.fromMs);
  const tl = m.data?.cameras.find((c) => c.cameraId === cam.id);
  const gap = tl?.gaps.find(
    (g) => t >= g.startMs - tolerance && t <= gapEnd(g, m.nowMs) + tolerance,
  );
  return gap ? { kind: 'gap', gap, cameraId: cam.id } : { kind: 'track', cameraId: cam.id };
}
