// When a bad picture becomes an alarm, and when the alarm ends. Timed by keyframe
// arrival: a kind is raised after at least two consecutive bad keyframes spanning its
// hold, and cleared after two consecutive good ones (the clear thresholds sit below
// the raise thresholds, so a picture on the edge does not flap). Latency is therefore
// at most one GOP (the first bad keyframe) plus the hold, rounded up to whole GOPs.
// Pure: the watcher feeds measurements, the rules answer which alarms are open.
import type { PictureAlarmKind } from '../../contract/camera-alarms';
import type { TamperCheck } from '../../contract/tamper';

export type TamperChecks = Record<PictureAlarmKind, TamperCheck>;

/** One keyframe's measurements (picture-metrics.ts). */
export interface Observation {
  /** Arrival, monotonic ms. */
  at: number;
  darkFraction: number;
  edgeEnergy: number;
  /** Fraction of cells changed since the previous keyframe; null for the first one. */
  changed: number | null;
  /** Arrival of the previous keyframe (monotonic ms): a picture unchanged since then was frozen from then on. */
  prevAt: number | null;
  /** Fraction of the reference's textured cells that moved; null without a reference. */
  scene: number | null;
}

export type Verdict = 'bad' | 'good' | 'between' | 'unknown';

/** Below this edge energy a picture is covered whatever its reference (a flat grey or blue screen). */
export const COVERED_ABSOLUTE_EDGE = 2;
/** Keyframes arrive a little early or late; a hold is met within this much. */
export const ARRIVAL_JITTER_MS = 500;

/** Checks in the order they hide each other: a black picture is also "frozen" and "covered". */
const PRECEDENCE: readonly PictureAlarmKind[] = ['black', 'covered', 'scene', 'frozen'];
const HIDES: Readonly<Record<PictureAlarmKind, readonly PictureAlarmKind[]>> = {
  black: ['covered', 'scene', 'frozen'],
  // A flat picture has no texture left to tell frozen or turned.
  covered: ['scene', 'frozen'],
  scene: [],
  frozen: [],
};

/** Each kind's verdict on one keyframe; `edgeRef` is the reference's edge energy, if any. */
export function judge(
  o: Observation,
  checks: TamperChecks,
  edgeRef: number | null,
): Record<PictureAlarmKind, Verdict> {
  const black: Verdict =
    o.darkFraction >= checks.black.threshold
      ? 'bad'
      : o.darkFraction < checks.black.threshold - 0.15
        ? 'good'
        : 'between';
  const raiseEdge = Math.max(COVERED_ABSOLUTE_EDGE, checks.covered.threshold * (edgeRef ?? 0));
  const clearEdge = Math.max(
    COVERED_ABSOLUTE_EDGE * 1.5,
    (checks.covered.threshold + 0.15) * (edgeRef ?? 0),
  );
  const covered: Verdict =
    black === 'bad'
      ? 'between'
      : o.edgeEnergy < raiseEdge
        ? 'bad'
        : o.edgeEnergy > clearEdge
          ? 'good'
          : 'between';
  const frozen: Verdict =
    o.changed === null
      ? 'unknown'
      : o.changed <= checks.frozen.threshold
        ? 'bad'
        : o.changed > checks.frozen.threshold + 0.07
          ? 'good'
          : 'between';
  const scene: Verdict =
    o.scene === null
      ? 'unknown'
      : o.scene >= checks.scene.threshold
        ? 'bad'
        : o.scene < checks.scene.threshold - 0.2
          ? 'good'
          : 'between';
  return { black, covered, frozen, scene };
}

class KindState {
  open = false;
  private badSince: number | null = null;
  private bad = 0;
  private good = 0;

  /**
   * `since`: when the bad picture this keyframe shows began; `weight`: how many keyframes
   * the verdict stands for (a frozen verdict compares two).
   */
  step(v: Verdict, at: number, holdMs: number, since = at, weight = 1): void {
    if (v === 'unknown') return;
    if (!this.open) {
      if (v !== 'bad') {
        this.bad = 0;
        this.badSince = null;
        return;
      }
      if (this.bad === 0) this.bad = weight - 1;
      this.bad++;
      this.badSince ??= since;
      if (this.bad >= 2 && at - this.badSince >= holdMs - ARRIVAL_JITTER_MS) {
        this.open = true;
        this.good = 0;
      }
      return;
    }
    if (v !== 'good') {
      this.good = 0;
      return;
    }
    if (++this.good >= 2) {
      this.open = false;
      this.bad = 0;
      this.badSince = null;
    }
  }

  reset(): void {
    this.open = false;
    this.bad = 0;
    this.good = 0;
    this.badSince = null;
  }
}

/** One camera's picture alarms. */
export class TamperRules {
  private readonly states: Record<PictureAlarmKind, KindState> = {
    black: new KindState(),
    covered: new KindState(),
    scene: new KindState(),
    frozen: new KindState(),
  };

  constructor(private checks: TamperChecks) {}

  setChecks(checks: TamperChecks): void {
    this.checks = checks;
    for (const kind of PRECEDENCE) if (!checks[kind].enabled) this.states[kind].reset();
  }

  /** Feeds one keyframe; returns the alarms open now, the ones hidden by a stronger kind left out. */
  observe(o: Observation, edgeRef: number | null): PictureAlarmKind[] {
    const verdicts = judge(o, this.checks, edgeRef);
    for (const kind of PRECEDENCE) {
      const check = this.checks[kind];
      if (!check.enabled) continue;
      const holdMs = check.holdSeconds * 1000;
      // An unchanged keyframe proves the picture stood still since the previous one.
      if (kind === 'frozen' && o.prevAt !== null)
        this.states[kind].step(verdicts[kind], o.at, holdMs, o.prevAt, 2);
      else this.states[kind].step(verdicts[kind], o.at, holdMs);
    }
    return this.open();
  }

  /** Whether any kind is bad or open: no reference is learned from such a picture. */
  healthy(o: Observation, edgeRef: number | null): boolean {
    const v = judge(o, this.checks, edgeRef);
    return (
      this.open().length === 0 &&
      v.black !== 'bad' &&
      v.covered !== 'bad' &&
      v.frozen !== 'bad' &&
      v.scene !== 'bad'
    );
  }

  open(): PictureAlarmKind[] {
    const raw = PRECEDENCE.filter((k) => this.states[k].open);
    const hidden = new Set(raw.flatMap((k) => HIDES[k]));
    return raw.filter((k) => !hidden.has(k));
  }

  /** Alarms left open by the previous run go on until two good keyframes clear them. */
  resume(kinds: readonly PictureAlarmKind[]): void {
    for (const kind of kinds) if (this.checks[kind].enabled) this.states[kind].open = true;
  }

  /** The stream stopped: nothing is known of the picture any more. */
  reset(): void {
    for (const kind of PRECEDENCE) this.states[kind].reset();
  }
}
