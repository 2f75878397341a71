import { describe, expect, it } from 'vitest';
import { encodeLiveClientFrame, parseLiveClientFrame } from './live-stream';

describe('LiveClientFrame', () => {
  it('round-trips pause and resume', () => {
    for (const type of ['pause', 'resume'] as const)
      expect(parseLiveClientFrame(encodeLiveClientFrame({ type }))).toEqual({ type });
  });

  it('reads anything else as null (the hub ignores it)', () => {
    for (const text of ['', 'pause', '{"type":"stop"}', '{"kind":"pause"}', '[1]', 'null'])
      expect(parseLiveClientFrame(text)).toBeNull();
  });
});
