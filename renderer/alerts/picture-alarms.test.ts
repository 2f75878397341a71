import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createApi } from '../../electron/contract/api';
import type { CameraAlarmEntry } from '../../electron/contract/camera-alarms';
import { createTranslator } from '../i18n/translate';
import type { StationState } from '../store/types';
import { fakeTransport } from '../testing/fake-transport';
import {
  alarmCards,
  CARD_TEXT,
  loopsFor,
  newClockAlarms,
  openKindsByCamera,
} from './picture-alarms';
import { createPictureAlarmsSlice, type PictureAlarmsSlice } from './picture-alarms-slice';

const ALL = new Set(['a', 'b', 'c']);
const ack = { at: 50_000, officerId: 'o1', officerName: 'Thiếu úy Lê Văn An' };

function alarm(
  id: number,
  cameraId: string,
  kind: CameraAlarmEntry['kind'],
  startedAt: number,
  more: Partial<CameraAlarmEntry> = {},
): CameraAlarmEntry {
  return {
    id,
    cameraId,
    kind,
    source: kind === 'clock' || kind === 'timezone' ? 'clock' : 'detector',
    startedAt,
    endedAt: null,
    detail: {},
    acknowledged: null,
    ...more,
  };
}

describe('picture alarm cards', () => {
  it('says per kind what happened, in Vietnamese first', () => {
    const vi = createTranslator('vi');
    expect(Object.fromEntries(Object.entries(CARD_TEXT).map(([k, key]) => [k, vi(key)]))).toEqual({
      black: 'Mất hình – màn hình đen',
      frozen: 'Hình bị đứng',
      covered: 'Camera bị che/mờ',
      scene: 'Camera bị xoay/đổi cảnh',
      clock: 'Lệch giờ camera',
      timezone: 'Sai múi giờ camera',
    });
    expect(createTranslator('en')(CARD_TEXT.covered)).toBe('Camera covered/blurred');
  });

  it('shows open, unacknowledged alarms of registered cameras, oldest first', () => {
    const open = [
      alarm(1, 'a', 'frozen', 30_000),
      alarm(2, 'b', 'clock', 10_000),
      alarm(3, 'a', 'black', 10_000),
      alarm(4, 'c', 'covered', 5_000, { acknowledged: ack }),
      alarm(5, 'c', 'scene', 6_000, { endedAt: 9_000 }),
      alarm(6, 'gone', 'black', 1_000),
    ];
    expect(alarmCards(open, ALL).map((a) => a.id)).toEqual([3, 2, 1]);
  });

  it('loops for a picture alarm, only chimes once for a clock alarm', () => {
    const clockOnly = [alarm(2, 'b', 'clock', 10_000), alarm(7, 'c', 'timezone', 11_000)];
    expect(loopsFor(clockOnly)).toBe(false);
    expect(loopsFor([...clockOnly, alarm(1, 'a', 'scene', 1)])).toBe(true);
    expect(newClockAlarms(clockOnly, new Set())).toEqual([2, 7]);
    expect(newClockAlarms(clockOnly, new Set([2, 7]))).toEqual([]);
  });

  it('keeps tile badges while the alarm is open, acknowledged or not', () => {
    const kinds = openKindsByCamera([
      alarm(1, 'a', 'covered', 1, { acknowledged: ack }),
      alarm(2, 'a', 'clock', 2),
      alarm(3, 'b', 'black', 3, { endedAt: 4 }),
    ]);
    expect([...kinds]).toEqual([['a', ['covered', 'clock']]]);
  });
});

describe('picture alarms slice', () => {
  it('loads open alarms, follows alarm.changed and acknowledges through main', async () => {
    const acknowledged: number[] = [];
    const transport = fakeTransport({
      'alarm.open': () => [alarm(1, 'a', 'black', 10_000), alarm(2, 'b', 'clock', 20_000)],
      'alarm.acknowledge': ({ id }) => {
        acknowledged.push(id);
        return alarm(id, 'a', 'black', 10_000, { acknowledged: ack });
      },
    });
    const api = createApi(transport);
    const store = createStore<PictureAlarmsSlice>()((set, get, s) =>
      createPictureAlarmsSlice(api)(set as never, get as () => StationState, s as never),
    );
    api.on('alarm.changed', (a) => store.getState().applyAlarm(a));
    const cards = () => alarmCards(Object.values(store.getState().openAlarms), ALL);
    await store.getState().loadOpenAlarms();
    expect(cards().map((a) => a.id)).toEqual([1, 2]);
    await store.getState().acknowledgeAlarm(1);
    expect(acknowledged).toEqual([1]);
    expect(cards().map((a) => a.id)).toEqual([2]);
    transport.emit('alarm.changed', alarm(2, 'b', 'clock', 20_000, { endedAt: 30_000 }));
    transport.emit('alarm.changed', alarm(8, 'c', 'frozen', 31_000));
    expect(cards().map((a) => a.kind)).toEqual(['frozen']);
    expect(Object.keys(store.getState().openAlarms)).toEqual(['1', '8']);
  });
});
