import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PtzVelocity } from './ptz-device';
import { PtzMovePacer } from './ptz-move-pacer';

type Call = { at: number; op: 'move' | 'stop'; v?: PtzVelocity };

let calls: Call[];
let answerMs: number;
const left: PtzVelocity = { pan: -0.5, tilt: 0, zoom: 0 };
const up: PtzVelocity = { pan: 0, tilt: 0.5, zoom: 0 };

const answer = () => new Promise<void>((r) => setTimeout(r, answerMs));
const make = () =>
  new PtzMovePacer(
    {
      move: async (v) => {
        calls.push({ at: Date.now(), op: 'move', v });
        await answer();
      },
      stop: async () => {
        calls.push({ at: Date.now(), op: 'stop' });
        await answer();
      },
    },
    { minIntervalMs: 200, deadManMs: 700 },
  );

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  calls = [];
  answerMs = 20;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PtzMovePacer', () => {
  it('sends Stop 700 ms after the last move when the console goes quiet', async () => {
    const pacer = make();
    void pacer.move(left);
    await vi.advanceTimersByTimeAsync(300);
    void pacer.move(left);
    await vi.advanceTimersByTimeAsync(699);
    expect(calls.map((c) => c.op)).toEqual(['move', 'move']);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.op)).toEqual(['move', 'move', 'stop']);
    expect(calls[2]?.at).toBe(1000);
    expect(pacer.isMoving).toBe(false);
  });

  it('keeps moving without a Stop while the console repeats every 300 ms', async () => {
    const pacer = make();
    for (let i = 0; i < 10; i++) {
      void pacer.move(left);
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(calls.filter((c) => c.op === 'stop')).toEqual([]);
    expect(calls).toHaveLength(10);
  });

  it('coalesces a burst to at most 5 calls a second, the latest speeds winning', async () => {
    const pacer = make();
    const done: Promise<void>[] = [];
    // A key-repeat storm: a move every 10 ms for 1 s, the direction changing half way.
    for (let t = 0; t < 1000; t += 10) {
      done.push(pacer.move(t < 500 ? left : up));
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(200);
    const moves = calls.filter((c) => c.op === 'move');
    expect(moves.length).toBeLessThanOrEqual(6);
    expect(moves.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < moves.length; i++) {
      expect(moves[i]!.at - moves[i - 1]!.at).toBeGreaterThanOrEqual(200);
    }
    expect(moves.at(-1)?.v).toEqual(up);
    // Every caller is answered, coalesced or not.
    await expect(Promise.all(done)).resolves.toBeDefined();
  });

  it('never lets a move overtake a Stop, even with a slow camera', async () => {
    answerMs = 400;
    const pacer = make();
    void pacer.move(left);
    await vi.advanceTimersByTimeAsync(50);
    void pacer.move(up); // pending behind the slow first call
    const stopped = pacer.stop();
    await vi.advanceTimersByTimeAsync(1000);
    await stopped;
    expect(calls.map((c) => c.op)).toEqual(['move', 'stop']);
    // Stop went out only once the move in flight was answered.
    expect(calls[1]?.at).toBe(400);
  });

  it('rejects the callers of a move the camera refused, and goes on', async () => {
    let fail = true;
    const pacer = new PtzMovePacer(
      {
        move: async (v) => {
          calls.push({ at: Date.now(), op: 'move', v });
          if (fail) throw new Error('fault');
        },
        stop: async () => {
          calls.push({ at: Date.now(), op: 'stop' });
        },
      },
      { minIntervalMs: 200, deadManMs: 700 },
    );
    await expect(pacer.move(left)).rejects.toThrow('fault');
    fail = false;
    await vi.advanceTimersByTimeAsync(200);
    await expect(pacer.move(left)).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(700);
    expect(calls.map((c) => c.op)).toEqual(['move', 'move', 'stop']);
  });

  it('close stops a camera still moving, and nothing fires after', async () => {
    const pacer = make();
    void pacer.move(left);
    await vi.advanceTimersByTimeAsync(50);
    const closed = pacer.close();
    await vi.advanceTimersByTimeAsync(50);
    await closed;
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.map((c) => c.op)).toEqual(['move', 'stop']);
  });
});
