import { describe, expect, it } from 'vitest';
import type { PlaybackTimeline } from '../../electron/contract/playback-schemas';
import {
  AXIS_H,
  drawTimeline,
  hitTest,
  INCIDENT_H,
  timelineGeometry,
  trackY,
  type TimelineModel,
} from './timeline-draw';
import { RANGE_COLORS } from './range-draw';

const T0 = Date.UTC(2025, 5, 1, 3, 0, 0);
const MIN = 60_000;

const data: PlaybackTimeline = {
  fromMs: T0,
  toMs: T0 + 60 * MIN,
  bucketMs: MIN,
  resolutionMs: 0,
  cameras: [
    {
      cameraId: 'a',
      ranges: [{ startMs: T0, endMs: T0 + 20 * MIN }],
      gaps: [
        {
          id: 1,
          cameraId: 'a',
          stream: 'main',
          startMs: T0 + 20 * MIN,
          endMs: T0 + 30 * MIN,
          reason: 'camera_offline',
          errorKind: null,
        },
      ],
      activity: new Array(60).fill(0).map((_, i) => (i < 20 ? 1000 + i : 0)),
      alarms: [],
    },
    { cameraId: 'b', ranges: [], gaps: [], activity: new Array(60).fill(0), alarms: [] },
  ],
  incidents: [
    {
      id: 'i1',
      code: 'VV-0001',
      category: 'theft',
      severity: 'high',
      status: 'new',
      occurredAt: T0 + 10 * MIN,
      startMs: T0 + 10 * MIN,
      endMs: T0 + 15 * MIN,
      cameraIds: ['a'],
    },
  ],
};

const model = (over: Partial<TimelineModel> = {}): TimelineModel => ({
  view: { fromMs: T0, toMs: T0 + 60 * MIN },
  width: 600,
  zoneOffsetMs: 7 * 3_600_000,
  data,
  cameras: [
    { id: 'a', name: 'Cổng chợ' },
    { id: 'b', name: 'Ngã tư' },
  ],
  positionMs: T0 + 5 * MIN,
  nowMs: T0 + 50 * MIN,
  hoverMs: null,
  formatTick: (ms) => String(ms),
  ...over,
});

describe('hitTest', () => {
  const geo = timelineGeometry(2);
  it('finds the playhead grip, a flag, a gap and a plain track', () => {
    const m = model();
    expect(hitTest(m, 50, 5)).toEqual({ kind: 'playhead' });
    expect(hitTest(m, 200, 5)).toEqual({ kind: 'axis' });
    const flag = hitTest(m, 104, AXIS_H + INCIDENT_H / 2);
    expect(flag?.kind === 'incident' && flag.marker.code).toBe('VV-0001');
    const gap = hitTest(m, 250, trackY(geo, 0) + 5);
    expect(gap?.kind === 'gap' && gap.gap.reason).toBe('camera_offline');
    expect(hitTest(m, 250, trackY(geo, 1) + 5)).toEqual({ kind: 'track', cameraId: 'b' });
    expect(hitTest(m, 400, trackY(geo, 0) + 5)).toEqual({ kind: 'track', cameraId: 'a' });
    expect(hitTest(m, 400, geo.height + 20)).toBeNull();
  });

  it('takes an export range edge below the axis, over the playhead line but not its grip', () => {
    // 1 px = 6 s; the playhead is at x 50, the range at x 50 (just set there) to 300.
    const m = model({ range: { startMs: T0 + 5 * MIN, endMs: T0 + 30 * MIN } });
    expect(hitTest(m, 50, 5)).toEqual({ kind: 'playhead' });
    expect(hitTest(m, 51, trackY(geo, 0) + 5)).toEqual({ kind: 'rangeEdge', edge: 'start' });
    expect(hitTest(m, 298, trackY(geo, 1) + 5)).toEqual({ kind: 'rangeEdge', edge: 'end' });
    expect(hitTest(m, 300, AXIS_H + 2)).toEqual({ kind: 'rangeEdge', edge: 'end' });
    // A flag keeps its click; away from the edges the track is hit as before.
    const flag = hitTest(
      model({ range: { startMs: T0 + 10 * MIN, endMs: null } }),
      104,
      AXIS_H + 8,
    );
    expect(flag?.kind).toBe('incident');
    expect(hitTest(m, 400, trackY(geo, 0) + 5)).toEqual({ kind: 'track', cameraId: 'a' });
    expect(hitTest(m, 300, geo.height + 20)).toBeNull();
  });

  it('grows the strip with the camera count and shrinks the tracks', () => {
    expect(timelineGeometry(1).trackH).toBeGreaterThan(timelineGeometry(9).trackH);
    expect(timelineGeometry(9).height).toBeGreaterThan(timelineGeometry(4).height);
  });
});

describe('drawTimeline', () => {
  it('paints ranges, gaps, flags, labels and the playhead where the model puts them', () => {
    const calls: { op: string; args: unknown[]; fill: unknown }[] = [];
    let fill: unknown = null;
    const ctx = new Proxy(
      {},
      {
        get(_t, prop: string) {
          if (prop === 'measureText') return (s: string) => ({ width: s.length * 6 });
          if (prop === 'createPattern') return () => null;
          return (...args: unknown[]) => calls.push({ op: prop, args, fill });
        },
        set(_t, prop: string, value: unknown) {
          if (prop === 'fillStyle') fill = value;
          return true;
        },
      },
    ) as unknown as CanvasRenderingContext2D;
    const m = model();
    const geo = timelineGeometry(2);
    drawTimeline(ctx, m, geo.height);
    const rects = calls.filter((c) => c.op === 'fillRect');
    // The recorded range of camera a: x 0..200 at its track.
    expect(
      rects.some(
        (c) => c.fill === 'rgba(37, 99, 235, 0.28)' && c.args[0] === 0 && c.args[2] === 200,
      ),
    ).toBe(true);
    // The playhead line at x = 50 spans the full height.
    expect(rects.some((c) => c.args[0] === 49.5 && c.args[3] === geo.height)).toBe(true);
    // Axis labels were written and the track names drawn.
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    expect(texts).toContain('Cổng chợ');
    expect(texts.length).toBeGreaterThan(3);
    // The future beyond "now" (x = 500) is dimmed.
    expect(rects.some((c) => c.fill === 'rgba(3, 5, 8, 0.72)' && c.args[0] === 500)).toBe(true);
  });

  it('paints the export range band between the axis and the bottom', () => {
    const calls: { op: string; args: unknown[]; fill: unknown }[] = [];
    let fill: unknown = null;
    const ctx = new Proxy(
      {},
      {
        get(_t, prop: string) {
          if (prop === 'measureText') return (s: string) => ({ width: s.length * 6 });
          if (prop === 'createPattern') return () => null;
          return (...args: unknown[]) => calls.push({ op: prop, args, fill });
        },
        set(_t, prop: string, value: unknown) {
          if (prop === 'fillStyle') fill = value;
          return true;
        },
      },
    ) as unknown as CanvasRenderingContext2D;
    const geo = timelineGeometry(2);
    drawTimeline(
      ctx,
      model({ range: { startMs: T0 + 10 * MIN, endMs: T0 + 20 * MIN } }),
      geo.height,
    );
    const band = calls.find((c) => c.fill === RANGE_COLORS.band);
    expect(band?.args).toEqual([100, AXIS_H, 100, geo.height - AXIS_H]);
    calls.length = 0;
    drawTimeline(ctx, model(), geo.height);
    expect(calls.some((c) => c.fill === RANGE_COLORS.band)).toBe(false);
  });
});
