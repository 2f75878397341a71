// The event bridge against the fake ONVIF camera with the real `onvif` Cam: WS-Security
// against a clock 2 h off, PullMessages long-polls, Renew, the device going away and
// coming back on the same port, Unsubscribe at dispose.
import { afterEach, describe, expect, it } from 'vitest';
import type { PictureAlarmKind } from '../../contract/camera-alarms';
import {
  startFakeOnvif,
  type FakeOnvif,
  type FakeOnvifOptions,
} from '../../../e2e/rig/onvif/fake-onvif-device';
import type { Logger } from '../logging/logger';
import { OnvifEventBridge, type CameraEventStatus } from './onvif-event-bridge';

const MAIN = 'rtsp://127.0.0.1:8554/cam1';
const SUB = 'rtsp://127.0.0.1:8554/cam1_sub';
const TAMPER = 'tns1:RuleEngine/TamperDetector/Tamper';
const CAMERA = 'cam-onvif-1';

const devices: FakeOnvif[] = [];
let bridge: OnvifEventBridge | null = null;
afterEach(async () => {
  await bridge?.dispose();
  bridge = null;
  await Promise.all(devices.splice(0).map((d) => d.close()));
});

async function device(opts: Partial<FakeOnvifOptions> = {}): Promise<FakeOnvif> {
  const d = await startFakeOnvif({ mainUrl: MAIN, subUrl: SUB, ...opts });
  devices.push(d);
  return d;
}

async function until(what: string, done: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function harness(d: FakeOnvif, renewEveryMs = 60_000) {
  const sink: { op: string; kind: PictureAlarmKind; at: number }[] = [];
  const logged: { msg: string; fields: Record<string, unknown> }[] = [];
  const record = (msg: string, fields: Record<string, unknown> = {}) =>
    logged.push({ msg, fields });
  const logger: Logger = {
    debug: record,
    info: record,
    warn: record,
    error: record,
    child: () => logger,
  };
  bridge = new OnvifEventBridge({
    targets: () =>
      Promise.resolve([{ cameraId: CAMERA, xaddr: d.xaddr, username: d.user, password: d.pass }]),
    sink: {
      open: (_id, kind) => void sink.push({ op: 'open', kind, at: Date.now() }),
      close: (_id, kind) => void sink.push({ op: 'close', kind, at: Date.now() }),
    },
    logger,
    retry: { initialMs: 100, maxMs: 500 },
    renewEveryMs,
  });
  const status = (): CameraEventStatus['state'] | undefined => bridge?.status(CAMERA)?.state;
  return { bridge, sink, logged, status };
}

describe('OnvifEventBridge with the fake ONVIF camera', () => {
  it('raises and ends the tamper alarm, keeps motion, logs an unused topic once, and resubscribes after the camera returns', async () => {
    // WS-Security only (Dahua), with the camera's clock 2 h ahead: the Cam's time shift must be right.
    let d = await device({ auth: 'wsse' });
    const { bridge, sink, logged, status } = harness(d, 500);
    await bridge.start();
    await until('subscribed', () => status() === 'subscribed', 5_000);

    const t0 = Date.now();
    d.emitEvent(TAMPER, { IsTamper: 'true' });
    await until('tamper alarm opened', () => sink.length === 1, 5_000);
    const openMs = sink[0]!.at - t0;
    console.log(`camera tamper event → alarm open in ${openMs} ms`);
    expect(sink[0]).toMatchObject({ op: 'open', kind: 'scene' });
    expect(openMs).toBeLessThan(3_000);

    d.emitEvent(TAMPER, { IsTamper: 'false' });
    await until('tamper alarm closed', () => sink.length === 2, 5_000);
    expect(sink[1]).toMatchObject({ op: 'close', kind: 'scene' });

    expect(bridge.lastMotionAt(CAMERA)).toBeNull();
    d.emitEvent('tns1:RuleEngine/CellMotionDetector/Motion', { IsMotion: 'true' });
    await until('motion seen', () => bridge.lastMotionAt(CAMERA) !== null, 5_000);

    const unused = 'tns1:Device/Trigger/DigitalInput';
    d.emitEvent(unused, { LogicalState: 'true' });
    d.emitEvent(unused, { LogicalState: 'false' });
    const unusedLines = () => logged.filter((l) => l.fields.topic === unused);
    await until('unused topic logged', () => unusedLines().length > 0, 5_000);
    await until('renewed', () => d.calls().some((c) => c.op === 'Renew'), 5_000);
    expect(d.rejections()).toEqual([]);

    // The camera goes away (power cut) and comes back on the same address.
    const port = d.httpPort;
    await d.close();
    devices.splice(devices.indexOf(d), 1);
    await until('retrying', () => status() === 'retrying', 5_000);
    expect(bridge.lastMotionAt(CAMERA)).not.toBeNull(); // the last evidence stays
    await new Promise((r) => setTimeout(r, 700));
    d = await device({ auth: 'wsse', httpPort: port });
    const back = Date.now();
    await until('resubscribed', () => status() === 'subscribed', 5_000);
    console.log(`resubscribed ${Date.now() - back} ms after the camera returned`);
    expect(d.calls().filter((c) => c.op === 'CreatePullPointSubscription')).toHaveLength(1);
    d.emitEvent(unused, { LogicalState: 'true' });
    d.emitEvent(TAMPER, { IsTamper: 'true' });
    await until('tamper alarm after the return', () => sink.length === 3, 5_000);
    expect(sink[2]).toMatchObject({ op: 'open', kind: 'scene' });
    expect(unusedLines()).toHaveLength(1);
    expect(logged.filter((l) => l.msg === 'camera events lost, resubscribing')).toHaveLength(1);

    await bridge.dispose();
    expect(d.calls().filter((c) => c.op === 'Unsubscribe')).toHaveLength(1);
  });

  it('follows a digest-only camera (Hikvision) and does not retry a camera without events', async () => {
    const d = await device({ auth: 'digest' });
    const { bridge, sink, status } = harness(d);
    await bridge.start();
    await until('subscribed', () => status() === 'subscribed', 5_000);
    d.emitEvent('tns1:VideoSource/ImageTooBlurry/ImagingService', { State: 'true' });
    await until('covered alarm opened', () => sink.length === 1, 5_000);
    expect(sink[0]).toMatchObject({ op: 'open', kind: 'covered' });
    await bridge.dispose();

    const quiet = await device({ events: false });
    const second = harness(quiet);
    await second.bridge.start();
    await until('no events', () => second.status() === 'no_events', 5_000);
    expect(quiet.calls().map((c) => c.op)).toEqual(['GetSystemDateAndTime', 'GetServices']);
  });
});
