// Which of a device's media profiles become the camera's main and sub streams,
// and stream URIs made fit to store. Pure.
import type { OnvifProfile } from '../../contract/onvif';

export interface ProfileChoice {
  main: string | null;
  sub: string | null;
  /** The profile PTZ commands go to. */
  ptz: string | null;
}

/** Sub-streams narrower than this are too small for a tile. */
const MIN_SUB_WIDTH = 320;

/** H.264/H.265 only: MJPEG profiles are neither recorded nor shown. */
export function isVideoCodec(codec: string | null): boolean {
  return codec !== null && /^(h\.?264|h\.?265|hevc|avc)$/i.test(codec.trim());
}

const area = (p: OnvifProfile): number => (p.width ?? 0) * (p.height ?? 0);

/** Main = the largest H.264/H.265 profile; sub = the smallest other one at least 320 px wide. */
export function chooseProfiles(profiles: readonly OnvifProfile[]): ProfileChoice {
  const video = profiles.filter((p) => isVideoCodec(p.codec));
  const bySize = [...video].sort((a, b) => area(b) - area(a));
  const main = bySize[0] ?? null;
  const subs = bySize.filter((p) => p !== main && (p.width ?? 0) >= MIN_SUB_WIDTH);
  const sub = subs[subs.length - 1] ?? null;
  const ptz = (main?.hasPtz ? main : profiles.find((p) => p.hasPtz)) ?? null;
  return { main: main?.token ?? null, sub: sub?.token ?? null, ptz: ptz?.token ?? null };
}

/**
 * A stream URI fit to store: the device's host where it named an unusable one
 * (0.0.0.0, or a factory/NAT address other than the one we reached it on), and
 * no credentials inside (the camera registry keeps them apart, sealed).
 */
export function repairStreamUri(uri: string, deviceHost: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return uri;
  }
  url.username = '';
  url.password = '';
  if (url.hostname !== deviceHost) url.hostname = deviceHost;
  return url.toString();
}
