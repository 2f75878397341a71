// Signed-in sessions, in memory only: a restart signs everyone out, and no token
// ever reaches the disk. A token is looked up by Map key, never compared by hand.
import { randomBytes } from 'node:crypto';
import type { Officer, Session } from '../../contract/officer-schemas';
import type { Principal } from '../app/dispatch';

export interface SessionRecord {
  token: string;
  officer: Officer;
  /** null: a commander supervising alongside another officer's open shift. */
  shiftId: string | null;
  shiftStartedAt: number | null;
  locked: boolean;
  signedInAt: number;
}

const TOKEN_BYTES = 32;

export class SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();

  create(
    officer: Officer,
    shift: { id: string; startedAt: number } | null,
    now: number = Date.now(),
  ): SessionRecord {
    const record: SessionRecord = {
      token: randomBytes(TOKEN_BYTES).toString('base64url'),
      officer,
      shiftId: shift?.id ?? null,
      shiftStartedAt: shift?.startedAt ?? null,
      locked: false,
      signedInAt: now,
    };
    this.sessions.set(record.token, record);
    return { ...record };
  }

  get(token: string): SessionRecord | null {
    const record = this.sessions.get(token);
    return record ? { ...record } : null;
  }

  /** Every live session (e.g. to end those of a shift that was replaced). */
  list(): SessionRecord[] {
    return [...this.sessions.values()].map((r) => ({ ...r }));
  }

  /** The caller behind a token, for dispatch's access check. */
  principal(token: string): Principal | null {
    const record = this.sessions.get(token);
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
    const record = this.sessions.get(token);
    if (!record) return false;
    record.locked = locked;
    return true;
  }
}
