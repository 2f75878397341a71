// Domain schemas shared by main and renderer. Types are derived from these
// schemas (z.infer) so validation and types cannot drift apart.
import { z } from 'zod';
import { singleLine } from './safe-text';

export const Id = z.string().min(1).max(64);

// Every free-text field goes through singleLine: no control or bidi characters.
export const text = (max: number) => singleLine(z.string().trim().max(max));
export const requiredText = (max: number) => singleLine(z.string().trim().min(1).max(max));
/** Passwords keep spaces as typed; controls could still reach an ffmpeg argument. */
export const secret = () => singleLine(z.string().max(128));

/** rtsp:// or rtsps:// URL without embedded credentials (they travel separately). */
export const RtspUrl = singleLine(
  z
    .string()
    .trim()
    .max(1000)
    .regex(/^rtsps?:\/\/[^\s/?#]+(:\d{1,5})?(\/[^\s]*)?$/i, 'invalid_rtsp_url'),
);

export const Hostname = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'invalid_host');

export const StreamKind = z.enum(['main', 'sub']);
export type StreamKind = z.infer<typeof StreamKind>;

export const Vendor = z.enum(['hikvision', 'dahua', 'generic']);
export type Vendor = z.infer<typeof Vendor>;

/** Where a camera's pictures come from: a real RTSP device or a built-in demo source. */
export const CameraSourceKind = z.enum(['rtsp', 'demo']);

export const Camera = z.object({
  id: Id,
  // Plain strings on the way out: a row stored before the input rule must still list.
  name: z.string(),
  location: z.string(),
  group: z.string(),
  source: CameraSourceKind,
  /** Main-stream URL without credentials. For demo cameras: demo://<n>. */
  mainUrl: z.string(),
  /** Sub-stream URL without credentials; null when the camera has only one stream. */
  subUrl: z.string().nullable(),
  username: z.string().nullable(),
  /** True when a password is stored (encrypted). The password itself never leaves main. */
  hasPassword: z.boolean(),
  recorderId: Id.nullable(),
  channel: z.number().int().min(1).max(256).nullable(),
  enabled: z.boolean(),
  createdAt: z.number().int(),
});
export type Camera = z.infer<typeof Camera>;

export const CameraInput = z.object({
  name: requiredText(80),
  location: text(160).default(''),
  group: text(80).default(''),
  mainUrl: RtspUrl,
  subUrl: RtspUrl.nullable().default(null),
  username: text(64).nullable().default(null),
  password: secret().nullable().default(null),
});
export type CameraInput = z.input<typeof CameraInput>;

export const CameraUpdate = z.object({
  id: Id,
  name: requiredText(80).optional(),
  location: text(160).optional(),
  group: text(80).optional(),
  mainUrl: RtspUrl.optional(),
  subUrl: RtspUrl.nullable().optional(),
  username: text(64).nullable().optional(),
  /** undefined = keep the stored password; null = remove it; string = replace it. */
  password: secret().nullable().optional(),
  enabled: z.boolean().optional(),
});
export type CameraUpdate = z.input<typeof CameraUpdate>;

export const RecorderInput = z.object({
  vendor: Vendor,
  host: Hostname,
  port: z.number().int().min(1).max(65535).default(554),
  username: text(64).nullable().default(null),
  password: secret().nullable().default(null),
  channels: z.number().int().min(1).max(128),
  /**
   * Only for vendor 'generic' (optional): per-channel path with {ch} (1, 2 …) or
   * {ch2} (01, 02 …), e.g. "/ch{ch2}/main". Defaults: see contract/camera-urls.ts.
   */
  mainPath: singleLine(z.string().trim().min(1).max(300)).optional(),
  /** As mainPath, for the sub-stream; null = the recorder has no sub-stream. */
  subPath: singleLine(z.string().trim().min(1).max(300)).nullable().optional(),
  name: requiredText(80),
  location: text(160).default(''),
  group: text(80).default(''),
});
export type RecorderInput = z.input<typeof RecorderInput>;

export const ProbeRequest = z.union([
  z.object({ cameraId: Id, stream: StreamKind.default('main') }),
  z.object({
    url: RtspUrl,
    username: text(64).nullable().default(null),
    password: secret().nullable().default(null),
  }),
]);
export type ProbeRequest = z.input<typeof ProbeRequest>;

/** Why a stream failed, as the officer needs to know it. Each kind has a locale message. */
export const StreamErrorKind = z.enum([
  'auth',
  'unreachable',
  'timeout',
  'not_found',
  'unsupported_codec',
  'bad_stream',
  'no_data',
  'ffmpeg_missing',
  /** The camera's stored address or account cannot be passed to ffmpeg (e.g. a control character). */
  'bad_config',
  'unknown',
]);
export type StreamErrorKind = z.infer<typeof StreamErrorKind>;

export const ProbeResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    codec: z.string(),
    /** MSE codec string, e.g. avc1.64001f or hvc1.1.6.L93.B0 */
    codecString: z.string().nullable(),
    width: z.number().int(),
    height: z.number().int(),
    fps: z.number().nullable(),
  }),
  z.object({ ok: z.literal(false), errorKind: StreamErrorKind, detail: z.string() }),
]);
export type ProbeResult = z.infer<typeof ProbeResult>;

