// Playwright fixtures: a real RTSP rig and a real station core (browser mode) with a
// fresh data directory per test, opened in Debian's Chromium.
import { test as base, expect } from '@playwright/test';
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import {
  startFakeOnvif,
  type FakeOnvif,
  type FakeOnvifOptions,
} from './rig/onvif/fake-onvif-device';
import { D1, startRig, type Rig, type RigOptions } from './rig/rig';
import { startStation, type Station } from './station-process';

/**
 * The shape of a ward's cameras (e2e/rig/README.md): 12.5 fps, a keyframe every 4 s,
 * a D1 sub-stream where one is asked for, digest auth on the secured mounts. A first
 * picture can take a whole GOP (4 s), not the 1 s the old 25 fps test cameras needed.
 */
export function wardCameras(mounts: RigOptions): RigOptions {
  return { fps: '25/2', gopSeconds: 4, subSize: D1, authMethod: 'digest', ...mounts };
}

interface StationOptions {
  demo: 'auto' | 'off';
  rigOptions: RigOptions;
  /** Recording segment length for the station under test; default: the product's 60 s. */
  segmentSeconds: number | undefined;
  /** 'admin': signed in as the set-up administrator; 'none': the first-start screen. */
  account: 'admin' | 'none';
  /** The fake ONVIF camera's options (auth, clock offset, tz…); its streams come from the rig. */
  onvifOptions: Partial<FakeOnvifOptions>;
}

/**
 * The rig mounts the fake ONVIF camera's profiles point at: the first H.264 mount as
 * main, and its `_sub` (rigOptions.sub) or else the second H.264 mount as sub; on a rig
 * with only tamper mounts, the first one and its `_sub` (a camera whose picture fails).
 */
function onvifStreams(rig: Rig, opts: RigOptions): { mainUrl: string; subUrl: string } {
  const tamper = opts.h264?.length ? undefined : opts.tamper?.[0];
  if (tamper) return { mainUrl: rig.url(tamper), subUrl: rig.url(`${tamper}_sub`) };
  const [main = 'cam1', second] = opts.h264 ?? [];
  const sub = opts.sub ? `${main}_sub` : (second ?? main);
  return { mainUrl: rig.url(main), subUrl: rig.url(sub) };
}

export const test = base.extend<
  StationOptions & { rig: Rig; station: Station; onvifDevice: FakeOnvif }
>({
  demo: ['off', { option: true }],
  segmentSeconds: [undefined, { option: true }],
  account: ['admin', { option: true }],
  onvifOptions: [{}, { option: true }],
  // Encoders cost CPU on 2 cores: tests that need other mounts ask for them with test.use.
  rigOptions: [
    wardCameras({ h264: ['cam1', 'cam2', 'cam3'], authMounts: ['secure1'] }),
    { option: true },
  ],
  rig: async ({ rigOptions }, use) => {
    const rig = await startRig(rigOptions);
    await use(rig);
    await rig.stop();
  },
  // On 127.0.0.1 only; tests find it with a directed probe to onvifDevice.discoveryPort.
  onvifDevice: async ({ rig, rigOptions, onvifOptions }, use) => {
    const device = await startFakeOnvif({ ...onvifStreams(rig, rigOptions), ...onvifOptions });
    await use(device);
    await device.close();
  },
  station: async ({ demo, segmentSeconds, account }, use, testInfo) => {
    const { station, stop } = await startStation(demo, { segmentSeconds, account });
    await use(station);
    // The core's own log explains most failures: keep it with the test's artifacts.
    const log = path.join(station.dataDir, 'logs', 'console.log');
    if (testInfo.status !== testInfo.expectedStatus && existsSync(log)) {
      await testInfo.attach('station-log', { path: log, contentType: 'text/plain' });
      copyFileSync(log, testInfo.outputPath('station.log'));
    }
    await stop();
  },
});

export { expect, startStation };
export { E2E_ADMIN } from './station-process';
