// ONVIF: finding cameras on the station's network, adding one in a step, and each camera's clock
// against the station's (footage stamped hours off is worthless in court).
import { z } from 'zod';
import { none, type ChannelMap, type EventMap } from './channel-spec';
import { Camera, Hostname, Id, requiredText, secret, text } from './schemas';

const ms = z.number().int();
const port = z.number().int().min(1).max(65535);

/** An ONVIF device service URL (http only: cameras on a station LAN do not speak https ONVIF). */
export const OnvifXaddr = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s/?#]+(:\d{1,5})?(\/[^\s]*)?$/i, 'invalid_onvif_address');

export const DiscoverRequest = z
  .object({
    /** Probe this address directly (unicast) instead of the LAN sweep: cameras in other subnets. */
    target: z
      .object({ host: Hostname, port: port.default(3702) })
      .strict()
      .optional(),
    timeoutMs: z.number().int().min(1000).max(5000).default(3000),
  })
  .strict();
export type DiscoverRequest = z.input<typeof DiscoverRequest>;

export const DiscoveredDevice = z.object({
  /** WS-Discovery EndpointReference (urn:uuid:…): the device's identity across IP changes. */
  endpoint: z.string(),
  host: z.string(),
  /** Device service URLs the device gave (first one is used). */
  xaddrs: z.array(z.string()),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  name: z.string().nullable(),
  /** Whether reading profiles needs an account: null when the device was not asked. */
  needsCredentials: z.boolean().nullable(),
  /** The camera already added from this device (by endpoint, else by host), or null. */
  cameraId: Id.nullable(),
  /** The interface address the reply came in on, or 'direct' for a probe at an address. */
  via: z.string(),
});
export type DiscoveredDevice = z.infer<typeof DiscoveredDevice>;

/** How far a camera's clock is from the station's, and whether its time zone is Vietnam's. */
export const ClockLevel = z.enum(['ok', 'warning', 'alarm', 'unknown']);
export type ClockLevel = z.infer<typeof ClockLevel>;

export const CameraClock = z.object({
  cameraId: Id,
  /** When it was read (station clock, UTC ms). */
  at: ms,
  /** Camera UTC − station UTC; null when the camera could not be read. */
  offsetMs: ms.nullable(),
  /** ± this much (half the round trip, plus the camera's whole-second resolution). */
  uncertaintyMs: ms.nullable(),
  /** The camera's TZ string as it reports it (e.g. "ICT-7"), null when not given. */
  tz: z.string().nullable(),
  /** True when the camera's local time is UTC+7 (Vietnam); null when not known. */
  tzOk: z.boolean().nullable(),
  /** True when the camera sets its clock by NTP. */
  ntp: z.boolean().nullable(),
  level: ClockLevel,
  /** Why it could not be read (auth_failed, unreachable, time_check, not_onvif, fault). */
  error: z.string().nullable(),
});
export type CameraClock = z.infer<typeof CameraClock>;

export const OnvifProfile = z.object({
  token: z.string(),
  name: z.string(),
  codec: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  fps: z.number().nullable(),
  hasPtz: z.boolean(),
});
export type OnvifProfile = z.infer<typeof OnvifProfile>;

export const OnvifHint = z.enum([
  /** Hikvision: ONVIF is off by default and has its own user list. */
  'hikvision_onvif_user',
  /** Dahua: WS-Security time check failed; the camera's clock is far off. */
  'dahua_time_check',
  /** The camera writes local time into its UTC field. */
  'local_time_as_utc',
  /** A DVR/NVR channel: set the clock on the recorder. */
  'recorder_channel',
]);
export type OnvifHint = z.infer<typeof OnvifHint>;

const Credentials = {
  xaddr: OnvifXaddr,
  username: text(64),
  password: secret(),
};

export const OnvifInspection = z.object({
  device: z.object({
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    firmware: z.string().nullable(),
    serial: z.string().nullable(),
    endpoint: z.string().nullable(),
  }),
  clock: CameraClock.omit({ cameraId: true }),
  profiles: z.array(OnvifProfile),
  suggested: z.object({ main: z.string().nullable(), sub: z.string().nullable() }),
  hints: z.array(OnvifHint),
});
export type OnvifInspection = z.infer<typeof OnvifInspection>;

export const OnvifAddRequest = z
  .object({
    ...Credentials,
    endpoint: z.string().max(200).nullable().default(null),
    name: requiredText(80),
    location: text(160).default(''),
    group: text(80).default(''),
    mainProfile: z.string().min(1).max(64),
    subProfile: z.string().min(1).max(64).nullable().default(null),
  })
  .strict();
export type OnvifAddRequest = z.input<typeof OnvifAddRequest>;

export const onvifChannels = {
  /** The devices that answer a WS-Discovery probe (the LAN sweep, or one address). */
  'onvif.discover': {
    request: DiscoverRequest,
    response: z.array(DiscoveredDevice),
    access: 'commander',
  },
  /** With an account: device, clock, profiles and the suggested main/sub streams. */
  'onvif.inspect': {
    request: z.object(Credentials).strict(),
    response: OnvifInspection,
    access: 'commander',
  },
  /** Creates the camera (main and sub stream) from the chosen profiles in one step; audited. */
  'onvif.add': { request: OnvifAddRequest, response: Camera, access: 'commander' },
  /** The last clock reading of every ONVIF camera. */
  'camera.clocks': { request: none, response: z.array(CameraClock), access: 'session' },
  /** Reads one camera's clock now. */
  'camera.clockCheck': {
    request: z.object({ cameraId: Id }).strict(),
    response: CameraClock,
    access: 'officer',
  },
  /**
   * Sets the camera's clock (and time zone) from the station's; audited with before/after.
   * A camera on NTP is switched to manual only when switchFromNtp is true.
   */
  'camera.setClock': {
    request: z.object({ cameraId: Id, switchFromNtp: z.boolean().default(false) }).strict(),
    response: CameraClock,
    access: 'commander',
  },
} as const satisfies ChannelMap;

export const onvifEvents = {
  /** A camera's clock was read (hourly, on demand, after a set). */
  'camera.clock': CameraClock,
} as const satisfies EventMap;
