import { describe, expect, it } from 'vitest';
import { Session } from '../../contract/officer-schemas';
import type { Officer } from '../../contract/officer-schemas';
import { SessionStore } from './session-store';

const an: Officer = {
  id: 'off-1',
  fullName: 'Nguyễn Văn An',
  rank: 'Thiếu úy',
  badgeNumber: '123-456',
  role: 'duty',
  active: true,
  createdAt: 1,
  lastSignInAt: 5,
};
const binh: Officer = { ...an, id: 'off-2', fullName: 'Trần Thị Bình', badgeNumber: '222' };
const shift = { id: 'shift-1', startedAt: 1000 };

describe('SessionStore', () => {
  it('creates unguessable tokens and resolves them to a principal', () => {
    const store = new SessionStore({ now: () => 5000 });
    const a = store.create(an, shift, 2000);
    const b = store.create(an, shift, 2001);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(store.principal(a.token)).toEqual({
      officerId: 'off-1',
      fullName: 'Nguyễn Văn An',
      rank: 'Thiếu úy',
      role: 'duty',
      shiftId: 'shift-1',
      token: a.token,
      locked: false,
    });
    expect(store.principal('nope')).toBeNull();
    const supervising = store.create({ ...an, id: 'off-9', role: 'commander' }, null, 3000);
    expect(store.principal(supervising.token)?.shiftId).toBeNull();
    expect(Session.parse(store.toSession(supervising))).toMatchObject({
      shiftId: null,
      shiftStartedAt: null,
    });
    expect(store.principal(a.token.slice(0, -1))).toBeNull();
    expect(Session.parse(store.toSession(a))).toEqual({
      token: a.token,
      officer: an,
      shiftId: 'shift-1',
      shiftStartedAt: 1000,
      locked: false,
      signedInAt: 2000,
    });
  });

  it('locks and unlocks one session, not the officer’s other windows', () => {
    const store = new SessionStore({ now: () => 5000 });
    const a = store.create(an, shift);
    const b = store.create(an, shift);
    expect(store.lock(a.token)).toBe(true);
    expect(store.principal(a.token)?.locked).toBe(true);
    expect(store.get(a.token)?.locked).toBe(true);
    expect(store.principal(b.token)?.locked).toBe(false);
    expect(store.unlock(a.token)).toBe(true);
    expect(store.principal(a.token)?.locked).toBe(false);
    expect(store.lock('nope')).toBe(false);
  });

  it('does not let a returned record change the stored session', () => {
    const store = new SessionStore({ now: () => 5000 });
    const a = store.create(an, shift);
    const copy = store.get(a.token);
    if (copy) copy.locked = true;
    a.shiftId = 'other';
    expect(store.principal(a.token)).toMatchObject({ locked: false, shiftId: 'shift-1' });
  });

  it('ends one session, or all of one officer', () => {
    const store = new SessionStore({ now: () => 5000 });
    const a1 = store.create(an, shift);
    const a2 = store.create(an, shift);
    const b = store.create(binh, shift);
    expect(store.end(a1.token)?.officer.id).toBe('off-1');
    expect(store.end(a1.token)).toBeNull();
    expect(store.principal(a1.token)).toBeNull();
    store.create(an, shift);
    expect(store.endForOfficer('off-1').map((r) => r.officer.id)).toEqual(['off-1', 'off-1']);
    expect(store.get(a2.token)).toBeNull();
    expect(store.list().map((r) => r.token)).toEqual([b.token]);
  });

  it('shows a rename or role change in live sessions and signs out a deactivated officer', () => {
    const store = new SessionStore({ now: () => 5000 });
    const a = store.create(an, shift);
    const b = store.create(binh, shift);
    expect(store.updateOfficer({ ...an, fullName: 'Nguyễn Văn Ân', role: 'commander' })).toEqual(
      [],
    );
    expect(store.principal(a.token)).toMatchObject({
      fullName: 'Nguyễn Văn Ân',
      role: 'commander',
    });
    expect(store.principal(b.token)?.fullName).toBe('Trần Thị Bình');
    const ended = store.updateOfficer({ ...an, active: false });
    expect(ended.map((r) => r.token)).toEqual([a.token]);
    expect(store.principal(a.token)).toBeNull();
    expect(store.principal(b.token)).not.toBeNull();
  });

  it('locks a session the console stopped reporting input for, past the idle lock and its grace', () => {
    let now = 1_000;
    const events: string[] = [];
    const store = new SessionStore({ now: () => now, onPolicy: (e) => events.push(e) });
    store.setIdleLockMs(5 * 60_000);
    const { token } = store.create(an, shift);
    now += 5 * 60_000; // the page's own lock time: reports are throttled, so not yet
    expect(store.principal(token)?.locked).toBe(false);
    store.touch(token);
    now += 5 * 60_000 + 39_000;
    expect(store.principal(token)?.locked).toBe(false);
    now += 1_000;
    store.sweep();
    expect(store.principal(token)?.locked).toBe(true);
    expect(events).toEqual(['idle_lock']);
    // Reports from a locked page do not unlock it; the password does.
    store.touch(token);
    expect(store.principal(token)?.locked).toBe(true);
    store.unlock(token);
    expect(store.principal(token)?.locked).toBe(false);
  });

  it('never locks for idleness when the idle lock is off', () => {
    let now = 0;
    const store = new SessionStore({ now: () => now });
    const { token } = store.create(an, shift);
    now += 10 * 3600_000;
    expect(store.principal(token)?.locked).toBe(false);
  });

  it('ends every session at its absolute lifetime, whatever the activity', () => {
    let now = 0;
    const events: string[] = [];
    const store = new SessionStore({
      now: () => now,
      maxAgeMs: 3600_000,
      onPolicy: (e) => events.push(e),
    });
    const { token } = store.create(an, shift);
    for (let i = 0; i < 59; i++) {
      now += 60_000;
      store.touch(token);
    }
    expect(store.principal(token)).not.toBeNull();
    now += 60_000;
    expect(store.principal(token)).toBeNull();
    expect(store.get(token)).toBeNull();
    expect(events).toEqual(['expired']);
  });
});
