import { describe, expect, it } from 'vitest';
import { ffconcatText, planClip, quoteConcatPath, type SourceSegment } from './clip-plan';

const T0 = Date.UTC(2024, 2, 1, 1, 0, 0);

/** Segments of `lengthMs` from T0, with `gaps[i]` ms of nothing after segment i. */
function segs(n: number, lengthMs: number, gaps: Record<number, number> = {}): SourceSegment[] {
  const out: SourceSegment[] = [];
  let t = T0;
  for (let i = 0; i < n; i++) {
    out.push({
      id: i + 1,
      startMs: t,
      endMs: t + lengthMs,
      bytes: 1000 * (i + 1),
      path: `/rec/s${i + 1}.mp4`,
    });
    t += lengthMs + (gaps[i] ?? 0);
  }
  return out;
}

/** The list's directives, one [keyword, value] per line after the header. */
function directives(text: string): [string, string][] {
  const [header, ...rest] = text.trimEnd().split('\n');
  expect(header).toBe('ffconcat version 1.0');
  return rest.map((l) => {
    const i = l.indexOf(' ');
    return [l.slice(0, i), l.slice(i + 1)];
  });
}

describe('planClip', () => {
  it('a range inside one segment reads that segment only, with in- and outpoint', () => {
    const all = segs(3, 60_000);
    const plan = planClip(all, T0 + 70_000, T0 + 80_500);
    expect(plan.segments.map((s) => s.id)).toEqual([2]);
    expect(plan.sourceBytes).toBe(2000);
    expect(plan.recordedMs).toBe(10_500);
    expect(plan.missing).toEqual([]);
    expect(plan.contentStartMs).toBe(T0 + 70_000);
    expect(plan.contentEndMs).toBe(T0 + 80_500);
    expect(directives(ffconcatText(plan))).toEqual([
      ['file', "'/rec/s2.mp4'"],
      ['inpoint', '10.000'],
      ['outpoint', '20.500'],
      ['duration', '10.500'],
    ]);
  });

  it('a range across segments: inpoint on the first, outpoint on the last, whole files between', () => {
    const plan = planClip(segs(4, 60_000), T0 + 30_000, T0 + 150_040);
    expect(plan.segments.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(plan.sourceBytes).toBe(6000);
    expect(plan.recordedMs).toBe(120_040);
    expect(directives(ffconcatText(plan))).toEqual([
      ['file', "'/rec/s1.mp4'"],
      ['inpoint', '30.000'],
      ['duration', '30.000'],
      ['file', "'/rec/s2.mp4'"],
      ['duration', '60.000'],
      ['file', "'/rec/s3.mp4'"],
      ['outpoint', '30.040'],
      ['duration', '30.040'],
    ]);
  });

  it('a range starting in a gap starts at the next footage and reports the hole', () => {
    const plan = planClip(segs(2, 10_000, { 0: 5000 }), T0 + 12_000, T0 + 20_000);
    expect(plan.segments.map((s) => s.id)).toEqual([2]);
    expect(plan.missing).toEqual([{ startMs: T0 + 12_000, endMs: T0 + 15_000 }]);
    expect(plan.contentStartMs).toBe(T0 + 15_000);
    expect(plan.recordedMs).toBe(5000);
    // No inpoint: the file is read from its first keyframe.
    expect(directives(ffconcatText(plan))).toEqual([
      ['file', "'/rec/s2.mp4'"],
      ['outpoint', '5.000'],
      ['duration', '5.000'],
    ]);
  });

  it('a gap in the middle is missing, and the duration before it holds the wall clock', () => {
    const plan = planClip(segs(3, 10_000, { 1: 7000 }), T0 + 5000, T0 + 35_000);
    expect(plan.missing).toEqual([{ startMs: T0 + 20_000, endMs: T0 + 27_000 }]);
    expect(plan.recordedMs).toBe(23_000);
    expect(directives(ffconcatText(plan))).toEqual([
      ['file', "'/rec/s1.mp4'"],
      ['inpoint', '5.000'],
      ['duration', '5.000'],
      ['file', "'/rec/s2.mp4'"],
      ['duration', '17.000'], // 10 s of footage + 7 s held until s3 starts
      ['file', "'/rec/s3.mp4'"],
      ['outpoint', '8.000'],
      ['duration', '8.000'],
    ]);
  });

  it('holes under 2 s between segments are jitter, not missing, but still keep alignment', () => {
    const plan = planClip(segs(2, 10_000, { 0: 1500 }), T0, T0 + 30_000);
    expect(plan.missing).toEqual([{ startMs: T0 + 21_500, endMs: T0 + 30_000 }]);
    expect(plan.recordedMs).toBe(21_500);
    expect(directives(ffconcatText(plan))[1]).toEqual(['duration', '11.500']);
  });

  it('a range before, after or between footage has none', () => {
    const all = segs(2, 10_000, { 0: 60_000 });
    for (const [from, to] of [
      [T0 - 5000, T0],
      [T0 + 20_000, T0 + 70_000],
      [T0 + 80_000, T0 + 90_000],
    ] as const) {
      const plan = planClip(all, from, to);
      expect(plan.segments).toEqual([]);
      expect(plan.recordedMs).toBe(0);
      expect(plan.sourceBytes).toBe(0);
      expect(plan.missing).toEqual([{ startMs: from, endMs: to }]);
      expect(plan.contentStartMs).toBeNull();
      expect(plan.contentEndMs).toBeNull();
      expect(() => ffconcatText(plan)).toThrow(/no footage/);
    }
  });

  it('orders unsorted rows, drops a duplicate inside another and trims an overlap with outpoint', () => {
    const [a, b, c] = segs(3, 10_000);
    const overlapping: SourceSegment = { ...b!, id: 9, startMs: b!.startMs - 400, endMs: b!.endMs };
    const duplicate: SourceSegment = {
      ...a!,
      id: 8,
      startMs: a!.startMs + 1000,
      endMs: a!.endMs - 1000,
    };
    const plan = planClip([c!, overlapping, duplicate, a!], T0, T0 + 30_000);
    expect(plan.segments.map((s) => s.id)).toEqual([1, 9, 3]);
    expect(plan.missing).toEqual([]);
    expect(directives(ffconcatText(plan)).slice(0, 3)).toEqual([
      ['file', "'/rec/s1.mp4'"],
      ['outpoint', '9.600'],
      ['duration', '9.600'],
    ]);
  });

  it('starts from the later of two overlapping segments when it already holds fromMs', () => {
    const a: SourceSegment = { id: 1, startMs: T0, endMs: T0 + 10_000, bytes: 1, path: '/a.mp4' };
    const b: SourceSegment = {
      id: 2,
      startMs: T0 + 5000,
      endMs: T0 + 15_000,
      bytes: 1,
      path: '/b.mp4',
    };
    const plan = planClip([a, b], T0 + 7000, T0 + 12_000);
    expect(plan.segments.map((s) => s.id)).toEqual([2]);
    expect(directives(ffconcatText(plan))).toEqual([
      ['file', "'/b.mp4'"],
      ['inpoint', '2.000'],
      ['outpoint', '7.000'],
      ['duration', '5.000'],
    ]);
  });
});

describe('quoteConcatPath', () => {
  it("escapes a ' in a path and keeps spaces, backslashes and Vietnamese letters literal", () => {
    expect(quoteConcatPath("/data/Camera cổng/it's.mp4")).toBe("'/data/Camera cổng/it'\\''s.mp4'");
    expect(quoteConcatPath('D:\\Ghi hình\\a.mp4')).toBe("'D:\\Ghi hình\\a.mp4'");
  });

  it('refuses a path with a line break (the list is read line by line)', () => {
    expect(() => quoteConcatPath('/a\nfile /etc/passwd')).toThrow(/line break/);
  });
});
