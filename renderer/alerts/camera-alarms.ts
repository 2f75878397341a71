// Which cameras' alarms ring, from the open outages main keeps. A camera rings
// while it has an open outage none of whose open outages an officer has
// acknowledged: "Đã biết" silences this outage (even if another of its streams
// notices it later), and only an outage after the camera came back rings again.
import type { OutageAlarm } from '../../electron/contract/outages';

/**
 * A drop shorter than this is a blip the stream recovers from by itself (the
 * supervisor calls a stream offline within 10 s); it shows on the tile, but
 * does not ring.
 */
export const ALARM_AFTER_MS = 10_000;

export interface CameraAlarm {
  cameraId: string;
  /** When the camera's earliest open outage began. */
  since: number;
  /** Its open outages, to acknowledge together. */
  outageIds: number[];
  /** The camera refuses the stored password: the officer checks the account, not the cable. */
  wrongPassword: boolean;
}

/**
 * `registered`: the cameras in the registry. Main closes a removed camera's outages
 * and says so (outage.changed); a camera gone from the registry rings no more,
 * whichever of the two events arrives first.
 */
export function ringingCameras(
  open: readonly OutageAlarm[],
  registered: ReadonlySet<string>,
  now: number,
  afterMs = ALARM_AFTER_MS,
): CameraAlarm[] {
  const byCamera = new Map<string, OutageAlarm[]>();
  for (const o of open) {
    if (o.endedAt !== null || !registered.has(o.cameraId)) continue;
    byCamera.set(o.cameraId, [...(byCamera.get(o.cameraId) ?? []), o]);
  }
  const ringing: CameraAlarm[] = [];
  for (const [cameraId, outages] of byCamera) {
    if (outages.some((o) => o.acknowledged !== null)) continue;
    const since = Math.min(...outages.map((o) => o.startedAt));
    if (now - since < afterMs) continue;
    ringing.push({
      cameraId,
      since,
      outageIds: outages.map((o) => o.id),
      wrongPassword: outages.some((o) => o.errorKind === 'auth'),
    });
  }
  return ringing.sort((a, b) => a.since - b.since || a.cameraId.localeCompare(b.cameraId));
}
