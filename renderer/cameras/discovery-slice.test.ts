import { describe, expect, it } from 'vitest';
import { createApi } from '../../electron/contract/api';
import type { DiscoveredDevice } from '../../electron/contract/onvif';
import type { Camera } from '../../electron/contract/schemas';
import { createStationStore } from '../store/create-store';
import { fakeTransport } from '../testing/fake-transport';

const device = (endpoint: string, host: string): DiscoveredDevice => ({
  endpoint,
  host,
  xaddrs: [`http://${host}/onvif/device_service`],
  manufacturer: 'HIKVISION',
  model: 'DS-2CD1023G0',
  name: null,
  needsCredentials: true,
  cameraId: null,
  via: 'direct',
});

const memoryTokens = { read: () => null, write: () => undefined, clear: () => undefined };

describe('discovery and clocks in the store', () => {
  it('merges probes, marks the device added at once and keeps the newest clock reading', async () => {
    const camera: Camera = {
      id: 'cam-9',
      name: 'Ngã tư Phố Huế',
      location: '',
      group: '',
      source: 'rtsp',
      mainUrl: 'rtsp://127.0.0.1:8554/cam1',
      subUrl: null,
      username: 'admin',
      hasPassword: true,
      recorderId: null,
      channel: null,
      enabled: true,
      createdAt: 1,
    };
    let adds = 0;
    const transport = fakeTransport({
      'onvif.discover': (req) =>
        req.target ? [device('urn:b', req.target.host)] : [device('urn:a', '192.168.1.64')],
      'onvif.add': () => {
        adds += 1;
        return camera;
      },
    });
    const store = createStationStore(createApi(transport), { tokens: memoryTokens as never });
    await store.getState().discover();
    await store.getState().discover({ host: '10.0.0.9', port: 3702 });
    expect(store.getState().discoveryDevices.map((d) => d.endpoint)).toEqual(['urn:a', 'urn:b']);
    await store.getState().addOnvifCamera({
      xaddr: 'http://10.0.0.9/onvif/device_service',
      endpoint: 'urn:b',
      username: 'admin',
      password: 'x',
      name: 'Ngã tư Phố Huế',
      mainProfile: 'Profile_1',
    });
    expect(adds).toBe(1);
    expect(store.getState().discoveryDevices.find((d) => d.endpoint === 'urn:b')?.cameraId).toBe(
      'cam-9',
    );
    expect(store.getState().cameras.map((c) => c.id)).toEqual(['cam-9']);

    const reading = {
      cameraId: 'cam-9',
      at: 2000,
      offsetMs: 7_200_000,
      uncertaintyMs: 500,
      tz: 'ICT-7',
      tzOk: true,
      ntp: false,
      level: 'alarm' as const,
      error: null,
    };
    store.getState().applyClock(reading);
    store.getState().applyClock({ ...reading, at: 1000, offsetMs: 0, level: 'ok' });
    expect(store.getState().clocks['cam-9']?.level).toBe('alarm');
  });
});
