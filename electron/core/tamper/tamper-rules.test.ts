import { describe, expect, it } from 'vitest';
import type { PictureAlarmKind } from '../../contract/camera-alarms';
import { DEFAULT_TAMPER_CHECKS } from '../../contract/tamper';
import { TamperRules, type Observation } from './tamper-rules';
import { random } from './testing/synthetic-pictures';

const EDGE_REF = 20;
const normal = (at: number): Observation => ({
  at,
  darkFraction: 0.05,
  edgeEnergy: EDGE_REF,
  changed: 0.8,
  scene: 0.05,
  prevAt: null,
});
const PICTURES: Record<PictureAlarmKind, (at: number) => Observation> = {
  black: (at) => ({
    at,
    darkFraction: 0.97,
    edgeEnergy: 0.5,
    changed: 0.01,
    scene: 0.9,
    prevAt: null,
  }),
  frozen: (at) => ({ ...normal(at), changed: 0.01 }),
  covered: (at) => ({ ...normal(at), edgeEnergy: 3, changed: 0.02, scene: 0.7 }),
  scene: (at) => ({ ...normal(at), scene: 0.85 }),
};

/**
 * Keyframes every `gopMs` (±200 ms jitter, seeded) from a random phase; the picture
 * turns bad at `badAt` and good again at `goodAt`. Returns when the alarm opened and closed.
 */
function run(kind: PictureAlarmKind, gopMs: number, seed: number) {
  const rnd = random(seed);
  const rules = new TamperRules(DEFAULT_TAMPER_CHECKS);
  const badAt = 60_000;
  const goodAt = 120_000;
  let openedAt: number | null = null;
  let closedAt: number | null = null;
  let prevT: number | null = null;
  let prevBad = false;
  for (
    let k = 0, t = rnd() * gopMs;
    t < 200_000 && k < 10_000;
    k++, t = k * gopMs + (rnd() - 0.5) * 400
  ) {
    const bad = t >= badAt && t < goodAt;
    const o = { ...(bad ? PICTURES[kind](t) : normal(t)), prevAt: prevT };
    // The first frozen keyframe still differs from the last live one.
    if (kind === 'frozen' && bad && !prevBad) o.changed = 0.8;
    prevT = t;
    prevBad = bad;
    const open = rules.observe(o, EDGE_REF);
    if (open.includes(kind) && openedAt === null) openedAt = t;
    if (!open.includes(kind) && openedAt !== null && closedAt === null) closedAt = t;
    if (t < badAt) expect(open).toEqual([]);
  }
  return { raiseMs: (openedAt ?? Infinity) - badAt, clearMs: (closedAt ?? Infinity) - goodAt };
}

describe('TamperRules', () => {
  for (const gopMs of [1000, 4000])
    for (const kind of ['black', 'frozen', 'covered', 'scene'] as const)
      it(`raises ${kind} within GOP + hold (whole GOPs) and clears within two GOPs (GOP ${gopMs / 1000} s)`, () => {
        const hold = DEFAULT_TAMPER_CHECKS[kind].holdSeconds * 1000;
        for (let seed = 1; seed <= 20; seed++) {
          const { raiseMs, clearMs } = run(kind, gopMs, seed);
          // The first bad keyframe comes within a GOP; the hold then counts in whole GOPs.
          expect(raiseMs).toBeLessThanOrEqual(gopMs + Math.ceil(hold / gopMs) * gopMs + 400);
          expect(raiseMs).toBeGreaterThanOrEqual(hold - 1000);
          expect(raiseMs).toBeLessThanOrEqual(10_000);
          expect(clearMs).toBeLessThanOrEqual(2 * gopMs + 400);
        }
      });

  it('does not raise on a single bad keyframe, nor on bad keyframes shorter than the hold', () => {
    const rules = new TamperRules(DEFAULT_TAMPER_CHECKS);
    expect(rules.observe(PICTURES.black(0), null)).toEqual([]);
    expect(rules.observe(PICTURES.black(1000), null)).toEqual([]);
    expect(rules.observe(normal(2000), null)).toEqual([]);
    expect(rules.observe(PICTURES.black(3000), null)).toEqual([]);
    expect(rules.observe(PICTURES.black(6000), null)).toEqual(['black']);
  });

  it('keeps the alarm open on a picture between the raise and clear thresholds (hysteresis)', () => {
    const rules = new TamperRules(DEFAULT_TAMPER_CHECKS);
    for (let t = 0; t <= 8000; t += 2000) rules.observe(PICTURES.black(t), null);
    expect(rules.open()).toEqual(['black']);
    // 90 % dark: no longer raising (95 %) but not clear either (80 %).
    for (let t = 10_000; t <= 30_000; t += 2000)
      expect(rules.observe({ ...normal(t), darkFraction: 0.9 }, null)).toEqual(['black']);
    // One good keyframe is not enough; two are.
    expect(rules.observe(normal(32_000), null)).toEqual(['black']);
    expect(rules.observe(normal(34_000), null)).toEqual([]);
  });

  it('shows black alone on a black picture, and covered without the scene or frozen it implies', () => {
    const rules = new TamperRules(DEFAULT_TAMPER_CHECKS);
    for (let t = 0; t <= 10_000; t += 2000)
      rules.observe({ ...PICTURES.black(t), changed: 0, scene: 1 }, EDGE_REF);
    expect(rules.open()).toEqual(['black']);
    const covered = new TamperRules(DEFAULT_TAMPER_CHECKS);
    for (let t = 0; t <= 10_000; t += 2000)
      covered.observe({ ...PICTURES.covered(t), changed: 0, scene: 1 }, EDGE_REF);
    expect(covered.open()).toEqual(['covered']);
  });

  it('uses the reference edge energy for covered, and an absolute floor without one', () => {
    const blurry = (t: number): Observation => ({ ...normal(t), edgeEnergy: 5 });
    const withRef = new TamperRules(DEFAULT_TAMPER_CHECKS);
    const noRef = new TamperRules(DEFAULT_TAMPER_CHECKS);
    for (let t = 0; t <= 10_000; t += 2000) {
      withRef.observe(blurry(t), EDGE_REF);
      noRef.observe(blurry(t), null);
    }
    expect(withRef.open()).toEqual(['covered']);
    expect(noRef.open()).toEqual([]);
  });

  it('resumes alarms left open by the previous run until two good keyframes clear them', () => {
    const rules = new TamperRules(DEFAULT_TAMPER_CHECKS);
    rules.resume(['covered']);
    expect(rules.observe(PICTURES.covered(0), EDGE_REF)).toEqual(['covered']);
    expect(rules.observe(normal(2000), EDGE_REF)).toEqual(['covered']);
    expect(rules.observe(normal(4000), EDGE_REF)).toEqual([]);
  });

  it('never raises a disabled check and drops it when switched off', () => {
    const checks = {
      ...DEFAULT_TAMPER_CHECKS,
      frozen: { ...DEFAULT_TAMPER_CHECKS.frozen, enabled: false },
    };
    const rules = new TamperRules(checks);
    for (let t = 0; t <= 10_000; t += 2000) rules.observe(PICTURES.frozen(t), null);
    expect(rules.open()).toEqual([]);
    const on = new TamperRules(DEFAULT_TAMPER_CHECKS);
    for (let t = 0; t <= 10_000; t += 2000) on.observe(PICTURES.frozen(t), null);
    expect(on.open()).toEqual(['frozen']);
    on.setChecks(checks);
    expect(on.open()).toEqual([]);
  });
});
