import { afterEach, describe, expect, it } from 'vitest';
import type { PictureAlarmKind } from '../../contract/camera-alarms';
import type { Logger } from '../logging/logger';
import {
  OnvifEventBridge,
  parsePullMessages,
  retryDelayMs,
  type CameraEventDetail,
  type CameraNotification,
  type OnvifEventBridgeOptions,
  type OnvifEventTarget,
  type OpenPullPoint,
  type PullPointSession,
} from './onvif-event-bridge';

/** A camera's event service, scripted: events queue up, pulls wait up to 30 ms for them. */
class ScriptedCamera {
  opens = 0;
  closes = 0;
  renews = 0;
  online = true;
  offersEvents = true;
  /** Pulls never answer (a camera that hangs). */
  hang = false;
  /** Pulls answer at once, ignoring the long-poll Timeout. */
  instant = false;
  pulls = 0;
  private generation = 0;
  private queue: CameraNotification[] = [];
  private wake: (() => void) | null = null;

  readonly open: OpenPullPoint = () => {
    this.opens++;
    if (!this.online) return Promise.reject(new Error('connect ECONNREFUSED'));
    if (!this.offersEvents) return Promise.resolve(null);
    const generation = ++this.generation;
    const session: PullPointSession = {
      pull: () => this.pull(generation),
      renew: () => {
        this.renews++;
        return Promise.resolve();
      },
      close: () => {
        this.closes++;
        return Promise.resolve();
      },
    };
    return Promise.resolve(session);
  };

  emit(topic: string, data: Record<string, string>, operation = 'Changed'): void {
    this.queue.push({ topic, data, operation, cameraTime: '2026-12-07T09:00:00Z', source: {} });
    this.wake?.();
  }

  /** The camera drops off the network: the open subscription is gone for good. */
  goOffline(): void {
    this.online = false;
    this.generation++;
    this.wake?.();
  }

  private async pull(generation: number): Promise<CameraNotification[]> {
    this.pulls++;
    if (this.hang) return new Promise(() => undefined);
    // A socket's answer always comes in a later turn of the event loop.
    if (this.instant) await new Promise((r) => setImmediate(r));
    if (this.queue.length === 0 && generation === this.generation && !this.instant) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
        const timer = setTimeout(done, 30);
        this.wake = done;
      });
    }
    if (generation !== this.generation) throw new Error('ResourceUnknown');
    return this.queue.splice(0);
  }
}

type SinkCall =
  | { op: 'open'; cameraId: string; kind: PictureAlarmKind; detail: CameraEventDetail }
  | { op: 'close'; cameraId: string; kind: PictureAlarmKind };

function recordingSink() {
  const calls: SinkCall[] = [];
  return {
    calls,
    sink: {
      open: (cameraId: string, kind: PictureAlarmKind, _s: 'camera', detail: CameraEventDetail) => {
        calls.push({ op: 'open', cameraId, kind, detail });
      },
      close: (cameraId: string, kind: PictureAlarmKind) => {
        calls.push({ op: 'close', cameraId, kind });
      },
    },
  };
}

interface LogLine {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

function recordingLogger(lines: LogLine[]): Logger {
  const at =
    (level: string) =>
    (msg: string, fields: Record<string, unknown> = {}) =>
      lines.push({ level, msg, fields });
  const log: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => log,
  };
  return log;
}

const target = (cameraId: string, password = 'pw'): OnvifEventTarget => ({
  cameraId,
  xaddr: `http://127.0.0.1/onvif/device_service#${cameraId}`,
  username: 'admin',
  password,
});

