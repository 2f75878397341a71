// What a camera's own ONVIF event means for the station: a picture alarm of one kind
// going on or off, motion (evidence the picture is live), or a topic we do not use.
// Vendors prefix topics differently (`tns1:`, `tnsaxis:`, a RuleEngine path before the
// detector), so topics are matched by their path segments with prefixes stripped.
import type { PictureAlarmKind } from '../../contract/camera-alarms';

export type TopicEffect =
  | { type: 'alarm'; kind: PictureAlarmKind; active: boolean }
  | { type: 'motion'; active: boolean }
  /** A topic we do not map; logged once per camera. */
  | { type: 'unknown' }
  /** A topic we map whose message carries no readable on/off value. */
  | { type: 'unreadable' };

interface TopicRule {
  /** Consecutive segments that must appear in the topic path, in order. */
  segments: string[];
  /** The effect when the value is known. */
  effect: { type: 'alarm'; kind: PictureAlarmKind } | { type: 'motion' };
  /** Data item names that carry the on/off value, most specific first. */
  keys: string[];
}

const RULES: TopicRule[] = [
  { segments: ['TamperDetector', 'Tamper'], effect: alarm('scene'), keys: ['IsTamper'] },
  { segments: ['GlobalSceneChange'], effect: alarm('scene'), keys: ['State'] },
  { segments: ['ImageTooBlurry'], effect: alarm('covered'), keys: ['State'] },
  { segments: ['ImageTooDark'], effect: alarm('black'), keys: ['State'] },
  { segments: ['SignalLoss'], effect: alarm('black'), keys: ['State'] },
  { segments: ['VideoLoss'], effect: alarm('black'), keys: ['State'] },
  {
    segments: ['CellMotionDetector', 'Motion'],
    effect: { type: 'motion' },
    keys: ['IsMotion'],
  },
  { segments: ['MotionAlarm'], effect: { type: 'motion' }, keys: ['State'] },
];

function alarm(kind: PictureAlarmKind): TopicRule['effect'] {
  return { type: 'alarm', kind };
}

/** `tns1:RuleEngine/tnsaxis:TamperDetector/Tamper` → ['RuleEngine', 'TamperDetector', 'Tamper']. */
export function topicSegments(topic: string): string[] {
  return topic
    .trim()
    .split('/')
    .map((s) => s.slice(s.lastIndexOf(':') + 1).trim())
    .filter((s) => s.length > 0);
}

function containsRun(path: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= path.length; i++) {
    if (run.every((s, j) => path[i + j]!.toLowerCase() === s.toLowerCase())) return true;
  }
  return false;
}

/** 'true'/'false' and '1'/'0' in any case; anything else is not an on/off value. */
export function onOff(value: string | undefined): boolean | null {
  const v = value?.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

function readValue(keys: string[], data: Record<string, string>): boolean | null {
  for (const key of keys) {
    const hit = Object.keys(data).find((k) => k.toLowerCase() === key.toLowerCase());
    if (hit !== undefined) return onOff(data[hit]);
  }
  // Some firmwares name the item differently; a message with a single on/off item is unambiguous.
  const values = Object.values(data)
    .map(onOff)
    .filter((v) => v !== null);
  return values.length === 1 ? values[0]! : null;
}

/**
 * The effect of one notification. `deleted` (PropertyOperation "Deleted") means the
 * property is gone, so whatever it raised is off.
 */
export function topicEffect(
  topic: string,
  data: Record<string, string>,
  deleted = false,
): TopicEffect {
  const path = topicSegments(topic);
  const rule = RULES.find((r) => containsRun(path, r.segments));
  if (!rule) return { type: 'unknown' };
  const active = deleted ? false : readValue(rule.keys, data);
  if (active === null) return { type: 'unreadable' };
  return rule.effect.type === 'alarm'
    ? { type: 'alarm', kind: rule.effect.kind, active }
    : { type: 'motion', active };
}
