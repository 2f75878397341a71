import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlaybackTimeline } from '../../electron/contract/playback-schemas';
import {
  alarmMarks,
  ALARM_COLORS,
  drawTimeline,
  hitTest,
  timelineGeometry,
  trackY,
  type TimelineModel,
} from './timeline-draw';

const T0 = Date.UTC(2025, 5, 1, 3, 0, 0);
const MIN = 60_000;
const view = { fromMs: T0, toMs: T0 + 60 * MIN };

describe('alarm marks on the timeline', () => {
  it('spans each alarm on its track, an open one to now, a short one still visible', () => {
    const m = { view, width: 600, nowMs: T0 + 50 * MIN };
    const marks = alarmMarks(
      m,
      [
        { kind: 'covered', startMs: T0 + 10 * MIN, endMs: T0 + 12 * MIN },
        { kind: 'black', startMs: T0 + 40 * MIN, endMs: null },
        { kind: 'frozen', startMs: T0 + 30 * MIN, endMs: T0 + 30 * MIN + 1000 },
        { kind: 'scene', startMs: T0 - 30 * MIN, endMs: T0 - 20 * MIN },
        { kind: 'clock', startMs: T0 - 5 * MIN, endMs: T0 + 5 * MIN },
      ],
      70,
    );
    expect(marks).toEqual([
      { kind: 'covered', x: 100, w: 20, y: 70, h: 4 },
      { kind: 'black', x: 400, w: 100, y: 70, h: 4 },
      { kind: 'frozen', x: 300, w: 3, y: 70, h: 4 },
      { kind: 'clock', x: -2, w: 52, y: 70, h: 4 },
    ]);
  });

  it('names the alarm under the pointer, the latest where two overlap', () => {
    const data: PlaybackTimeline = {
      fromMs: T0,
      toMs: T0 + 60 * MIN,
      bucketMs: MIN,
      resolutionMs: 0,
      cameras: [
        {
          cameraId: 'a',
          ranges: [],
          gaps: [],
          activity: [],
          alarms: [
            { kind: 'clock', startMs: T0, endMs: null },
            { kind: 'frozen', startMs: T0 + 10 * MIN, endMs: T0 + 12 * MIN },
          ],
        },
      ],
      incidents: [],
    };
    const m: TimelineModel = {
      view,
      width: 600,
      zoneOffsetMs: 0,
      data,
      cameras: [{ id: 'a', name: 'Cổng chợ' }],
      positionMs: T0 + 50 * MIN,
      nowMs: T0 + 55 * MIN,
      hoverMs: null,
      formatTick: () => '',
    };
    const y = trackY(timelineGeometry(1), 0) + 10;
    expect(hitTest(m, 110, y)).toMatchObject({ kind: 'alarm', alarm: { kind: 'frozen' } });
    expect(hitTest(m, 300, y)).toMatchObject({ kind: 'alarm', alarm: { kind: 'clock' } });
    expect(hitTest(m, 580, y)).toEqual({ kind: 'track', cameraId: 'a' });
  });

  it('colours each kind as tokens.css does, so the legend and the canvas agree', () => {
    const css = readFileSync(path.join(__dirname, '../styles/tokens.css'), 'utf8');
    for (const [kind, colour] of Object.entries(ALARM_COLORS)) {
      const m = new RegExp(`--alarm-${kind}:\\s*([^;]+);`).exec(css);
      expect(m?.[1]?.trim(), kind).toBe(colour);
    }
  });

  it('paints the marks on the camera track with the kind colour', () => {
    const data: PlaybackTimeline = {
      fromMs: T0,
      toMs: T0 + 60 * MIN,
      bucketMs: MIN,
      resolutionMs: 0,
      cameras: [
        {
          cameraId: 'a',
          ranges: [{ startMs: T0, endMs: T0 + 60 * MIN }],
          gaps: [],
          activity: new Array(60).fill(0),
          alarms: [{ kind: 'scene', startMs: T0 + 6 * MIN, endMs: T0 + 9 * MIN }],
        },
      ],
      incidents: [],
    };
    const rects: { args: number[]; fill: unknown }[] = [];
    let fill: unknown = null;
    const ctx = new Proxy(
      {},
      {
        get(_t, prop: string) {
          if (prop === 'measureText') return (s: string) => ({ width: s.length * 6 });
          if (prop === 'createPattern') return () => null;
          return (...args: number[]) => {
            if (prop === 'fillRect') rects.push({ args, fill });
          };
        },
        set(_t, prop: string, value: unknown) {
          if (prop === 'fillStyle') fill = value;
          return true;
        },
      },
    ) as unknown as CanvasRenderingContext2D;
    const m: TimelineModel = {
      view,
      width: 600,
      zoneOffsetMs: 7 * 3_600_000,
      data,
      cameras: [{ id: 'a', name: 'Cổng chợ' }],
      positionMs: T0,
      nowMs: T0 + 60 * MIN,
      hoverMs: null,
      formatTick: () => '10:00',
    };
    const geo = timelineGeometry(1);
    drawTimeline(ctx, m, geo.height);
    const scene = rects.filter((r) => r.fill === ALARM_COLORS.scene);
    expect(scene).toContainEqual({ args: [60, trackY(geo, 0), 30, 4], fill: ALARM_COLORS.scene });
    expect(scene.some((r) => r.args[0] === 60 && r.args[3] === geo.trackH)).toBe(true);
  });
});
