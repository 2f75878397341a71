// ONVIF devices: finding them (the LAN sweep or one address), reading what one
// offers with an account, and adding it as a camera (main and sub stream) in one
// step. Keeps which camera came from which device, and each camera's client.
import { ApiError } from '../../contract/errors';
import type {
  DiscoveredDevice,
  OnvifHint,
  OnvifInspection,
  OnvifProfile,
} from '../../contract/onvif';
import type { Camera } from '../../contract/schemas';
import type { CameraService, ParsedCameraInput } from '../cameras/camera-service';
import type { Database } from '../db/database';
import { silentLogger, type Logger } from '../logging/logger';
import { estimateClock } from './clock-reading';
import { OnvifClient, OnvifError, type OnvifErrorKind, type OnvifTarget } from './onvif-client';
import { chooseProfiles, repairStreamUri } from './profile-choice';
import type { WsDiscovery, DiscoveryReply } from './ws-discovery';

export interface DiscoverInput {
  target?: { host: string; port: number } | undefined;
  timeoutMs: number;
}

export interface InspectInput {
  xaddr: string;
  username: string;
  password: string;
}

export interface AddInput extends InspectInput {
  endpoint: string | null;
  name: string;
  location: string;
  group: string;
  mainProfile: string;
  subProfile: string | null;
}

/** A camera added from an ONVIF device (the onvif_devices row). */
export interface OnvifDevice {
  cameraId: string;
  endpoint: string | null;
  xaddr: string;
  username: string | null;
  manufacturer: string | null;
  model: string | null;
  mainProfile: string;
  subProfile: string | null;
  ptzProfile: string | null;
  addedAt: number;
}

export interface OnvifDeviceServiceDeps {
  db: Database;
  cameras: Pick<CameraService, 'add' | 'list' | 'credentials'>;
  discovery: WsDiscovery;
  /** Builds a client (tests may wrap it). */
  newClient?: (target: OnvifTarget) => OnvifClient;
  /** A camera was just added from a device (its clock is read now). */
  onAdded?: (cameraId: string) => void;
  now?: () => number;
  logger?: Logger;
}

interface DeviceRow {
  camera_id: string;
  endpoint: string | null;
  xaddr: string;
  username: string | null;
  manufacturer: string | null;
  model: string | null;
  main_profile: string;
  sub_profile: string | null;
  ptz_profile: string | null;
  added_at: number;
}

const toDevice = (r: DeviceRow): OnvifDevice => ({
  cameraId: r.camera_id,
  endpoint: r.endpoint,
  xaddr: r.xaddr,
  username: r.username,
  manufacturer: r.manufacturer,
  model: r.model,
  mainProfile: r.main_profile,
  subProfile: r.sub_profile,
  ptzProfile: r.ptz_profile,
  addedAt: r.added_at,
});

/** How many devices a sweep asks at once whether they need an account. */
const ASK_AT_ONCE = 8;

export class OnvifDeviceService {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly newClient: (target: OnvifTarget) => OnvifClient;
  private readonly clients = new Map<string, OnvifClient>();

  constructor(private readonly deps: OnvifDeviceServiceDeps) {
    this.log = deps.logger ?? silentLogger;
    this.now = deps.now ?? Date.now;
    this.newClient = deps.newClient ?? ((t) => new OnvifClient(t, { now: this.now }));
  }

  async discover(req: DiscoverInput): Promise<DiscoveredDevice[]> {
    let replies: DiscoveryReply[];
    try {
      replies = req.target
        ? await this.deps.discovery.probeAt(req.target.host, req.target.port, req.timeoutMs)
        : await this.deps.discovery.sweep(req.timeoutMs);
    } catch (err) {
      this.log.warn('discovery failed', { err });
      const code = (err as { code?: unknown }).code;
      throw new ApiError(
        'conflict',
        code === 'non_loopback_send' ? 'discovery_loopback_only' : 'discovery_failed',
      );
    }
    const added = await this.addedMatcher();
    const out: DiscoveredDevice[] = [];
    for (let i = 0; i < replies.length; i += ASK_AT_ONCE) {
      const batch = replies.slice(i, i + ASK_AT_ONCE);
      out.push(
        ...(await Promise.all(
          batch.map(async (r) => ({
            endpoint: r.endpoint,
            host: r.host,
            xaddrs: r.xaddrs,
            manufacturer: r.manufacturer,
            model: r.model,
            name: r.name,
            needsCredentials: await this.needsCredentials(r),
            cameraId: added(r.endpoint, r.host),
            via: r.via,
          })),
        )),
      );
    }
    return out.sort((a, b) => a.host.localeCompare(b.host, 'en', { numeric: true }));
  }

  /** With an account: the device, its clock, its profiles and the suggested streams. */
  async inspect(req: InspectInput): Promise<OnvifInspection> {
    const client = this.newClient(req);
    return onvifCall(async () => {
      const read = await client.readClock();
      const clock = estimateClock(read.sdt, read.sentAt, read.receivedAt);
      const device = await client.deviceInfo();
      const profiles = await client.profiles();
      const suggested = chooseProfiles(profiles);
      const hints: OnvifHint[] = [];
      if (!client.wsSecurity) hints.push('dahua_time_check');
      if (clock.localAsUtc) hints.push('local_time_as_utc');
      return {
        device: { ...device, endpoint: null },
        clock: {
          at: read.receivedAt,
          offsetMs: clock.offsetMs,
          uncertaintyMs: clock.uncertaintyMs,
          tz: clock.tz,
          tzOk: clock.tzOk,
          ntp: clock.ntp,
          level: clock.level,
          error: null,
        },
        profiles,
        suggested: { main: suggested.main, sub: suggested.sub },
        hints,
      };
    });
  }

