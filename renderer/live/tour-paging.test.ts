import { describe, expect, it } from 'vitest';
import { nextTourPage, tourPage, tourPageCount } from './tour-paging';

const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10'];

describe('tour paging', () => {
  it('counts pages, at least one', () => {
    expect(tourPageCount(10, 4)).toBe(3);
    expect(tourPageCount(8, 4)).toBe(2);
    expect(tourPageCount(0, 4)).toBe(1);
  });

  it('pages through all cameras and pads the last page', () => {
    expect(tourPage(ids, 4, 0)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(tourPage(ids, 4, 1)).toEqual(['c5', 'c6', 'c7', 'c8']);
    expect(tourPage(ids, 4, 2)).toEqual(['c9', 'c10', null, null]);
  });

  it('wraps around', () => {
    expect(tourPage(ids, 4, 3)).toEqual(tourPage(ids, 4, 0));
    expect(nextTourPage(2, ids.length, 4)).toBe(0);
    expect(nextTourPage(0, ids.length, 4)).toBe(1);
  });

  it('visits every camera exactly once per cycle', () => {
    const seen: string[] = [];
    let page = 0;
    for (let i = 0; i < tourPageCount(ids.length, 3); i++) {
      seen.push(...tourPage(ids, 3, page).filter((x): x is string => x !== null));
      page = nextTourPage(page, ids.length, 3);
    }
    expect(seen).toEqual(ids);
    expect(page).toBe(0);
  });
});
