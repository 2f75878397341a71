import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate';
import { LINKED_STATUS } from './district-fixtures';
import { pendingText, problemText, requestScope } from './district-text';

const vi = createTranslator('vi');
const en = createTranslator('en');

describe('pendingText', () => {
  it('says all is sent, or how many wait and since how long', () => {
    expect(pendingText(LINKED_STATUS, 0, vi)).toBe('Đã gửi hết');
    const backlog = { ...LINKED_STATUS, pending: 12, oldestPendingAt: 1_000 };
    expect(pendingText(backlog, 1_000 + 5 * 60_000, vi)).toBe(
      '12 sự kiện, cũ nhất từ 5 phút trước',
    );
    expect(pendingText(backlog, 1_000 + 2 * 3_600_000, en)).toBe('12 events, the oldest 2 h ago');
  });
});

describe('requestScope', () => {
  const names = (id: string) => ({ c1: 'Cổng chợ Bến Thành' })[id];

  it('words a time range in station time with camera names', () => {
    const scope = requestScope(
      {
        incidentCode: null,
        fromMs: Date.UTC(2026, 11, 7, 0, 0),
        toMs: Date.UTC(2026, 11, 7, 0, 10),
        cameraIds: ['c1', 'gone'],
      },
      names,
      vi,
    );
    // 00:00 UTC is 07:00 in Ho Chi Minh City.
    expect(scope.what).toBe('07/12/2026 07:00 → 07/12/2026 07:10');
    expect(scope.cameras).toBe('Camera: Cổng chợ Bến Thành, gone');
  });

  it('words an incident request, all its cameras when none are named', () => {
    const scope = requestScope(
      { incidentCode: 'VV-2026-0012', fromMs: null, toMs: null, cameraIds: [] },
      names,
      vi,
    );
    expect(scope).toEqual({
      what: 'Vụ việc VV-2026-0012',
      cameras: 'Camera: tất cả camera của vụ việc',
    });
  });
});

describe('problemText', () => {
  const problem = 'Mất kết nối tới trung tâm. Sự kiện vẫn được lưu. / Link to the centre lost.';

  it('shows the half in the console language', () => {
    expect(problemText(problem, 'vi')).toBe('Mất kết nối tới trung tâm. Sự kiện vẫn được lưu.');
    expect(problemText(problem, 'en')).toBe('Link to the centre lost.');
  });

  it('keeps a one-language problem whole', () => {
    expect(problemText('nats-server không chạy', 'en')).toBe('nats-server không chạy');
  });
});
