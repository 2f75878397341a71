// Cameras' own ONVIF events as a second source of picture alarms: one PullPoint
// subscription per ONVIF camera that offers events. Tamper, scene-change, blur, dark and
// video-loss events open and close alarms with source 'camera'; motion is kept as
// evidence that the picture is live (lastMotionAt), for the tamper detector.
//
// The loop is ours, not the library's `cam.on('event')`: that loop stops for good after
// a timeout or a SOAP fault while (re)subscribing (only ECONNREFUSED/RESET/ETIMEDOUT/
// ENETUNREACH are retried, from 10 ms up), long-polls 60 s so it cannot be stopped
// promptly, and keeps a WS-Security clock shift that goes stale. Here every failure
// (camera offline, subscription expired or unknown, time check) rebuilds the Cam and
// resubscribes after a bounded, growing delay; removal and dispose stop it at once.
import { XMLParser } from 'fast-xml-parser';
import { Cam } from 'onvif';
import type { PictureAlarmKind } from '../../contract/camera-alarms';
import type { Logger } from '../logging/logger';
import { topicEffect } from './event-topics';

/** An ONVIF camera whose events the bridge follows. */
export interface OnvifEventTarget {
  cameraId: string;
  /** The device service URL, e.g. http://192.168.1.64/onvif/device_service. */
  xaddr: string;
  username: string;
  password: string;
}

export type CameraEventDetail = Record<string, string | number | boolean | null>;

/**
 * Where camera-reported alarms go (the camera alarm log). `close` is called for a kind
 * when the camera says it is off, including the first time the camera reports it (so an
 * alarm left open by an earlier run ends); it must only end an alarm the camera opened.
 */
export interface CameraEventSink {
  open(
    cameraId: string,
    kind: PictureAlarmKind,
    source: 'camera',
    detail: CameraEventDetail,
  ): Promise<void> | void;
  close(cameraId: string, kind: PictureAlarmKind): Promise<void> | void;
}

/** One notification as the camera sent it. */
export interface CameraNotification {
  topic: string;
  /** PropertyOperation: Initialized, Changed or Deleted ('' when absent). */
  operation: string;
  /** The camera's UtcTime, as written (its clock may be off). */
  cameraTime: string | null;
  source: Record<string, string>;
  data: Record<string, string>;
}

/** A live PullPoint subscription. */
export interface PullPointSession {
  /** Waits (long-poll) for the next messages; rejects when the subscription is lost. */
  pull(): Promise<CameraNotification[]>;
  renew(): Promise<void>;
  /** Unsubscribes, best effort. */
  close(): Promise<void>;
}

/** Subscribes to the camera's events; null when it offers no event service. */
export type OpenPullPoint = (target: OnvifEventTarget) => Promise<PullPointSession | null>;

export type CameraEventState = 'subscribing' | 'subscribed' | 'retrying' | 'no_events';

export interface CameraEventStatus {
  state: CameraEventState;
  /** Failures in a row since the last good pull. */
  failures: number;
  lastError: string | null;
}

export interface OnvifEventBridgeOptions {
  /** The ONVIF cameras to follow, read again at every refresh(). */
  targets: () => Promise<OnvifEventTarget[]>;
  sink: CameraEventSink;
  logger: Logger;
  openPullPoint?: OpenPullPoint;
  /** Delay before resubscribing after the n-th failure in a row: initialMs·2ⁿ⁻¹, at most maxMs. */
  retry?: { initialMs: number; maxMs: number };
  /** Renew the subscription this often (the library asks for 2 min lifetimes). */
  renewEveryMs?: number;
  /** How long dispose or a removal waits for Unsubscribe before leaving it. */
  unsubscribeWaitMs?: number;
  /** Least time between empty pulls, for firmware that ignores the long-poll Timeout. */
  minPullIntervalMs?: number;
  now?: () => number;
}

const DEFAULT_RETRY = { initialMs: 2_000, maxMs: 60_000 };
const DEFAULT_RENEW_EVERY_MS = 60_000;
const DEFAULT_UNSUBSCRIBE_WAIT_MS = 1_000;
const DEFAULT_MIN_PULL_INTERVAL_MS = 1_000;
/** Distinct unused topics remembered per camera (each logged once). */
const MAX_LOGGED_TOPICS = 64;