  /** Creates the camera from the chosen profiles and remembers its device. */
  async add(req: AddInput): Promise<Camera> {
    const client = this.newClient(req);
    const host = new URL(req.xaddr).hostname;
    const { profiles, mainUrl, subUrl, info } = await onvifCall(async () => {
      const profiles = await client.profiles();
      const known = (token: string | null): void => {
        if (token !== null && !profiles.some((p) => p.token === token))
          throw new ApiError('invalid_request', 'onvif_no_profile', { mainProfile: token });
      };
      known(req.mainProfile);
      known(req.subProfile);
      const mainUrl = repairStreamUri(await client.streamUri(req.mainProfile), host);
      const subUrl =
        req.subProfile === null
          ? null
          : repairStreamUri(await client.streamUri(req.subProfile), host);
      return { profiles, mainUrl, subUrl, info: await client.deviceInfo() };
    });
    const input: ParsedCameraInput = {
      name: req.name,
      location: req.location,
      group: req.group,
      mainUrl,
      subUrl,
      username: req.username || null,
      password: req.password || null,
    };
    const camera = await this.deps.cameras.add(input);
    await this.deps.db.run(
      `INSERT OR REPLACE INTO onvif_devices (camera_id, endpoint, xaddr, username, manufacturer, model,
         firmware, serial, main_profile, sub_profile, ptz_profile, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        camera.id,
        req.endpoint,
        req.xaddr,
        req.username || null,
        info.manufacturer,
        info.model,
        info.firmware,
        info.serial,
        req.mainProfile,
        req.subProfile,
        ptzProfile(profiles, req.mainProfile),
        this.now(),
      ],
    );
    this.clients.set(camera.id, client);
    this.log.info('camera added from ONVIF', { cameraId: camera.id, xaddr: req.xaddr });
    this.deps.onAdded?.(camera.id);
    return camera;
  }

  async devices(): Promise<OnvifDevice[]> {
    const rows = await this.deps.db.all<DeviceRow>(
      'SELECT * FROM onvif_devices ORDER BY added_at, camera_id',
    );
    return rows.map(toDevice);
  }

  async device(cameraId: string): Promise<OnvifDevice | null> {
    const row = await this.deps.db.get<DeviceRow>(
      'SELECT * FROM onvif_devices WHERE camera_id = ?',
      [cameraId],
    );
    return row ? toDevice(row) : null;
  }

  /** The camera's ONVIF client (one per camera, kept: its clock shift and digest state). */
  async clientFor(cameraId: string): Promise<OnvifClient | null> {
    const cached = this.clients.get(cameraId);
    if (cached) return cached;
    const device = await this.device(cameraId);
    if (!device) return null;
    const { username, password } = await this.deps.cameras.credentials(cameraId);
    const client = this.newClient({ xaddr: device.xaddr, username, password });
    this.clients.set(cameraId, client);
    return client;
  }

  /** The camera's account changed: the next call signs in with the new one. */
  forgetClient(cameraId: string): void {
    this.clients.delete(cameraId);
  }

  /** Drops the device rows of cameras no longer in the registry. */
  async keepOnly(cameraIds: readonly string[]): Promise<void> {
    const keep = new Set(cameraIds);
    for (const d of await this.devices()) {
      if (keep.has(d.cameraId)) continue;
      await this.deps.db.run('DELETE FROM onvif_devices WHERE camera_id = ?', [d.cameraId]);
      this.clients.delete(d.cameraId);
    }
  }

  /** Whether reading the device needs an account: true/false, null when it would not say. */
  private async needsCredentials(r: DiscoveryReply): Promise<boolean | null> {
    const xaddr = r.xaddrs[0];
    if (!xaddr) return null;
    const client = this.newClient({ xaddr, username: null, password: null });
    try {
      await client.deviceInfo();
      return false;
    } catch (err) {
      return err instanceof OnvifError && err.kind === 'auth_failed' ? true : null;
    }
  }

  /** The camera already added from a device: by endpoint, else by host. */
  private async addedMatcher(): Promise<(endpoint: string, host: string) => string | null> {
    const byEndpoint = new Map<string, string>();
    const byHost = new Map<string, string>();
    for (const d of await this.devices()) {
      if (d.endpoint) byEndpoint.set(d.endpoint, d.cameraId);
      byHost.set(hostOf(d.xaddr), d.cameraId);
    }
    for (const c of await this.deps.cameras.list()) {
      const host = hostOf(c.mainUrl);
      if (host && !byHost.has(host)) byHost.set(host, c.id);
    }
    return (endpoint, host) => byEndpoint.get(endpoint) ?? byHost.get(host) ?? null;
  }
}

function ptzProfile(profiles: OnvifProfile[], main: string): string | null {
  const chosen =
    profiles.find((p) => p.token === main && p.hasPtz) ?? profiles.find((p) => p.hasPtz);
  return chosen?.token ?? null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

const ERROR_FIELD: Record<OnvifErrorKind, string> = {
  auth_failed: 'password',
  time_check: 'password',
  unreachable: 'xaddr',
  not_onvif: 'xaddr',
  fault: 'xaddr',
};

/** Runs ONVIF calls; their failures become contract errors naming the field to fix. */
async function onvifCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof OnvifError)) throw err;
    const code = err.kind;
    throw new ApiError('invalid_request', code, { [ERROR_FIELD[err.kind]]: code });
  }
}
