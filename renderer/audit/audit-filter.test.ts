import { describe, expect, it } from 'vitest';
import {
  auditRequest,
  EMPTY_AUDIT_FILTER,
  filterRangeError,
  stationDay,
  stationDayStart,
} from './audit-filter';

describe('audit filter', () => {
  it('reads calendar days in station time (UTC+7)', () => {
    expect(stationDayStart('2026-06-12')).toBe(Date.UTC(2026, 5, 11, 17, 0));
    expect(stationDayStart('12/06/2026')).toBeNull();
    expect(stationDay(Date.UTC(2026, 5, 11, 17, 0))).toBe('2026-06-12');
    expect(stationDay(Date.UTC(2026, 5, 11, 16, 59))).toBe('2026-06-11');
  });

  it('maps the form to the request, leaving out what is not chosen', () => {
    expect(auditRequest(EMPTY_AUDIT_FILTER, 100)).toEqual({ limit: 100 });
    expect(
      auditRequest(
        { fromDay: '2026-06-12', toDay: '2026-06-12', action: 'auth.sign_in', officerId: 'o1' },
        50,
        77,
      ),
    ).toEqual({
      limit: 50,
      from: Date.UTC(2026, 5, 11, 17, 0),
      to: Date.UTC(2026, 5, 12, 17, 0) - 1,
      action: 'auth.sign_in',
      officerId: 'o1',
      beforeSeq: 77,
    });
  });

  it('flags a range that ends before it starts', () => {
    expect(
      filterRangeError({ ...EMPTY_AUDIT_FILTER, fromDay: '2026-06-12', toDay: '2026-06-11' }),
    ).toBe(true);
    expect(
      filterRangeError({ ...EMPTY_AUDIT_FILTER, fromDay: '2026-06-12', toDay: '2026-06-12' }),
    ).toBe(false);
    expect(filterRangeError({ ...EMPTY_AUDIT_FILTER, toDay: '2026-06-11' })).toBe(false);
  });
});
