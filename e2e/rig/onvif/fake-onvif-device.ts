// A fake ONVIF PTZ camera for tests: SOAP 1.2 device/media/ptz/events services over
// HTTP and a WS-Discovery responder, both on 127.0.0.1 only. It keeps the quirks the
// station must handle (clock 2 h off, Dahua's WS-Security time check, Hikvision's
// MD5+SHA-256 digest, a strict SetSystemDateAndTime) and records what it was asked.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeviceClock, type ClockState } from './device-clock';
import { DigestAuthority } from './http-digest';
import { assertLoopback, FAKE_HOST } from './loopback';
import { isoDurationMs, PullPoints } from './pull-points';
import { readSetDateTime } from './set-date-time';
import {
  actionNotSupported,
  FaultError,
  invalidArg,
  malformed,
  notAuthorized,
  TIME_CHECK_REASON,
} from './soap-faults';
import * as reply from './soap-replies';
import {
  attrAt,
  MalformedSoap,
  parseSoapRequest,
  textAt,
  usernameToken,
  type SoapRequest,
} from './soap-request';
import { checkUsernameToken } from './wsse';
import { WsDiscoveryResponder, type ProbeType, type RecordedProbe } from './ws-discovery-responder';

export type { ClockState } from './device-clock';
export type { RecordedProbe, ProbeType } from './ws-discovery-responder';

export type FakeAuthMode = 'wsse' | 'digest' | 'both';

export interface FakeOnvifOptions {
  /** RTSP URL of Profile_1 (main); credentials in it are stripped from GetStreamUri. */
  mainUrl: string;
  /** RTSP URL of Profile_2 (sub). */
  subUrl: string;
  user?: string;
  pass?: string;
  /** 'wsse': WS-Security only (Dahua); 'digest': HTTP digest only (Hikvision); default 'both'. */
  auth?: FakeAuthMode;
  /** Device clock − station clock; default +2 h. */
  clockOffsetMs?: number;
  /** POSIX TZ; default 'ICT-7' (UTC+7). */
  tz?: string;
  /** DateTimeType NTP instead of Manual; default false. */
  ntp?: boolean;
  /** Reads TZ with the sign inverted (`GMT+07:00` = UTC+7), as cheap firmwares do. */
  tzSignInverted?: boolean;
  /** Max |WS-Security Created − device clock|; default 5000 (Dahua). */
  wsseWindowMs?: number;
  /** Life of a digest nonce; default 60 000. */
  nonceTtlMs?: number;
  /** PTZ service and PTZConfiguration in both profiles; default true. */
  ptz?: boolean;
  /** Events service (PullPoint); default true. */
  events?: boolean;
  /** Only '127.0.0.1' (or another 127/8 address): anything else is refused. */
  host?: string;
  httpPort?: number;
  discoveryPort?: number;
  /** Host written into XAddrs (GetServices, ProbeMatches): a NAT'd or factory IP, say. Default: host. */
  advertisedHost?: string;
  /** WS-Discovery endpoint reference; default a fixed urn:uuid. */
  endpoint?: string;
  name?: string;
  hardware?: string;
  info?: Partial<reply.DeviceInformation>;
  /** Probe Types this device answers; default all three. */
  discoveryAnswers?: ProbeType[];
  /** XiongMai-style: local time written into the UTCDateTime field (reads as a +7 h offset). */
  localTimeAsUtc?: boolean;
  /**
   * Some Hikvision/Panasonic firmware: GetSystemDateAndTime needs credentials too (an HTML
   * 401 page with the digest challenge, or a NotAuthorized fault with WS-Security only).
   */
  clockNeedsAuth?: boolean;
  /** Presets the camera starts with; default two. */
  presets?: reply.Preset[];
}

export type CallAuth = 'none' | 'wsse' | 'digest';