async function until(done: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const TAMPER = 'tns1:RuleEngine/TamperDetector/Tamper';
let bridge: OnvifEventBridge | null = null;
afterEach(async () => {
  await bridge?.dispose();
  bridge = null;
});

function setup(
  cameras: Record<string, ScriptedCamera>,
  extra: Partial<OnvifEventBridgeOptions> = {},
) {
  const { calls, sink } = recordingSink();
  const lines: LogLine[] = [];
  let targets = Object.keys(cameras).map((id) => target(id));
  bridge = new OnvifEventBridge({
    targets: () => Promise.resolve(targets),
    sink,
    logger: recordingLogger(lines),
    openPullPoint: (t) => cameras[t.cameraId]!.open(t),
    retry: { initialMs: 10, maxMs: 40 },
    unsubscribeWaitMs: 200,
    minPullIntervalMs: 0,
    ...extra,
  });
  return {
    bridge,
    calls,
    lines,
    setTargets: (next: OnvifEventTarget[]) => (targets = next),
  };
}

describe('OnvifEventBridge', () => {
  it('opens a camera-source alarm on a tamper event and closes it when the camera says it is over', async () => {
    const cam = new ScriptedCamera();
    const { bridge, calls } = setup({ c1: cam });
    await bridge.start();
    await until(() => bridge.status('c1')?.state === 'subscribed');
    cam.emit(TAMPER, { IsTamper: 'true' });
    await until(() => calls.length === 1);
    expect(calls[0]).toEqual({
      op: 'open',
      cameraId: 'c1',
      kind: 'scene',
      detail: {
        topic: TAMPER,
        operation: 'Changed',
        cameraTime: '2026-12-07T09:00:00Z',
        videoSource: null,
      },
    });
    cam.emit(TAMPER, { IsTamper: 'true' });
    cam.emit(TAMPER, { IsTamper: 'false' });
    await until(() => calls.length === 2);
    expect(calls[1]).toEqual({ op: 'close', cameraId: 'c1', kind: 'scene' });
  });

  it('keeps a kind on while any of its topics is on, and ends an alarm the camera first reports off', async () => {
    const cam = new ScriptedCamera();
    const { bridge, calls } = setup({ c1: cam });
    await bridge.start();
    cam.emit('tns1:VideoSource/ImageTooBlurry/ImagingService', { State: 'false' }, 'Initialized');
    cam.emit('tns1:VideoSource/ImageTooDark/ImagingService', { State: 'true' });
    cam.emit('tns1:VideoSource/SignalLoss', { State: 'true' });
    cam.emit('tns1:VideoSource/ImageTooDark/ImagingService', { State: 'false' });
    cam.emit('tns1:VideoSource/ImageTooBlurry/ImagingService', { State: 'false' });
    await until(() => calls.length >= 2);
    cam.emit('tns1:VideoSource/SignalLoss', { State: 'false' });
    await until(() => calls.length >= 3);
    expect(calls.map((c) => `${c.op} ${c.kind}`)).toEqual([
      'close covered',
      'open black',
      'close black',
    ]);
  });

  it('keeps when the camera last saw motion, without raising an alarm', async () => {
    const cam = new ScriptedCamera();
    let now = 1_000;
    const { bridge, calls } = setup({ c1: cam }, { now: () => now });
    await bridge.start();
    await until(() => bridge.status('c1')?.state === 'subscribed');
    expect(bridge.lastMotionAt('c1')).toBeNull();
    cam.emit('tns1:RuleEngine/CellMotionDetector/Motion', { IsMotion: 'true' });
    await until(() => bridge.lastMotionAt('c1') !== null);
    now = 5_000;
    expect(bridge.lastMotionAt('c1')).toBe(5_000); // still moving
    cam.emit('tns1:VideoSource/MotionAlarm', { State: 'false' });
    await until(() => {
      now += 1;
      return bridge.lastMotionAt('c1')! < now;
    });
    const stoppedAt = bridge.lastMotionAt('c1')!;
    now += 60_000;
    expect(bridge.lastMotionAt('c1')).toBe(stoppedAt);
    expect(bridge.lastMotionAt('other')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('logs an unused topic once per camera', async () => {
    const a = new ScriptedCamera();
    const b = new ScriptedCamera();
    const { bridge, lines } = setup({ a, b });
    await bridge.start();
    const topic = 'tns1:Device/Trigger/DigitalInput';
    a.emit(topic, { LogicalState: 'true' });
    a.emit(topic, { LogicalState: 'false' });
    b.emit(topic, { LogicalState: 'true' });
    a.emit('tns1:VideoSource/ImageTooDark', { State: 'sometimes' });
    a.emit('tns1:VideoSource/ImageTooDark', { State: 'sometimes' });
    const logged = () => lines.filter((l) => l.msg.startsWith('camera event'));
    await until(() => logged().length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(logged().map((l) => [l.fields.cameraId, l.fields.topic])).toEqual(
      expect.arrayContaining([
        ['a', topic],
        ['b', topic],
        ['a', 'tns1:VideoSource/ImageTooDark'],
      ]),
    );
    expect(logged()).toHaveLength(3);
  });

  it('resubscribes with a growing, bounded delay while the camera is away, warning once', async () => {
    const cam = new ScriptedCamera();
    const { bridge, lines } = setup({ c1: cam });
    await bridge.start();
    await until(() => bridge.status('c1')?.state === 'subscribed');
    cam.goOffline();
    await until(() => cam.opens >= 6);
    expect(bridge.status('c1')).toMatchObject({ state: 'retrying' });
    expect(bridge.status('c1')!.failures).toBeGreaterThanOrEqual(5);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    cam.online = true;
    await until(() => bridge.status('c1')?.state === 'subscribed');
    cam.emit(TAMPER, { IsTamper: 'true' });
    await until(() => bridge.status('c1')?.failures === 0);
    expect(lines.some((l) => l.msg === 'camera events resubscribed')).toBe(true);
  });

  it('grows the retry delay by doubling up to the bound', () => {
    const retry = { initialMs: 2_000, maxMs: 60_000 };
    expect([1, 2, 3, 5, 6, 7, 100].map((n) => retryDelayMs(n, retry))).toEqual([
      2_000, 4_000, 8_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('stops for a camera without an event service, without retrying', async () => {
    const cam = new ScriptedCamera();
    cam.offersEvents = false;
    const { bridge } = setup({ c1: cam });
    await bridge.start();
    await until(() => bridge.status('c1')?.state === 'no_events');
    await new Promise((r) => setTimeout(r, 100));
    expect(cam.opens).toBe(1);
  });

  it('does not spin on a camera that answers every pull at once and empty', async () => {
    const cam = new ScriptedCamera();
    cam.instant = true;
    const { bridge, calls } = setup({ c1: cam }, { minPullIntervalMs: 100 });
    await bridge.start();
    await until(() => cam.pulls >= 1);
    await new Promise((r) => setTimeout(r, 350));
    // About 4 pulls in 350 ms at one per 100 ms; without the guard, thousands.
    expect(cam.pulls).toBeGreaterThanOrEqual(2);
    expect(cam.pulls).toBeLessThanOrEqual(6);
    cam.emit(TAMPER, { IsTamper: 'true' });
    await until(() => calls.length === 1);
  });

  it('renews the subscription on schedule', async () => {
    const cam = new ScriptedCamera();
    const { bridge } = setup({ c1: cam }, { renewEveryMs: 0 });
    await bridge.start();
    await until(() => cam.renews >= 2);
    expect(cam.opens).toBe(1);
  });

  it('follows refresh(): stops a removed camera (ending its alarms), restarts a changed one, starts a new one', async () => {
    const c1 = new ScriptedCamera();
    const c2 = new ScriptedCamera();
    const c3 = new ScriptedCamera();
    const { bridge, calls, setTargets } = setup({ c1, c2, c3 });
    setTargets([target('c1'), target('c2')]);
    await bridge.start();
    c1.emit(TAMPER, { IsTamper: 'true' });
    await until(() => calls.length === 1);

    setTargets([target('c2', 'new password'), target('c3')]);
    await bridge.refresh();
    expect(c1.closes).toBe(1);
    expect(calls[1]).toEqual({ op: 'close', cameraId: 'c1', kind: 'scene' });
    expect(bridge.status('c1')).toBeNull();
    await until(() => c2.opens === 2 && c3.opens === 1);
    expect(c2.closes).toBe(1);

    // Unchanged targets are left alone.
    await bridge.refresh();
    expect([c2.opens, c3.opens]).toEqual([2, 1]);
  });

  it('disposes promptly while a pull hangs, unsubscribing', async () => {
    const cam = new ScriptedCamera();
    cam.hang = true;
    const { bridge } = setup({ c1: cam });
    await bridge.start();
    await until(() => bridge.status('c1')?.state === 'subscribed');
    const t0 = Date.now();
    await bridge.dispose();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(cam.closes).toBe(1);
  });

  it('unsubscribes a subscription that was made after it was stopped', async () => {
    let finish: (s: PullPointSession) => void = () => undefined;
    let closed = 0;
    const slow: OpenPullPoint = () => new Promise((resolve) => (finish = resolve));
    const { bridge } = setup(
      {},
      { openPullPoint: slow, targets: () => Promise.resolve([target('c1')]) },
    );
    await bridge.start();
    await until(() => bridge.status('c1')?.state === 'subscribing');
    await bridge.dispose();
    finish({
      pull: () => Promise.resolve([]),
      renew: () => Promise.resolve(),
      close: () => {
        closed++;
        return Promise.resolve();
      },
    });
    await until(() => closed === 1);
  });

  it('goes on when the sink fails', async () => {
    const cam = new ScriptedCamera();
    const lines: LogLine[] = [];
    const opened: string[] = [];
    bridge = new OnvifEventBridge({
      targets: () => Promise.resolve([target('c1')]),
      sink: {
        open: (_c, kind) => {
          opened.push(kind);
          return kind === 'scene'
            ? Promise.reject(new Error('database is locked'))
            : Promise.resolve();
        },
        close: () => undefined,
      },
      logger: recordingLogger(lines),
      openPullPoint: cam.open,
      retry: { initialMs: 10, maxMs: 40 },
    });
    await bridge.start();
    cam.emit(TAMPER, { IsTamper: 'true' });
    await until(() => lines.some((l) => l.level === 'error'));
    cam.emit('tns1:VideoSource/ImageTooBlurry', { State: 'true' });
    await until(() => opened.includes('covered'));
    expect(bridge.status('c1')?.state).toBe('subscribed');
  });
});

describe('parsePullMessages', () => {
  it('reads topic, operation, time, source and data whatever the namespace prefixes', () => {
    const xml = `<?xml version="1.0"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:tev="http://www.onvif.org/ver10/events/wsdl"
  xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:tt="http://www.onvif.org/ver10/schema">
<env:Body><tev:PullMessagesResponse>
<tev:CurrentTime>2026-12-07T09:00:01Z</tev:CurrentTime><tev:TerminationTime>2026-12-07T09:02:01Z</tev:TerminationTime>
<wsnt:NotificationMessage><wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:RuleEngine/TamperDetector/Tamper</wsnt:Topic>
<wsnt:Message><tt:Message UtcTime="2026-12-07T09:00:00Z" PropertyOperation="Changed">
<tt:Source><tt:SimpleItem Name="VideoSourceConfigurationToken" Value="VideoSource_1"/><tt:SimpleItem Name="Rule" Value="MyTamper"/></tt:Source>
<tt:Data><tt:SimpleItem Name="IsTamper" Value="true"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>
<wsnt:NotificationMessage><wsnt:Topic>tns1:VideoSource/MotionAlarm</wsnt:Topic>
<wsnt:Message><tt:Message UtcTime="2026-12-07T09:00:01Z"><tt:Source/><tt:Data><tt:SimpleItem Name="State" Value="1"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>
</tev:PullMessagesResponse></env:Body></env:Envelope>`;
    expect(parsePullMessages(xml)).toEqual([
      {
        topic: 'tns1:RuleEngine/TamperDetector/Tamper',
        operation: 'Changed',
        cameraTime: '2026-12-07T09:00:00Z',
        source: { VideoSourceConfigurationToken: 'VideoSource_1', Rule: 'MyTamper' },
        data: { IsTamper: 'true' },
      },
      {
        topic: 'tns1:VideoSource/MotionAlarm',
        operation: '',
        cameraTime: '2026-12-07T09:00:01Z',
        source: {},
        data: { State: '1' },
      },
    ]);
  });

  it('reads an empty response as no messages', () => {
    const xml =
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><PullMessagesResponse/></s:Body></s:Envelope>';
    expect(parsePullMessages(xml)).toEqual([]);
  });
});
