import { describe, expect, it } from 'vitest';
import {
  assignCamera,
  fillTiles,
  fitTiles,
  LAYOUT_KINDS,
  layoutGeometry,
  placeAddedCameras,
  swapTiles,
  tileCount,
} from './layout-geometry';

describe('layoutGeometry', () => {
  it.each(LAYOUT_KINDS)(
    'layout %s has as many tiles as its name and covers the grid exactly once',
    (kind) => {
      const g = layoutGeometry(kind);
      expect(g.tiles).toHaveLength(tileCount(kind));
      const covered = new Map<string, number>();
      for (const t of g.tiles) {
        expect(t.col + t.colSpan).toBeLessThanOrEqual(g.cols);
        expect(t.row + t.rowSpan).toBeLessThanOrEqual(g.rows);
        for (let r = t.row; r < t.row + t.rowSpan; r++) {
          for (let c = t.col; c < t.col + t.colSpan; c++) {
            covered.set(`${r},${c}`, (covered.get(`${r},${c}`) ?? 0) + 1);
          }
        }
      }
      expect(covered.size).toBe(g.cols * g.rows);
      expect([...covered.values()].every((n) => n === 1)).toBe(true);
    },
  );

  it('6 is a 3×3 grid with one 2×2 tile first', () => {
    const g = layoutGeometry('6');
    expect([g.cols, g.rows]).toEqual([3, 3]);
    expect(g.tiles[0]).toEqual({ col: 0, row: 0, colSpan: 2, rowSpan: 2 });
    expect(g.tiles.slice(1).every((t) => t.colSpan === 1 && t.rowSpan === 1)).toBe(true);
  });

  it('8 is a 4×4 grid with one 3×3 tile first', () => {
    const g = layoutGeometry('8');
    expect([g.cols, g.rows]).toEqual([4, 4]);
    expect(g.tiles[0]).toEqual({ col: 0, row: 0, colSpan: 3, rowSpan: 3 });
  });

  it('uniform layouts are square grids', () => {
    expect(layoutGeometry('1')).toMatchObject({ cols: 1, rows: 1 });
    expect(layoutGeometry('16')).toMatchObject({ cols: 4, rows: 4 });
    expect(layoutGeometry('36')).toMatchObject({ cols: 6, rows: 6 });
  });
});

describe('tile lists', () => {
  it('fitTiles truncates and pads with empty tiles', () => {
    expect(fitTiles(['a', 'b', 'c', 'd', 'e'], '4')).toEqual(['a', 'b', 'c', 'd']);
    expect(fitTiles(['a'], '4')).toEqual(['a', null, null, null]);
  });

  it('fillTiles puts cameras in order', () => {
    expect(fillTiles(['a', 'b'], '1')).toEqual(['a']);
    expect(fillTiles(['a', 'b'], '6')).toEqual(['a', 'b', null, null, null, null]);
  });

  it('assignCamera puts a camera in a tile and swaps when it is already shown elsewhere', () => {
    expect(assignCamera(['a', null, 'c', null], 1, 'x')).toEqual(['a', 'x', 'c', null]);
    expect(assignCamera(['a', 'b', 'c', null], 0, 'c')).toEqual(['c', 'b', 'a', null]);
    expect(assignCamera(['a', 'b'], 5, 'x')).toEqual(['a', 'b']);
  });

  it('swapTiles swaps two tiles and ignores out-of-range indexes', () => {
    expect(swapTiles(['a', null, 'c'], 0, 1)).toEqual([null, 'a', 'c']);
    expect(swapTiles(['a', 'b'], 0, 9)).toEqual(['a', 'b']);
  });
});

describe('placeAddedCameras', () => {
  it('puts new cameras into the first free tiles and keeps the others', () => {
    expect(placeAddedCameras(['a', null, 'b', null], '4', ['c'])).toEqual({
      kind: '4',
      tiles: ['a', 'c', 'b', null],
      unplaced: [],
    });
  });

  it('grows a full grid to the smallest even grid that holds them all', () => {
    expect(placeAddedCameras(['a', 'b', 'c', 'd'], '4', ['e'])).toEqual({
      kind: '9',
      tiles: ['a', 'b', 'c', 'd', 'e', null, null, null, null],
      unplaced: [],
    });
    const six = ['a', 'b', 'c', 'd', 'e', 'f'];
    const recorder = Array.from({ length: 8 }, (_, i) => `ch${i + 1}`);
    const grown = placeAddedCameras(six, '6', recorder);
    expect(grown.kind).toBe('16');
    expect(grown.tiles.slice(0, 14)).toEqual([...six, ...recorder]);
  });

  it('tells which cameras found no tile in the largest grid', () => {
    const full = Array.from({ length: 36 }, (_, i) => `c${i}`);
    expect(placeAddedCameras(full, '36', ['x', 'c3'])).toEqual({
      kind: '36',
      tiles: full,
      unplaced: ['x'],
    });
  });
});
