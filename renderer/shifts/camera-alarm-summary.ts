// The handover's picture and clock alarms in a few words: how many of each kind, and the
// longest (an hour of a covered camera matters more than ten 5-second freezes).
import type { CameraAlarmKind } from '../../electron/contract/camera-alarms';
import type { HandoverCameraAlarm } from '../../electron/contract/shift-schemas';

const ORDER: readonly CameraAlarmKind[] = [
  'black',
  'frozen',
  'covered',
  'scene',
  'clock',
  'timezone',
];

export function countsByKind(
  alarms: readonly HandoverCameraAlarm[],
): { kind: CameraAlarmKind; count: number }[] {
  const counts = new Map<CameraAlarmKind, number>();
  for (const a of alarms) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  return ORDER.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}

/** The longest alarm (the earliest of equals), or null for none. */
export function longestAlarm(alarms: readonly HandoverCameraAlarm[]): HandoverCameraAlarm | null {
  let best: HandoverCameraAlarm | null = null;
  for (const a of alarms)
    if (
      !best ||
      a.durationMs > best.durationMs ||
      (a.durationMs === best.durationMs && a.startMs < best.startMs)
    )
      best = a;
  return best;
}
