// Signed-in sessions, in memory only: a restart signs everyone out, and no token
// ever reaches the disk. A token is looked up by Map key, never compared by hand.
// The core, not only the page, enforces the idle lock (from the console's activity
// reports) and an absolute lifetime: a page that stops reporting, or a token taken
// from a forgotten tab, does not keep a session open.
import { randomBytes } from 'node:crypto';
import { ACTIVITY_REPORT_MS, type Officer, type Session } from '../../contract/officer-schemas';
import type { Principal } from '../app/dispatch';

/** A session ends this long after sign-in, whatever happens: a 24-hour duty and a margin. */
export const SESSION_MAX_AGE_MS = 25 * 3600_000;
/** The core locks this long after the page's own idle lock should have (reports are throttled). */
const IDLE_GRACE_MS = 2 * ACTIVITY_REPORT_MS;

export type SessionPolicyEvent = 'idle_lock' | 'expired';

export interface SessionRecord {
  token: string;
  officer: Officer;
  /** null: a commander supervising alongside another officer's open shift. */
  shiftId: string | null;
  shiftStartedAt: number | null;
  locked: boolean;
  signedInAt: number;
  /** The last input the console reported (sign-in, unlock, auth.activity). */
  lastActivityAt: number;
}

export interface SessionStoreOptions {
  now?: () => number;
  maxAgeMs?: number;
  /** Told when the policy locks or ends a session (to audit it and tell the consoles). */
  onPolicy?: (event: SessionPolicyEvent, record: SessionRecord) => void;
}

const TOKEN_BYTES = 32;

export class SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  /** The station's idle lock (settings.idleLockMinutes); 0 = never. */
  private idleLockMs = 0;

  constructor(private readonly opts: SessionStoreOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.maxAgeMs = opts.maxAgeMs ?? SESSION_MAX_AGE_MS;
  }

  setIdleLockMs(ms: number): void {
    this.idleLockMs = Math.max(0, ms);
  }

  /** Locks idle sessions and ends expired ones. */
  sweep(): void {
    for (const record of [...this.sessions.values()]) this.enforce(record);
  }

  create(
    officer: Officer,
    shift: { id: string; startedAt: number } | null,
    now: number = this.now(),
  ): SessionRecord {
    const record: SessionRecord = {
      token: randomBytes(TOKEN_BYTES).toString('base64url'),
      officer,
      shiftId: shift?.id ?? null,
      shiftStartedAt: shift?.startedAt ?? null,
      locked: false,
      signedInAt: now,
      lastActivityAt: now,
    };
    this.sessions.set(record.token, record);
    return { ...record };
  }

  get(token: string): SessionRecord | null {
    const record = this.live(token);
    return record ? { ...record } : null;
  }

  /** The console reports input: the idle spell starts again (only while unlocked). */
  touch(token: string): void {
    const record = this.live(token);
    if (record && !record.locked) record.lastActivityAt = this.now();
  }

  /** Every live session (e.g. to end those of a shift that was replaced). */
  list(): SessionRecord[] {
    return [...this.sessions.values()].map((r) => ({ ...r }));
  }

  /** The caller behind a token, for dispatch's access check. */
  principal(token: string): Principal | null {
    const record = this.live(token);
    if (!record) return null;
    const { officer } = record;
    return {
      officerId: officer.id,
      fullName: officer.fullName,
      rank: officer.rank,
      role: officer.role,
      shiftId: record.shiftId,
      token: record.token,
      locked: record.locked,
    };
  }

  /** False when there is no such session. */
  lock(token: string): boolean {
    return this.setLocked(token, true);
  }

  unlock(token: string): boolean {
    return this.setLocked(token, false);
  }

  /** The ended session, or null when there was none. */
  end(token: string): SessionRecord | null {
    const record = this.sessions.get(token);
    if (!record) return null;
    this.sessions.delete(token);
    return record;
  }

  /** Ends every session of an officer (all their windows); returns what ended. */
  endForOfficer(officerId: string): SessionRecord[] {
    const ended: SessionRecord[] = [];
    for (const [token, record] of this.sessions) {
      if (record.officer.id !== officerId) continue;
      this.sessions.delete(token);
      ended.push(record);
    }
    return ended;
  }

  /**
   * A rename or role change shows in the officer's live sessions at once (the role
   * decides access on the next call); a deactivated officer is signed out.
   * Returns the sessions that ended.
   */
  updateOfficer(officer: Officer): SessionRecord[] {
    if (!officer.active) return this.endForOfficer(officer.id);
    for (const record of this.sessions.values()) {
      if (record.officer.id === officer.id) record.officer = officer;
    }
    return [];
  }

  toSession(record: SessionRecord): Session {
    return {
      token: record.token,
      officer: record.officer,
      shiftId: record.shiftId,
      shiftStartedAt: record.shiftStartedAt,
      locked: record.locked,
      signedInAt: record.signedInAt,
    };
  }

  private setLocked(token: string, locked: boolean): boolean {
    const record = this.live(token);
    if (!record) return false;
    record.locked = locked;
    if (!locked) record.lastActivityAt = this.now();
    return true;
  }

  /** The session behind a token after applying the policy; null when none or it ended. */
  private live(token: string): SessionRecord | null {
    const record = this.sessions.get(token);
    return record && this.enforce(record) ? record : null;
  }

  /** False when the session has expired (and is now ended). */
  private enforce(record: SessionRecord): boolean {
    const now = this.now();
    if (now - record.signedInAt >= this.maxAgeMs) {
      this.sessions.delete(record.token);
      this.opts.onPolicy?.('expired', { ...record });
      return false;
    }
    if (
      !record.locked &&
      this.idleLockMs > 0 &&
      now - record.lastActivityAt >= this.idleLockMs + IDLE_GRACE_MS
    ) {
      record.locked = true;
      this.opts.onPolicy?.('idle_lock', { ...record });
    }
    return true;
  }
}
