import { describe, expect, it } from 'vitest';
import { FootageGrants } from './footage-grants';

describe('FootageGrants', () => {
  it('serves a listed segment to the session that listed it, for a while', () => {
    let now = 0;
    const alive = new Set(['s1', 's2']);
    const g = new FootageGrants({ ttlMs: 1000, now: () => now, sessionAlive: (t) => alive.has(t) });
    g.grant('s1', [7, 8]);
    expect(g.allows('s1', 7)).toBe(true);
    expect(g.allows('s1', 9)).toBe(false); // never listed
    expect(g.allows('s2', 7)).toBe(false); // another session
    expect(g.allows(null, 7)).toBe(false);
    now = 999;
    expect(g.allows('s1', 8)).toBe(true);
    g.grant('s1', [8]); // listed again: renewed
    now = 1500;
    expect(g.allows('s1', 7)).toBe(false);
    expect(g.allows('s1', 8)).toBe(true);
    alive.delete('s1'); // signed out
    expect(g.allows('s1', 8)).toBe(false);
  });
});
