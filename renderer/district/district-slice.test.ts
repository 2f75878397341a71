import { describe, expect, it } from 'vitest';
import { createApi } from '../../electron/contract/api';
import type { StationExportRequest } from '../../electron/contract/district';
import type { TokenKeeper } from '../auth/session-token';
import { bindEvents } from '../store/bind-events';
import { createStationStore } from '../store/create-store';
import { fakeTransport } from '../testing/fake-transport';
import { CREDENTIALS, exportRequest, LINKED_STATUS, OFF_STATUS } from './district-fixtures';
import { unseenRequests } from './district-slice';

const memoryTokens = (): TokenKeeper => {
  let token: string | null = null;
  return {
    get: () => token,
    set: (t) => void (token = t),
    clear: () => void (token = null),
  };
};

// The real store and api over a scripted main that answers as the contract allows.
function setUp(initial: StationExportRequest[] = []) {
  let requests = [...initial];
  let status = OFF_STATUS;
  const transport = fakeTransport({
    'district.status': () => status,
    'district.requests': () => requests,
    'district.connect': () => (status = { ...LINKED_STATUS, link: 'linking', lastPublishedSeq: 0 }),
    'district.disconnect': () => (status = OFF_STATUS),
    'district.decide': (p) => {
      const r = requests.find((x) => x.requestId === p.requestId)!;
      const decided: StationExportRequest = {
        ...r,
        status: p.decision,
        decidedAt: 5_000,
        decidedBy: 'Thiếu tá Nguyễn Văn An',
        decisionReason: p.reason || null,
      };
      requests = requests.map((x) => (x.requestId === p.requestId ? decided : x));
      return decided;
    },
  });
  const api = createApi(transport);
  const store = createStationStore(api, { tokens: memoryTokens() });
  bindEvents(store, api);
  const unseen = () => {
    const s = store.getState();
    return unseenRequests(s.districtRequests, s.districtSeen).map((r) => r.requestId);
  };
  return { transport, store, unseen };
}

describe('district slice', () => {
  it('loads status and requests, pending first; pending ones found on loading are unseen', async () => {
    const { store, unseen } = setUp([
      exportRequest('done', { status: 'approved', decidedAt: 10, decidedBy: 'An' }),
      exportRequest('wait'),
    ]);
    expect(store.getState().districtStatus).toBeNull();
    await store.getState().loadDistrict();
    expect(store.getState().districtStatus).toEqual(OFF_STATUS);
    expect(store.getState().districtRequests.map((r) => r.status)).toEqual(['pending', 'approved']);
    expect(unseen()).toEqual(['req-wait-0000']);
  });

  it('follows district.status events', () => {
    const { transport, store } = setUp();
    transport.emit('district.status', {
      ...LINKED_STATUS,
      link: 'failed',
      problem: 'Sai mật khẩu',
    });
    expect(store.getState().districtStatus).toMatchObject({
      link: 'failed',
      problem: 'Sai mật khẩu',
    });
  });

  it('a district.request event raises the notice until the panel has shown it; the next one raises it again', () => {
    const { transport, store, unseen } = setUp();
    transport.emit('district.request', exportRequest('a'));
    expect(unseen()).toEqual(['req-a-0000']);
    store.getState().markDistrictRequestsSeen();
    expect(unseen()).toEqual([]);
    // The same request again (a re-send) does not come back.
    transport.emit('district.request', exportRequest('a'));
    expect(unseen()).toEqual([]);
    transport.emit(
      'district.request',
      exportRequest('b', { receivedAt: Date.UTC(2026, 11, 7, 3) }),
    );
    expect(unseen()).toEqual(['req-b-0000']);
    expect(store.getState().districtRequests).toHaveLength(2);
  });

  it('a request decided (here or on another console) leaves the notice', () => {
    const { transport, unseen } = setUp();
    transport.emit('district.request', exportRequest('a'));
    transport.emit(
      'district.request',
      exportRequest('a', { status: 'refused', decidedAt: 9, decidedBy: 'An', decisionReason: 'x' }),
    );
    expect(unseen()).toEqual([]);
  });

  it('connects with the file text as given and keeps the answer', async () => {
    const { transport, store } = setUp();
    const text = JSON.stringify(CREDENTIALS);
    await store.getState().connectDistrict(text);
    expect(transport.calls.at(-1)).toEqual({
      channel: 'district.connect',
      payload: { credentials: text },
    });
    expect(store.getState().districtStatus?.link).toBe('linking');
    await store.getState().disconnectDistrict();
    expect(store.getState().districtStatus).toEqual(OFF_STATUS);
  });

  it('decides a request and shows the decision at once', async () => {
    const { transport, store } = setUp([exportRequest('a')]);
    await store.getState().loadDistrict();
    await store
      .getState()
      .decideDistrictRequest('req-a-0000', 'refused', 'Đang giữ bí mật điều tra');
    expect(transport.calls.at(-1)).toEqual({
      channel: 'district.decide',
      payload: { requestId: 'req-a-0000', decision: 'refused', reason: 'Đang giữ bí mật điều tra' },
    });
    expect(store.getState().districtRequests[0]).toMatchObject({
      status: 'refused',
      decidedBy: 'Thiếu tá Nguyễn Văn An',
      decisionReason: 'Đang giữ bí mật điều tra',
    });
  });
});
