// The discovery dialog's pure parts: devices found (new ones first, by address), which are
// already added, profile labels, the address an officer types, and vendor hints.
import type { Camera } from '../../electron/contract/schemas';
import type { DiscoveredDevice, OnvifHint, OnvifProfile } from '../../electron/contract/onvif';
import type { MessageKey } from '../i18n/translate';

export interface DiscoveryRow {
  device: DiscoveredDevice;
  /** The camera already added from it (main matched it by endpoint, else by host). */
  addedAs: Camera | null;
  added: boolean;
}

/** "192.168.1.9" before "192.168.1.10"; names (not IPs) after, alphabetically. */
function addressKey(host: string): string {
  const parts = host.split('.');
  if (parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p)))
    return `0${parts.map((p) => p.padStart(3, '0')).join('.')}`;
  return `1${host.toLowerCase()}`;
}

/** Devices from several probes (the sweep, then "Tìm tại địa chỉ") as one list, newest answer wins. */
export function mergeDevices(
  known: readonly DiscoveredDevice[],
  found: readonly DiscoveredDevice[],
): DiscoveredDevice[] {
  const byEndpoint = new Map(known.map((d) => [d.endpoint, d]));
  for (const d of found) byEndpoint.set(d.endpoint, d);
  return [...byEndpoint.values()];
}

export function discoveryRows(
  devices: readonly DiscoveredDevice[],
  cameras: readonly Camera[],
): DiscoveryRow[] {
  const byId = new Map(cameras.map((c) => [c.id, c]));
  return devices
    .map((device) => {
      const addedAs = device.cameraId ? (byId.get(device.cameraId) ?? null) : null;
      // A camera id main named but the list does not have yet still counts as added.
      return { device, addedAs, added: device.cameraId !== null };
    })
    .sort(
      (a, b) =>
        Number(a.added) - Number(b.added) ||
        addressKey(a.device.host).localeCompare(addressKey(b.device.host)),
    );
}

/** "192.168.1.64" or "192.168.1.64:3702" or "cam.local:8899" → a probe target; null when not an address. */
export function parseProbeTarget(input: string): { host: string; port?: number } | null {
  const m = /^\s*([A-Za-z0-9.-]+)(?::(\d{1,5}))?\s*$/.exec(input);
  if (!m?.[1] || m[1].startsWith('.') || m[1].endsWith('.')) return null;
  if (m[2] === undefined) return { host: m[1] };
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1], port } : null;
}

/** "H.265", "H.264", "MJPEG" from what ONVIF names the encoding. */
export function codecLabel(codec: string | null): string {
  if (!codec) return '';
  const c = codec.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (c === 'H265' || c === 'HEVC') return 'H.265';
  if (c === 'H264' || c === 'AVC') return 'H.264';
  if (c === 'JPEG' || c === 'MJPEG') return 'MJPEG';
  return codec;
}

/** "Profile_1 · 1920×1080 · H.265 · 25 fps" for a profile select. */
export function profileLabel(p: OnvifProfile): string {
  const parts = [p.name || p.token];
  if (p.width && p.height) parts.push(`${p.width}×${p.height}`);
  const codec = codecLabel(p.codec);
  if (codec) parts.push(codec);
  if (p.fps) parts.push(`${Math.round(p.fps * 10) / 10} fps`);
  return parts.join(' · ');
}

/** Profiles a camera stream can use (MJPEG is not recorded), largest first. */
export function streamProfiles(profiles: readonly OnvifProfile[]): OnvifProfile[] {
  return profiles
    .filter((p) => codecLabel(p.codec) !== 'MJPEG')
    .sort((a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0));
}

export const HINT_TEXT: Record<OnvifHint, MessageKey> = {
  hikvision_onvif_user: 'discovery.hint.hikvision_onvif_user',
  dahua_time_check: 'discovery.hint.dahua_time_check',
  local_time_as_utc: 'discovery.hint.local_time_as_utc',
  recorder_channel: 'discovery.hint.recorder_channel',
};

export type Vendor = 'hikvision' | 'dahua' | null;

export function vendorOf(manufacturer: string | null): Vendor {
  const m = (manufacturer ?? '').toLowerCase();
  if (/hikvision|hik-?connect|hiwatch|ezviz/.test(m)) return 'hikvision';
  if (/dahua|imou|kbvision/.test(m)) return 'dahua';
  return null;
}

/**
 * Hints for a failed sign-in: main's hints when it gave some, else what the vendor's
 * known trouble suggests (Hikvision's separate ONVIF account, Dahua's time check).
 */
export function failureHints(reason: string | null, vendor: Vendor): OnvifHint[] {
  if (reason === 'time_check') return ['dahua_time_check'];
  if (reason === 'auth_failed' && vendor === 'hikvision') return ['hikvision_onvif_user'];
  return [];
}

const ERROR_TEXT: Record<string, MessageKey> = {
  auth_failed: 'discovery.error.auth_failed',
  time_check: 'discovery.error.time_check',
  unreachable: 'discovery.error.unreachable',
  not_onvif: 'discovery.error.not_onvif',
  fault: 'discovery.error.fault',
};

/** The sentence for a failed probe, inspect or add, by main's reason; null → the generic error text. */
export function discoveryErrorKey(reason: string | null): MessageKey | null {
  return reason ? (ERROR_TEXT[reason] ?? null) : null;
}
