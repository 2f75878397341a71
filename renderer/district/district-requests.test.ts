import { describe, expect, it } from 'vitest';
import { pendingCount, sortRequests, upsertRequest } from './district-requests';
import { exportRequest } from './district-fixtures';

const decided = (id: string, at: number) =>
  exportRequest(id, { status: 'approved', decidedAt: at, decidedBy: 'Thiếu tá An' });

describe('sortRequests', () => {
  it('lists pending first (longest waiting first), then decided ones newest first', () => {
    const list = [
      decided('old', 1000),
      exportRequest('p2', { receivedAt: 500 }),
      decided('new', 3000),
      exportRequest('p1', { receivedAt: 100 }),
    ];
    expect(sortRequests(list).map((r) => r.requestId)).toEqual([
      'req-p1-0000',
      'req-p2-0000',
      'req-new-0000',
      'req-old-0000',
    ]);
  });
});

describe('upsertRequest', () => {
  it('adds a new request and replaces a known one by id', () => {
    const a = exportRequest('a', { receivedAt: 1 });
    const one = upsertRequest([], a);
    expect(one).toHaveLength(1);
    const two = upsertRequest(one, exportRequest('b', { receivedAt: 2 }));
    expect(pendingCount(two)).toBe(2);
    const answered = upsertRequest(two, {
      ...a,
      status: 'refused',
      decidedAt: 9,
      decisionReason: 'x',
    });
    expect(answered).toHaveLength(2);
    expect(pendingCount(answered)).toBe(1);
    expect(answered[1]).toMatchObject({ requestId: 'req-a-0000', status: 'refused' });
  });
});
