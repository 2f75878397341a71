import { describe, expect, it } from 'vitest';
import { TranscodeSlots } from './transcode-slots';

const never = new AbortController().signal;

describe('TranscodeSlots', () => {
  it('hands out at most `max` slots and passes a freed one to the first caller waiting', async () => {
    const slots = new TranscodeSlots(2);
    const a = await slots.acquire(0, never);
    const b = await slots.acquire(0, never);
    expect(a && b).toBeTruthy();
    expect(slots.running).toBe(2);
    const waiting = slots.acquire(5_000, never);
    a!();
    a!(); // releasing twice frees one slot only
    const c = await waiting;
    expect(c).not.toBeNull();
    expect(slots.running).toBe(2);
    b!();
    c!();
    expect(slots.running).toBe(0);
  });

  it('gives up after the wait, or when the caller goes away, without taking a slot', async () => {
    const slots = new TranscodeSlots(1);
    const held = await slots.acquire(0, never);
    expect(await slots.acquire(30, never)).toBeNull();
    const gone = new AbortController();
    const leaving = slots.acquire(5_000, gone.signal);
    gone.abort();
    expect(await leaving).toBeNull();
    held!();
    expect(slots.running).toBe(0);
    expect(await slots.acquire(0, gone.signal)).toBeNull(); // already gone: nothing starts
  });
});
