// Where each tile of a layout sits on the CSS grid. Tile 0 of the "6" and "8"
// layouts is the big one, so dragging a camera to tile 0 makes it prominent.
import type { LayoutKind } from '../../electron/contract/schemas';

export interface TileBox {
  col: number;
  row: number;
  colSpan: number;
  rowSpan: number;
}

export interface LayoutGeometry {
  cols: number;
  rows: number;
  tiles: TileBox[];
}

export const LAYOUT_KINDS: readonly LayoutKind[] = ['1', '4', '6', '8', '9', '16', '25', '36'];

function uniform(n: number): LayoutGeometry {
  const tiles: TileBox[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) tiles.push({ col, row, colSpan: 1, rowSpan: 1 });
  }
  return { cols: n, rows: n, tiles };
}

/** An n×n grid with one (n-1)×(n-1) tile top-left and the rest along the right and bottom edges. */
function oneBig(n: number): LayoutGeometry {
  const big = n - 1;
  const tiles: TileBox[] = [{ col: 0, row: 0, colSpan: big, rowSpan: big }];
  for (let row = 0; row < big; row++) tiles.push({ col: big, row, colSpan: 1, rowSpan: 1 });
  for (let col = 0; col < n; col++) tiles.push({ col, row: big, colSpan: 1, rowSpan: 1 });
  return { cols: n, rows: n, tiles };
}

export function layoutGeometry(kind: LayoutKind): LayoutGeometry {
  switch (kind) {
    case '1':
      return uniform(1);
    case '4':
      return uniform(2);
    case '6':
      return oneBig(3);
    case '8':
      return oneBig(4);
    case '9':
      return uniform(3);
    case '16':
      return uniform(4);
    case '25':
      return uniform(5);
    case '36':
      return uniform(6);
  }
}

export function tileCount(kind: LayoutKind): number {
  return Number(kind);
}

/** Resize a tile list to a layout's tile count, keeping cameras in order and padding with empty tiles. */
export function fitTiles(tiles: readonly (string | null)[], kind: LayoutKind): (string | null)[] {
  const n = tileCount(kind);
  const out = tiles.slice(0, n);
  while (out.length < n) out.push(null);
  return out;
}

/** The default tiles when no layout is saved: cameras in list order. */
export function fillTiles(cameraIds: readonly string[], kind: LayoutKind): (string | null)[] {
  return fitTiles(cameraIds, kind);
}

/** The smallest standard grid that shows `count` cameras (up to 16 by default). */
export function kindForCount(count: number): LayoutKind {
  if (count <= 1) return '1';
  if (count <= 4) return '4';
  if (count <= 9) return '9';
  return '16';
}

/** Put newly added cameras into the first empty tiles, leaving the others as they are. */
export function placeInEmptyTiles(
  tiles: readonly (string | null)[],
  cameraIds: readonly string[],
): (string | null)[] {
  const out = tiles.slice();
  const queue = cameraIds.filter((id) => !out.includes(id));
  for (let i = 0; i < out.length && queue.length > 0; i++) {
    if (out[i] === null) out[i] = queue.shift() ?? null;
  }
  return out;
}

/** The even grids a layout grows through when new cameras do not fit (no sudden big tile). */
const GROWTH: readonly LayoutKind[] = ['1', '4', '9', '16', '25', '36'];

export interface Placement {
  kind: LayoutKind;
  tiles: (string | null)[];
  /** Cameras that found no tile even in the largest grid: the officer drags them in. */
  unplaced: string[];
}

/**
 * New cameras take the first free tiles; when there are too few, the grid grows to the
 * smallest even grid that holds them all (up to 36), keeping every tile where it was.
 */
export function placeAddedCameras(
  tiles: readonly (string | null)[],
  kind: LayoutKind,
  cameraIds: readonly string[],
): Placement {
  const queue = cameraIds.filter((id) => !tiles.includes(id));
  const used = tiles.filter((t) => t !== null).length;
  const needed = used + queue.length;
  let next = kind;
  if (needed > tiles.length)
    next = GROWTH.find((k) => tileCount(k) >= needed) ?? GROWTH[GROWTH.length - 1]!;
  if (tileCount(next) < tiles.length) next = kind;
  const placed = placeInEmptyTiles(fitTiles(tiles, next), queue);
  return { kind: next, tiles: placed, unplaced: queue.filter((id) => !placed.includes(id)) };
}

/** Put a camera into a tile. If the camera already shows in another tile, the two tiles swap. */
export function assignCamera(
  tiles: readonly (string | null)[],
  index: number,
  cameraId: string,
): (string | null)[] {
  const out = tiles.slice();
  if (index < 0 || index >= out.length) return out;
  const existing = out.indexOf(cameraId);
  if (existing >= 0 && existing !== index) out[existing] = out[index] ?? null;
  out[index] = cameraId;
  return out;
}

export function swapTiles(
  tiles: readonly (string | null)[],
  a: number,
  b: number,
): (string | null)[] {
  const out = tiles.slice();
  if (a === b || a < 0 || b < 0 || a >= out.length || b >= out.length) return out;
  const tmp = out[a] ?? null;
  out[a] = out[b] ?? null;
  out[b] = tmp;
  return out;
}