export function retryDelayMs(failures: number, retry: { initialMs: number; maxMs: number }) {
  const n = Math.max(1, failures);
  return Math.min(retry.maxMs, retry.initialMs * 2 ** Math.min(n - 1, 30));
}

const STOPPED = Symbol('stopped');

/** `work`, or STOPPED as soon as `signal` aborts (the work then goes on unobserved). */
function unlessStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T | typeof STOPPED> {
  if (signal.aborted) return Promise.resolve(STOPPED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(STOPPED);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The event loop of one camera: subscribe, pull, renew; on failure wait and start over. */
class CameraEventLoop {
  readonly status: CameraEventStatus = { state: 'subscribing', failures: 0, lastError: null };
  readonly done: Promise<void>;
  private readonly stopper = new AbortController();
  /** topic → the alarm kind it drives and whether the camera says it is on. */
  private readonly topics = new Map<string, { kind: PictureAlarmKind; active: boolean }>();
  private readonly opened = new Set<PictureAlarmKind>();
  private readonly reported = new Set<PictureAlarmKind>();
  private readonly loggedTopics = new Set<string>();
  private motionActive = false;
  private motionAt: number | null = null;
  private lastPullAt: number | null = null;
  /** Sink calls in order, one at a time: an open must land before its close. */
  private sinkChain: Promise<void> = Promise.resolve();

  constructor(
    readonly target: OnvifEventTarget,
    private readonly opts: Required<Omit<OnvifEventBridgeOptions, 'targets'>>,
  ) {
    this.done = this.run();
  }

  lastMotionAt(): number | null {
    return this.motionActive && this.status.state === 'subscribed'
      ? this.opts.now()
      : this.motionAt;
  }

  /** Stops the loop; waits for it to end, and for Unsubscribe at most unsubscribeWaitMs. */
  async stop(): Promise<void> {
    this.stopper.abort();
    await this.done;
    await this.sinkChain;
  }

  /** Ends the alarms this camera's events opened (the camera was removed). */
  async closeOpened(): Promise<void> {
    for (const kind of [...this.opened]) this.toSink(kind, false, null);
    this.opened.clear();
    await this.sinkChain;
  }

  private get log(): Logger {
    return this.opts.logger;
  }

  private async run(): Promise<void> {
    const signal = this.stopper.signal;
    const { cameraId } = this.target;
    while (!signal.aborted) {
      let session: PullPointSession | null = null;
      try {
        this.status.state = 'subscribing';
        const opening = this.opts.openPullPoint(this.target);
        const opened = await unlessStopped(opening, signal);
        if (opened === STOPPED) {
          // A subscription made after the stop would linger on the camera until it expires.
          void opening.then((s) => s?.close()).catch(() => undefined);
          break;
        }
        if (opened === null) {
          this.status.state = 'no_events';
          this.log.info('camera offers no ONVIF events', { cameraId });
          return;
        }
        session = opened;
        this.status.state = 'subscribed';
        if (this.status.failures > 0) {
          this.log.info('camera events resubscribed', { cameraId, after: this.status.failures });
        }
        let renewAt = this.opts.now() + this.opts.renewEveryMs;
        for (;;) {
          const pulledAt = this.opts.now();
          const batch = await unlessStopped(session.pull(), signal);
          if (batch === STOPPED) break;
          this.lastPullAt = this.opts.now();
          this.status.failures = 0;
          this.status.lastError = null;
          for (const n of batch) this.handle(n);
          if (this.opts.now() >= renewAt) {
            if ((await unlessStopped(session.renew(), signal)) === STOPPED) break;
            renewAt = this.opts.now() + this.opts.renewEveryMs;
          }
          // An empty answer that did not wait would otherwise spin against the camera.
          const early = pulledAt + this.opts.minPullIntervalMs - this.opts.now();
          if (batch.length === 0 && early > 0) await sleep(early, signal);
        }
      } catch (err) {
        this.lost(err);
      } finally {
        if (session) await this.unsubscribe(session);
      }
      if (!signal.aborted) await sleep(retryDelayMs(this.status.failures, this.opts.retry), signal);
    }
  }

  private lost(err: unknown): void {
    this.status.failures += 1;
    this.status.lastError = errorText(err);
    this.status.state = 'retrying';
    // Motion seen up to the last good pull; after that we do not know.
    if (this.motionActive) this.motionAt = this.lastPullAt ?? this.motionAt;
    this.motionActive = false;
    const fields = {
      cameraId: this.target.cameraId,
      error: this.status.lastError,
      failures: this.status.failures,
      retryInMs: retryDelayMs(this.status.failures, this.opts.retry),
    };
    // One warning per outage; the retries of an offline camera go to debug.
    if (this.status.failures === 1) this.log.warn('camera events lost, resubscribing', fields);
    else this.log.debug('camera events still unavailable', fields);
  }

  private async unsubscribe(session: PullPointSession): Promise<void> {
    const closing = session.close().catch(() => undefined);
    await Promise.race([
      closing,
      new Promise((resolve) => setTimeout(resolve, this.opts.unsubscribeWaitMs).unref()),
    ]);
  }

  private handle(n: CameraNotification): void {
    const effect = topicEffect(n.topic, n.data, n.operation === 'Deleted');
    if (effect.type === 'unknown' || effect.type === 'unreadable') {
      this.logTopicOnce(n, effect.type);
      return;
    }
    if (effect.type === 'motion') {
      if (effect.active || this.motionActive) this.motionAt = this.opts.now();
      this.motionActive = effect.active;
      return;
    }
    this.topics.set(n.topic, { kind: effect.kind, active: effect.active });
    // Several topics can drive one kind (ImageTooDark and SignalLoss → black): on while any is.
    const on = [...this.topics.values()].some((t) => t.kind === effect.kind && t.active);
    const firstReport = !this.reported.has(effect.kind);
    this.reported.add(effect.kind);
    if (on && !this.opened.has(effect.kind)) {
      this.opened.add(effect.kind);
      this.toSink(effect.kind, true, n);
    } else if (!on && (this.opened.has(effect.kind) || firstReport)) {
      this.opened.delete(effect.kind);
      this.toSink(effect.kind, false, n);
    }
  }

  private toSink(kind: PictureAlarmKind, on: boolean, n: CameraNotification | null): void {
    const { cameraId } = this.target;
    const detail: CameraEventDetail = {
      topic: n?.topic ?? null,
      operation: n?.operation || null,
      cameraTime: n?.cameraTime ?? null,
      videoSource: n ? (Object.values(n.source)[0] ?? null) : null,
    };
    this.sinkChain = this.sinkChain
      .then(() =>
        on
          ? this.opts.sink.open(cameraId, kind, 'camera', detail)
          : this.opts.sink.close(cameraId, kind),
      )
      .catch((err: unknown) =>
        this.log.error('camera event alarm not recorded', {
          cameraId,
          kind,
          on,
          error: errorText(err),
        }),
      );
  }

  private logTopicOnce(n: CameraNotification, why: 'unknown' | 'unreadable'): void {
    if (this.loggedTopics.has(n.topic) || this.loggedTopics.size >= MAX_LOGGED_TOPICS) return;
    this.loggedTopics.add(n.topic);
    this.log.info(
      why === 'unknown' ? 'camera event topic not used' : 'camera event without an on/off value',
      { cameraId: this.target.cameraId, topic: n.topic, data: JSON.stringify(n.data) },
    );
  }
}

function sameTarget(a: OnvifEventTarget, b: OnvifEventTarget): boolean {
  return a.xaddr === b.xaddr && a.username === b.username && a.password === b.password;
}

export class OnvifEventBridge {
  private readonly loops = new Map<string, CameraEventLoop>();
  private readonly opts: Required<Omit<OnvifEventBridgeOptions, 'targets'>>;
  private syncing: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: OnvifEventBridgeOptions) {
    this.opts = {
      sink: options.sink,
      logger: options.logger,
      openPullPoint: options.openPullPoint ?? camPullPoint(),
      retry: options.retry ?? DEFAULT_RETRY,
      renewEveryMs: options.renewEveryMs ?? DEFAULT_RENEW_EVERY_MS,
      unsubscribeWaitMs: options.unsubscribeWaitMs ?? DEFAULT_UNSUBSCRIBE_WAIT_MS,
      minPullIntervalMs: options.minPullIntervalMs ?? DEFAULT_MIN_PULL_INTERVAL_MS,
      now: options.now ?? Date.now,
    };
  }

  start(): Promise<void> {
    return this.refresh();
  }

  /** Reads the targets again (call on camera.changed): new cameras start, removed ones stop. */
  refresh(): Promise<void> {
    this.syncing = this.syncing
      .then(() => this.sync())
      .catch((err: unknown) =>
        this.opts.logger.error('ONVIF event targets not applied', { error: errorText(err) }),
      );
    return this.syncing;
  }

  /** When the camera last reported motion (now while it still does); null if never. */
  lastMotionAt(cameraId: string): number | null {
    return this.loops.get(cameraId)?.lastMotionAt() ?? null;
  }

  status(cameraId: string): CameraEventStatus | null {
    const s = this.loops.get(cameraId)?.status;
    return s ? { ...s } : null;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.syncing;
    const loops = [...this.loops.values()];
    this.loops.clear();
    await Promise.all(loops.map((l) => l.stop()));
  }

  private async sync(): Promise<void> {
    if (this.disposed) return;
    let targets: OnvifEventTarget[];
    try {
      targets = await this.options.targets();
    } catch (err) {
      this.opts.logger.error('ONVIF event targets unreadable', { error: errorText(err) });
      return;
    }
    if (this.disposed) return;
    const wanted = new Map(targets.map((t) => [t.cameraId, t]));
    for (const [cameraId, loop] of [...this.loops]) {
      const next = wanted.get(cameraId);
      if (next && sameTarget(loop.target, next)) continue;
      this.loops.delete(cameraId);
      await loop.stop();
      if (!next) await loop.closeOpened();
    }
    for (const target of wanted.values()) {
      if (!this.loops.has(target.cameraId)) {
        this.loops.set(target.cameraId, new CameraEventLoop(target, this.opts));
      }
    }
  }
}

// ---- The PullPoint session on the `onvif` library's Cam ----

/** The parts of the library's Cam the session uses beyond its typings. */
interface CamInternals {
  uri?: { events?: unknown };
  events: {
    subscription?: {
      subscriptionReference: {
        address: { href: string };
        referenceParameters?: { subscriptionId?: string | number };
      };
    };
  };
  _envelopeHeader(openHeader?: boolean): string;
  _envelopeFooter(): string;
  _request(
    options: { url: unknown; body: string; replyTimeout: number },
    callback: (err: Error | null, body: unknown, xml: string) => void,
  ): void;
}

function callback<T>(run: (cb: (err: unknown, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    run((err, value) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(value as T),
    ),
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const notificationParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'NotificationMessage' || name === 'SimpleItem',
});

type XmlNode = Record<string, unknown>;

function simpleItems(node: unknown): Record<string, string> {
  const items = (node as XmlNode | undefined)?.SimpleItem;
  const out: Record<string, string> = {};
  if (!Array.isArray(items)) return out;
  for (const item of items as XmlNode[]) {
    if (typeof item?.Name === 'string') out[item.Name] = String(item.Value ?? '');
  }
  return out;
}

/** The NotificationMessages of a PullMessagesResponse (namespace prefixes ignored). */
export function parsePullMessages(xml: string): CameraNotification[] {
  const doc = notificationParser.parse(xml) as XmlNode;
  const body = (doc.Envelope as XmlNode | undefined)?.Body as XmlNode | undefined;
  const response = body?.PullMessagesResponse as XmlNode | undefined;
  const messages = response?.NotificationMessage;
  if (!Array.isArray(messages)) return [];
  return (messages as XmlNode[]).flatMap((m) => {
    const topicNode = m.Topic;
    const topic =
      typeof topicNode === 'string' ? topicNode : String((topicNode as XmlNode)?.['#text'] ?? '');
    const message = (m.Message as XmlNode | undefined)?.Message as XmlNode | undefined;
    if (!topic.trim() || !message) return [];
    return [
      {
        topic: topic.trim(),
        operation: typeof message.PropertyOperation === 'string' ? message.PropertyOperation : '',
        cameraTime: typeof message.UtcTime === 'string' ? message.UtcTime : null,
        source: simpleItems(message.Source),
        data: simpleItems(message.Data),
      },
    ];
  });
}

export interface CamPullPointOptions {
  /** Timeout of every request but PullMessages. */
  requestTimeoutMs?: number;
  /** PullMessages long-poll (the camera may answer sooner); the reply may take 10 s more. */
  pullSeconds?: number;
  messageLimit?: number;
}

/**
 * Subscriptions through the `onvif` Cam: clock first (WS-Security needs the camera's
 * time), services (is there an event service?), CreatePullPointSubscription; then
 * our own PullMessages with a short long-poll, and the library's Renew and Unsubscribe.
 */
export function camPullPoint(options: CamPullPointOptions = {}): OpenPullPoint {
  const timeout = options.requestTimeoutMs ?? 5_000;
  const pullSeconds = options.pullSeconds ?? 10;
  const limit = options.messageLimit ?? 32;
  return async (target) => {
    const url = new URL(target.xaddr);
    const secure = url.protocol === 'https:';
    const cam = new Cam({
      hostname: url.hostname,
      port: Number(url.port) || (secure ? 443 : 80),
      path: url.pathname,
      useSecure: secure,
      username: target.username,
      password: target.password,
      timeout,
      autoconnect: false,
      // Cameras behind NAT or with a factory IP advertise service URLs we cannot reach.
      preserveAddress: true,
    });
    const inner = cam as unknown as CamInternals;
    await callback((cb) => cam.getSystemDateAndTime(cb));
    // GetServices as the library's connect() does; GetCapabilities for pre-2.0 firmware.
    await callback((cb) => cam.getServices(false, cb)).catch(() =>
      callback((cb) => cam.getCapabilities(cb)),
    );
    if (!inner.uri?.events) return null;
    await callback((cb) => cam.createPullPointSubscription(cb));
    return {
      pull: () => pullMessages(inner, pullSeconds, limit),
      renew: () => callback<void>((cb) => cam.renew({}, cb)),
      close: () => callback<void>((cb) => cam.unsubscribe(cb, true)),
    };
  };
}

function pullMessages(
  cam: CamInternals,
  seconds: number,
  limit: number,
): Promise<CameraNotification[]> {
  const ref = cam.events.subscription?.subscriptionReference;
  if (!ref) return Promise.reject(new Error('no PullPoint subscription'));
  const id = ref.referenceParameters?.subscriptionId;
  const to = escapeXml(ref.address.href);
  const body =
    cam._envelopeHeader(true) +
    (id === undefined
      ? `<a:To>${to}</a:To>`
      : // Axis: the pull point is addressed by a reference parameter.
        `<a:To mustUnderstand="1">${to}</a:To><SubscriptionId xmlns="http://www.axis.com/2009/event" a:IsReferenceParameter="true">${escapeXml(String(id))}</SubscriptionId>`) +
    '</s:Header><s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<PullMessages xmlns="http://www.onvif.org/ver10/events/wsdl"><Timeout>PT${seconds}S</Timeout>` +
    `<MessageLimit>${limit}</MessageLimit></PullMessages>` +
    cam._envelopeFooter();
  return new Promise((resolve, reject) =>
    cam._request(
      { url: ref.address, body, replyTimeout: (seconds + 10) * 1000 },
      (err, _body, xml) => {
        if (err) return reject(err);
        try {
          resolve(parsePullMessages(xml));
        } catch (parseErr) {
          reject(parseErr instanceof Error ? parseErr : new Error(String(parseErr)));
        }
      },
    ),
  );
}
