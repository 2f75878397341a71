import { describe, expect, it } from 'vitest';
import { changedCells, measure, MONO_SATURATION, sceneDiff } from './picture-metrics';
import {
  blackWithOsd,
  blurred,
  flat,
  map,
  scene,
  shifted,
  withNoise,
} from './testing/synthetic-pictures';

describe('measure', () => {
  it('calls a black picture black although the OSD clock stays lit', () => {
    const m = measure(blackWithOsd());
    expect(m.darkFraction).toBeGreaterThan(0.95);
    expect(measure(scene(1)).darkFraction).toBeLessThan(0.3);
  });

  it('finds little edge energy in a flat or blurred picture, much in a sharp one', () => {
    const sharp = measure(scene(1)).edgeEnergy;
    expect(sharp).toBeGreaterThan(8);
    expect(measure(flat(120)).edgeEnergy).toBeLessThan(1);
    expect(measure(flat(120, 1)).edgeEnergy).toBeLessThan(0.35 * sharp);
    expect(measure(blurred(scene(1), 3)).edgeEnergy).toBeLessThan(0.35 * sharp);
    expect(measure(blurred(scene(1), 1, 1)).edgeEnergy).toBeLessThan(0.35 * sharp);
  });

  it('leaves the OSD out of the edge energy of a covered lens', () => {
    const covered = map(flat(90), (v, x, y) =>
      y >= 4 && y < 12 && x < 20 && (x + y) % 2 ? 235 : v,
    );
    expect(measure(covered).edgeEnergy).toBeLessThan(1);
  });

  it('tells colour from a grey IR night picture', () => {
    expect(measure(scene(1)).saturation).toBeGreaterThan(MONO_SATURATION);
    expect(measure(flat(120)).saturation).toBeLessThan(MONO_SATURATION);
  });
});

describe('changedCells', () => {
  it('sees every cell change on a live picture with sensor noise', () => {
    const a = withNoise(scene(1), 6, 10);
    const b = withNoise(scene(1), 6, 11);
    expect(changedCells(b, a)).toBeGreaterThan(0.9);
  });

  it('sees only the OSD cells change on a frozen picture', () => {
    const frozen = scene(1);
    const tick = map(frozen, (v, x, y) => (y < 10 && x < 20 ? 255 - v : v));
    expect(changedCells(tick, frozen)).toBeLessThanOrEqual(0.03);
    expect(changedCells(frozen, frozen)).toBe(0);
  });
});

describe('sceneDiff', () => {
  it('reports a shifted or different scene as changed', () => {
    const ref = scene(1);
    expect(sceneDiff(shifted(ref, 12, 0), ref)).toBeGreaterThan(0.6);
    expect(sceneDiff(shifted(ref, 0, 8), ref)).toBeGreaterThan(0.6);
    expect(sceneDiff(scene(2), ref)).toBeGreaterThan(0.6);
  });

  it('does not call a brightness change a scene change', () => {
    const ref = scene(1);
    expect(
      sceneDiff(
        map(ref, (v) => v * 0.5),
        ref,
      ),
    ).toBeLessThan(0.1);
    expect(
      sceneDiff(
        map(ref, (v) => v * 1.2 + 15),
        ref,
      ),
    ).toBeLessThan(0.1);
  });

  it('does not call sensor noise a scene change', () => {
    const ref = scene(1);
    expect(sceneDiff(withNoise(ref, 4, 3), ref)).toBeLessThan(0.1);
  });

  it('has nothing to compare against a reference without texture', () => {
    expect(sceneDiff(scene(1), flat(100))).toBeNull();
  });
});
