import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createApi } from '../../electron/contract/api';
import type { OutageAlarm } from '../../electron/contract/outages';
import type { StationState } from '../store/types';
import { fakeTransport } from '../testing/fake-transport';
import { ALARM_AFTER_MS, ringingCameras } from './camera-alarms';
import { createOutageAlarmsSlice, type OutageAlarmsSlice } from './outage-alarms-slice';

const ALL = new Set(['a', 'b', 'c', 'd', 'e']);
const ack = { at: 50_000, officerId: 'o1', officerName: 'Thiếu úy Lê Văn An' };

function outage(
  id: number,
  cameraId: string,
  startedAt: number,
  more: Partial<OutageAlarm> = {},
): OutageAlarm {
  return {
    id,
    cameraId,
    stream: 'sub',
    startedAt,
    endedAt: null,
    errorKind: 'unreachable',
    acknowledged: null,
    ...more,
  };
}

describe('ringingCameras', () => {
  it('rings for a camera down longer than the grace, once per camera, oldest first', () => {
    const now = 100_000;
    const open = [
      outage(1, 'b', 20_000),
      outage(2, 'a', 60_000),
      outage(3, 'a', 30_000, { stream: 'main' }),
      outage(4, 'c', now - ALARM_AFTER_MS + 1), // a blip so far
      outage(5, 'd', 10_000, { endedAt: 40_000 }), // back
    ];
    expect(ringingCameras(open, ALL, now)).toEqual([
      { cameraId: 'b', since: 20_000, outageIds: [1], wrongPassword: false },
      { cameraId: 'a', since: 30_000, outageIds: [2, 3], wrongPassword: false },
    ]);
    const refused = [outage(8, 'e', 1000, { errorKind: 'auth' })];
    expect(ringingCameras(refused, ALL, now)[0]?.wrongPassword).toBe(true);
    expect(ringingCameras(open, ALL, now + 1).map((a) => a.cameraId)).toEqual(['b', 'a', 'c']);
  });

  it('stays silent for a camera no longer registered (before its outages are closed)', () => {
    const open = [outage(1, 'gone', 1000), outage(2, 'a', 2000)];
    expect(ringingCameras(open, new Set(['a']), 60_000).map((a) => a.cameraId)).toEqual(['a']);
  });

  it('stays silent for an acknowledged outage, even when another stream notices it later', () => {
    const open = [outage(1, 'a', 10_000, { acknowledged: ack }), outage(2, 'a', 70_000)];
    expect(ringingCameras(open, ALL, 200_000)).toEqual([]);
    // The camera came back (both closed) and went down again: a new outage rings.
    expect(ringingCameras([outage(3, 'a', 150_000)], ALL, 200_000)).toEqual([
      { cameraId: 'a', since: 150_000, outageIds: [3], wrongPassword: false },
    ]);
  });
});

describe('outage alarms slice', () => {
  it('loads the open outages, follows outage.changed and acknowledges through main', async () => {
    const acknowledged: number[] = [];
    const transport = fakeTransport({
      'outage.open': () => [outage(1, 'a', 10_000), outage(2, 'b', 20_000)],
      'outage.acknowledge': ({ id }) => {
        acknowledged.push(id);
        return outage(id, 'a', 10_000, { acknowledged: ack });
      },
    });
    const api = createApi(transport);
    const store = createStore<OutageAlarmsSlice>()((set, get, s) =>
      createOutageAlarmsSlice(api)(set as never, get as () => StationState, s as never),
    );
    api.on('outage.changed', (o) => store.getState().applyOutage(o));
    await store.getState().loadOpenOutages();
    expect(ringingCameras(Object.values(store.getState().openOutages), ALL, 60_000)).toHaveLength(
      2,
    );

    await store.getState().acknowledgeOutages([1]);
    expect(acknowledged).toEqual([1]);
    const ringing = () => ringingCameras(Object.values(store.getState().openOutages), ALL, 60_000);
    expect(ringing().map((a) => a.cameraId)).toEqual(['b']);

    transport.emit('outage.changed', outage(2, 'b', 20_000, { endedAt: 55_000 }));
    expect(ringing()).toEqual([]);
    expect(Object.keys(store.getState().openOutages)).toEqual(['1']);
    transport.emit('outage.changed', outage(7, 'b', 56_000));
    expect(ringing()).toEqual([]); // not yet past the grace
    const later = ringingCameras(Object.values(store.getState().openOutages), ALL, 70_000);
    expect(later.map((a) => a.outageIds)).toEqual([[7]]);
  });
});