export const StreamState = z.enum([
  'idle',
  'connecting',
  'live',
  'reconnecting',
  'offline',
  'auth_failed',
]);
export type StreamState = z.infer<typeof StreamState>;

export const StreamStatus = z.object({
  cameraId: Id,
  stream: StreamKind,
  state: StreamState,
  /** UTC ms since the stream has been in this state (for "offline since HH:mm"). */
  since: z.number().int(),
  errorKind: StreamErrorKind.nullable(),
  /** Next retry, UTC ms, when waiting in backoff. */
  retryAt: z.number().int().nullable(),
});
export type StreamStatus = z.infer<typeof StreamStatus>;

export const Outage = z.object({
  id: z.number().int(),
  cameraId: Id,
  stream: StreamKind,
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  errorKind: StreamErrorKind.nullable(),
});
export type Outage = z.infer<typeof Outage>;

export const LayoutKind = z.enum(['1', '4', '6', '8', '9', '16', '25', '36']);
export type LayoutKind = z.infer<typeof LayoutKind>;

export const Layout = z.object({
  id: Id,
  name: requiredText(60),
  kind: LayoutKind,
  /** One entry per tile, in tile order; null = empty tile. */
  tiles: z.array(Id.nullable()).max(36),
  updatedAt: z.number().int(),
});
export type Layout = z.infer<typeof Layout>;

export const LayoutInput = z.object({
  id: Id.optional(),
  name: requiredText(60),
  kind: LayoutKind,
  tiles: z.array(Id.nullable()).max(36),
});
export type LayoutInput = z.input<typeof LayoutInput>;

export const Language = z.enum(['vi', 'en']);
export type Language = z.infer<typeof Language>;

export const Settings = z.object({
  language: Language,
  alertMuted: z.boolean(),
  tourIntervalSec: z.number().int().min(3).max(600),
  /** Empty = automatic lookup (bundled, then PATH). */
  ffmpegPath: singleLine(z.string().max(1000)),
  stationName: text(120),
  lastLayoutId: Id.nullable(),
  /** The screen locks after this many minutes without input; 0 = never. */
  idleLockMinutes: z.number().int().min(0).max(240),
  /** A new incident's range starts this long before the keystroke… */
  incidentBeforeSec: z.number().int().min(0).max(3600),
  /** …and ends this long after it. */
  incidentAfterSec: z.number().int().min(1).max(3600),
});
export type Settings = z.infer<typeof Settings>;
/** A fresh station's settings: main's fallback per key, and the console's first paint (Vietnamese). */
export const DEFAULT_SETTINGS: Settings = {
  language: 'vi',
  alertMuted: false,
  tourIntervalSec: 10,
  ffmpegPath: '',
  stationName: '',
  lastLayoutId: null,
  idleLockMinutes: 10,
  incidentBeforeSec: 120,
  incidentAfterSec: 180,
};
/** Console settings any signed-in officer may change. */
export const SettingsUpdate = Settings.pick({
  language: true,
  alertMuted: true,
  tourIntervalSec: true,
  lastLayoutId: true,
}).partial();
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;
/** Station settings only a commander may change. */
export const StationSettingsUpdate = Settings.pick({
  stationName: true,
  ffmpegPath: true,
  idleLockMinutes: true,
  incidentBeforeSec: true,
  incidentAfterSec: true,
}).partial();
export type StationSettingsUpdate = z.infer<typeof StationSettingsUpdate>;

export const SystemInfo = z.object({
  version: z.string(),
  /** http://127.0.0.1:<port> of the media server. */
  mediaBaseUrl: z.string(),
  /** Per-launch token every media request must carry. */
  mediaToken: z.string(),
  demoMode: z.boolean(),
  dataDir: z.string(),
  ffmpegPath: z.string().nullable(),
  platform: z.string(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

/**
 * Stopping the station service stops recording every camera until it is started
 * again: a commander's decision, with a reason for the audit log and an explicit
 * confirmation in the request itself.
 */
export const StopServiceInput = z
  .object({
    reason: singleLine(z.string().trim().min(5, 'reason_required').max(300, 'too_long')),
    confirm: z.literal(true),
  })
  .strict();
export type StopServiceInput = z.infer<typeof StopServiceInput>;