export interface FakeOnvifCall {
  at: number;
  service: string;
  op: string;
  auth: CallAuth;
  /** ProfileToken of media/PTZ operations. */
  profile?: string;
  args: Record<string, unknown>;
  /** The fault's reason when the operation was refused after authentication. */
  fault?: string;
}

export interface FakeOnvifRejection {
  at: number;
  service: string;
  op: string;
  reason:
    | 'missing'
    | 'bad_user'
    | 'bad_digest'
    | 'time_check'
    | 'digest_missing'
    | 'digest_stale'
    | 'digest_bad';
  status: number;
}

export interface FakeOnvif {
  readonly host: string;
  readonly httpPort: number;
  readonly discoveryPort: number;
  /** The device service URL: http://127.0.0.1:<httpPort>/onvif/device_service. */
  readonly xaddr: string;
  readonly endpoint: string;
  readonly user: string;
  readonly pass: string;
  /** Operations answered (pre-auth or authenticated), oldest first. */
  calls(): FakeOnvifCall[];
  /** Requests refused for authentication, oldest first. */
  rejections(): FakeOnvifRejection[];
  probes(): RecordedProbe[];
  presets(): reply.Preset[];
  clock(): ClockState;
  setClockOffset(ms: number): void;
  setTimeZone(tz: string): void;
  setNtp(on: boolean): void;
  /** Makes every digest nonce handed out so far stale. */
  expireDigestNonces(): void;
  /** Queues an event for PullPoint subscribers, e.g. ('tns1:VideoSource/ImageTooBlurry/ImagingService', {State: 'true'}). */
  emitEvent(topic: string, data: Record<string, string>, source?: Record<string, string>): void;
  close(): Promise<void>;
}

const PRE_AUTH = new Set([
  'GetSystemDateAndTime',
  'GetServices',
  'GetCapabilities',
  'GetEndpointReference',
  'GetWsdlUrl',
]);
const DEFAULT_ENDPOINT = 'urn:uuid:f4ce0001-2026-4000-8000-00000000f7c1';
const DEFAULT_PRESETS: reply.Preset[] = [
  { token: '1', name: 'Cổng chính' },
  { token: '2', name: 'Bãi xe' },
];
const PATHS = {
  device: '/onvif/device_service',
  media: '/onvif/media_service',
  ptz: '/onvif/ptz_service',
  events: '/onvif/events_service',
  pullPoint: '/onvif/pull_point/',
} as const;
const MAX_BODY = 1 << 20;
/** What a Hikvision answered to an unauthenticated GetSystemDateAndTime (agsh/onvif cam.js). */
const HTML_401 =
  '<!DOCTYPE html><html><head><title>Document Error: Unauthorized</title></head><body>' +
  '<h2>Access Error: 401 -- Unauthorized</h2><p>Authentication Error: Access Denied! Authorization required.</p></body></html>';
const DEFAULT_SUBSCRIPTION_MS = 60_000;

