import { describe, expect, it } from 'vitest';
import { drawRange, EDGE_HIT_PX, edgeAt, RANGE_COLORS } from './range-draw';

const T = Date.UTC(2025, 5, 1, 7, 0, 0);
const MIN = 60_000;
// 10 minutes over 600 px: 1 px = 1 s.
const v = { view: { fromMs: T, toMs: T + 10 * MIN }, width: 600 };

describe('edgeAt', () => {
  const r = { startMs: T + MIN, endMs: T + 3 * MIN }; // x 60 and 180

  it('takes the edge under the pointer within the hit distance', () => {
    expect(edgeAt(r, v, 60)).toBe('start');
    expect(edgeAt(r, v, 60 + EDGE_HIT_PX)).toBe('start');
    expect(edgeAt(r, v, 180 - EDGE_HIT_PX)).toBe('end');
    expect(edgeAt(r, v, 60 + EDGE_HIT_PX + 1)).toBeNull();
    expect(edgeAt(r, v, 120)).toBeNull();
  });

  it('takes the nearer edge when both are close', () => {
    const narrow = { startMs: T + MIN, endMs: T + MIN + 4_000 }; // x 60 and 64
    expect(edgeAt(narrow, v, 61)).toBe('start');
    expect(edgeAt(narrow, v, 63)).toBe('end');
  });

  it('finds a lone mark and nothing without marks', () => {
    expect(edgeAt({ startMs: null, endMs: T + MIN }, v, 58)).toBe('end');
    expect(edgeAt({ startMs: null, endMs: null }, v, 60)).toBeNull();
  });
});

function recorder() {
  const calls: { op: string; args: number[]; fill: unknown }[] = [];
  let fill: unknown = null;
  const ctx = new Proxy(
    {},
    {
      get:
        (_t, prop: string) =>
        (...args: number[]) =>
          calls.push({ op: prop, args, fill }),
      set(_t, prop: string, value: unknown) {
        if (prop === 'fillStyle') fill = value;
        return true;
      },
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, calls };
}

const box = { top: 24, height: 100, axisBottom: 24, gripY: 70 };

describe('drawRange', () => {
  it('shades the band between the marks and draws both edges with grips inside', () => {
    const { ctx, calls } = recorder();
    drawRange(ctx, { startMs: T + MIN, endMs: T + 3 * MIN }, v, box, false);
    const rects = calls.filter((c) => c.op === 'fillRect');
    expect(rects).toContainEqual({
      op: 'fillRect',
      args: [60, 24, 120, 76],
      fill: RANGE_COLORS.band,
    });
    expect(rects).toContainEqual({
      op: 'fillRect',
      args: [60, 20, 120, 3],
      fill: RANGE_COLORS.axisBand,
    });
    // Edge lines over the full height at x 60 and 180.
    expect(rects).toContainEqual({
      op: 'fillRect',
      args: [59, 24, 2, 76],
      fill: RANGE_COLORS.edge,
    });
    expect(rects).toContainEqual({
      op: 'fillRect',
      args: [179, 24, 2, 76],
      fill: RANGE_COLORS.edge,
    });
    // Grips: right of the start line, left of the end line, centred on gripY.
    const grips = rects.filter((c) => c.fill === RANGE_COLORS.grip);
    expect(grips.map((g) => g.args)).toEqual([
      [61, 61, 7, 18],
      [172, 61, 7, 18],
    ]);
  });

  it('draws a lone mark without a band, and marks a too-long range red', () => {
    const lone = recorder();
    drawRange(lone.ctx, { startMs: T + MIN, endMs: null }, v, box, false);
    expect(lone.calls.some((c) => c.fill === RANGE_COLORS.band)).toBe(false);
    expect(lone.calls.filter((c) => c.fill === RANGE_COLORS.grip)).toHaveLength(1);

    const bad = recorder();
    drawRange(bad.ctx, { startMs: T + MIN, endMs: T + 3 * MIN }, v, box, true);
    expect(bad.calls.some((c) => c.fill === RANGE_COLORS.edge && c.args[2] === 2)).toBe(false);
    expect(bad.calls.filter((c) => c.fill === RANGE_COLORS.invalid).length).toBe(3);
  });

  it('clips a band that runs off screen and skips edges far outside', () => {
    const { ctx, calls } = recorder();
    drawRange(ctx, { startMs: T - 60 * MIN, endMs: T + 60 * MIN }, v, box, false);
    const band = calls.find((c) => c.fill === RANGE_COLORS.band);
    expect(band?.args).toEqual([-2, 24, 604, 76]);
    expect(calls.some((c) => c.fill === RANGE_COLORS.grip)).toBe(false);
  });
});
