// Which picture and clock alarms show as cards, and what each says. Like an outage,
// an alarm shows until an officer says "Đã biết" (main keeps that) or it closes; a
// picture alarm keeps the loop ringing, a clock alarm chimes once when it opens.
import type { CameraAlarmEntry, CameraAlarmKind } from '../../electron/contract/camera-alarms';
import type { MessageKey } from '../i18n/translate';

export const CARD_TEXT: Record<CameraAlarmKind, MessageKey> = {
  black: 'pictureAlarm.black',
  frozen: 'pictureAlarm.frozen',
  covered: 'pictureAlarm.covered',
  scene: 'pictureAlarm.scene',
  clock: 'pictureAlarm.clock',
  timezone: 'pictureAlarm.timezone',
};

/** What the officer should do about it, under the card's text. */
export const CARD_ADVICE: Record<CameraAlarmKind, MessageKey> = {
  black: 'pictureAlarm.blackAdvice',
  frozen: 'pictureAlarm.frozenAdvice',
  covered: 'pictureAlarm.coveredAdvice',
  scene: 'pictureAlarm.sceneAdvice',
  clock: 'pictureAlarm.clockAdvice',
  timezone: 'pictureAlarm.timezoneAdvice',
};

const CLOCK_KINDS: ReadonlySet<CameraAlarmKind> = new Set(['clock', 'timezone']);

export const isClockKind = (kind: CameraAlarmKind) => CLOCK_KINDS.has(kind);

/** Open, unacknowledged alarms of registered cameras, oldest first (picture before clock at a tie). */
export function alarmCards(
  open: readonly CameraAlarmEntry[],
  registered: ReadonlySet<string>,
): CameraAlarmEntry[] {
  return open
    .filter((a) => a.endedAt === null && a.acknowledged === null && registered.has(a.cameraId))
    .sort(
      (a, b) =>
        a.startedAt - b.startedAt ||
        Number(isClockKind(a.kind)) - Number(isClockKind(b.kind)) ||
        a.id - b.id,
    );
}

/** Whether the loop rings: only picture alarms do (a camera that may be blinded right now). */
export const loopsFor = (cards: readonly CameraAlarmEntry[]) =>
  cards.some((a) => !isClockKind(a.kind));

/** Clock alarm ids among the cards not chimed for yet; the caller remembers them after chiming. */
export function newClockAlarms(
  cards: readonly CameraAlarmEntry[],
  chimed: ReadonlySet<number>,
): number[] {
  return cards.filter((a) => isClockKind(a.kind) && !chimed.has(a.id)).map((a) => a.id);
}

/** Open alarm kinds per camera, acknowledged or not (the tile badges stay while the picture is bad). */
export function openKindsByCamera(
  open: readonly CameraAlarmEntry[],
): Map<string, CameraAlarmKind[]> {
  const byCamera = new Map<string, CameraAlarmKind[]>();
  for (const a of open) {
    if (a.endedAt !== null) continue;
    const kinds = byCamera.get(a.cameraId) ?? [];
    if (!kinds.includes(a.kind)) kinds.push(a.kind);
    byCamera.set(a.cameraId, kinds);
  }
  return byCamera;
}