function withoutCredentials(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface Handled {
  body: string;
  profile?: string;
  args?: Record<string, unknown>;
}

export async function startFakeOnvif(opts: FakeOnvifOptions): Promise<FakeOnvif> {
  const host = opts.host ?? FAKE_HOST;
  assertLoopback(host);
  const user = opts.user ?? 'admin';
  const pass = opts.pass ?? 'Onvif@2026';
  const mode = opts.auth ?? 'both';
  const ptzOn = opts.ptz ?? true;
  const eventsOn = opts.events ?? true;
  const wsseWindowMs = opts.wsseWindowMs ?? 5000;
  const endpoint = opts.endpoint ?? DEFAULT_ENDPOINT;
  const info: reply.DeviceInformation = {
    manufacturer: 'FakeVision',
    model: opts.hardware ?? 'FK-PTZ-1',
    firmwareVersion: 'V5.7.3 build 260101',
    serialNumber: 'FK2026000001',
    hardwareId: '88',
    ...opts.info,
  };
  const clock = new DeviceClock({
    offsetMs: opts.clockOffsetMs ?? 2 * 3600_000,
    tz: opts.tz ?? 'ICT-7',
    ntp: opts.ntp ?? false,
    tzSignInverted: opts.tzSignInverted ?? false,
  });
  const digest = new DigestAuthority(user, pass, opts.nonceTtlMs ?? 60_000);
  const pullPoints = new PullPoints();
  const presetList: reply.Preset[] = (opts.presets ?? DEFAULT_PRESETS).map((p) => ({ ...p }));
  const calls: FakeOnvifCall[] = [];
  const rejections: FakeOnvifRejection[] = [];
  const profiles: reply.MediaProfile[] = [
    {
      token: 'Profile_1',
      name: 'mainStream',
      encoderToken: 'VideoEncoderToken_1',
      width: 1920,
      height: 1080,
      fps: 25,
      bitrateKbps: 4096,
      ptz: ptzOn,
    },
    {
      token: 'Profile_2',
      name: 'subStream',
      encoderToken: 'VideoEncoderToken_2',
      width: 704,
      height: 576,
      fps: 12,
      bitrateKbps: 512,
      ptz: ptzOn,
    },
  ];
  const streamUris: Record<string, string> = {
    Profile_1: withoutCredentials(opts.mainUrl),
    Profile_2: withoutCredentials(opts.subUrl),
  };

  const scopes = [
    'onvif://www.onvif.org/type/video_encoder',
    ...(ptzOn ? ['onvif://www.onvif.org/type/ptz'] : []),
    `onvif://www.onvif.org/name/${opts.name ?? 'FAKE-PTZ'}`,
    `onvif://www.onvif.org/hardware/${info.model}`,
    'onvif://www.onvif.org/location/country/vietnam',
    'onvif://www.onvif.org/location/city/hanoi',
    'onvif://www.onvif.org/Profile/Streaming',
  ];

  let httpPort = 0;
  const base = () => `http://${opts.advertisedHost ?? host}:${httpPort}`;
  const addresses = (): reply.ServiceAddresses => ({
    device: base() + PATHS.device,
    media: base() + PATHS.media,
    ptz: ptzOn ? base() + PATHS.ptz : null,
    events: eventsOn ? base() + PATHS.events : null,
  });

  function profileArg(req: SoapRequest, needPtz: boolean): string {
    const token = textAt(req.args, 'ProfileToken') ?? '';
    const profile = profiles.find((p) => p.token === token);
    if (!profile || (needPtz && !profile.ptz)) {
      throw invalidArg('NoProfile', `The requested profile token ${token} does not exist`);
    }
    return token;
  }

  function presetArg(req: SoapRequest): reply.Preset {
    const token = textAt(req.args, 'PresetToken') ?? '';
    const preset = presetList.find((p) => p.token === token);
    if (!preset) throw invalidArg('NoToken', `The requested preset token ${token} does not exist`);
    return preset;
  }

  function velocity(req: SoapRequest, which: 'Velocity'): Record<string, number | null> {
    const read = (name: string, ...path: string[]) => {
      const v = attrAt(req.args, name, which, ...path);
      if (v === undefined) return null;
      const n = Number(v);
      if (!Number.isFinite(n) || Math.abs(n) > 1) {
        throw invalidArg('InvalidVelocity', `The requested speed is out of bounds: ${v}`);
      }
      return n;
    };
    return { pan: read('x', 'PanTilt'), tilt: read('y', 'PanTilt'), zoom: read('x', 'Zoom') };
  }

  function nextPresetToken(): string {
    let n = presetList.length + 1;
    while (presetList.some((p) => p.token === String(n))) n++;
    return String(n);
  }

  function deviceOp(req: SoapRequest): Handled {
    switch (req.op) {
      case 'GetSystemDateAndTime':
        return { body: reply.systemDateAndTime(clock.state(), opts.localTimeAsUtc ?? false) };
      case 'GetServices':
        return { body: reply.services(addresses()) };
      case 'GetCapabilities':
        return { body: reply.capabilities(addresses()) };
      case 'GetEndpointReference':
        return {
          body: `<tds:GetEndpointReferenceResponse><tds:GUID>${endpoint}</tds:GUID></tds:GetEndpointReferenceResponse>`,
        };
      case 'GetWsdlUrl':
        return {
          body: `<tds:GetWsdlUrlResponse><tds:WsdlUrl>http://www.onvif.org/</tds:WsdlUrl></tds:GetWsdlUrlResponse>`,
        };
      case 'GetScopes':
        return { body: reply.scopes(scopes) };
      case 'GetDeviceInformation':
        return { body: reply.deviceInformation(info) };
      case 'SetSystemDateAndTime': {
        const set = readSetDateTime(req.args, req.ordered);
        clock.setDaylightSavings(set.daylightSavings);
        if (set.tz !== null) clock.setTimeZone(set.tz);
        if (set.dateTimeType === 'NTP') clock.setNtp(true);
        else {
          clock.setNtp(false);
          clock.setUtc(set.utcMs!);
        }
        return {
          body: reply.emptyResponse('tds', 'SetSystemDateAndTime'),
          args: { ...set, utc: set.utcMs === null ? null : new Date(set.utcMs).toISOString() },
        };
      }
      default:
        throw actionNotSupported(req.op);
    }
  }

  function mediaOp(req: SoapRequest): Handled {
    switch (req.op) {
      case 'GetProfiles':
        return { body: reply.profiles(profiles) };
      case 'GetVideoSources':
        return { body: reply.videoSources(1920, 1080, 25) };
      case 'GetStreamUri': {
        const profile = profileArg(req, false);
        return {
          body: reply.streamUri(streamUris[profile]!),
          profile,
          args: { protocol: textAt(req.args, 'StreamSetup', 'Transport', 'Protocol') },
        };
      }
      default:
        throw actionNotSupported(req.op);
    }
  }

  function ptzOp(req: SoapRequest): Handled {
    switch (req.op) {
      case 'GetNodes':
        return { body: reply.ptzNodes() };
      case 'GetConfigurations':
        return { body: reply.ptzConfigurations() };
      case 'GetPresets':
        return { body: reply.presets(presetList), profile: profileArg(req, true) };
      case 'ContinuousMove': {
        const profile = profileArg(req, true);
        const args = { ...velocity(req, 'Velocity'), timeout: textAt(req.args, 'Timeout') ?? null };
        return { body: reply.emptyResponse('tptz', 'ContinuousMove'), profile, args };
      }
      case 'Stop': {
        const profile = profileArg(req, true);
        const args = {
          panTilt: textAt(req.args, 'PanTilt') ?? null,
          zoom: textAt(req.args, 'Zoom') ?? null,
        };
        return { body: reply.emptyResponse('tptz', 'Stop'), profile, args };
      }
      case 'GotoPreset': {
        const profile = profileArg(req, true);
        const preset = presetArg(req);
        return {
          body: reply.emptyResponse('tptz', 'GotoPreset'),
          profile,
          args: { preset: preset.token },
        };
      }
      case 'SetPreset': {
        const profile = profileArg(req, true);
        const name = textAt(req.args, 'PresetName') ?? '';
        const asked = textAt(req.args, 'PresetToken');
        const existing = asked ? presetArg(req) : null;
        const token = existing?.token ?? nextPresetToken();
        if (existing) existing.name = name;
        else presetList.push({ token, name });
        return {
          body: reply.setPreset(token),
          profile,
          args: { name, token, requestedToken: asked ?? null },
        };
      }
      case 'RemovePreset': {
        const profile = profileArg(req, true);
        const preset = presetArg(req);
        presetList.splice(presetList.indexOf(preset), 1);
        return {
          body: reply.emptyResponse('tptz', 'RemovePreset'),
          profile,
          args: { preset: preset.token },
        };
      }
      default:
        throw actionNotSupported(req.op);
    }
  }

  function eventsOp(req: SoapRequest): Handled {
    if (req.op !== 'CreatePullPointSubscription') throw actionNotSupported(req.op);
    const ttl =
      isoDurationMs(textAt(req.args, 'InitialTerminationTime')) ?? DEFAULT_SUBSCRIPTION_MS;
    const sub = pullPoints.create(ttl);
    const now = clock.nowMs();
    return {
      body: reply.pullPointCreated(`${base()}${PATHS.pullPoint}${sub.id}`, now, now + ttl),
      args: { subscription: sub.id },
    };
  }

  async function pullPointOp(req: SoapRequest, id: number): Promise<Handled> {
    if (!pullPoints.exists(id)) {
      throw invalidArg('ResourceUnknown', `The subscription ${id} does not exist`);
    }
    const remaining = () => clock.nowMs() + (pullPoints.expiresAt(id) - Date.now());
    switch (req.op) {
      case 'PullMessages': {
        const wait = isoDurationMs(textAt(req.args, 'Timeout')) ?? 0;
        const limit = Number(textAt(req.args, 'MessageLimit') ?? 10) || 10;
        const items = await pullPoints.pull(id, wait, limit);
        return {
          body: reply.pullMessages(items, clock.nowMs(), remaining()),
          args: { subscription: id, count: items.length },
        };
      }
      case 'Renew': {
        const ttl = isoDurationMs(textAt(req.args, 'TerminationTime')) ?? DEFAULT_SUBSCRIPTION_MS;
        pullPoints.renew(id, ttl);
        return { body: reply.renewed(clock.nowMs(), remaining()), args: { subscription: id } };
      }
      case 'Unsubscribe':
        pullPoints.remove(id);
        return { body: reply.emptyResponse('wsnt', 'Unsubscribe'), args: { subscription: id } };
      default:
        throw actionNotSupported(req.op);
    }
  }

  /** Which service a path is, and the PullPoint id for subscription paths. */
  function route(path: string): { service: string; pullPoint?: number } | null {
    if (path === PATHS.device) return { service: 'device' };
    if (path === PATHS.media) return { service: 'media' };
    if (path === PATHS.ptz && ptzOn) return { service: 'ptz' };
    if (path === PATHS.events && eventsOn) return { service: 'events' };
    const m = new RegExp(`^${PATHS.pullPoint}(\\d+)$`).exec(path);
    if (m && eventsOn) return { service: 'events', pullPoint: Number(m[1]) };
    return null;
  }

  type AuthResult =
    | { ok: true; auth: CallAuth }
    | {
        ok: false;
        reason: FakeOnvifRejection['reason'];
        status: number;
        fault: FaultError;
        stale?: boolean;
      };

  function authorize(http: IncomingMessage, req: SoapRequest): AuthResult {
    const token = usernameToken(req.header);
    if (mode !== 'digest' && token) {
      const v = checkUsernameToken(token, {
        user,
        pass,
        deviceNowMs: clock.nowMs(),
        windowMs: wsseWindowMs,
      });
      if (v.ok) return { ok: true, auth: 'wsse' };
      const fault = v.reason === 'time_check' ? notAuthorized(TIME_CHECK_REASON) : notAuthorized();
      return { ok: false, reason: v.reason, status: 400, fault };
    }
    if (mode !== 'wsse') {
      const d = digest.verify(http.headers.authorization, http.method ?? 'POST', http.url ?? '');
      if (d === 'ok') return { ok: true, auth: 'digest' };
      const reason =
        d === 'missing' ? 'digest_missing' : d === 'stale' ? 'digest_stale' : 'digest_bad';
      return { ok: false, reason, status: 401, fault: notAuthorized(), stale: d === 'stale' };
    }
    return { ok: false, reason: 'missing', status: 400, fault: notAuthorized() };
  }

  function send(
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string | string[]> = {},
  ) {
    res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8', ...headers });
    res.end(reply.envelope(body));
  }

  async function handle(http: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (http.url ?? '/').split('?')[0]!;
    const where = route(path);
    if (http.method !== 'POST' || !where) {
      res.writeHead(http.method !== 'POST' ? 405 : 404).end();
      return;
    }
    const xml = await readBody(http);
    let req: SoapRequest;
    try {
      req = parseSoapRequest(xml);
    } catch (err) {
      if (!(err instanceof MalformedSoap)) throw err;
      const f = malformed(err.message);
      send(res, f.status, reply.faultBody(f.fault));
      return;
    }
    const clockLocked = opts.clockNeedsAuth === true && req.op === 'GetSystemDateAndTime';
    const auth: AuthResult =
      PRE_AUTH.has(req.op) && where.service === 'device' && !clockLocked
        ? { ok: true, auth: 'none' }
        : authorize(http, req);
    if (!auth.ok) {
      rejections.push({
        at: Date.now(),
        service: where.service,
        op: req.op,
        reason: auth.reason,
        status: auth.status,
      });
      const headers: Record<string, string[]> =
        auth.status === 401 ? { 'WWW-Authenticate': digest.challenges(auth.stale ?? false) } : {};
      if (clockLocked && auth.status === 401) {
        res.writeHead(401, { 'Content-Type': 'text/html', ...headers });
        res.end(HTML_401);
      } else send(res, auth.status, reply.faultBody(auth.fault.fault), headers);
      return;
    }
    const call: FakeOnvifCall = {
      at: Date.now(),
      service: where.service,
      op: req.op,
      auth: auth.auth,
      args: {},
    };
    calls.push(call);
    try {
      const done =
        where.pullPoint !== undefined
          ? await pullPointOp(req, where.pullPoint)
          : where.service === 'device'
            ? deviceOp(req)
            : where.service === 'media'
              ? mediaOp(req)
              : where.service === 'ptz'
                ? ptzOp(req)
                : eventsOp(req);
      if (done.profile) call.profile = done.profile;
      call.args = done.args ?? {};
      send(res, 200, done.body);
    } catch (err) {
      if (!(err instanceof FaultError)) throw err;
      call.fault = err.fault.reason;
      send(res, err.status, reply.faultBody(err.fault));
    }
  }

  const server = createServer((http, res) => {
    handle(http, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.httpPort ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  httpPort = (server.address() as AddressInfo).port;

  let discovery: WsDiscoveryResponder;
  try {
    discovery = await WsDiscoveryResponder.start(host, opts.discoveryPort ?? 0, () => ({
      endpoint,
      xaddr: addresses().device,
      scopes,
      answers: opts.discoveryAnswers ?? ['NetworkVideoTransmitter', 'Device', 'none'],
    }));
  } catch (err) {
    server.close();
    throw err;
  }

  return {
    host,
    httpPort,
    discoveryPort: discovery.port,
    xaddr: `http://${host}:${httpPort}${PATHS.device}`,
    endpoint,
    user,
    pass,
    calls: () => calls.map((c) => ({ ...c, args: { ...c.args } })),
    rejections: () => rejections.map((r) => ({ ...r })),
    probes: () => discovery.probes(),
    presets: () => presetList.map((p) => ({ ...p })),
    clock: () => clock.state(),
    setClockOffset: (ms) => clock.setOffset(ms),
    setTimeZone: (tz) => clock.setTimeZone(tz),
    setNtp: (on) => clock.setNtp(on),
    expireDigestNonces: () => digest.expireNonces(),
    emitEvent: (
      topic,
      data,
      source = { VideoSourceConfigurationToken: 'VideoSourceConfigToken' },
    ) => pullPoints.emit({ topic, data, source, utcMs: clock.nowMs(), operation: 'Changed' }),
    close: async () => {
      pullPoints.close();
      server.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        discovery.close(),
      ]);
    },
  };
}
