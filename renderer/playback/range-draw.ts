// The export range on the timeline canvas: a shaded band between the marks, each
// edge a line with a grip (shaped like the [ and ] keys that set it), and the
// pixel test for grabbing an edge. Shared by drawing and hit testing so the grip
// is where it looks.
import type { RangeEdge, RangeMarks } from './export-range';
import { timeToX, type TimeWindow } from './timeline-scale';

/** How far, in CSS pixels, from an edge line a press still takes that edge. */
export const EDGE_HIT_PX = 5;
const GRIP_W = 7;
const GRIP_H = 18;

export const RANGE_COLORS = {
  band: 'rgba(167, 139, 250, 0.16)',
  axisBand: 'rgba(167, 139, 250, 0.75)',
  edge: '#c4b5fd',
  grip: '#7c3aed',
  invalid: 'rgba(239, 68, 68, 0.85)',
};

export interface RangeView {
  view: TimeWindow;
  /** CSS pixels. */
  width: number;
}

/** x of each mark on screen, null where a mark is unset. */
export function rangeXs(r: RangeMarks, v: RangeView): { start: number | null; end: number | null } {
  return {
    start: r.startMs === null ? null : timeToX(v.view, v.width, r.startMs),
    end: r.endMs === null ? null : timeToX(v.view, v.width, r.endMs),
  };
}

/** The edge whose line is within EDGE_HIT_PX of x (the nearer one if both are), else null. */
export function edgeAt(r: RangeMarks, v: RangeView, x: number): RangeEdge | null {
  const xs = rangeXs(r, v);
  const ds: { edge: RangeEdge; d: number }[] = [];
  if (xs.start !== null) ds.push({ edge: 'start', d: Math.abs(x - xs.start) });
  if (xs.end !== null) ds.push({ edge: 'end', d: Math.abs(x - xs.end) });
  const near = ds.filter((e) => e.d <= EDGE_HIT_PX).sort((a, b) => a.d - b.d);
  return near[0]?.edge ?? null;
}

/**
 * Paints the band from `top` to `height` (over the incident lane and the tracks),
 * a strip along the axis's bottom (`axisBottom`), and the edges with their grips
 * centred on the tracks (`gripY`). `invalid` colours the edges red (over 24 h).
 */
export function drawRange(
  ctx: CanvasRenderingContext2D,
  r: RangeMarks,
  v: RangeView,
  box: { top: number; height: number; axisBottom: number; gripY: number },
  invalid: boolean,
): void {
  const xs = rangeXs(r, v);
  const clip = (x: number) => Math.max(-2, Math.min(v.width + 2, x));
  if (xs.start !== null && xs.end !== null && xs.end > 0 && xs.start < v.width) {
    const x0 = clip(xs.start);
    const w = Math.max(1, clip(xs.end) - x0);
    ctx.fillStyle = RANGE_COLORS.band;
    ctx.fillRect(x0, box.top, w, box.height - box.top);
    ctx.fillStyle = invalid ? RANGE_COLORS.invalid : RANGE_COLORS.axisBand;
    ctx.fillRect(x0, box.axisBottom - 4, w, 3);
  }
  const edges: [RangeEdge, number | null][] = [
    ['start', xs.start],
    ['end', xs.end],
  ];
  for (const [edge, x] of edges) {
    if (x === null || x < -GRIP_W || x > v.width + GRIP_W) continue;
    const lx = Math.round(x);
    ctx.fillStyle = invalid ? RANGE_COLORS.invalid : RANGE_COLORS.edge;
    ctx.fillRect(lx - 1, box.top, 2, box.height - box.top);
    // The grip sits inside the range: right of the start, left of the end, like [ and ].
    const gx = edge === 'start' ? lx + 1 : lx - 1 - GRIP_W;
    const gy = Math.round(box.gripY - GRIP_H / 2);
    ctx.fillStyle = RANGE_COLORS.grip;
    ctx.fillRect(gx, gy, GRIP_W, GRIP_H);
    ctx.fillStyle = RANGE_COLORS.edge;
    ctx.fillRect(gx + 2, gy + 5, 1, GRIP_H - 10);
    ctx.fillRect(gx + 4, gy + 5, 1, GRIP_H - 10);
  }
}
