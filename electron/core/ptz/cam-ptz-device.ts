// A PtzDevice over the onvif library's Cam, for a camera's ONVIF address and
// credentials. The library writes preset names and tokens into its XML as given:
// names are escaped here and tokens checked (ptz-xml.ts) before every call.
// Cam options: the library's defaults (120 s timeout, connect in the
// constructor, the service addresses the camera reports) do not fit a duty room.
import { Cam } from 'onvif';
import type { CamProfile, RequestCallback } from 'onvif';
import type { DevicePreset, PtzDevice, PtzVelocity } from './ptz-device';
import { checkPresetToken, escapeXmlText, isPresetToken } from './ptz-xml';

export interface OnvifAccess {
  /** The device service address, e.g. http://192.168.1.64/onvif/device_service. */
  xaddr: string;
  username: string;
  password: string;
  /** The profile whose PTZ configuration to drive; default: the first profile that has one. */
  profileToken?: string | null;
  timeoutMs?: number;
}

type Reply = { data: unknown; xml: string };

/** Runs one callback-style Cam call as a promise. */
function ask(call: (cb: RequestCallback) => void): Promise<Reply> {
  return new Promise((resolve, reject) =>
    call((err, data, xml) => (err ? reject(err) : resolve({ data, xml: xml ?? '' }))),
  );
}

/** The library's PresetToken is in the reply's XML (prefixes vary by firmware). */
const PRESET_TOKEN_REPLY = /<(?:[\w-]+:)?PresetToken>\s*([^<\s]+)\s*<\//;
/** A <Preset token="…"> element and the name inside it. */
const PRESET_ELEMENT =
  /<(?:[\w-]+:)?Preset\b[^>]*\btoken="([^"]*)"[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?Preset>/g;
const NAME_ELEMENT = /<(?:[\w-]+:)?Name>([\s\S]*?)<\/(?:[\w-]+:)?Name>/;

const XML_ENTITY: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
const unescapeXml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (XML_ENTITY[e] ?? ''),
  );

/**
 * Presets from a GetPresetsResponse. Parsed here from the XML because the library
 * keys its result by name, so two presets of the same (mangled) name collapse.
 */
export function parsePresets(xml: string): DevicePreset[] {
  const out: DevicePreset[] = [];
  for (const m of xml.matchAll(PRESET_ELEMENT)) {
    const token = unescapeXml(m[1] ?? '');
    if (!isPresetToken(token)) continue;
    const name = NAME_ELEMENT.exec(m[2] ?? '')?.[1];
    out.push({ token, name: name === undefined ? token : unescapeXml(name).trim() });
  }
  return out;
}

function ptzProfileOf(profiles: CamProfile[], wanted?: string | null): CamProfile | undefined {
  const token = (p: CamProfile): string | undefined =>
    (p.$ as { token?: string } | undefined)?.token;
  if (wanted) return profiles.find((p) => token(p) === wanted && p.PTZConfiguration);
  return profiles.find((p) => p.PTZConfiguration);
}

/** Connects; null when the camera has no profile with PTZ. */
export async function openCamPtzDevice(access: OnvifAccess): Promise<PtzDevice | null> {
  const url = new URL(access.xaddr);
  const cam = new Cam({
    hostname: url.hostname,
    port: url.port ? Number(url.port) : 80,
    path: url.pathname,
    username: access.username,
    password: access.password,
    timeout: access.timeoutMs ?? 5000,
    autoconnect: false,
    preserveAddress: true,
  });
  await ask((cb) => cam.connect(cb));
  const profile = ptzProfileOf(cam.profiles ?? [], access.profileToken);
  if (!profile) return null;
  const profileToken = checkPresetToken(String((profile.$ as { token: string }).token));
  const config = profile.PTZConfiguration as Record<string, unknown>;
  // A configuration that names its default spaces tells what it can do; one that names none is assumed to do both.
  const namesSpaces =
    'defaultContinuousPanTiltVelocitySpace' in config ||
    'defaultContinuousZoomVelocitySpace' in config;
  return new CamPtzDevice(
    cam,
    profileToken,
    !namesSpaces || 'defaultContinuousPanTiltVelocitySpace' in config,
    !namesSpaces || 'defaultContinuousZoomVelocitySpace' in config,
  );
}

class CamPtzDevice implements PtzDevice {
  constructor(
    private readonly cam: Cam,
    private readonly profileToken: string,
    readonly panTilt: boolean,
    readonly zoom: boolean,
  ) {}

  async continuousMove(v: PtzVelocity, timeoutMs: number): Promise<void> {
    await ask((cb) =>
      this.cam.continuousMove(
        {
          profileToken: this.profileToken,
          x: v.pan,
          y: v.tilt,
          zoom: v.zoom,
          timeout: timeoutMs,
          // Some domes refuse a zoom vector they do not have, or a pan/tilt one.
          ...(this.panTilt ? {} : { onlySendZoom: true }),
          ...(this.zoom ? {} : { onlySendPanTilt: true }),
        },
        cb,
      ),
    );
  }

  async stop(): Promise<void> {
    await ask((cb) =>
      this.cam.stop({ profileToken: this.profileToken, panTilt: true, zoom: true }, cb),
    );
  }

  async getPresets(): Promise<DevicePreset[]> {
    const { xml } = await ask((cb) => this.cam.getPresets({ profileToken: this.profileToken }, cb));
    return parsePresets(xml);
  }

  async gotoPreset(token: string): Promise<void> {
    const preset = checkPresetToken(token);
    await ask((cb) => this.cam.gotoPreset({ profileToken: this.profileToken, preset }, cb));
  }

  async setPreset(token: string | null, name: string): Promise<string> {
    const { xml } = await ask((cb) =>
      this.cam.setPreset(
        {
          profileToken: this.profileToken,
          presetName: escapeXmlText(name),
          ...(token === null ? {} : { presetToken: checkPresetToken(token) }),
        },
        cb,
      ),
    );
    const saved = PRESET_TOKEN_REPLY.exec(xml)?.[1] ?? token;
    if (saved === null) throw new Error('SetPreset reply without a PresetToken');
    return checkPresetToken(unescapeXml(saved));
  }

  async removePreset(token: string): Promise<void> {
    const presetToken = checkPresetToken(token);
    await ask((cb) => this.cam.removePreset({ profileToken: this.profileToken, presetToken }, cb));
  }
}
