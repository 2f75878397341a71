import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterRequest, isFilterEmpty, MAX_PAGE, PAGE_SIZE } from './incident-filter';

const page = { offset: 0, limit: PAGE_SIZE };

describe('incident log filter → incident.list request', () => {
  it('leaves empty fields out', () => {
    expect(filterRequest(EMPTY_FILTER, page)).toEqual({
      request: { offset: 0, limit: PAGE_SIZE },
      issues: {},
    });
    expect(isFilterEmpty(EMPTY_FILTER)).toBe(true);
    expect(isFilterEmpty({ ...EMPTY_FILTER, text: ' x ' })).toBe(false);
  });

  it('maps dates to whole station-time days and passes the rest through', () => {
    const { request, issues } = filterRequest(
      {
        from: '01/03/2026',
        to: '05/03/2026',
        category: 'theft',
        cameraId: 'c2',
        status: 'in_progress',
        officerId: 'o7',
        text: '  trom cap  ',
      },
      { offset: 50, limit: PAGE_SIZE },
    );
    expect(issues).toEqual({});
    expect(request).toEqual({
      from: Date.UTC(2026, 1, 28, 17, 0, 0),
      to: Date.UTC(2026, 2, 5, 17, 0, 0) - 1,
      category: 'theft',
      cameraId: 'c2',
      status: 'in_progress',
      officerId: 'o7',
      text: 'trom cap',
      offset: 50,
      limit: PAGE_SIZE,
    });
  });

  it('reports unreadable or reversed dates instead of sending them', () => {
    expect(filterRequest({ ...EMPTY_FILTER, from: '32/01/2026', to: 'hôm qua' }, page)).toEqual({
      request: { offset: 0, limit: PAGE_SIZE },
      issues: { from: 'invalid_date', to: 'invalid_date' },
    });
    expect(filterRequest({ ...EMPTY_FILTER, from: '05/03/2026', to: '04/03/2026' }, page)).toEqual({
      request: { offset: 0, limit: PAGE_SIZE },
      issues: { to: 'range_end_before_start' },
    });
    // One day is a valid range.
    expect(
      filterRequest({ ...EMPTY_FILTER, from: '05/03/2026', to: '05/03/2026' }, page).issues,
    ).toEqual({});
  });

  it('keeps paging within the contract', () => {
    expect(filterRequest(EMPTY_FILTER, { offset: -3, limit: 9999 }).request).toEqual({
      offset: 0,
      limit: MAX_PAGE,
    });
  });
});
