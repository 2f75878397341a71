import { describe, expect, it } from 'vitest';
import {
  ETA_AFTER_MS,
  PROGRESS_INTERVAL_MS,
  ProgressMeter,
  type JobProgress,
} from './export-progress';

function meter(filesTotal = 3) {
  let t = 1_000_000;
  const events: JobProgress[] = [];
  const m = new ProgressMeter(
    filesTotal,
    (p) => events.push(p),
    () => t,
  );
  return { m, events, tick: (ms: number) => (t += ms) };
}

describe('ProgressMeter', () => {
  it('shows no time left until it has two seconds of history, then the rate so far', () => {
    const { m, tick } = meter();
    m.addTotal(1000);
    tick(ETA_AFTER_MS - 1);
    m.advance(100);
    expect(m.snapshot().etaSec).toBeNull();
    tick(1);
    // 100 bytes in 2 s: 900 bytes left take 18 s.
    expect(m.snapshot()).toMatchObject({ done: 100, total: 1000, etaSec: 18 });
  });

  it('pushes at most once per interval', () => {
    const { m, events, tick } = meter();
    m.addTotal(10_000);
    for (let i = 0; i < 100; i++) {
      m.advance(10);
      tick(10); // 100 updates over 1 s
    }
    expect(events.length).toBe(Math.ceil(1000 / PROGRESS_INTERVAL_MS));
    expect(events.map((e) => e.done)).toEqual([10, 260, 510, 760]);
  });

  it('never reports more done than the total, even past a low estimate', () => {
    const { m, tick } = meter();
    m.addTotal(100);
    m.advance(150);
    expect(m.snapshot()).toMatchObject({ done: 150, total: 150 });
    m.correctTotal(-1000);
    expect(m.snapshot()).toMatchObject({ done: 150, total: 150 });
    m.correctTotal(50);
    tick(PROGRESS_INTERVAL_MS);
    expect(m.snapshot()).toMatchObject({ done: 150, total: 200 });
  });

  it('counts files done up to the total and keeps the phase and file', () => {
    const { m, tick } = meter(2);
    m.at('video', 'video/CAM01.mp4');
    for (let i = 0; i < 3; i++) m.fileDone();
    tick(PROGRESS_INTERVAL_MS);
    expect(m.snapshot()).toMatchObject({
      phase: 'video',
      currentFile: 'video/CAM01.mp4',
      filesDone: 2,
      filesTotal: 2,
    });
  });
});
