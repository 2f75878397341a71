// What a keyframe says about the camera's picture, measured on a tiny grey picture
// (160×90 from the detector). Pure and cheap (well under a millisecond per frame), so
// the same numbers come out on every platform and every ffmpeg build. The picture is
// cut into a grid of 10×10 cells: an on-screen clock changes only a few of them, and
// comparisons per cell tell a turned camera (texture moved) from lights switching on
// (texture kept, brightness changed).

export const CELL = 10;

/** A decoded keyframe: luma plane, and chroma planes at half size when the picture has them. */
export interface Picture {
  width: number;
  height: number;
  y: Uint8Array;
  u?: Uint8Array;
  v?: Uint8Array;
}

export interface PictureMetrics {
  /** Fraction of pixels darker than DARK_LUMA. */
  darkFraction: number;
  /**
   * Sharpness: mean absolute Laplacian per pixel, over the cells minus the busiest tenth
   * (the OSD). A second derivative, because blur spreads an edge without lowering the
   * sum of its gradient, but flattens its curvature.
   */
  edgeEnergy: number;
  /** Mean distance of chroma from grey; IR night pictures are close to 0. */
  saturation: number;
}

/** Below this luma a pixel counts as black (video black is 16). */
export const DARK_LUMA = 28;
/** A cell with less luma spread than this has no texture to compare. */
export const TEXTURED_CELL_STD = 4;
/**
 * Mean absolute difference above which a cell changed between two keyframes. Measured
 * on decoded H.264 keyframes at 160×90: a still scene with sensor noise differs by
 * about 1.2 per pixel, a repeated frame by 0 (its OSD cells aside).
 */
export const CHANGED_CELL_MAD = 0.75;
/** Correlation below which a textured cell no longer shows what the reference showed. */
export const SCENE_CELL_NCC = 0.5;
/** Pictures whose saturation is below this are mono (IR night mode). */
export const MONO_SATURATION = 3;

interface Grid {
  cols: number;
  rows: number;
}

function gridOf(p: Picture): Grid {
  if (p.width % CELL !== 0 || p.height % CELL !== 0)
    throw new Error(`picture ${p.width}x${p.height} is not a whole number of cells`);
  if (p.y.length < p.width * p.height) throw new Error('luma plane too short');
  return { cols: p.width / CELL, rows: p.height / CELL };
}

export function measure(p: Picture): PictureMetrics {
  const { width: w, height: h, y } = p;
  const { cols, rows } = gridOf(p);
  let dark = 0;
  for (let i = 0; i < w * h; i++) if (y[i]! < DARK_LUMA) dark++;

  const cellEdges = new Float64Array(cols * rows);
  const cellCounts = new Uint16Array(cols * rows);
  for (let r = 1; r < h - 1; r++) {
    const cellRow = Math.floor(r / CELL) * cols;
    for (let c = 1; c < w - 1; c++) {
      const i = r * w + c;
      const lap = 4 * y[i]! - y[i - 1]! - y[i + 1]! - y[i - w]! - y[i + w]!;
      const cell = cellRow + Math.floor(c / CELL);
      cellEdges[cell]! += Math.abs(lap);
      cellCounts[cell]!++;
    }
  }
  const perCell = Array.from(cellEdges, (sum, i) => sum / Math.max(1, cellCounts[i]!)).sort(
    (a, b) => a - b,
  );
  // The busiest tenth of the cells is left out: the OSD clock and logo stay sharp on a covered lens.
  const kept = perCell.slice(0, Math.max(1, Math.floor(perCell.length * 0.9)));
  const edgeEnergy = kept.reduce((a, b) => a + b, 0) / kept.length;

  return { darkFraction: dark / (w * h), edgeEnergy, saturation: saturationOf(p) };
}

function saturationOf(p: Picture): number {
  const { u, v } = p;
  if (!u || !v || u.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += Math.abs(u[i]! - 128) + Math.abs(v[i]! - 128);
  return sum / u.length;
}

/** Mean and standard deviation of each cell's luma, row by row. */
export function cellStats(p: Picture): { mean: Float64Array; std: Float64Array } {
  const { cols, rows } = gridOf(p);
  const mean = new Float64Array(cols * rows);
  const std = new Float64Array(cols * rows);
  for (let cr = 0; cr < rows; cr++)
    for (let cc = 0; cc < cols; cc++) {
      let s = 0;
      let s2 = 0;
      for (let r = cr * CELL; r < (cr + 1) * CELL; r++)
        for (let c = cc * CELL; c < (cc + 1) * CELL; c++) {
          const v = p.y[r * p.width + c]!;
          s += v;
          s2 += v * v;
        }
      const n = CELL * CELL;
      const m = s / n;
      mean[cr * cols + cc] = m;
      std[cr * cols + cc] = Math.sqrt(Math.max(0, s2 / n - m * m));
    }
  return { mean, std };
}

/** Fraction of cells whose picture changed since `prev` (a frozen stream changes none but the OSD's). */
export function changedCells(cur: Picture, prev: Picture): number {
  const { cols, rows } = sameGrid(cur, prev);
  let changed = 0;
  for (let cr = 0; cr < rows; cr++)
    for (let cc = 0; cc < cols; cc++) {
      let diff = 0;
      for (let r = cr * CELL; r < (cr + 1) * CELL; r++)
        for (let c = cc * CELL; c < (cc + 1) * CELL; c++) {
          const i = r * cur.width + c;
          diff += Math.abs(cur.y[i]! - prev.y[i]!);
        }
      if (diff / (CELL * CELL) > CHANGED_CELL_MAD) changed++;
    }
  return changed / (cols * rows);
}

/**
 * Fraction of the reference's textured cells that no longer match it. Zero-mean
 * normalised correlation ignores gain and offset, so lights, exposure and the
 * camera's auto-gain do not count; a turned or re-aimed camera does. Null when the
 * reference has no texture to compare.
 */
export function sceneDiff(cur: Picture, ref: Picture): number | null {
  const { cols, rows } = sameGrid(cur, ref);
  const refStats = cellStats(ref);
  const curStats = cellStats(cur);
  let textured = 0;
  let moved = 0;
  for (let cr = 0; cr < rows; cr++)
    for (let cc = 0; cc < cols; cc++) {
      const k = cr * cols + cc;
      if (refStats.std[k]! < TEXTURED_CELL_STD) continue;
      textured++;
      const ma = refStats.mean[k]!;
      const mb = curStats.mean[k]!;
      let cov = 0;
      for (let r = cr * CELL; r < (cr + 1) * CELL; r++)
        for (let c = cc * CELL; c < (cc + 1) * CELL; c++) {
          const i = r * cur.width + c;
          cov += (ref.y[i]! - ma) * (cur.y[i]! - mb);
        }
      const denom = CELL * CELL * refStats.std[k]! * curStats.std[k]!;
      const ncc = denom > 0 ? cov / denom : 0;
      if (ncc < SCENE_CELL_NCC) moved++;
    }
  return textured === 0 ? null : moved / textured;
}

function sameGrid(a: Picture, b: Picture): Grid {
  if (a.width !== b.width || a.height !== b.height)
    throw new Error(`pictures differ in size: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  gridOf(b);
  return gridOf(a);
}
